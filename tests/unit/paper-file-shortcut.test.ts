/**
 * Ingest reads and merges the files it wrote without the YAML parser and zod. These tests hold the
 * shortcuts to the general code: same values, same problems, same merged bytes.
 */
import { describe, expect, it } from "vitest";
import { checkFrontMatter, frontMatterSchema, type Paper } from "../../scripts/content/paper.js";
import { mergePaperFile, parsePaperFile, readPaperFrontMatter, serializePaper } from "../../scripts/content/paper-file.js";

const texts = [
  "A Plain Title",
  "quotes \" ' ` and : # - ? | > & * ! % @",
  "back\\slashes \\\\ and \\n and \\x41 and \\u0041",
  "controls \u0001\u0007\u001b\u007f\u0085\u009f \u2028 \u2029 \ufeff tab\there",
  "---",
  "emoji 🚀 and 中文 and عربي, \ufffe\uffff",
  "  leading and trailing spaces  ",
];

const papers: Paper[] = texts.flatMap((text) => [
  { title: text, digests: ["2026-04-13"], abstract: "A." },
  { title: text, authors: 12, published: "2025-10-23", comments: 0, upvotes: 65, digests: ["2026-04-13", "2026-04-20"], abstract: "B.\n\nC." },
  { title: text, organization: text, digests: ["2025-12-31"], abstract: text.trim() },
]);

/** What parsePaperFile says of a file, as readPaperFrontMatter reports it. */
function generalRead(text: string) {
  const parsed = parsePaperFile(text);
  if (!parsed.ok) return parsed;
  const { abstract: _abstract, ...frontMatter } = parsed.paper;
  return { ok: true, frontMatter };
}

describe("checkFrontMatter", () => {
  const valid = { title: "T", authors: 3, organization: "Org", published: "2026-04-01", comments: 2, upvotes: 5, digests: ["2026-04-13"] };
  const variants: unknown[] = [
    valid,
    { title: "T", digests: ["2026-04-14", "2026-04-13", "2026-04-14"] },
    { ...valid, authors: undefined, comments: -0 },
    ...[undefined, "", "  ", 5, "x"].map((title) => ({ ...valid, title })),
    ...[0, -1, 1.5, 2 ** 53, 2 ** 53 - 1, "3", Number.NaN, Infinity].map((authors) => ({ ...valid, authors })),
    ...["", " ", 3].map((organization) => ({ ...valid, organization })),
    ...["2026-04-13", "2026-04-14", "2026-02-30", "2026-4-1", new Date(Date.UTC(2026, 0, 2))].map((published) => ({ ...valid, published })),
    ...[-1, 1.5, "1"].flatMap((n) => [
      { ...valid, comments: n },
      { ...valid, upvotes: n },
    ]),
    // eslint-disable-next-line no-sparse-arrays
    ...[[], ["x"], "2026-04-13", [new Date(Date.UTC(2026, 3, 13))], [, "2026-04-13"]].map((digests) => ({ ...valid, digests })),
    { ...valid, extra: 1 },
    Object.assign(Object.create(null) as object, valid),
    null,
    [],
    "title: T",
  ];

  it.each(variants.map((v, i) => [i, v]))("agrees with the schema on variant %i", (_i, data) => {
    const schema = frontMatterSchema.safeParse(data);
    const checked = checkFrontMatter(data);
    expect(checked.ok).toBe(schema.success);
    if (checked.ok) expect(checked.value).toEqual(schema.data);
  });
});

describe("readPaperFrontMatter", () => {
  it.each(papers.map((p, i) => [i, serializePaper(p)]))("reads file %i as parsePaperFile does", (_i, text) => {
    expect(readPaperFrontMatter(text)).toEqual(generalRead(text));
  });

  const file = serializePaper({ title: "A Paper", authors: 3, published: "2025-01-02", digests: ["2026-04-13", "2026-04-20"], abstract: "A." });
  const edits: [string, string][] = [
    ["CRLF line endings", file.replaceAll("\n", "\r\n")],
    ["a byte-order mark", `\ufeff${file}`],
    ["a comment", file.replace("authors: 3", "authors: 3 # counted")],
    ["single quotes", file.replace('"A Paper"', "'A Paper'")],
    ["a plain title", file.replace('"A Paper"', "A Paper")],
    ["an escape we never write", file.replace('"A Paper"', '"A \\u0050aper"')],
    ["an unknown escape", file.replace('"A Paper"', '"A \\q Paper"')],
    ["leading zeros", file.replace("authors: 3", "authors: 003")],
    ["keys in another order", file.replace("authors: 3\npublished: 2025-01-02", "published: 2025-01-02\nauthors: 3")],
    ["a block list", file.replace("digests: [2026-04-13, 2026-04-20]", "digests:\n  - 2026-04-13\n  - 2026-04-20")],
    ["unsorted digests", file.replace("[2026-04-13, 2026-04-20]", "[2026-04-20, 2026-04-13]")],
    ["a repeated digest", file.replace("[2026-04-13, 2026-04-20]", "[2026-04-13, 2026-04-13]")],
    ["an impossible date", file.replace("2025-01-02", "2025-02-30")],
    ["a date after the digests", file.replace("2025-01-02", "2026-05-01")],
    ["zero authors", file.replace("authors: 3", "authors: 0")],
    ["a huge count", file.replace("authors: 3", "authors: 99999999999999999999")],
    ["an empty title", file.replace('"A Paper"', '"  "')],
    ["a stray quote", file.replace('"A Paper"', '"A" Paper"')],
    ["an unknown key", file.replace("authors: 3", "authors: 3\nvenue: X")],
    ["a repeated key", file.replace("authors: 3", "authors: 3\nauthors: 3")],
    ["no closing line", file.replace("\n---\n", "\n")],
  ];

  it.each(edits)("reads a file with %s as parsePaperFile does", (_what, text) => {
    expect(readPaperFrontMatter(text)).toEqual(generalRead(text));
  });
});

describe("mergePaperFile on files ingest wrote", () => {
  const later: Partial<Paper>[] = [
    {},
    { digests: ["2026-04-20"] },
    { digests: ["2026-01-01", "2026-04-13", "2026-05-01", "2026-01-01"] },
    { authors: 7, organization: "Org", published: "2025-03-04", comments: 2, upvotes: 1, digests: ["2026-04-14"] },
    { upvotes: 3, digests: ["2026-04-13"] },
    { published: "2027-01-01", digests: ["2026-04-14"] },
  ];
  const cases = papers.flatMap((paper, i) => later.map((fields, j) => [`${i}.${j}`, paper, { ...paper, ...fields }] as const));

  // A closing comment keeps a file off the shortcut without changing where insertions go.
  const NOTE = "# a contributor's note\n";
  it.each(cases)("merges case %s as insertion in place does", (_case, paper, listed) => {
    const ours = serializePaper(paper);
    const fast = mergePaperFile(ours, listed);
    const general = mergePaperFile(ours.replace("\n---\n", `\n${NOTE}---\n`), listed);
    expect(general.status === "invalid" ? general : { ...general, text: general.text.replace(NOTE, "") }).toEqual(fast);
  });
});
