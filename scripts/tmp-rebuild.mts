import { loadContent } from "./lib/content.js";
import { buildCatalog } from "./lib/catalog.js";
import { planRender } from "./lib/render-plan.js";
import { writeExports } from "./lib/exports.js";
import type { CheckCache } from "./lib/check-content.js";
const dir = process.argv[2]!;
const cache: CheckCache = new Map();
let c = await loadContent(dir, cache);
let last = buildCatalog(c.papers, c.manifests);
for (let i = 0; i < 3; i++) {
  let t = performance.now();
  c = await loadContent(dir, cache);
  const t1 = performance.now();
  const cat = buildCatalog(c.papers, c.manifests);
  const t2 = performance.now();
  const plan = planRender(cat, last);
  const t3 = performance.now();
  writeExports(cat, "/tmp/b/exp", { siteUrl: "", pathPrefix: "/" }, plan);
  const t4 = performance.now();
  console.log(`load ${(t1 - t).toFixed(0)} catalog ${(t2 - t1).toFixed(0)} plan ${(t3 - t2).toFixed(0)} exports ${(t4 - t3).toFixed(0)} ms`);
  last = cat;
}
