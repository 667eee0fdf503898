import { indexSite } from "./lib/build-site.js";
const t = performance.now();
const n = await indexSite(process.argv[2]!, { outputRoot: process.argv[3] });
console.log(n, ((performance.now() - t) / 1000).toFixed(1), "s");
