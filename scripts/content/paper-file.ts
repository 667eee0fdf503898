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
import type { FieldSpec, FieldTable, FieldValues } from "./fields.js";
import { abstractToMarkdown, createMarkdown, markdownToPlainText, writtenAbstract } from "./markdown.js";
import { formatIssue, paperContract, type FrontMatterContract, type FrontMatterIssue, type FrontMatterKey } from "./paper.js";
import { FrontMatterError, yamlEngine } from "./yaml-engine.js";

type Values = Record<string, unknown>;

export type PaperOf<F extends FieldTable> = FieldValues<F> & { abstract: string };

interface OurFrontMatter<T> {
  frontMatter: T;
  /** Length of the front matter block, closing `---` line included: the body follows. */
  length: number;
}

export type FrontMatterReadResult<T = FieldValues<typeof paperContract.fields>> = { ok: true; frontMatter: T } | { ok: false; problems: string[] };

export type PaperFileResult<P = PaperOf<typeof paperContract.fields>> = { ok: true; paper: P; body: string } | { ok: false; problems: string[] };

export type MergeResult =
  | { status: "unchanged"; text: string }
  | { status: "updated"; text: string }
  | { status: "invalid"; problems: string[] };

function frontMatterOf(paper: { abstract: string }): Values {
  const { abstract: _abstract, ...frontMatter } = paper;
  return frontMatter;
}

/**
 * Paper files as a field table defines them: the writer, the reader's shortcut, the general reader
 * and the merge. The site's own are below (`serializePaper` and the rest); tests make others.
 */
