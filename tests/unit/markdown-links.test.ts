/** What a contributor's Markdown in an abstract may turn into: links to the web, mail and the site; never images or other schemes. */
import { describe, expect, it } from "vitest";
import { createMarkdown } from "../../scripts/content/markdown.js";

const md = createMarkdown();

describe("Markdown in abstracts", () => {
  it.each([
    ["[arXiv](https://arxiv.org/abs/1)", '<a href="https://arxiv.org/abs/1">arXiv</a>'],
    ["<https://arxiv.org/abs/1>", '<a href="https://arxiv.org/abs/1">https://arxiv.org/abs/1</a>'],
    ["[mail](mailto:a@example.org)", '<a href="mailto:a@example.org">mail</a>'],
    ["[paper](/papers/x/)", '<a href="/papers/x/">paper</a>'],
    ["[anchor](#abstract-heading)", '<a href="#abstract-heading">anchor</a>'],
  ])("links %s", (source, html) => {
    expect(md.renderInline(source)).toBe(html);
  });

  it.each([
    ["[x](javascript:alert(1))"],
    ["[x](JAVASCRIPT:alert(1))"],
    ["[x](data:image/png;base64,AAAA)"],
    ["[x](intent://scan/#Intent;end)"],
    ["[x](ms-settings:privacy)"],
    ["[x](file:///etc/passwd)"],
    ["<javascript:alert(1)>"],
  ])("keeps %s as text", (source) => {
    expect(md.renderInline(source)).not.toContain("<a");
  });

  it("shows an image as its text, so no reader's browser asks another server for it", () => {
    const html = md.renderInline("![pixel](https://tracker.example/p.png)");
    expect(html).not.toContain("<img");
    expect(html).toBe('!<a href="https://tracker.example/p.png">pixel</a>');
  });
});
