import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pageData } from "../../scripts/eleventy/pages.js";

const paginated = (extra = "") => `---\nlayout: base.njk\npagination:\n  data: render.papers\n  size: 1\n  alias: paper\n${extra}---\n`;

describe("pageData", () => {
  it("gives a paginated page its item's url as permalink", () => {
    const { permalink } = pageData("papers.njk", paginated());
    expect(permalink?.({ paper: { url: "/papers/x/" } })).toBe("/papers/x/");
  });

  it("refuses an item without a url", () => {
    const { permalink } = pageData("papers.njk", paginated());
    expect(() => permalink?.({ paper: {} })).toThrow("layouts/pages/papers.njk: an item of its pagination has no url");
  });

  it("refuses a paginated page with a permalink template or without an alias", () => {
    expect(() => pageData("a.njk", paginated('permalink: "{{ paper.url }}"\n'))).toThrow("layouts/pages/a.njk: a paginated page names its item");
    expect(() => pageData("b.njk", "---\npagination:\n  data: x\n  size: 1\n---\n")).toThrow("layouts/pages/b.njk");
  });

  it("leaves a page without pagination alone", () => {
    expect(pageData("index.njk", "---\nlayout: base.njk\npermalink: /index.html\n---\n<h1>x</h1>\n")).toEqual({});
    expect(pageData("robots.njk", "User-agent: *\n")).toEqual({});
  });

  it("finds every paginated page of layouts/pages bodiless, so that nothing is compiled per page", () => {
    const names = readdirSync("layouts/pages").filter((name) => name.endsWith(".njk"));
    const bodies = names
      .map((name) => ({ name, text: readFileSync(`layouts/pages/${name}`, "utf8") }))
      .filter(({ text }) => /^pagination:/m.test(text) && /alias: (paper|chunk)$/m.test(text))
      .map(({ name, text }) => ({ name, body: text.replace(/^---\n[\s\S]*?\n---\n/, "") }));
    expect(bodies.map((b) => b.name).sort()).toEqual(["archive.njk", "papers.njk", "top.njk"]);
    for (const { body } of bodies) expect(body).toBe("");
  });
});
