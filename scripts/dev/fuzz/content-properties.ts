/**
 * Fuzz properties of content files, as a contributor or an attacker may write them: paper files
 * (front matter and body) and digest manifests, from a vocabulary of YAML and JSON syntax, tags,
 * anchors, deep nesting, escapes, control characters, surrogates, BOMs and line breaks, either
 * strung together freely or spliced into a valid file. Whatever the text, the check answers with
 * problems in range and one line each, never an exception; it agrees with the readers ingest and
 * the build use; and its verdict does not depend on how deep the caller's stack already is.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import fc from "fast-check";
import matter from "gray-matter";
import { checkDigestText } from "../../check/check-digest.js";
import { checkPaperText } from "../../check/check-paper.js";
import { decodeContent } from "../../content/content-file.js";
import { parseDigestManifest, serializeDigestManifest } from "../../content/digest.js";
import { mergePaperFile, parsePaperFile, readPaperFrontMatter, serializePaper } from "../../content/paper-file.js";
import type { FuzzProperty } from "./properties.js";

const YAML_TOKENS = [
  ...["title", "digests", "authors", "organization", "published", "comments", "upvotes", "__proto__", "constructor", "permalink", "<<"],
  ...[":", ": ", " ", "  ", "\n", "\r\n", "\r", "\t", "- ", "-", "? ", "[", "]", "{", "}", ", ", '"', "'", "\\", "#", "|", ">", "..."],
  ...["&a ", "*a", "!!js/function ", "!!binary ", "!!str ", "!!timestamp ", "!!set ", "!foo ", "!<tag:x> ", "%YAML 1.1\n", "%TAG !e! tag:e,2026:\n"],
  ...["2026-04-13", "2023-02-30", "2026-13-01", "1e400", ".nan", "-.inf", "0x10", "9007199254740993", "-5", "2.5", "null", "~", "true"],
  ...["\\ud800", "\\udc00", "\\ud83d\\ude00", "\\x01", "\\u0000", "\\", "\u0000", "\u0001", "\u007f", "\u0085", "\u2028", "\u202e", "\ufeff", "\ud800"],
  ...["é", "🚀", "\u0301", "{{ 7 * 7 }}", "{% raw %}", "<script>", "](javascript:x)", "../../etc/passwd", "---", "--- ", "---js", "----"],
];

const token = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(...YAML_TOKENS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom("[", "{", "? ", "- "), fc.integer({ min: 1, max: 120 })).map(([open, n]) => open.repeat(n)) },
);
const tokens = (maxLength: number) => fc.array(token, { maxLength }).map((parts) => parts.join(""));

const FENCES = ["---", "---", "---", "--- ", "---\t", "---js", "---javascript", "---coffee", "---json", "--- js", "----", "", "\uFEFF---"];

const validPaper = fc
  .record({
    title: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== ""),
    authors: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
    upvotes: fc.option(fc.nat(500), { nil: undefined }),
  })
  .map(({ title, authors, upvotes }) =>
    serializePaper({
      title: title.replace(/[\ud800-\udfff]/g, "x"),
      ...(authors === undefined ? {} : { authors }),
      ...(upvotes === undefined ? {} : { upvotes }),
      digests: ["2026-04-13"],
      abstract: "An abstract.",
    }),
  );

/** Paper-file texts: free token strings between fences, or a valid file with tokens spliced in. */
export const paperText = fc.oneof(
  fc
    .tuple(fc.constantFrom(...FENCES), tokens(40), fc.constantFrom("\n---\n", "\r\n---\r\n", "\n---", "\n", ""), tokens(12))
    .map(([fence, yaml, close, body]) => `${fence}\n${yaml}${close}${body}`),
  fc
    .tuple(validPaper, fc.array(fc.tuple(fc.nat(), tokens(4)), { minLength: 1, maxLength: 4 }))
    .map(([text, splices]) => splices.reduce((t, [at, insert]) => t.slice(0, at % (t.length + 1)) + insert + t.slice(at % (t.length + 1)), text)),
);

const validManifest = serializeDigestManifest({
  date: "2026-04-13",
  papers: [
    { slug: "first-paper", title: "First paper" },
    { slug: "second-paper", title: 'Second "paper"' },
  ],
});
const JSON_TOKENS = [
  '"date"',
  '"papers"',
  '"slug"',
  '"title"',
  '"__proto__"',
  ":",
  ",",
  "{",
  "}",
  "[",
  "]",
  '"\\ud800"',
  '"\\u0000"',
  '"x"',
  "1e400",
  "null",
  " ",
  "\n",
  "\ufeff",
  "\u0000",
  '"2026-04-13"',
];

