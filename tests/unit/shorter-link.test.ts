import { describe, expect, it } from "vitest";
import { shorterLink } from "../../scripts/catalog/public-url.js";

const PREFIX = "/paper-digest/";

/** Where a browser goes from the page at `pageUrl` (under the prefix) following `link`. */
function follow(link: string, pageUrl: string): string {
  const url = new URL(link, `https://owner.github.io${PREFIX}${pageUrl.slice(1)}`);
  return url.pathname + url.search + url.hash;
}

describe("shorterLink", () => {
  it("makes a link relative to its page when that is shorter", () => {
    expect(shorterLink("/paper-digest/papers/b/", "/papers/a/", PREFIX)).toBe("../b/");
    expect(shorterLink("/paper-digest/dates/2025/12/", "/papers/a/", PREFIX)).toBe("../../dates/2025/12/");
    expect(shorterLink("/paper-digest/assets/style.css", "/papers/a/", PREFIX)).toBe("../../assets/style.css");
    expect(shorterLink("/paper-digest/", "/papers/a/", PREFIX)).toBe("../../");
    expect(shorterLink("/paper-digest/papers/a/", "/", PREFIX)).toBe("papers/a/");
    expect(shorterLink("/paper-digest/", "/", PREFIX)).toBe("./");
    expect(shorterLink("/paper-digest/papers/a/", "/papers/a/", PREFIX)).toBe("./");
    expect(shorterLink("/paper-digest/search/?q=a%20b#r", "/digests/2025-12-15/", PREFIX)).toBe("../../search/?q=a%20b#r");
    expect(shorterLink("/paper-digest/dates/2024/05/page/2/", "/dates/2024/05/", PREFIX)).toBe("page/2/");
    expect(shorterLink("/paper-digest/dates/2024/05/", "/dates/2024/05/page/2/", PREFIX)).toBe("../../");
  });

  it("keeps the prefixed link when it is as short or shorter", () => {
    const deep = "/dates/2024/05/page/12/";
    expect(shorterLink("/paper-digest/", deep, PREFIX)).toBe("/paper-digest/");
    expect(shorterLink("/r/a/", "/b/c/d/", "/r/")).toBe("/r/a/");
  });

  it("leaves links elsewhere, fragments, 404.html and scheme-like paths alone", () => {
    for (const href of ["https://arxiv.org/abs/1", "#main", "mailto:a@b.c", "/other/x/", "../x/", "//cdn.example/x"]) {
      expect(shorterLink(href, "/papers/a/", PREFIX)).toBe(href);
    }
    expect(shorterLink("/paper-digest/search/", "/404.html", PREFIX)).toBe("/paper-digest/search/");
    expect(shorterLink("/paper-digest/a:b/", "/", PREFIX)).toBe("/paper-digest/a:b/");
  });

  it("always leads where the prefixed link does", () => {
    const pages = ["/", "/papers/a/", "/papers/b/", "/digests/", "/digests/2025-12-15/", "/dates/2024/05/page/2/", "/authors/5/", "/top/2026-W16/"];
    const targets = [...pages, "/assets/site.js", "/search/?q=x", "/#main", "/feeds/top/week.xml", "/data/index.json"];
    for (const page of pages) {
      for (const target of targets) {
        const href = PREFIX + target.slice(1);
        const link = shorterLink(href, page, PREFIX);
        expect(link.length, `${target} from ${page}`).toBeLessThanOrEqual(href.length);
        expect(follow(link, page), `${target} from ${page}`).toBe(href);
      }
    }
  });
});
