/**
 * A paper as a Markdown file, the contract contributors edit:
 *
 *   ---
 *   title: "…"
 *   authors: 3
 *   published: 2023-09-22
 *   digests: [2026-04-13]
 *   ---
 *   <abstract as Markdown>
 *
 * Writing is ours alone; reading goes through `splitFrontMatter` and `yamlEngine`, as the site does,
 * except that a file still exactly as we wrote it is read directly (`readOurFrontMatter`), for speed.
 * Merging a newer listing into an existing file only adds what the file lacks, as text insertions
 * at positions the `yaml` Document gives, so every byte a contributor wrote stays where it was.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from "yaml";
import { abstractToMarkdown, createMarkdown, markdownToPlainText } from "./markdown.js";
import { checkFrontMatter, formatIssue, FRONT_MATTER_KEYS, type FrontMatter, type FrontMatterKey, type Paper } from "./paper.js";
import { FrontMatterError, yamlEngine } from "./yaml-engine.js";

/** Everything YAML could misread in a double-quoted scalar, or that would break the line. */
const YAML_ESCAPE = /["\\\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g;
const NAMED_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

function yamlString(value: string): string {
  const escaped = value.replace(YAML_ESCAPE, (c) => {
    const named = NAMED_ESCAPES[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
  return `"${escaped}"`;
}

type Value = FrontMatter[FrontMatterKey];

/** The YAML text of one front-matter value, in the file format's style. */
function formatValue(key: FrontMatterKey, value: Value): string {
  if (key === "title" || key === "organization") return yamlString(value as string);
  if (key === "digests") return `[${(value as string[]).join(", ")}]`;
  // Integers and YYYY-MM-DD dates: plain scalars the core schema reads back unchanged.
  return String(value);
}

function frontMatterOf(paper: Paper): FrontMatter {
  const { abstract: _abstract, ...frontMatter } = paper;
  return frontMatter;
}

/** The front matter block, both `---` lines included, of checked front matter. */
function formatFrontMatter(frontMatter: FrontMatter): string {
  let block = "---\n";
  for (const key of FRONT_MATTER_KEYS) {
    const value = frontMatter[key];
    if (value !== undefined) block += `${key}: ${formatValue(key, value)}\n`;
  }
  return `${block}---\n`;
}

export function serializePaper(paper: Paper): string {
  const checked = checkFrontMatter(frontMatterOf(paper));
  if (!checked.ok) {
    throw new Error(`cannot write paper ${JSON.stringify(paper.title)}: ${formatIssue(checked.issues[0]!)}`);
  }
  return `${formatFrontMatter(checked.value)}${abstractToMarkdown(paper.abstract)}\n`;
}

/**
 * Loose shape of a block `formatFrontMatter` wrote. Matching it proves nothing: a file counts as
 * written by us only when its values, formatted again, give back the very same bytes.
 */
const OUR_FRONT_MATTER =
  /^---\ntitle: ("[^\n]*")\n(?:authors: (\d+)\n)?(?:organization: ("[^\n]*")\n)?(?:published: ([\d-]+)\n)?(?:comments: (\d+)\n)?(?:upvotes: (\d+)\n)?digests: \[([\d, -]+)\]\n---\n/;
const YAML_UNESCAPE = /\\(x[0-9a-f]{2}|u[0-9a-f]{4}|.)/g;
const NAMED_UNESCAPES: Readonly<Record<string, string>> = { '"': '"', "\\": "\\", t: "\t", n: "\n", r: "\r" };

/** The value of a scalar `yamlString` wrote; undefined for an escape it never writes. */
function unquote(quoted: string): string | undefined {
  let known = true;
  const value = quoted.slice(1, -1).replace(YAML_UNESCAPE, (_, escape: string) => {
    if (escape.length > 1) return String.fromCharCode(parseInt(escape.slice(1), 16));
    const named = NAMED_UNESCAPES[escape];
    if (named === undefined) known = false;
    return named ?? "";
  });
  return known ? value : undefined;
}

interface OurFrontMatter {
  frontMatter: FrontMatter;
  /** Length of the front matter block, closing `---` line included: the body follows. */
  length: number;
}

/**
 * The front matter of a file exactly as `serializePaper` writes it, read without the YAML parser,
 * gray-matter and markdown-it, which cost ten times more than reading the file. A file a
 * contributor has touched (another layout, a comment, a quoting style) gives undefined and is
 * read the general way. Being byte-identical to what `formatFrontMatter` makes of the values is
 * what makes the shortcut exact: those bytes read back to those values (the round-trip tests).
 */
export function readOurFrontMatter(text: string): OurFrontMatter | undefined {
  const match = OUR_FRONT_MATTER.exec(text);
  if (!match) return undefined;
  const [block, title, authors, organization, published, comments, upvotes, digests] = match;
  const data: Record<string, unknown> = { title: unquote(title!), digests: digests!.split(", ") };
  if (authors !== undefined) data.authors = Number(authors);
  if (organization !== undefined) data.organization = unquote(organization);
  if (published !== undefined) data.published = published;
  if (comments !== undefined) data.comments = Number(comments);
  if (upvotes !== undefined) data.upvotes = Number(upvotes);
  if (data.title === undefined || ("organization" in data && data.organization === undefined)) return undefined;
  const checked = checkFrontMatter(data);
  if (!checked.ok || formatFrontMatter(checked.value) !== block) return undefined;
  return { frontMatter: checked.value, length: block.length };
}

export type FrontMatterReadResult = { ok: true; frontMatter: FrontMatter } | { ok: false; problems: string[] };

/** A paper file's front matter, exactly as `parsePaperFile` reads it, at a fraction of the cost for files ingest wrote. */
export function readPaperFrontMatter(text: string): FrontMatterReadResult {
  const ours = readOurFrontMatter(text);
  if (ours) return { ok: true, frontMatter: ours.frontMatter };
  const parsed = parsePaperFile(text);
  return parsed.ok ? { ok: true, frontMatter: frontMatterOf(parsed.paper) } : parsed;
}

export type PaperFileResult = { ok: true; paper: Paper; body: string } | { ok: false; problems: string[] };

const md = createMarkdown();

/**
 * The front-matter data and the Markdown body, read exactly as ingest and the site read them.
 * Throws a FrontMatterError when the file does not open with a bare `---` line, or its front matter
 * is not plain YAML data or not a mapping. The fence is decided here, never by a library that
 * picks a parser from it: gray-matter's `---js` runs the front matter as JavaScript.
 */
export function readFrontMatter(text: string): { data: Record<string, unknown>; body: string } {
  const split = splitFrontMatter(text);
  if ("problem" in split) throw new FrontMatterError(split.problem, 0);
  // The body starts after the closing `---` and its line break, as gray-matter (and Eleventy) cut it.
  return { data: yamlEngine(split.yaml), body: split.rest.slice(3).replace(/^\r?\n?/, "") };
}

/** The abstract a reader sees in a body; a body that renders to nothing is a problem. */
export function checkBody(body: string): { ok: true; abstract: string } | { ok: false; message: string } {
  const abstract = markdownToPlainText(md, body);
  return abstract.trim() === "" ? { ok: false, message: "the abstract (the text after the front matter) is empty" } : { ok: true, abstract };
}

export function parsePaperFile(text: string): PaperFileResult {
  let file: { data: Record<string, unknown>; body: string };
  try {
    file = readFrontMatter(text);
  } catch (error) {
    if (!(error instanceof FrontMatterError)) throw error;
    return { ok: false, problems: [error.message] };
  }
  const checked = checkFrontMatter(file.data);
  const body = checkBody(file.body);
  if (!checked.ok || !body.ok) {
    return { ok: false, problems: [...(checked.ok ? [] : checked.issues.map(formatIssue)), ...(body.ok ? [] : [body.message])] };
  }
  return { ok: true, paper: { ...checked.value, abstract: body.abstract }, body: file.body };
}

export type MergeResult =
  | { status: "unchanged"; text: string }
  | { status: "updated"; text: string }
  | { status: "invalid"; problems: string[] };

/** Fields a newer listing adds to a file that lacks them; title and body never change, digests only grow. */
export const ADDABLE_KEYS = ["authors", "organization", "published", "comments", "upvotes"] as const satisfies readonly FrontMatterKey[];

/**
 * Adds to an existing paper file what a newer listing knows and the file lacks: absent fields and
 * new digest dates. Values present in the file, its title and its body are never touched, even
 * when the listing says otherwise (they may be a contributor's corrections). Returns the text
 * itself, byte for byte, when there is nothing to add.
 */
export function mergePaperFile(existing: string, listed: Paper): MergeResult {
  const ours = readOurFrontMatter(existing);
  if (ours) {
    const merged = whatToAdd(ours.frontMatter, listed);
    if (!merged) return { status: "unchanged", text: existing };
    // Our layout is the one insertion in place produces, so formatting the merged values anew gives
    // the same bytes. Values the schema refuses go the general way, to get its verdict.
    const checked = checkFrontMatter(merged.expected);
    if (checked.ok) return { status: "updated", text: formatFrontMatter(checked.value) + existing.slice(ours.length) };
  }
  return mergeInPlace(existing, listed);
}

interface Additions {
  additions: Partial<FrontMatter>;
  newDigests: string[];
  /** The front matter after merging. */
  expected: FrontMatter;
}

/** What a listing adds to a file's front matter; undefined when nothing. */
function whatToAdd(current: FrontMatter, listed: Paper): Additions | undefined {
  const additions: Partial<FrontMatter> = {};
  for (const key of ADDABLE_KEYS) {
    if (current[key] === undefined && listed[key] !== undefined) Object.assign(additions, { [key]: listed[key] });
  }
  const newDigests = [...new Set(listed.digests)].filter((d) => !current.digests.includes(d)).sort();
  if (Object.keys(additions).length === 0 && newDigests.length === 0) return undefined;
  const expected: FrontMatter = { ...current, ...additions, digests: [...new Set([...current.digests, ...newDigests])].sort() };
  return { additions, newDigests, expected };
}

function mergeInPlace(existing: string, listed: Paper): MergeResult {
  const parsed = parsePaperFile(existing);
  if (!parsed.ok) return { status: "invalid", problems: parsed.problems };
  const merged = whatToAdd(frontMatterOf(parsed.paper), listed);
  if (!merged) return { status: "unchanged", text: existing };
  const { additions, newDigests, expected } = merged;
  const split = splitFrontMatter(existing);
  if ("problem" in split) return { status: "invalid", problems: [split.problem] };
  const doc = parseDocument(split.yaml, { schema: "core" });
  const candidates = [insertInPlace(split.yaml, doc, additions, newDigests), rewriteDocument(doc, additions, newDigests)];
  for (const yaml of candidates) {
    if (yaml === undefined) continue;
    const text = split.open + yaml + split.rest;
    if (mergedAsExpected(text, expected, parsed.body)) return { status: "updated", text };
  }
  return { status: "invalid", problems: ["front matter is laid out in a way new values cannot be added to"] };
}

export interface SplitFile {
  /** The opening `---` line, with a byte-order mark if the file has one. */
  open: string;
  /** The YAML between the delimiter lines, each of its lines ending in a line break. */
  yaml: string;
  /** The closing `---` line and the body. */
  rest: string;
}

/**
 * Splits where gray-matter does: the first line break followed by `---` closes the front matter.
 * Stricter than gray-matter about the opening line, which must hold `---` alone (a byte-order mark
 * and trailing blanks aside): gray-matter reads what follows the dashes as the language of the
 * front matter, and runs `---js` as JavaScript. Content is YAML, never code.
 */
export function splitFrontMatter(text: string): SplitFile | { problem: string } {
  const open = /^\uFEFF?---[ \t]*\r?\n/.exec(text)?.[0];
  if (open === undefined) return { problem: fenceProblem(text) ?? "no front matter: the file must start with a line holding only ---" };
  const close = text.indexOf("\n---", open.length - 1);
  if (close === -1) return { problem: "front matter is not closed: no --- line after it" };
  return { open, yaml: text.slice(open.length, close + 1), rest: text.slice(close + 1) };
}

/** The problem of a file whose first line names a front-matter language (`---js`, `---json`); undefined for any other file. */
export function fenceProblem(text: string): string | undefined {
  const language = /^\uFEFF?---[ \t]*([^\s-][^\r\n]*)/.exec(text)?.[1];
  if (language === undefined) return undefined;
  const shown = language.length > 20 ? `${language.slice(0, 20)}…` : language;
  return `front matter opened as "---${shown}": front matter is YAML only, opened by a line holding only --- (nothing in content is ever run)`;
}

function mergedAsExpected(text: string, expected: FrontMatter, body: string): boolean {
  const reparsed = parsePaperFile(text);
  if (!reparsed.ok || reparsed.body !== body) return false;
  const { abstract: _abstract, ...frontMatter } = reparsed.paper;
  return JSON.stringify(frontMatter, [...FRONT_MATTER_KEYS]) === JSON.stringify(expected, [...FRONT_MATTER_KEYS]);
}

interface Insertion {
  at: number;
  text: string;
}

/** Offset just after the line on which `offset` lies (or `offset` itself if it starts a line). */
function endOfLine(yaml: string, offset: number): number {
  if (offset > 0 && yaml[offset - 1] === "\n") return offset;
  const lineBreak = yaml.indexOf("\n", offset);
  return lineBreak === -1 ? yaml.length : lineBreak + 1;
}

function startOfLine(yaml: string, offset: number): number {
  return yaml.lastIndexOf("\n", offset - 1) + 1;
}

/** New keys and dates as insertions at the Document's source ranges; undefined for layouts it cannot place. */
function insertInPlace(yaml: string, doc: Document, additions: Partial<FrontMatter>, newDigests: string[]): string | undefined {
  const root = doc.contents;
  if (doc.errors.length > 0 || !isMap(root) || root.flow) return undefined;
  const eol = yaml.includes("\r\n") ? "\r\n" : "\n";
  const insertions: Insertion[] = [];

  const pairs = new Map<string, Pair<unknown, unknown>>();
  for (const pair of (root as YAMLMap<unknown, unknown>).items) {
    if (isScalar(pair.key)) pairs.set(String(pair.key.value), pair);
  }
  for (const key of ADDABLE_KEYS) {
    const value = additions[key];
    if (value === undefined) continue;
    // After the nearest key that precedes it in the contract order (the title at least).
    const anchorKey = FRONT_MATTER_KEYS.slice(0, FRONT_MATTER_KEYS.indexOf(key)).findLast((k) => pairs.has(k));
    const anchor = anchorKey === undefined ? undefined : pairs.get(anchorKey);
    const keyNode = anchor?.key as Node | undefined;
    const valueNode = anchor?.value as Node | null | undefined;
    if (!keyNode?.range || !valueNode?.range) return undefined;
    const indent = yaml.slice(startOfLine(yaml, keyNode.range[0]), keyNode.range[0]);
    if (indent.trim() !== "") return undefined;
    insertions.push({ at: endOfLine(yaml, valueNode.range[1]), text: `${indent}${key}: ${formatValue(key, value)}${eol}` });
  }

  if (newDigests.length > 0) {
    const seq = pairs.get("digests")?.value;
    if (!isSeq(seq)) return undefined;
    const items = (seq as YAMLSeq<unknown>).items;
    const ranges: [number, number, number][] = [];
    for (const item of items) {
      if (!isScalar(item) || !item.range) return undefined;
      ranges.push(item.range);
    }
    const last = ranges.at(-1);
    if (!last) return undefined;
    const blockPrefix = seq.flow ? "" : yaml.slice(startOfLine(yaml, last[0]), last[0]);
    if (!seq.flow && !/^[ \t]*-[ \t]+$/.test(blockPrefix)) return undefined;
    for (const date of newDigests) {
      const before = items.findIndex((item) => String((item as { value: unknown }).value) > date);
      const range = before === -1 ? last : ranges[before]!;
      if (seq.flow) {
        insertions.push(before === -1 ? { at: range[1], text: `, ${date}` } : { at: range[0], text: `${date}, ` });
      } else {
        const at = before === -1 ? endOfLine(yaml, range[1]) : startOfLine(yaml, range[0]);
        insertions.push({ at, text: `${blockPrefix}${date}${eol}` });
      }
    }
  }

  // Stable sort, applied from the end: insertions at one offset keep the order they were made in.
  insertions.sort((a, b) => a.at - b.at);
  let out = yaml;
  for (let i = insertions.length - 1; i >= 0; i--) {
    const { at, text } = insertions[i]!;
    out = out.slice(0, at) + text + out.slice(at);
  }
  return out;
}

/** Layouts the insertions cannot place (a flow mapping, say): let the Document rewrite itself, comments kept. */
function rewriteDocument(doc: Document, additions: Partial<FrontMatter>, newDigests: string[]): string | undefined {
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const copy = doc.clone();
  for (const key of ADDABLE_KEYS) {
    const value = additions[key];
    if (value !== undefined) copy.set(key, value);
  }
  const seq = copy.get("digests", true);
  if (!isSeq(seq)) return undefined;
  for (const date of newDigests) seq.add(copy.createNode(date));
  seq.items.sort((a, b) => String(isScalar(a) ? a.value : a).localeCompare(String(isScalar(b) ? b.value : b)));
  return copy.toString({ lineWidth: 0 });
}
