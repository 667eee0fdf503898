/**
 * arXiv identifiers: what a valid one is and the pages it names. A paper's id is its identity
 * across listings and titles, so it is stored without the version suffix (`v2`), which changes
 * when the authors revise the paper.
 */

/** `2405.18407` (YYMM.NNNNN since 2015, YYMM.NNNN before) or an old-style `hep-th/9901001`. */
const ARXIV_ID = /^(?:\d{2}(?:0[1-9]|1[0-2])\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{2}(?:0[1-9]|1[0-2])\d{3})$/;
const VERSION = /v\d+$/;

export function isArxivId(value: string): boolean {
  return ARXIV_ID.test(value);
}

/** Why `value` is not a stored arXiv id, for messages; undefined when it is one. */
export function arxivIdProblem(value: string): string | undefined {
  if (isArxivId(value)) return undefined;
  if (VERSION.test(value) && isArxivId(value.replace(VERSION, ""))) {
    return `write the arXiv id without its version suffix: ${JSON.stringify(value.replace(VERSION, ""))}`;
  }
  return `expected an arXiv id such as "2405.18407", got ${JSON.stringify(value)}`;
}

/** An id as a source gives it (`2405.18407v2`, ` 2405.18407 `) as stored, or undefined when it is none. */
export function normalizeArxivId(value: string): string | undefined {
  const id = value.trim().replace(VERSION, "");
  return isArxivId(id) ? id : undefined;
}

export interface ArxivLinks {
  abstract: string;
  pdf: string;
  huggingFace: string;
  semanticScholar: string;
}

export function arxivLinks(id: string): ArxivLinks {
  return {
    abstract: `https://arxiv.org/abs/${id}`,
    pdf: `https://arxiv.org/pdf/${id}`,
    huggingFace: `https://huggingface.co/papers/${id}`,
    semanticScholar: `https://www.semanticscholar.org/arxiv/${id}`,
  };
}
