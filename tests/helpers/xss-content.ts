/**
 * Content carrying the XSS corpus twice over:
 *
 * - as ingest writes it: each payload in a title, an organisation and an abstract, written with the
 *   project's own serializePaper, slugs from assignSlugs, listed in a digest manifest (the newest
 *   digest, so the home page shows them);
 * - as a contributor might hand-edit it: single-quoted YAML, and the payload as raw Markdown in the
 *   body, which markdown-it then interprets (links, autolinks, images, emphasis).
 *
 * Every title ends in a tag (`[ingest-07]`, `[hand-07]`) that tells which payload a page shows,
 * and every abstract holds the word SEARCH_WORD, so one search finds them all.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { serializeDigestManifest } from "../../scripts/content/digest.js";
import { serializePaper } from "../../scripts/content/paper-file.js";
import { assignSlugs } from "../../scripts/content/slug.js";
import { titleKey } from "../../scripts/content/title-key.js";
import { XSS_PAYLOADS } from "../fixtures/xss-payloads.js";

export const SEARCH_WORD = "xssprobe";
const INGEST_DIGEST = "2026-05-02";
const HAND_DIGEST = "2026-05-01";

export interface HostilePaper {
  slug: string;
  /** `ingest-07` or `hand-07`: in the title, so pages can be told apart. */
  tag: string;
  title: string;
  organization: string;
  payload: string;
}

function yamlSingleQuoted(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Writes the corpus into `dir/papers` and `dir/digests`; returns what each paper carries. */
export async function writeHostileContent(dir: string): Promise<HostilePaper[]> {
  await mkdir(path.join(dir, "papers"), { recursive: true });
  await mkdir(path.join(dir, "digests"), { recursive: true });
  const ingested = XSS_PAYLOADS.map(({ text }, i) => {
    const tag = `ingest-${String(i + 1).padStart(2, "0")}`;
    return { tag, title: `${text} [${tag}]`, organization: `${text} Labs [${tag}]`, payload: text };
  });
  const slugs = assignSlugs(
    ingested.map((p) => titleKey(p.title)),
    new Set(),
  );
  const papers: HostilePaper[] = [];

  for (const [i, p] of ingested.entries()) {
    const slug = slugs.get(titleKey(p.title)) ?? "";
    const abstract = `Payload ${i + 1} of the corpus, ${SEARCH_WORD}: ${p.payload}\n\nIt also ends the abstract: ${p.payload}`;
    const day = String((i % 28) + 1).padStart(2, "0");
    const text = serializePaper({ title: p.title, organization: p.organization, published: `2025-01-${day}`, digests: [INGEST_DIGEST], abstract });
    await writeFile(path.join(dir, "papers", `${slug}.md`), text);
    papers.push({ slug, ...p });
  }

  for (const [i, { text }] of XSS_PAYLOADS.entries()) {
    const tag = `hand-${String(i + 1).padStart(2, "0")}`;
    const slug = `hand-edited-payload-${String(i + 1).padStart(2, "0")}`;
    const paper = { slug, tag, title: `${text} [${tag}]`, organization: `${text} Institute [${tag}]`, payload: text };
    const file = [
      "---",
      `title: ${yamlSingleQuoted(paper.title)}`,
      `organization: ${yamlSingleQuoted(paper.organization)}`,
      `digests: [${HAND_DIGEST}]`,
      "---",
      `A contributor's ${SEARCH_WORD} abstract: ${text}`,
      "",
      text,
      "",
    ].join("\n");
    await writeFile(path.join(dir, "papers", `${slug}.md`), file);
    papers.push(paper);
  }

  for (const [date, listed] of [
    [INGEST_DIGEST, papers.filter((p) => p.tag.startsWith("ingest-"))],
    [HAND_DIGEST, papers.filter((p) => p.tag.startsWith("hand-"))],
  ] as const) {
    await writeFile(
      path.join(dir, "digests", `${date}.json`),
      serializeDigestManifest({ date, papers: listed.map((p) => ({ slug: p.slug, title: p.title })) }),
    );
  }
  return papers;
}
