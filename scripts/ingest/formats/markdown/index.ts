/** Markdown captures of the page (reader tools, scrapers): see markdown-parser.ts. */
import { count } from "../evidence.js";
import type { SourceFormat } from "../source-format.js";
import { MarkdownParser } from "./markdown-parser.js";

const LINKED_TITLE = /^#{3}\s+\[[^\n]*$/gm;
const PAPER_LINK_MD = /\]\(https?:\/\/(?:www\.)?huggingface\.co\/(?:papers\/\d{4}\.\d{4,5}|login\?next=%2Fpapers)/g;
const PLAIN_TITLE = /^#{3}\s+\S/gm;
const ANY_MARKDOWN = /^#{1,2}\s+\S|\]\(https?:\/\/[^\s)]+\)/gm;
const META = /^(?:\[?- \d+ authors?\]?|·|\[-?\d*\]\(https?:\/\/\S+\))\s*$/gm;

export const markdownFormat: SourceFormat = {
  name: "markdown",
  label: "Markdown capture",
  detect(head) {
    const links = count(head, PAPER_LINK_MD);
    const linkedTitles = count(head, LINKED_TITLE);
    if (linkedTitles >= 1 && links >= 2) return 0.9;
    if (links >= 3) return 0.6;
    // `### Title` cards without links: headings and the card's metadata lines.
    if (count(head, PLAIN_TITLE) >= 1 && count(head, META) >= 2) return 0.5;
    // A page of one plain card: a ### title among other Markdown (headings, links).
    if (count(head, PLAIN_TITLE) >= 1 && count(head, ANY_MARKDOWN) >= 1) return 0.4;
    return 0;
  },
  createParser: (sink, options) => new MarkdownParser(sink, options),
};
