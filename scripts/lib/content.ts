/**
 * Reads and validates the content folder: `papers/<slug>.md` (YAML front matter + Markdown abstract)
 * and `digests/YYYY-MM-DD.json`. Every problem in every file is collected, so one failed build shows
 * all of them; nothing is rendered from content that did not pass.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { MarkdownIt } from "markdown-it";
import YAML from "yaml";
import { isIsoDate } from "./dates.js";
import { type DigestManifest, parseDigestManifest, SLUG_PATTERN } from "./digest.js";
import { createMarkdown, markdownToPlainText } from "./markdown.js";
import { checkFrontMatter, FRONT_MATTER_KEYS, type PaperRecord } from "./paper.js";

export interface Content {
  /** File-name order. */
  papers: PaperRecord[];
  /** File-name order. */
  manifests: DigestManifest[];
}

export class ContentError extends Error {
  constructor(readonly problems: readonly string[]) {
    const count = `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
    super(`invalid content, ${count}:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "ContentError";
  }
}

/**
 * By name rather than `instanceof`: the Eleventy config loads its own copy of this module when a test
 * runner has already loaded one, and the two classes differ.
 */
export function isContentError(error: unknown): error is ContentError {
  return error instanceof Error && error.name === "ContentError" && Array.isArray((error as ContentError).problems);
}

type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[] };

const FENCE = "---";

/** YAML front matter between two `---` lines at the very top, then the body. */
export function splitFrontMatter(text: string): { frontMatter: string; body: string } | undefined {
  const lines = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
  if (lines[0]?.trimEnd() !== FENCE) return undefined;
  const end = lines.findIndex((line, i) => i > 0 && line.trimEnd() === FENCE);
  if (end === -1) return undefined;
  return { frontMatter: lines.slice(1, end).join("\n"), body: lines.slice(end + 1).join("\n") };
}

/** `file: key: message`, or `file: message` for problems of the whole file. */
function problem(file: string, where: readonly (string | number)[], message: string): string {
  return where.length > 0 ? `${file}: ${where.join(".")}: ${message}` : `${file}: ${message}`;
}

const KNOWN_KEYS: ReadonlySet<string> = new Set(FRONT_MATTER_KEYS);

/** Reports keys outside the contract by name, and leaves the rest for the schema to check. */
function withoutUnknownKeys(data: unknown, file: string, problems: string[]): unknown {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return data ?? {};
  const known: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (KNOWN_KEYS.has(key)) known[key] = value;
    else problems.push(problem(file, [key], `unknown key; the keys are ${FRONT_MATTER_KEYS.join(", ")}`));
  }
  return known;
}

/** One paper file; `file` names it in messages and its base name is the slug. */
export function parsePaperFile(text: string, file: string, md: MarkdownIt): Parsed<PaperRecord> {
  const slug = path.basename(file, ".md");
  const problems: string[] = [];
  if (!SLUG_PATTERN.test(slug)) {
    problems.push(problem(file, [], "file name must be a slug: lowercase ASCII letters, digits and single hyphens"));
  }
  const parts = splitFrontMatter(text);
  if (!parts) {
    return { ok: false, problems: [...problems, problem(file, [], "missing YAML front matter between two --- lines")] };
  }
  let data: unknown;
  try {
    data = YAML.parse(parts.frontMatter);
  } catch (error) {
    const message = ((error as Error).message.split("\n")[0] ?? "").replace(/:$/, "");
    return { ok: false, problems: [...problems, problem(file, ["front matter"], message)] };
  }
  const checked = checkFrontMatter(withoutUnknownKeys(data, file, problems));
  if (!checked.ok) {
    for (const issue of checked.issues) problems.push(problem(file, issue.path, issue.message));
  }
  const abstract = markdownToPlainText(md, parts.body).trim();
  if (abstract.length === 0) problems.push(problem(file, ["abstract"], "the body below the front matter must not be empty"));
  if (!checked.ok || problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { ...checked.value, abstract, slug } };
}

/** One digest manifest; its file name must be its date. */
export function parseManifestFile(text: string, file: string): Parsed<DigestManifest> {
  let manifest: DigestManifest;
  try {
    manifest = parseDigestManifest(text, file);
  } catch (error) {
    return { ok: false, problems: [(error as Error).message] };
  }
  const name = path.basename(file, ".json");
  if (!isIsoDate(name) || name !== manifest.date) {
    return { ok: false, problems: [problem(file, ["date"], `${manifest.date} does not match the file name; name it ${manifest.date}.json`)] };
  }
  return { ok: true, value: manifest };
}

async function listFiles(dir: string, extension: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  // Code-unit order: the same on every file system and locale.
  return names.filter((n) => n.endsWith(extension)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Reads and parses files a batch at a time: enough to keep the disk busy without opening them all at
 * once or holding every text in memory.
 */
async function parseAll<T>(files: readonly string[], parse: (text: string, file: string) => Parsed<T>): Promise<Parsed<T>[]> {
  const results: Parsed<T>[] = [];
  const batch = 64;
  for (let i = 0; i < files.length; i += batch) {
    const texts = await Promise.all(files.slice(i, i + batch).map((file) => readFile(file, "utf8")));
    texts.forEach((text, j) => results.push(parse(text, files[i + j] ?? "")));
  }
  return results;
}

function collect<T>(results: readonly Parsed<T>[], values: T[], problems: string[]): void {
  for (const result of results) {
    if (result.ok) values.push(result.value);
    else problems.push(...result.problems);
  }
}

/** Loads `dir/papers/*.md` and `dir/digests/*.json`; throws a ContentError naming every problem. */
export async function loadContent(dir: string): Promise<Content> {
  const paperFiles = (await listFiles(path.join(dir, "papers"), ".md")).map((n) => path.join(dir, "papers", n));
  const manifestFiles = (await listFiles(path.join(dir, "digests"), ".json")).map((n) => path.join(dir, "digests", n));
  const md = createMarkdown();
  const papers: PaperRecord[] = [];
  const manifests: DigestManifest[] = [];
  const problems: string[] = [];
  collect(await parseAll(paperFiles, (text, file) => parsePaperFile(text, file, md)), papers, problems);
  collect(await parseAll(manifestFiles, parseManifestFile), manifests, problems);
  if (problems.length > 0) throw new ContentError(problems);
  return { papers, manifests };
}
