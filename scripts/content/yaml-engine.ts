/**
 * The one YAML reader for content: front matter (through `readFrontMatter`) and, for positions,
 * digest manifests, which are JSON and so YAML too. It uses the `yaml` package with the YAML 1.2
 * core schema: an unquoted `2023-09-22` stays the string it is, instead of becoming a Date at UTC
 * midnight as js-yaml makes it, and duplicate keys are an error.
 *
 * Content is data written by anyone, so the reader takes plain data only and refuses, with the
 * offset of the culprit, what YAML can do beyond that: tags (`!!js/function`, `!!binary`, `!foo`),
 * anchors and aliases (and with them alias bombs), keys that are not plain text, raw control
 * characters (YAML itself reads NEL as a line break), strings holding a lone UTF-16 surrogate (not
 * a character: `encodeURIComponent` throws on one), and nesting deeper than any paper needs, which
 * would otherwise overflow the stack of the `yaml` package's recursive composer at a depth that
 * depends on the caller's stack.
 */
import { LONE_SURROGATE } from "./unicode.js";
import { Composer, type Document, isMap, isScalar, Lexer, type LineCounter, type Node, Parser, visit } from "yaml";

/**
 * Duplicate keys are found by `repeatedKeys`, in linear time: the `yaml` package's own check
 * (`uniqueKeys`) compares each key with every earlier one, minutes for a file of 20,000 keys.
 */
const YAML_OPTIONS = { schema: "core", uniqueKeys: false } as const;

/** Collections inside collections; a paper's front matter needs 2 (a list in the mapping). */
export const MAX_YAML_DEPTH = 32;

export interface YamlProblem {
  /** Offset into the parsed text. */
  offset: number;
  message: string;
}

export interface ReadYaml {
  /** Undefined when the text is nested too deeply to compose. */
  doc: Document | undefined;
  /** The parser's errors and warnings, then the reader's own refusals, in text order. */
  problems: YamlProblem[];
}

/** Raw C0 and C1 controls but tab and line breaks, and DEL: escapes (`"\x01"`) are the way to write them. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** The YAML parser's complaints, and the reader's refusals of valid YAML that is more than data. */
const INVALID = "front matter is not valid YAML: ";
const OURS = "front matter: ";

/** A paper's front matter is a few dozen tokens; at the `yaml` package's pace (some 100 a millisecond here) 20,000 take well under a second. */
export const MAX_FRONT_MATTER_TOKENS = 20_000;

class TooDeep extends Error {
  constructor(readonly offset: number) {
    super("too deep");
  }
}

class TooLong extends Error {
  constructor(readonly offset: number) {
    super("too long");
  }
}

/**
 * The parser's tokens, refused once collections nest deeper than MAX_YAML_DEPTH or there are more
 * than `maxTokens`. The parser keeps its nesting on a stack of its own (no recursion), so the depth
 * is known before the composer, which does recurse, sees anything.
 */
function* boundedTokens(parser: Parser, source: string, maxTokens: number) {
  const { onNewLine } = parser as unknown as { onNewLine?: (offset: number) => void };
  onNewLine?.(0);
  let tokens = 0;
  // Document, then the top-level mapping, then its values: the stack is 2 deeper than the nesting.
  for (const lexeme of new Lexer().lex(source)) {
    yield* parser.next(lexeme);
    if (parser.stack.length > MAX_YAML_DEPTH + 2) throw new TooDeep(parser.offset);
    if (++tokens > maxTokens) throw new TooLong(parser.offset);
  }
  yield* parser.end();
}

/**
 * As `yaml`'s parseDocument, but bounded in depth (see boundedTokens): too deep, there is no
 * document, only the problem. More than one document is an error.
 */
export function parseYaml(source: string, lineCounter?: LineCounter, maxTokens = Infinity): ReadYaml {
  const parser = new Parser(lineCounter?.addNewLine);
  const composer = new Composer({ ...YAML_OPTIONS, prettyErrors: false });
  let doc: Document | undefined;
  const problems: YamlProblem[] = [];
  try {
    for (const next of composer.compose(boundedTokens(parser, source, maxTokens), true, source.length)) {
      if (doc) {
        problems.push({ offset: next.range[0], message: `${INVALID}holds more than one YAML document` });
        break;
      }
      doc = next;
    }
  } catch (error) {
    if (error instanceof TooDeep) return { doc: undefined, problems: [{ offset: error.offset, message: `${OURS}nested more than ${MAX_YAML_DEPTH} levels deep` }] };
    if (error instanceof TooLong) {
      return { doc: undefined, problems: [{ offset: error.offset, message: `${OURS}more than ${MAX_FRONT_MATTER_TOKENS.toLocaleString("en")} YAML tokens; a paper's front matter has a few dozen` }] };
    }
    throw error;
  }
  // An unresolved tag is refused in the reader's own words (dataOnlyProblems).
  const parsed = [...doc!.errors, ...doc!.warnings].filter((e) => e.code !== "TAG_RESOLVE_FAILED");
  for (const e of parsed) problems.unshift({ offset: e.pos[0], message: `${INVALID}${e.message.split("\n")[0]!}` });
  return { doc, problems };
}

