/**
 * BibTeX for papers. The listing names no authors, only how many, so entries are `@misc` with the
 * title, date, URL and abstract, plus the listing's own facts in fields BibTeX styles ignore
 * (`authorcount`, `comments`, `upvotes`, `digests`). Keys are the slugs: unique, stable, and already
 * made of characters a key may hold.
 */
import type { CatalogPaper } from "../catalog/catalog.js";

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"] as const;

/**
 * LaTeX's special characters as commands. Braces become `\textbraceleft{}`: BibTeX counts every
 * brace, escaped or not, so a lone `\{` would leave the value unbalanced.
 */
const SPECIAL: Readonly<Record<string, string>> = {
  "\\": "\\textbackslash{}",
  "{": "\\textbraceleft{}",
  "}": "\\textbraceright{}",
  "%": "\\%",
  "&": "\\&",
  "#": "\\#",
  _: "\\_",
  $: "\\$",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
  // In LaTeX's default font encoding these print as ¡ and ¿.
  "<": "\\textless{}",
  ">": "\\textgreater{}",
};

/**
 * Text as a BibTeX value that LaTeX prints as written: special characters as commands, and
 * ligatures (`--` as a dash, ``` `` ``` and `''` as quotes, `?``) broken with an empty group.
 */
export function escapeBibtex(text: string): string {
  return text
    .replace(/[\\{}%&#_$~^<>]/g, (c) => SPECIAL[c] ?? c)
    .replace(/-(?=-)|`(?=`)|'(?=')|[?!](?=`)/g, "$&{}");
}

export function bibtexKey(paper: Pick<CatalogPaper, "slug">): string {
  return paper.slug;
}

/** One entry; `url` is where the paper's page is published. */
export function bibtexEntry(paper: CatalogPaper, url: string): string {
  const fields: [string, string][] = [["title", `{${escapeBibtex(paper.title)}}`]];
  // An organisation is the only author the listing names; double braces keep it from being read as "Last, First".
  if (paper.organization !== undefined) fields.push(["author", `{${escapeBibtex(paper.organization)}}`]);
  if (paper.published !== undefined) {
    fields.push(["year", paper.published.slice(0, 4)]);
    fields.push(["month", MONTHS[Number(paper.published.slice(5, 7)) - 1] ?? ""]);
    fields.push(["date", paper.published]);
  }
  fields.push(["url", url], ["abstract", escapeBibtex(paper.abstract)]);
  if (paper.authors !== undefined) fields.push(["authorcount", String(paper.authors)]);
  if (paper.comments !== undefined) fields.push(["comments", String(paper.comments)]);
  if (paper.upvotes !== undefined) fields.push(["upvotes", String(paper.upvotes)]);
  fields.push(["digests", paper.digests.join(", ")]);
  // Month names are BibTeX macros, written bare; every other value in braces.
  const lines = fields.map(([name, value]) => `  ${name} = ${name === "month" ? value : `{${value}}`},`);
  return `@misc{${bibtexKey(paper)},\n${lines.join("\n")}\n}\n`;
}
