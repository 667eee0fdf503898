/**
 * BibTeX for papers: `@misc` entries with the title, the authors' names when the source gave them
 * (else the organisation), date and URL, an arXiv paper's `eprint` and `archivePrefix` (the fields
 * biblatex and the arXiv styles read), and its code and project pages. No abstract: an entry is
 * shown on the paper's page below the abstract itself, and the digests' files would hold every
 * abstract a second time (issue 17); no listing facts (upvotes, comments, author count, digests)
 * either, which no style prints and `papers.json` carries. Keys are the slugs: unique, stable, and
 * already made of characters a key may hold.
 */
import type { CatalogPaper } from "../catalog/catalog.js";
import { arxivLinks } from "../content/arxiv.js";

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
  return text.replace(/[\\{}%&#_$~^<>]/g, (c) => SPECIAL[c] ?? c).replace(/-(?=-)|`(?=`)|'(?=')|[?!](?=`)/g, "$&{}");
}

export function bibtexKey(paper: Pick<CatalogPaper, "slug">): string {
  return paper.slug;
}

/** An address as a BibTeX value: the braces and backslash that would unbalance or escape it, percent-encoded. */
function bibtexUrl(url: string): string {
  return url.replace(/[{}\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A name as one BibTeX name: braced whole when it holds what BibTeX would split it at (`and`, a comma). */
function bibtexName(name: string): string {
  const escaped = escapeBibtex(name);
  return /,|\band\b/i.test(name) ? `{${escaped}}` : escaped;
}

/**
 * One entry; `url` is where the paper's page is published, the URL of a paper without an arXiv id,
 * undefined when the site has no address of its own (no SITE_URL): a site path is no address to cite.
 */
export function bibtexEntry(paper: CatalogPaper, url: string | undefined): string {
  const fields: [string, string][] = [["title", `{${escapeBibtex(paper.title)}}`]];
  if (paper.names !== undefined) fields.push(["author", paper.names.map(bibtexName).join(" and ")]);
  // Else an organisation is the only author the listing names; double braces keep it from being read as "Last, First".
  else if (paper.organization !== undefined) fields.push(["author", `{${escapeBibtex(paper.organization)}}`]);
  if (paper.published !== undefined) {
    fields.push(["year", paper.published.slice(0, 4)]);
    fields.push(["month", MONTHS[Number(paper.published.slice(5, 7)) - 1] ?? ""]);
    fields.push(["date", paper.published]);
  }
  if (paper.arxiv !== undefined) fields.push(["eprint", paper.arxiv], ["archivePrefix", "arXiv"]);
  const address = paper.arxiv === undefined ? url : arxivLinks(paper.arxiv).abstract;
  if (address !== undefined) fields.push(["url", bibtexUrl(address)]);
  if (paper.organization !== undefined && paper.names !== undefined) fields.push(["institution", escapeBibtex(paper.organization)]);
  if (paper.code !== undefined) fields.push(["code", bibtexUrl(paper.code)]);
  if (paper.project !== undefined) fields.push(["project", bibtexUrl(paper.project)]);
  // Month names are BibTeX macros, written bare; every other value in braces.
  const lines = fields.map(([name, value]) => `  ${name} = ${name === "month" ? value : `{${value}}`},`);
  return `@misc{${bibtexKey(paper)},\n${lines.join("\n")}\n}\n`;
}