/** The second and later appearances of a key in each mapping, where they are (as `uniqueKeys` would report them). */
export function repeatedKeys(doc: Document): { offset: number; key: string }[] {
  const repeated: { offset: number; key: string }[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key)) repeated.push({ offset: (pair.key as Node | null)?.range?.[0] ?? 0, key: String(key) });
        seen.add(key);
      }
    },
  });
  return repeated;
}

/** What the reader refuses beyond the parser's own errors, each at its node. */
function dataOnlyProblems(doc: Document): YamlProblem[] {
  const problems: YamlProblem[] = repeatedKeys(doc).map(({ offset }) => ({ offset, message: `${INVALID}Map keys must be unique` }));
  const at = (node: { range?: [number, number, number] | null } | null | undefined, message: string) => problems.push({ offset: node?.range?.[0] ?? 0, message: OURS + message });
  visit(doc, {
    Pair(_, pair) {
      if (pair.key !== null && !isScalar(pair.key)) at(pair.key as Node, "a key must be plain text, not a list or a mapping");
    },
    Alias(_, alias) {
      at(alias, `aliases (*${alias.source}) are not allowed: write the value itself`);
    },
    Node(_, node) {
      if (node.anchor) at(node, `anchors (&${node.anchor}) are not allowed: write the value itself`);
      if (node.tag) at(node, `tags (${tagAsWritten(node.tag)}) are not allowed: write the plain value`);
      if (isScalar(node) && typeof node.value === "string") {
        if (LONE_SURROGATE.test(node.value)) at(node, "holds a lone UTF-16 surrogate (such as \\ud800), which is not a character");
      }
    },
  });
  return problems;
}

function tagAsWritten(tag: string): string {
  return tag.startsWith("tag:yaml.org,2002:") ? `!!${tag.slice("tag:yaml.org,2002:".length)}` : tag;
}

/** Raw control characters in the text, which YAML misreads or drops. */
function controlProblem(source: string): YamlProblem | undefined {
  const match = CONTROL.exec(source);
  if (!match) return undefined;
  const code = match[0].charCodeAt(0).toString(16).padStart(4, "0");
  return { offset: match.index, message: `${OURS}holds the control character U+${code.toUpperCase()}: write it as an escape ("\\u${code}") in a double-quoted string, or remove it` };
}

/** The front matter's YAML read as plain data: the document and every problem, in text order. */
export function readYaml(source: string, lineCounter?: LineCounter): ReadYaml {
  const control = controlProblem(source);
  const read = parseYaml(source, lineCounter, MAX_FRONT_MATTER_TOKENS);
  const problems = [...(control ? [control] : []), ...read.problems, ...(read.doc ? dataOnlyProblems(read.doc) : [])];
  return { doc: read.doc, problems: problems.sort((a, b) => a.offset - b.offset) };
}

export class FrontMatterError extends Error {
  constructor(
    message: string,
    /** Offset into the YAML text. */
    readonly offset: number,
  ) {
    super(message);
    this.name = "FrontMatterError";
  }
}

export function yamlEngine(source: string): Record<string, unknown> {
  // A CRLF file's last front-matter line keeps a lone "\r" before the closing `---`, which YAML
  // would read as part of the last value ("Title\r", a broken list).
  const text = source.replace(/\r$/, "");
  const { doc, problems } = readYaml(text);
  const first = problems[0];
  if (first || !doc) throw new FrontMatterError(first?.message ?? "unreadable", first?.offset ?? 0);
  const data: unknown = doc.toJS({ maxAliasCount: 0 });
  if (data === null || data === undefined) return {};
  if (typeof data !== "object" || Array.isArray(data) || !isMap(doc.contents)) throw new FrontMatterError("front matter must be a mapping of keys to values", 0);
  return data as Record<string, unknown>;
}