/** Manifest texts: a valid manifest with JSON tokens spliced in, or deep nesting. */
export const manifestText = fc.oneof(
  fc
    .array(
      fc.tuple(
        fc.nat(),
        fc.array(fc.constantFrom(...JSON_TOKENS), { maxLength: 6 }).map((t) => t.join("")),
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((splices) => splices.reduce((t, [at, insert]) => t.slice(0, at % (t.length + 1)) + insert + t.slice(at % (t.length + 1)), validManifest)),
  fc.integer({ min: 1, max: 3000 }).map((n) => `{"date":"2026-04-13","papers":${"[".repeat(n)}${"]".repeat(n)}}`),
);

/** Calls `run` under `frames` more stack frames than the caller has. */
function atDepth<T>(frames: number, run: () => T): T {
  return frames === 0 ? run() : atDepth(frames - 1, run);
}

type Positioned = { line: number; column: number; message: string };

function inRange(text: string, problems: readonly Positioned[]): void {
  const lines = text.split("\n").length;
  for (const p of problems) {
    ok(Number.isInteger(p.line) && p.line >= 1 && p.line <= lines + 1, `line ${p.line} of a ${lines}-line text: ${p.message}`);
    ok(Number.isInteger(p.column) && p.column >= 1, `column ${p.column}: ${p.message}`);
    ok(p.message !== "" && !p.message.includes("\n"), `a message of more than one line: ${JSON.stringify(p.message)}`);
  }
}

const LISTED = { title: "Listed title", authors: 3, published: "2026-04-01", digests: ["2026-04-13", "2026-04-14"], abstract: "Listed." };

export const CONTENT_PROPERTIES: readonly FuzzProperty[] = [
  {
    name: "paper-text",
    about: "any paper-file text: the check gives problems in range, never throws, agrees with the readers of ingest and the build, whatever the stack depth",
    testRuns: 600,
    property: () =>
      fc.property(paperText, (text) => {
        const check = checkPaperText(text);
        inRange(text, check.problems);
        const parsed = parsePaperFile(text);
        strictEqual(
          check.problems.length === 0,
          parsed.ok,
          `check ${JSON.stringify(check.problems)} against parsePaperFile ${JSON.stringify(parsed.ok || parsed.problems)}`,
        );
        strictEqual(readPaperFrontMatter(text).ok, parsed.ok);
        // The same verdict 3,000 frames deeper (the build reads content deep inside Eleventy).
        deepStrictEqual(atDepth(3000, () => checkPaperText(text)).problems, check.problems);
        if (!parsed.ok) return;
        // The body is cut where gray-matter (and so Eleventy) cuts it, given a bare fence.
        strictEqual(parsed.body, matter(text, { engines: { yaml: () => ({}) } }).content);
        const merged = mergePaperFile(text, LISTED);
        if (merged.status !== "invalid") ok(parsePaperFile(merged.text).ok, "a merge made a valid file invalid");
      }),
  },
  {
    name: "manifest-text",
    about: "any manifest text: the check gives problems in range, never throws, and agrees with ingest's reader",
    testRuns: 400,
    property: () =>
      fc.property(manifestText, (text) => {
        const check = checkDigestText("2026-04-13.json", text);
        inRange(text, check.problems);
        let read = true;
        try {
          parseDigestManifest(text, "manifest");
        } catch (error) {
          ok(error instanceof Error && !error.message.includes("\n"), "ingest's refusal is one line");
          read = false;
        }
        // The check also holds the manifest to its file name, which ingest compares elsewhere.
        const own = check.problems.filter((p) => !p.message.startsWith("date: ") || !p.message.includes("file name"));
        strictEqual(own.length === 0, read, `check ${JSON.stringify(check.problems)}; ingest ${read ? "reads it" : "refuses it"}`);
        deepStrictEqual(atDepth(3000, () => checkDigestText("2026-04-13.json", text)).problems, check.problems);
      }),
  },
  {
    name: "content-bytes",
    about: "any bytes: read as text only when UTF-8 without NUL, refused otherwise at a position in range",
    testRuns: 400,
    property: () =>
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc.string({ maxLength: 60 }).map((s) => new Uint8Array(Buffer.from(s))),
          fc.tuple(fc.string({ maxLength: 30 }), fc.uint8Array({ minLength: 1, maxLength: 4 })).map(([s, b]) => new Uint8Array([...Buffer.from(s), ...b])),
        ),
        (bytes) => {
          const read = decodeContent(bytes);
          const utf8 = Buffer.from(bytes).toString("utf8");
          const valid = Buffer.from(utf8, "utf8").equals(Buffer.from(bytes)) && !utf8.includes("\ufffd") ? !utf8.includes("\0") : undefined;
          if (read.ok) {
            strictEqual(read.text, utf8);
            ok(!read.text.includes("\0"));
          } else {
            inRange(utf8, [read]);
            if (valid !== undefined) strictEqual(valid, false, `refused a valid text: ${read.message}`);
          }
        },
      ),
  },
];
