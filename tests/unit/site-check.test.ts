/** The link crawler on a small hand-made site: every kind of file and link, every way a link breaks. */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFiles } from "../../scripts/verify/check-site.js";
import { checkLinks, formatBrokenLink, type LinkReport } from "../../scripts/verify/links.js";

const SITE_URL = "https://example.org/repo";
const FILES: Record<string, string | Buffer> = {
  "index.html": `<a href="/repo/papers/x/">ok</a> <a href="papers/x/#abstract">ok anchor</a> <a href="#top">ok own anchor</a> <h1 id="top">t</h1>
    <a href="/repo/papers/missing/">missing page</a> <a href="/repo/papers/x/#nowhere">missing anchor</a> <a href="/papers/x/">outside the prefix</a>
    <a href="https://arxiv.org/abs/1">external</a> <img srcset="/repo/a.png 1x, /repo/missing.png 2x" alt="">
    <meta property="og:image" content="https://example.org/repo/missing-card.png"> <form action="/repo/search/"></form>
    <script type="application/ld+json">{"url": "https://example.org/repo/papers/gone/"}</script>`,
  "papers/x/index.html": '<p id="abstract">x</p><a name="legacy">old anchor</a><a href="../../index.html#legacy-missing">bad</a><a href="#legacy">ok</a>',
  "search/index.html": "<p>search</p>",
  "a.png": "png",
  "feed.xml": `<feed xmlns="http://www.w3.org/2005/Atom"><link href="https://example.org/repo/papers/x/"/><id>https://example.org/repo/feed-missing.xml</id>
    <entry><content type="html">&lt;a href="https://example.org/repo/papers/nope/"&gt;x&lt;/a&gt;</content></entry></feed>`,
  "sitemap.xml": "<urlset><url><loc>https://example.org/repo/papers/x/</loc></url><url><loc>https://example.org/repo/old/</loc></url></urlset>",
  "sitemap-1.xml.gz": gzipSync(
    "<urlset><url><loc>https://example.org/repo/papers/x/</loc></url><url><loc>https://example.org/repo/gz-old/</loc></url></urlset>",
  ),
  "data/index.json": JSON.stringify({
    files: [{ url: "https://example.org/repo/data/papers-2025.json" }, { url: "https://example.org/repo/data/papers-2024.json" }],
  }),
  "data/papers-2025.json": JSON.stringify({ papers: [{ url: "/repo/papers/x/" }, { url: "/repo/papers/y/" }], home_page_url: "https://example.org/repo/" }),
  "assets/style.css": "body { background: url('../missing-bg.png'); } @import \"ok.css\";",
  "assets/ok.css": "",
  "robots.txt": "Sitemap: https://example.org/repo/sitemap.xml\nSitemap: https://example.org/repo/sitemap-2.xml\n",
  "papers/x.bib":
    "@misc{x,\n  url = {https://example.org/repo/papers/x/},\n  abstract = {see https://example.org/elsewhere/ in the text},\n}\n@misc{y,\n  url = {https://example.org/repo/papers/y/},\n}\n",
  "pagefind/pagefind-entry.json": '{"url": "/repo/never-checked/"}',
};

let dir: string;
let report: LinkReport;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "paper-digest-links-"));
  for (const [file, text] of Object.entries(FILES)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  report = await checkLinks({ dir, pathPrefix: "/repo/", siteUrl: SITE_URL }, await listFiles(dir));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

it("says which file is not the gzip its name claims", async () => {
  const broken = await mkdtemp(path.join(os.tmpdir(), "paper-digest-links-"));
  try {
    await writeFile(path.join(broken, "sitemap-1.xml.gz"), "<urlset/>");
    await expect(checkLinks({ dir: broken, pathPrefix: "/", siteUrl: "" }, await listFiles(broken))).rejects.toThrow(
      /^sitemap-1\.xml\.gz: not a readable gzip file/,
    );
  } finally {
    await rm(broken, { recursive: true, force: true });
  }
});

describe("the link crawler", () => {
  it("finds every broken link and anchor, in every kind of file, and nothing else", () => {
    expect(report.broken.map(formatBrokenLink).sort()).toEqual(
      [
        "assets/style.css: ../missing-bg.png: no file /repo/missing-bg.png",
        "feed.xml: https://example.org/repo/feed-missing.xml: no file /repo/feed-missing.xml",
        "feed.xml: https://example.org/repo/papers/nope/: no file /repo/papers/nope/",
        "index.html: /papers/x/: outside the site's path prefix /repo/",
        "index.html: /repo/missing.png: no file /repo/missing.png",
        "index.html: /repo/papers/missing/: no file /repo/papers/missing/",
        'index.html: /repo/papers/x/#nowhere: no element with id "nowhere" in papers/x/index.html',
        "index.html: https://example.org/repo/missing-card.png: no file /repo/missing-card.png",
        "index.html: https://example.org/repo/papers/gone/: no file /repo/papers/gone/",
        'papers/x/index.html: ../../index.html#legacy-missing: no element with id "legacy-missing" in index.html',
        "data/index.json: https://example.org/repo/data/papers-2024.json: no file /repo/data/papers-2024.json",
        "data/papers-2025.json: /repo/papers/y/: no file /repo/papers/y/",
        "papers/x.bib: https://example.org/repo/papers/y/: no file /repo/papers/y/",
        "robots.txt: https://example.org/repo/sitemap-2.xml: no file /repo/sitemap-2.xml",
        "sitemap.xml: https://example.org/repo/old/: no file /repo/old/",
        "sitemap-1.xml.gz: https://example.org/repo/gz-old/: no file /repo/gz-old/",
      ].sort(),
    );
  });

  it("counts what it checked, leaving Pagefind's files and other sites alone", () => {
    expect(report.external).toBe(1);
    expect(report.fragments).toBe(5);
    expect(report.files).toBe(Object.keys(FILES).length - 2);
    expect(report.broken.some((b) => b.url.includes("never-checked"))).toBe(false);
  });
});
