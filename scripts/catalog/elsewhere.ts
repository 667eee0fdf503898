/**
 * Links to a paper elsewhere: with an arXiv id, straight to its pages on arXiv, Hugging Face and
 * Semantic Scholar; without one, a search for its title on arXiv.
 */
import { arxivLinks } from "../content/arxiv.js";

export interface ExternalSearch {
  name: string;
  url: string;
}

/**
 * One search, not four: the title in four links was the largest thing on a page without an arXiv
 * id. A GET form naming the title once cannot go elsewhere (the pages' policy has `form-action
 * 'self'`, scripts/verify/csp.ts), and every paper of a Daily Papers listing is on arXiv, whose
 * page for it links on to Semantic Scholar, Google Scholar and Hugging Face. Spaces as `+` (form
 * encoding, which arXiv reads) keep the title close to its own length.
 */
export function searchElsewhere(title: string): ExternalSearch {
  return { name: "arXiv", url: `https://arxiv.org/search/?query=${encodeURIComponent(title).replace(/%20/g, "+")}&searchtype=title` };
}

/**
 * The paper's own pages, by its arXiv id. `huggingFaceLinked`: the page links its Hugging Face
 * page already (its comment count does), so it is not said twice (100 bytes on each of 100,000 pages).
 */
export function arxivPages(id: string, huggingFaceLinked = false): ExternalSearch[] {
  const links = arxivLinks(id);
  return [
    { name: "Abstract on arXiv", url: links.abstract },
    { name: "PDF on arXiv", url: links.pdf },
    ...(huggingFaceLinked ? [] : [{ name: "Hugging Face Papers", url: links.huggingFace }]),
    { name: "Semantic Scholar", url: links.semanticScholar },
  ];
}

/** An address as a link's text: without the scheme and a trailing slash (`github.com/org/repo`). */
export function shortAddress(url: string): string {
  return url.replace(/^https?:\/\//i, "").replace(/\/$/, "");
}
