/**
 * Links to a paper elsewhere: with an arXiv id, straight to its pages on arXiv, Hugging Face and
 * Semantic Scholar; without one, searches for its title on the big paper indexes.
 */
import { arxivLinks } from "../content/arxiv.js";

export interface ExternalSearch {
  name: string;
  url: string;
}

export function searchElsewhere(title: string): ExternalSearch[] {
  const q = encodeURIComponent(title);
  return [
    { name: "arXiv", url: `https://arxiv.org/search/?query=${q}&searchtype=title` },
    { name: "Hugging Face Papers", url: `https://huggingface.co/papers?q=${q}` },
    { name: "Semantic Scholar", url: `https://www.semanticscholar.org/search?q=${q}` },
    { name: "Google Scholar", url: `https://scholar.google.com/scholar?q=${q}` },
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