export function paperFileFormat<F extends FieldTable>(contract: FrontMatterContract<F>) {
  type FrontMatter = FieldValues<F>;
  type Paper = PaperOf<F>;
  const entries = Object.entries(contract.fields) as [string, FieldSpec][];
  const specs = new Map(entries);
  const keys: readonly string[] = contract.keys;
  const check = (data: unknown) => contract.check(data) as { ok: true; value: Values } | { ok: false; issues: FrontMatterIssue[] };
  /** Fields a newer listing adds to a file that lacks them; title and body never change, lists only grow. */
  const fillKeys = entries.filter(([, spec]) => spec.merge === "fill" || spec.merge === "observe").map(([key]) => key);
  const observedKeys: ReadonlySet<string> = new Set(entries.filter(([, spec]) => spec.merge === "observe").map(([key]) => key));
  const unionKeys = entries.filter(([, spec]) => spec.merge === "union").map(([key]) => key);

  /** The YAML text of one front-matter value, as its kind writes it. */
  function formatValue(key: string, value: unknown): string {
    return specs.get(key)!.kind.write(value as never);
  }

  /** The front matter block, both `---` lines included, of checked front matter. */
  function formatFrontMatter(frontMatter: Values): string {
    let block = "---\n";
    for (const key of keys) {
      const value = frontMatter[key];
      if (value !== undefined) block += `${key}: ${formatValue(key, value)}\n`;
    }
    return `${block}---\n`;
  }

  function serializePaper(paper: Paper): string {
    const checked = check(frontMatterOf(paper));
    if (!checked.ok) {
      throw new Error(`cannot write paper ${JSON.stringify((paper as Values).title)}: ${formatIssue(checked.issues[0]!)}`);
    }
    return `${formatFrontMatter(checked.value)}${abstractToMarkdown(paper.abstract)}\n`;
  }

  /**
   * Loose shape of a block `formatFrontMatter` wrote, one group per key. Matching it proves nothing:
   * a file counts as written by us only when its values, formatted again, give back the very same bytes.
   */
  const ourFrontMatter = new RegExp(
    `^---\\n${entries.map(([key, spec]) => (spec.optional ? `(?:${key}: ${spec.kind.pattern}\\n)?` : `${key}: ${spec.kind.pattern}\\n`)).join("")}---\\n`,
  );

  /**
   * The front matter of a file exactly as `serializePaper` writes it, read without the YAML parser,
   * gray-matter and markdown-it, which cost ten times more than reading the file. A file a
   * contributor has touched (another layout, a comment, a quoting style) gives undefined and is
   * read the general way. Being byte-identical to what `formatFrontMatter` makes of the values is
   * what makes the shortcut exact: those bytes read back to those values (the round-trip tests).
   */
  function readOurFrontMatter(text: string): OurFrontMatter<FrontMatter> | undefined {
    const match = ourFrontMatter.exec(text);
    if (!match) return undefined;
    const data: Values = {};
    for (const [i, [key, spec]] of entries.entries()) {
      const found = match[i + 1];
      if (found === undefined) continue;
      const value = spec.kind.read(found);
      if (value === undefined) return undefined;
      data[key] = value;
    }
    const checked = check(data);
    if (!checked.ok || formatFrontMatter(checked.value) !== match[0]) return undefined;
    return { frontMatter: checked.value as FrontMatter, length: match[0].length };
  }

  /** A paper file's front matter, exactly as `parsePaperFile` reads it, at a fraction of the cost for files ingest wrote. */
  function readPaperFrontMatter(text: string): FrontMatterReadResult<FrontMatter> {
    const ours = readOurFrontMatter(text);
    if (ours) return { ok: true, frontMatter: ours.frontMatter };
    const parsed = parsePaperFile(text);
    return parsed.ok ? { ok: true, frontMatter: frontMatterOf(parsed.paper) as FrontMatter } : parsed;
  }

  function parsePaperFile(text: string): PaperFileResult<Paper> {
    let file: { data: Values; body: string };
    try {
      file = readFrontMatter(text);
    } catch (error) {
      if (!(error instanceof FrontMatterError)) throw error;
      return { ok: false, problems: [error.message] };
    }
    const checked = check(file.data);
    const body = checkBody(file.body);
    if (!checked.ok || !body.ok) {
      return { ok: false, problems: [...(checked.ok ? [] : checked.issues.map(formatIssue)), ...(body.ok ? [] : [body.message])] };
    }
    return { ok: true, paper: { ...checked.value, abstract: body.abstract } as Paper, body: file.body };
  }

  /**
   * Adds to an existing paper file what a newer listing knows and the file lacks: absent fields and
   * new values of its lists. Values present in the file, its title and its body are never touched, even
   * when the listing says otherwise (they may be a contributor's corrections), except the observed
   * values in `replace`, which the caller has found to be its own earlier observations. Returns the
   * text itself, byte for byte, when there is nothing to change.
   */
  function mergePaperFile(existing: string, listed: Paper, replace: Values = {}): MergeResult {
    for (const key in replace) if (!observedKeys.has(key)) throw new Error(`${key} is not an observed field: a listing never replaces it`);
    const ours = readOurFrontMatter(existing);
    if (ours) {
      const merged = whatToAdd(ours.frontMatter, listed, replace);
      if (!merged) return { status: "unchanged", text: existing };
      // Our layout is the one insertion in place produces, so formatting the merged values anew gives
      // the same bytes. Values the schema refuses go the general way, to get its verdict.
      const checked = check(merged.expected);
      if (checked.ok) return { status: "updated", text: formatFrontMatter(checked.value) + existing.slice(ours.length) };
    }
    return mergeInPlace(existing, listed, replace);
  }

  interface Additions {
    /** Fields the file lacks. */
    additions: Values;
    /** Values new to lists the file has, ascending. */
    grown: Map<string, string[]>;
    /** New values of fields the file has. */
    replaced: Values;
    /** The front matter after merging. */
    expected: Values;
  }

  /** What a listing adds to a file's front matter; undefined when nothing. */
  function whatToAdd(current: Values, listed: Values, replace: Values): Additions | undefined {
    const additions: Values = {};
    for (const key of fillKeys) if (current[key] === undefined && listed[key] !== undefined) additions[key] = listed[key];
    const replaced: Values = {};
    for (const key in replace) if (current[key] !== undefined && current[key] !== replace[key]) replaced[key] = replace[key];
    const grown = new Map<string, string[]>();
    const expected: Values = { ...current };
    for (const key of unionKeys) {
      const have = current[key] as string[] | undefined;
      const added = [...new Set((listed[key] as string[] | undefined) ?? [])].filter((v) => !have?.includes(v)).sort();
      if (added.length === 0) continue;
      if (have === undefined) additions[key] = added;
      else grown.set(key, added);
      expected[key] = specs.get(key)!.kind.normalize([...(have ?? []), ...added] as never);
    }
    if (Object.keys(additions).length === 0 && grown.size === 0 && Object.keys(replaced).length === 0) return undefined;
    return {
      additions,
      grown,
      replaced,
      expected: { ...expected, ...additions, ...replaced, ...Object.fromEntries([...grown.keys()].map((key) => [key, expected[key]])) },
    };
  }

  function mergeInPlace(existing: string, listed: Paper, replace: Values): MergeResult {
    const parsed = parsePaperFile(existing);
    if (!parsed.ok) return { status: "invalid", problems: parsed.problems };
    const merged = whatToAdd(frontMatterOf(parsed.paper), listed, replace);
    if (!merged) return { status: "unchanged", text: existing };
    const { additions, grown, replaced, expected } = merged;
    const split = splitFrontMatter(existing);
    if ("problem" in split) return { status: "invalid", problems: [split.problem] };
    const doc = parseDocument(split.yaml, { schema: "core" });
    const candidates = [insertInPlace(split.yaml, doc, additions, grown, replaced), rewriteDocument(doc, { ...additions, ...replaced }, grown)];
    for (const yaml of candidates) {
      if (yaml === undefined) continue;
      const text = split.open + yaml + split.rest;
      if (mergedAsExpected(text, expected, parsed.body)) return { status: "updated", text };
    }
    return { status: "invalid", problems: ["front matter is laid out in a way new values cannot be added to"] };
  }

  function mergedAsExpected(text: string, expected: Values, body: string): boolean {
    const reparsed = parsePaperFile(text);
    if (!reparsed.ok || reparsed.body !== body) return false;
    return JSON.stringify(frontMatterOf(reparsed.paper), [...keys]) === JSON.stringify(expected, [...keys]);
  }

  /** New keys and list values as insertions at the Document's source ranges; undefined for layouts it cannot place. */
  function insertInPlace(yaml: string, doc: Document, additions: Values, grown: Map<string, string[]>, replaced: Values): string | undefined {
    const root = doc.contents;
    if (doc.errors.length > 0 || !isMap(root) || root.flow) return undefined;
    const eol = yaml.includes("\r\n") ? "\r\n" : "\n";
    const insertions: Insertion[] = [];

    const pairs = new Map<string, Pair<unknown, unknown>>();
    for (const pair of (root as YAMLMap<unknown, unknown>).items) {
      if (isScalar(pair.key)) pairs.set(String(pair.key.value), pair);
    }
    for (const key of keys) {
      const value = additions[key];
      if (value === undefined) continue;
      // After the nearest key that precedes it in the contract order (the title at least).
      const anchorKey = keys.slice(0, keys.indexOf(key)).findLast((k) => pairs.has(k));
      const anchor = anchorKey === undefined ? undefined : pairs.get(anchorKey);
      const keyNode = anchor?.key as Node | undefined;
      const valueNode = anchor?.value as Node | null | undefined;
      if (!keyNode?.range || !valueNode?.range) return undefined;
      const indent = yaml.slice(startOfLine(yaml, keyNode.range[0]), keyNode.range[0]);
      if (indent.trim() !== "") return undefined;
      insertions.push({ at: endOfLine(yaml, valueNode.range[1]), text: `${indent}${key}: ${formatValue(key, value)}${eol}` });
    }

    for (const [key, value] of Object.entries(replaced)) {
      const node = pairs.get(key)?.value;
      if (!isScalar(node) || !node.range) return undefined;
      insertions.push({ at: node.range[0], end: node.range[1], text: formatValue(key, value) });
    }

    for (const [key, added] of grown) {
      const seq = pairs.get(key)?.value;
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
      for (const value of added) {
        const before = items.findIndex((item) => String((item as { value: unknown }).value) > value);
        const range = before === -1 ? last : ranges[before]!;
        if (seq.flow) {
          insertions.push(before === -1 ? { at: range[1], text: `, ${value}` } : { at: range[0], text: `${value}, ` });
        } else {
          const at = before === -1 ? endOfLine(yaml, range[1]) : startOfLine(yaml, range[0]);
          insertions.push({ at, text: `${blockPrefix}${value}${eol}` });
        }
      }
    }

    // Stable sort, applied from the end: insertions at one offset keep the order they were made in.
    insertions.sort((a, b) => a.at - b.at);
    let out = yaml;
    for (let i = insertions.length - 1; i >= 0; i--) {
      const { at, end, text } = insertions[i]!;
      out = out.slice(0, at) + text + out.slice(end ?? at);
    }
    return out;
  }

  /** Layouts the insertions cannot place (a flow mapping, say): let the Document rewrite itself, comments kept. */
  function rewriteDocument(doc: Document, additions: Values, grown: Map<string, string[]>): string | undefined {
    if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
    const copy = doc.clone();
    for (const key of keys) {
      const value = additions[key];
      if (value !== undefined) copy.set(key, value);
    }
    for (const [key, added] of grown) {
      const seq = copy.get(key, true);
      if (!isSeq(seq)) return undefined;
      for (const value of added) seq.add(copy.createNode(value));
      seq.items.sort((a, b) => String(isScalar(a) ? a.value : a).localeCompare(String(isScalar(b) ? b.value : b)));
    }
    return copy.toString({ lineWidth: 0 });
  }

  return { contract, fillKeys, observedKeys, serializePaper, readOurFrontMatter, readPaperFrontMatter, parsePaperFile, mergePaperFile };
}

export const paperFiles = paperFileFormat(paperContract);
export type PaperFileFormat<F extends FieldTable> = ReturnType<typeof paperFileFormat<F>>;
export const { serializePaper, readOurFrontMatter, readPaperFrontMatter, parsePaperFile, mergePaperFile } = paperFiles;
/** Fields a newer listing adds to a file that lacks them; title and body never change, digests only grow. */
export const ADDABLE_KEYS = paperFiles.fillKeys as readonly FrontMatterKey[];

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
  const abstract = writtenAbstract(body) ?? markdownToPlainText(md, body);
  return abstract.trim() === "" ? { ok: false, message: "the abstract (the text after the front matter) is empty" } : { ok: true, abstract };
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

interface Insertion {
  at: number;
  /** Set when the text replaces what is between `at` and here. */
  end?: number;
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
