/**
 * "Edit this page" and "Report a problem" at the end of a paper page. Made here rather than written
 * into each page (485 bytes on each of 100,000 pages as deployed: issue 17): both lead to GitHub
 * pages that need JavaScript themselves (its web editor, its issue forms), so without it a reader
 * loses nothing.
 */
import { type Contribution, editUrl, reportUrl } from "../catalog/contribute.js";

/** The site's repository settings, put in by esbuild (eleventy/client-bundle.ts). */
declare const SITE_CONTRIBUTION: Contribution;

export function setUpContribution(slug: string, contribution: Contribution = SITE_CONTRIBUTION): void {
  const edit = editUrl(contribution, slug);
  const report = reportUrl(contribution, slug);
  const main = document.querySelector("main");
  if (!edit || !report || !main) return;

  const make = <K extends keyof HTMLElementTagNameMap>(tag: K, ...children: (Node | string)[]) => {
    const node = document.createElement(tag);
    node.append(...children);
    return node;
  };
  const link = (href: string, text: string) => Object.assign(make("a", text), { href, rel: "noopener noreferrer" });
  const section = make(
    "section",
    make("h2", "Something wrong?"),
    make("ul", make("li", link(edit, "Edit this page"), " (its Markdown file, on GitHub)"), make("li", link(report, "Report a problem"))),
  );
  section.className = "contribute";
  main.append(section);
}
