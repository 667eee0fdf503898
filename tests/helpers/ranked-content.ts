/**
 * Papers with upvote counts, for the list badges and the "Top" views: more than a top page holds in
 * one ISO week (with tied counts), papers without a count, an ISO week that starts in December of the
 * year before, and a paper with every fact a list entry can show. Written next to the fixture content
 * (tests/helpers/fixture.ts) on digest dates the fixture does not use.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { serializeDigestManifest } from "../../scripts/content/digest.js";

export interface RankedPaper {
  slug: string;
  title: string;
  /** The digest that lists it (its first). */
  digest: string;
  upvotes?: number;
  comments?: number;
  authors?: number;
  organization?: string;
  code?: string;
  published?: string;
}

/** 2026-03-02 and 2026-03-04 are in ISO week 2026-W10; 2025-12-29 and 2026-01-02 both in 2026-W01. */
export function rankedPapers(): RankedPaper[] {
  const papers: RankedPaper[] = Array.from({ length: 26 }, (_, i) => {
    const paper: RankedPaper = {
      slug: `ranked-${String(i).padStart(2, "0")}`,
      title: `Ranked paper ${i} on sparse attention`,
      digest: i % 2 ? "2026-03-04" : "2026-03-02",
    };
    // Every fifth has no count; the others take the nine values 0–8 in turn, so counts tie.
    if (i % 5 !== 4) paper.upvotes = (i * 7) % 9;
    if (i % 3 === 0) paper.comments = i;
    paper.authors = (i % 6) + 1;
    return paper;
  });
  papers.push(
    { slug: "year-end-paper", title: "A paper listed on 29 December", digest: "2025-12-29", upvotes: 5, published: "2025-12-20", authors: 2 },
    { slug: "new-year-paper", title: "A paper listed on 2 January", digest: "2026-01-02", upvotes: 9, published: "2025-12-30" },
    {
      slug: "every-fact-paper",
      title: "A paper with every fact a list shows",
      digest: "2026-03-04",
      upvotes: 1234,
      comments: 1,
      authors: 1,
      organization: "Example Lab",
      code: "https://github.com/example/every-fact",
      published: "2026-03-01",
    },
  );
  return papers;
}

function paperFile(paper: RankedPaper): string {
  const lines = ["---", `title: "${paper.title}"`];
  if (paper.authors !== undefined) lines.push(`authors: ${paper.authors}`);
  if (paper.organization !== undefined) lines.push(`organization: "${paper.organization}"`);
  if (paper.published !== undefined) lines.push(`published: ${paper.published}`);
  if (paper.comments !== undefined) lines.push(`comments: ${paper.comments}`);
  if (paper.upvotes !== undefined) lines.push(`upvotes: ${paper.upvotes}`);
  if (paper.code !== undefined) lines.push(`code: "${paper.code}"`);
  lines.push(`digests: [${paper.digest}]`, "---");
  lines.push(`The abstract of ${paper.title.toLowerCase()} says what it found, in more than one sentence. It goes on to say how.`);
  return `${lines.join("\n")}\n`;
}

/** Writes `papers` and their digests' manifests into a content folder. */
export async function addRankedPapers(contentDir: string, papers: readonly RankedPaper[] = rankedPapers()): Promise<void> {
  await mkdir(path.join(contentDir, "papers"), { recursive: true });
  await Promise.all(papers.map((p) => writeFile(path.join(contentDir, "papers", `${p.slug}.md`), paperFile(p))));
  const dates = [...new Set(papers.map((p) => p.digest))];
  await Promise.all(
    dates.map((date) =>
      writeFile(
        path.join(contentDir, "digests", `${date}.json`),
        serializeDigestManifest({ date, papers: papers.filter((p) => p.digest === date).map((p) => ({ slug: p.slug, title: p.title })) }),
      ),
    ),
  );
}

/** The ISO week of a day (`2026-W01`), worked out here without luxon: the week holding that day's Thursday. */
export function isoWeekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, "0")}`;
}
