/**
 * Links to a paper elsewhere: with an arXiv id, straight to its pages on arXiv, Hugging Face and
 * Semantic Scholar; without one, searches for its title on the big paper indexes.
 */
import { arxivLinks } from "../content/arxiv.js";

export interface ExternalSearch {
  name: string;
  url: string;
}

/**
 * Two searches, not four: one GET form naming the title once would be smaller, but the pages'
 * policy lets forms post only to this site (`form-action 'self'`, scripts/verify/csp.ts). Every
 * paper of a Daily Papers listing is on arXiv and on Hugging Face, whose pages lead on to
 * Semantic Scholar and Google Scholar, so these two find it. Spaces as `+` (form encoding, which
 * both read) keep the title close to its own length.
 */
export function searchElsewhere(title: string): ExternalSearch[] {
  const q = encodeURIComponent(title).replace(/%20/g, "+");
  return [
    { name: "arXiv", url: `https://arxiv.org/search/?query=${q}&searchtype=title` },
    { name: "Hugging Face Papers", url: `https://huggingface.co/papers?q=${q}` },
  ];
}

/** The paper's own pages, by its arXiv id. */
export function arxivPages(id: string): ExternalSearch[] {
  const links = arxivLinks(id);
  return [
    { name: "Abstract on arXiv", url: links.abstract },
    { name: "PDF on arXiv", url: links.pdf },
    { name: "Hugging Face Papers", url: links.huggingFace },
    { name: "Semantic Scholar", url: links.semanticScholar },
  ];
}

/** An address as a link's text: without the scheme and a trailing slash (`github.com/org/repo`). */
export function shortAddress(url: string): string {
  return url.replace(/^https?:\/\//i, "").replace(/\/$/, "");
}
