/** Links that look a paper up by its title on the big paper indexes. */

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
