/**
 * A digest manifest records one listing: its date and its papers in the order the page showed them,
 * each with the title as listed and the counts it showed (the table's observed fields). The order
 * cannot live in the papers' front matter (its keys are a fixed contract), the listed title lets a
 * re-ingest find a paper whose title a contributor has since corrected, and the counts tell a value
 * ingest wrote from one a contributor changed. Stored as `content/digests/YYYY-MM-DD.json`.
 */
import { z } from "zod";
import { type Document, visit } from "yaml";
import { isIsoDate } from "./dates.js";
import { OBSERVED_KEYS, PAPER_FIELDS } from "./fields.js";
import { SLUG_PATTERN } from "./slug-pattern.js";
import { LONE_SURROGATE } from "./unicode.js";
import { parseYaml, repeatedKeys, type YamlProblem } from "./yaml-engine.js";

export type ObservedKey = (typeof OBSERVED_KEYS)[number];

/** What one listing showed of a paper's observed fields. */
export type Observed = { [K in ObservedKey]?: number };

export interface DigestEntry extends Observed {
  slug: string;
  /** The title exactly as the listing showed it. */
  title: string;
}

const ENTRY_KEYS: ReadonlySet<string> = new Set(["slug", "title", ...OBSERVED_KEYS]);

export interface DigestManifest {
  date: string;
  papers: DigestEntry[];
}

export { SLUG_PATTERN };

export const digestManifestSchema = z.strictObject({
  date: z.string().refine(isIsoDate, { message: "expected a real calendar date as YYYY-MM-DD" }),
  papers: z.array(
    z.strictObject({
      slug: z.string().regex(SLUG_PATTERN, { message: "expected a slug of lowercase ASCII letters, digits and hyphens" }),
      title: z.string().min(1, { message: "must not be empty" }),
      ...Object.fromEntries(OBSERVED_KEYS.map((key) => [key, PAPER_FIELDS[key].kind.schema.optional()])),
    }),
  ),
});

/** The observed values of an entry or a paper, in table order, only those present. */
export function observed(values: Observed): Observed {
  const out: Observed = {};
  for (const key of OBSERVED_KEYS) if (values[key] !== undefined) out[key] = values[key];
  return out;
}

export function serializeDigestManifest(manifest: DigestManifest): string {
  const ordered = { date: manifest.date, papers: manifest.papers.map((p) => ({ slug: p.slug, title: p.title, ...observed(p) })) };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * The schema's result for a valid manifest (what ingest writes), checked by hand: zod costs more
 * than reading the file. Anything else goes to the schema, the definition and the messages.
 */
function plainManifest(data: unknown): DigestManifest | undefined {
  if (!isPlainObject(data)) return undefined;
  for (const key in data) if (key !== "date" && key !== "papers") return undefined;
  const { date, papers } = data;
  if (typeof date !== "string" || !isIsoDate(date) || !Array.isArray(papers)) return undefined;
  const entries: DigestEntry[] = [];
  for (let i = 0; i < papers.length; i++) {
    const entry: unknown = papers[i];
    if (!isPlainObject(entry)) return undefined;
    for (const key in entry) if (!ENTRY_KEYS.has(key)) return undefined;
    const { slug, title } = entry;
    if (typeof slug !== "string" || !SLUG_PATTERN.test(slug) || typeof title !== "string" || title.length === 0) return undefined;
    const out: DigestEntry = { slug, title };
    for (const key of OBSERVED_KEYS) {
      const value = entry[key];
      if (value === undefined) continue;
      if (!PAPER_FIELDS[key].kind.isPlain(value)) return undefined;
      out[key] = value;
    }
    entries.push(out);
  }
  return { date, papers: entries };
}

/**
 * What JSON.parse lets pass silently: a key given twice in one object (the last one wins, the
 * others are lost) and a string holding a lone UTF-16 surrogate escape (`"\ud800"`, not a
 * character). `doc` is the text read as YAML, which JSON is, for the offsets.
 */
export function manifestTextProblems(doc: Document, text: string): YamlProblem[] {
  const problems: YamlProblem[] = [];
  for (const { offset } of repeatedKeys(doc)) {
    const key = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(offset, offset + 200))?.[0] ?? "a key";
    problems.push({ offset, message: `${key} appears twice in one object, and JSON keeps only the last: remove one` });
  }
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === "string" && LONE_SURROGATE.test(node.value)) {
        problems.push({ offset: node.range?.[0] ?? 0, message: "holds a lone UTF-16 surrogate (such as \\ud800), which is not a character" });
      }
    },
  });
  return problems.sort((a, b) => a.offset - b.offset);
}

/** Whether `text` is exactly what ingest writes for `data`: then it has no repeated key or escape to look for. */
export function isCanonicalManifest(text: string, data: unknown): boolean {
  const plain = plainManifest(data);
  // JSON.stringify writes a lone surrogate as an escape: such a text is canonical and still wrong.
  return plain !== undefined && serializeDigestManifest(plain) === text && !plain.papers.some((p) => LONE_SURROGATE.test(p.title));
}

/** V8's JSON.parse message without its quote of the text, which may span lines. */
export function jsonErrorMessage(error: unknown): string {
  return (error as Error).message.replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, "").replace(/\s+/g, " ");
}

export function parseDigestManifest(text: string, where: string): DigestManifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where}: not valid JSON (${jsonErrorMessage(error)})`);
  }
  if (!isCanonicalManifest(text, data)) {
    const { doc } = parseYaml(text);
    const first = doc ? manifestTextProblems(doc, text)[0] : undefined;
    if (first) throw new Error(`${where}: ${first.message}`);
  }
  const plain = plainManifest(data);
  if (plain) return plain;
  const result = digestManifestSchema.safeParse(data);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new Error(`${where}: ${first?.path.join(".") || "manifest"}: ${first?.message ?? "invalid"}`);
  }
  return result.data as DigestManifest;
}

/**
 * A listing ingested again (or a second copy of the same day) adds its papers to the day's
 * manifest: entries already there keep their place and listed title and take the counts it shows
 * (the latest observation), new ones follow in order.
 */
export function mergeDigestManifest(existing: DigestManifest | undefined, listed: DigestManifest): DigestManifest {
  if (!existing) return listed;
  const shown = new Map(listed.papers.map((p) => [p.slug, p]));
  const known = new Set(existing.papers.map((p) => p.slug));
  const kept = existing.papers.map((p) => {
    const now = shown.get(p.slug);
    return now ? { slug: p.slug, title: p.title, ...observed({ ...observed(p), ...observed(now) }) } : p;
  });
  return { date: existing.date, papers: [...kept, ...listed.papers.filter((p) => !known.has(p.slug))] };
}
