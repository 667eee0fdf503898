/** The build's page policy on small pages: each rule catches what it is for, and good pages pass untouched. */
import { describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY, SEARCH_CONTENT_SECURITY_POLICY } from "../../scripts/verify/csp.js";
import { applyPagePolicy } from "../../scripts/verify/page-policy.js";
import { PagePolicyThread } from "../../scripts/eleventy/page-policy-thread.js";

const META = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`;

function page(body: string, head = "", meta = META): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${meta}${head}<title>t</title></head><body>${body}</body></html>`;
}

const SEARCH_META = `<meta http-equiv="Content-Security-Policy" content="${SEARCH_CONTENT_SECURITY_POLICY}">`;
const SEARCH_SCRIPT = '<script type="module" src="/digest/assets/search.js"></script>';

describe("the page policy", () => {
  it("passes a page that keeps it, unchanged", () => {
    const html = page(
      '<a href="/papers/x/">x</a><a href="https://arxiv.org/" rel="noopener noreferrer">arXiv</a><a href="mailto:a@b.c">mail</a>' +
        '<script type="application/ld+json">{"name":"\\u003c/script>"}</script><img src="/assets/a.svg" alt="">',
      '<link rel="stylesheet" href="/assets/style.css"><script src="/assets/site.js" defer></script>',
    );
    expect(applyPagePolicy(html)).toEqual({ html, problems: [] });
  });

  it("wants WebAssembly allowed on the page that loads the search module, and nowhere else", () => {
    expect(SEARCH_CONTENT_SECURITY_POLICY).toBe(
      CONTENT_SECURITY_POLICY.replace("default-src 'self'", "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"),
    );
    expect(CONTENT_SECURITY_POLICY).not.toContain("wasm");
    expect(applyPagePolicy(page("", SEARCH_SCRIPT, SEARCH_META)).problems).toEqual([]);
    expect(applyPagePolicy(page("", SEARCH_SCRIPT)).problems).toEqual([expect.stringMatching(/not the site's policy for a page that loads search\.js/)]);
    expect(applyPagePolicy(page("", "", SEARCH_META)).problems).toEqual([expect.stringMatching(/not the site's policy for a page without search\.js/)]);
  });

  it("adds rel to links to other sites that have none, and nowhere else", () => {
    const html = page('<a href="https://arxiv.org/abs/1">a</a> <A HREF="//example.org/">b</A> <a href="/x/">c</a> <area href="http://e.org/" alt="d">');
    const { html: fixed, problems } = applyPagePolicy(html);
    expect(problems).toEqual([]);
    expect(fixed).toBe(
      page(
        '<a rel="noopener noreferrer" href="https://arxiv.org/abs/1">a</a> <A rel="noopener noreferrer" HREF="//example.org/">b</A> <a href="/x/">c</a> <area rel="noopener noreferrer" href="http://e.org/" alt="d">',
      ),
    );
    expect(applyPagePolicy(fixed)).toEqual({ html: fixed, problems: [] });
  });

  it.each([
    ["no CSP meta", `<!doctype html><html><head><title>t</title></head><body></body></html>`, /no Content-Security-Policy <meta>/],
    ["another policy", page("").replace(CONTENT_SECURITY_POLICY, "default-src *"), /not the site's policy/],
    ["two policies", page("", META), /2 Content-Security-Policy <meta> elements/],
    ["the policy after a stylesheet", `<html><head><link rel="stylesheet" href="/a.css">${META}</head><body></body></html>`, /comes after a <link>/],
    ["the policy outside head", `<html><head></head><body>${META}</body></html>`, /outside <head>/],
    ["an inline script", page("<script>alert(1)</script>"), /inline <script>/],
    ["an inline module script", page('<script type="module">import("/x.js")</script>'), /inline <script>/],
    ["a JSON block with a raw <", page('<script type="application/ld+json">{"a":"</b>"}</script>'), /contains "<"/],
    ["an event handler", page('<button onclick="go()">go</button>'), /inline event handler \(onclick\)/],
    ["a style attribute", page('<p style="color:red">x</p>'), /style attribute/],
    ["a style element", page("", "<style>p{}</style>"), /<style> element/],
    ["a base element", page("", '<base href="https://evil.example/">'), /<base> element/],
    ["a javascript: link", page('<a href="javascript:alert(1)">x</a>'), /javascript: URL/],
    ["an obfuscated javascript: link", page('<a href=" jav&#x09;ascript:alert(1)">x</a>'), /javascript: URL/],
    ["a data: link", page('<a href="data:text/html,<script>alert(1)</script>">x</a>'), /data: URL/],
    ["a vbscript: form", page('<form action="vbscript:msgbox(1)"></form>'), /vbscript: URL/],
    ["a data: image in srcset", page('<img srcset="/a.png 1x, data:image/svg+xml,x 2x" alt="">'), /srcset uses a data: URL/],
    ["a script from elsewhere", page('<script src="https://cdn.example/x.js"></script>'), /loads https:\/\/cdn\.example\/x\.js from another site/],
    ["a stylesheet from elsewhere", page("", '<link rel="stylesheet" href="//cdn.example/x.css">'), /loads \/\/cdn\.example\/x\.css from another site/],
    ["an image from elsewhere", page('<img src="http://tracker.example/p.gif" alt="">'), /from another site/],
    ["a form posting elsewhere", page('<form action="https://evil.example/"></form>'), /posts to another site/],
    ["an external link whose rel lacks a word", page('<a href="https://e.org/" rel="noopener">x</a>'), /rel="noopener" without noreferrer/],
  ])("refuses %s", (_, html, problem) => {
    expect(applyPagePolicy(html).problems).toEqual(expect.arrayContaining([expect.stringMatching(problem)]));
  });
});

describe("the page policy on the build's thread", () => {
  it("gives each page the verdict the policy gives it, whatever order they come back in", async () => {
    // Fine, to be fixed and broken in turn.
    const pages = Array.from(
      { length: 123 },
      (_, i) => [page(`<a href="/papers/${i}/">${i}</a>`), page(`<a href="https://arxiv.org/abs/${i}">${i}</a>`), page(`<p style="x">${i}</p>`)][i % 3]!,
    );
    const thread = new PagePolicyThread();
    try {
      const verdicts = await Promise.all(pages.map((html) => thread.check(html)));
      expect(verdicts).toEqual(
        pages.map((html) => {
          const { html: checked, problems } = applyPagePolicy(html);
          return checked === html ? { problems } : { problems, fixed: checked };
        }),
      );
      expect(verdicts[1]!.fixed).toContain(`<a rel="noopener noreferrer" href="https://arxiv.org/abs/1">`);
      expect(verdicts[2]!.problems).toEqual([expect.stringMatching(/style attribute/)]);
      // A dev server's rebuild: a single page, checked on its own.
      expect(await thread.check(pages[0]!)).toEqual({ problems: [] });
    } finally {
      await thread.close();
    }
  });
});
