/**
 * `npm run check` and `npm run build` give one verdict on every content folder. Each attack below
 * (the cases of issue 12, the broken fixtures of tests/fixtures/check, and more of the same kind:
 * YAML tags, aliases, prototype keys, huge numbers, impossible dates, control and bidi characters,
 * links, odd names, sizes, encodings) is planted in a small valid content folder and run through
 * both commands as their own processes: refused ones make both exit 1 naming the same
 * `path:line:column: message` lines, each its own among them, with no stack trace, within the time
 * limit; the accepted ones are built together, and each paper's page shows its text as text.
 * Attacks that do not touch one another share a folder, so that the suite pays for a few builds,
 * not sixty; those on the manifest or the papers folder itself get one each. TESTING.md lists them.
 */
import { execFileSync } from "node:child_process";
import { cp, link, mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIGEST, makeRealScratch, makeScratch, paperText, ROOT, runCommand, type Scratch } from "../helpers/content-commands.js";
import { decodeEntities } from "../helpers/html.js";

type Plant = (s: Scratch) => Promise<void>;

const paper =
  (name: string, text: string | Buffer): Plant =>
  async (s) =>
    writeFile(path.join(s.content, "papers", name), text);
const manifest = (text: string | Buffer, name = `${DIGEST}.json`): Plant => solo(async (s) => writeFile(path.join(s.content, "digests", name), text));
const fm = (yaml: string, body = "Body text.") => `---\n${yaml}\n---\n${body}\n`;
/** Papers planted by `listed`, listed in the digest together. */
const together = new Map<Plant, string>();
/** Attacks on the manifest or the papers folder itself, which need a content folder each; the others share one (one check, one build). */
const alone = new Set<Plant>();
const solo = (plant: Plant): Plant => (alone.add(plant), plant);
/** A paper listed in the digest, so that only its own problem is reported. */
const listed = (slug: string, text: string | Buffer): Plant => {
  const plant: Plant = async (s) => {
    await s.list([...together.values(), slug].filter((v, i, all) => all.indexOf(v) === i).map((listedSlug) => ({ slug: listedSlug, title: "Listed" })));
    await writeFile(path.join(s.content, "papers", `${slug}.md`), text);
  };
  together.set(plant, slug);
  return plant;
};
const ok = (title: string) => `title: ${JSON.stringify(title)}\ndigests: [${DIGEST}]`;

const deep = `title: "Attack paper"\n${"? ".repeat(5000)}`;
const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat(["b", "c", "d", "e", "f", "g", "h", "i"].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(",")}]`))
  .join("\n");

/** Refused: name, what is planted, the problem line both must print (a pattern). */
const REFUSED: [string, Plant, RegExp][] = [
  // The cases of issue 12.
  ["a folder named like a paper", async (s) => void (await mkdir(path.join(s.content, "papers", "x.md"))), /papers\/x\.md:1:1: is a folder, not a file/],
  ["a paper named ..evil..md", paper("..evil..md", paperText({ slug: "", title: "Evil" })), /papers\/\.\.evil\.\.md:1:1: only papers\/<slug>\.md/],
  ["a hidden paper .hidden.md", paper(".hidden.md", paperText({ slug: "", title: "Hidden" })), /papers\/\.hidden\.md:1:1: only papers/],
  ["a stray content/index.njk", async (s) => writeFile(path.join(s.content, "index.njk"), "{{ 7 * 7 }}"), /content\/index\.njk:1:1: only papers/],
  [
    "a paper in a subfolder",
    async (s) => {
      await mkdir(path.join(s.content, "papers", "more"));
      await writeFile(path.join(s.content, "papers", "more", "deeper-paper.md"), paperText({ slug: "", title: "Deeper" }));
    },
    /papers\/more\/deeper-paper\.md:1:1: only papers/,
  ],
  [
    "a title with a lone surrogate escape",
    listed("lone-surrogate", fm(`title: "A \\ud800 paper"\ndigests: [${DIGEST}]`)),
    /lone-surrogate\.md:2:8: front matter: holds a lone UTF-16 surrogate/,
  ],
  [
    "a low surrogate alone",
    listed("low-surrogate", fm(`title: "\\udc00"\ndigests: [${DIGEST}]`)),
    /low-surrogate\.md:2:8: front matter: holds a lone UTF-16 surrogate/,
  ],
  [
    'a manifest with "papers": []',
    manifest(`{ "date": "${DIGEST}", "papers": [] }\n`),
    /base-paper-one\.md:3:10: digests: lacks|base-paper-one\.md:3:\d+: digests\[0\]: .* does not list this paper/,
  ],
  [
    "a repeated key in a manifest",
    manifest(
      `{\n  "date": "${DIGEST}",\n  "papers": [],\n  "papers": [{ "slug": "base-paper-one", "title": "x" }, { "slug": "base-paper-two", "title": "y" }]\n}\n`,
    ),
    /2026-04-13\.json:4:3: "papers" appears twice/,
  ],
  [
    "a repeated key in a manifest entry",
    manifest(`{"date":"${DIGEST}","papers":[{"slug":"base-paper-one","title":"a","slug":"base-paper-two"},{"slug":"base-paper-two","title":"b"}]}`),
    /2026-04-13\.json:1:\d+: "slug" appears twice/,
  ],
  ["5,000 nested complex keys", listed("deep-keys", fm(deep)), /deep-keys\.md:3:\d+: front matter: nested more than 32 levels deep/],
  [
    "5,000 nested flow lists",
    listed("deep-lists", fm(`title: ${"[".repeat(5000)}${"]".repeat(5000)}\ndigests: [${DIGEST}]`)),
    /deep-lists\.md:2:\d+: front matter: nested more than 32 levels deep/,
  ],
  [
    "a FIFO named like a paper",
    async (s) => void execFileSync("mkfifo", [path.join(s.content, "papers", "a-pipe.md")]),
    /papers\/a-pipe\.md:1:1: is neither a file nor a folder/,
  ],
  [
    "a FIFO named like a manifest",
    async (s) => void execFileSync("mkfifo", [path.join(s.content, "digests", "2026-04-14.json")]),
    /digests\/2026-04-14\.json:1:1: is neither a file nor a folder/,
  ],
  ["a paper of 2 MiB", listed("huge-paper", fm(ok("Huge"), "word ".repeat(420_000))), /huge-paper\.md:1:1: is 2 MiB; a content file may hold at most 1 MiB/],
  [
    "a manifest of 5 MiB",
    manifest(`{"date":"${DIGEST}","papers":[${'{"slug":"base-paper-one","title":"x"},'.repeat(140_000)}{"slug":"base-paper-two","title":"y"}]}`),
    /2026-04-13\.json:1:1: is 5 MiB; a content file may hold at most 4 MiB/,
  ],
  [
    "100,000 keys in one front matter (under 1 MiB)",
    listed("many-keys", fm(`${ok("T")}\n${Array.from({ length: 100_000 }, (_, i) => `k${i}: 1`).join("\n")}`)),
    /many-keys\.md:\d+:\d+: front matter: more than 20,000 YAML tokens/,
  ],
  [
    "invalid UTF-8 in a title",
    listed("bad-bytes", Buffer.concat([Buffer.from(`---\ntitle: "Caf`), Buffer.from([0xe9]), Buffer.from(`"\ndigests: [${DIGEST}]\n---\nBody\n`)])),
    /bad-bytes\.md:2:12: is not UTF-8 text: byte 0xe9/,
  ],
  [
    "invalid UTF-8 in an abstract",
    listed("bad-body", Buffer.concat([Buffer.from(fm(ok("Bad body"), "ok")), Buffer.from([0xc3, 0x28])])),
    /bad-body\.md:6:1: is not UTF-8 text: byte 0xc3/,
  ],
  [
    "a truncated UTF-8 sequence at the end",
    listed("cut-short", Buffer.concat([Buffer.from(fm(ok("Cut"), "text ")), Buffer.from([0xe2, 0x82])])),
    /cut-short\.md:6:1: is not UTF-8 text: byte 0xe2/,
  ],
  [
    "invalid UTF-8 in a manifest",
    manifest(Buffer.concat([Buffer.from(`{"date":"${DIGEST}","papers":[{"slug":"base-paper-one","title":"`), Buffer.from([0xff]), Buffer.from(`"}]}`)])),
    /2026-04-13\.json:1:\d+: is not UTF-8 text: byte 0xff/,
  ],
  ["a NUL byte in an abstract", listed("nul-body", fm(ok("Nul"), "before\u0000after")), /nul-body\.md:5:7: holds a NUL character/],
  ["a NUL byte in a title", listed("nul-title", fm(`title: "a\u0000b"\ndigests: [${DIGEST}]`)), /nul-title\.md:2:\d+: holds a NUL character/],
  // YAML beyond plain data.
  [
    "a !!js/function tag",
    listed("js-function", fm(`title: !!js/function "function () { return 1 }"\ndigests: [${DIGEST}]`)),
    /js-function\.md:2:\d+: front matter: tags \(!!js\/function\) are not allowed/,
  ],
  [
    "a !!binary tag",
    listed("binary-tag", fm(`title: !!binary aGVsbG8=\ndigests: [${DIGEST}]`)),
    /binary-tag\.md:2:\d+: front matter: tags \(!!binary\) are not allowed/,
  ],
  [
    "a !!timestamp tag",
    listed("timestamp-tag", fm(`title: "T"\npublished: !!timestamp 2001-12-14\ndigests: [${DIGEST}]`)),
    /timestamp-tag\.md:3:\d+: front matter: tags \(!!timestamp\)/,
  ],
  ["a !!set tag", listed("set-tag", fm(`title: "T"\ndigests: !!set {2026-04-13}`)), /set-tag\.md:3:\d+: front matter: tags \(!!set\)/],
  ["a custom !tag", listed("custom-tag", fm(`title: !include /etc/passwd\ndigests: [${DIGEST}]`)), /custom-tag\.md:2:\d+: front matter: tags \(!include\)/],
  [
    "a %TAG directive",
    listed("tag-directive", `---\n%TAG !e! tag:evil.example,2026:\ntitle: !e!x "T"\ndigests: [${DIGEST}]\n---\nBody\n`),
    /tag-directive\.md:\d+:\d+: front matter/,
  ],
  [
    "an anchor and an alias",
    listed("alias-paper", fm(`title: &t "T"\norganization: *t\ndigests: [${DIGEST}]`)),
    /alias-paper\.md:2:11: front matter: anchors \(&t\) are not allowed/,
  ],
  [
    "an alias bomb (billion laughs)",
    listed("alias-bomb", fm(`${laughs}\ntitle: "T"\ndigests: [${DIGEST}]`)),
    /alias-bomb\.md:3:8: front matter: aliases \(\*a\) are not allowed/,
  ],
  ["a merge key", listed("merge-key", fm(`base: &b {title: "T"}\n<<: *b\ndigests: [${DIGEST}]`)), /merge-key\.md:3:5: front matter: aliases \(\*b\)/],
  [
    "a list as a key",
    listed("list-key", fm(`? [title, digests]\n: x\ntitle: "T"\ndigests: [${DIGEST}]`)),
    /list-key\.md:2:3: front matter: a key must be plain text/,
  ],
  [
    "a second YAML document",
    listed("two-docs", fm(`title: "T"\ndigests: [${DIGEST}]\n...\ntitle: "U"`)),
    /two-docs\.md:5:1: front matter is not valid YAML: holds more than one YAML document/,
  ],
  ["a %YAML 1.1 directive", listed("yaml-11", fm(`%YAML 1.1\ntitle: "T"\ndigests: [${DIGEST}]`)), /yaml-11\.md:\d+:\d+: front matter is not valid YAML/],
  ["a __proto__ key", listed("proto-key", fm(`__proto__: {polluted: true}\ntitle: "T"\ndigests: [${DIGEST}]`)), /proto-key\.md:2:1: __proto__: unknown key/],
  ["a constructor key", listed("constructor-key", fm(`constructor: x\ntitle: "T"\ndigests: [${DIGEST}]`)), /constructor-key\.md:2:1: constructor: unknown key/],
  [
    "a __proto__ key in a manifest",
    manifest(`{"date":"${DIGEST}","papers":[{"slug":"base-paper-one","title":"a"},{"slug":"base-paper-two","title":"b"}],"__proto__":{"x":1}}`),
    /2026-04-13\.json:1:\d+: __proto__: unknown key/,
  ],
  [
    "a permalink key",
    listed("permalink-key", fm(`title: "T"\npermalink: /../../escaped.html\ndigests: [${DIGEST}]`)),
    /permalink-key\.md:3:1: permalink: unknown key/,
  ],
  [
    "an eleventyComputed key",
    listed("computed-key", fm(`title: "T"\neleventyComputed: {title: "{{ 7 * 7 }}"}\ndigests: [${DIGEST}]`)),
    /computed-key\.md:3:1: eleventyComputed: unknown key/,
  ],
  // Numbers and dates.
  [
    "a 400-digit vote count",
    listed("huge-number", fm(`${ok("T")}\nupvotes: 1${"0".repeat(400)}`)),
    /huge-number\.md:4:10: upvotes: expected a whole number of 0 or more, got Infinity/,
  ],
  ["a count past 2^53", listed("unsafe-number", fm(`${ok("T")}\ncomments: 9007199254740993`)), /unsafe-number\.md:4:11: comments: expected a whole number/],
  [
    "a .nan author count",
    listed("nan-number", fm(`${ok("T")}\nauthors: .nan`)),
    /nan-number\.md:4:10: authors: expected a whole number of at least 1, got NaN/,
  ],
  [
    "an -.inf vote count",
    listed("minus-infinity", fm(`${ok("T")}\nupvotes: -.inf`)),
    /minus-infinity\.md:4:10: upvotes: expected a whole number of 0 or more, got -Infinity/,
  ],
  ["February 30th", listed("february-30", fm(`${ok("T")}\npublished: 2023-02-30`)), /february-30\.md:4:12: published: expected a real calendar date/],
  ["month 13", listed("month-13", fm(`${ok("T")}\npublished: 2026-13-01`)), /month-13\.md:4:12: published: expected a real calendar date/],
  [
    "February 29th of a common year in digests",
    listed("not-leap", fm(`title: "T"\ndigests: [${DIGEST}, 2025-02-29]`)),
    /not-leap\.md:3:\d+: digests\[1\]: expected a real calendar date/,
  ],
  [
    "a date with a time",
    listed("date-time", fm(`${ok("T")}\npublished: 2026-04-13T25:00:00Z`)),
    /date-time\.md:4:12: published: expected a real calendar date/,
  ],
  // Characters.
  [
    "a raw control character in a title",
    listed("control-title", fm(`title: "a\u0001b"\ndigests: [${DIGEST}]`)),
    /control-title\.md:2:10: front matter: holds the control character U\+0001/,
  ],
  [
    "a raw NEL (U+0085) in a title",
    listed("nel-title", fm(`title: a\u0085b\ndigests: [${DIGEST}]`)),
    /nel-title\.md:2:9: front matter: holds the control character U\+0085/,
  ],
  [
    "a raw DEL in a title",
    listed("del-title", fm(`title: "a\u007fb"\ndigests: [${DIGEST}]`)),
    /del-title\.md:2:10: front matter: holds the control character U\+007F/,
  ],
  // Links and names.
  [
    "a symbolic link to a paper outside",
    async (s) => symlink(path.join(s.root, "outside.md"), path.join(s.content, "papers", "linked-paper.md")),
    /papers\/linked-paper\.md:1:1: is a symbolic link/,
  ],
  [
    "a symbolic link as the papers folder",
    solo(async (s) => {
      await rm(path.join(s.content, "papers"), { recursive: true });
      await symlink(path.join(s.root), path.join(s.content, "papers"));
    }),
    /content\/papers:1:1: is a symbolic link/,
  ],
  [
    "a symbolic link to /dev/zero",
    async (s) => symlink("/dev/zero", path.join(s.content, "papers", "zero.md")),
    /papers\/zero\.md:1:1: is a symbolic link \(to \/dev\/zero\)/,
  ],
  [
    "a file name with spaces and capitals",
    paper("My Paper.md", paperText({ slug: "", title: "Spaces" })),
    /papers\/My Paper\.md:1:1: file name is not a slug.*rename it to my-paper\.md/,
  ],
  ["a file name with a line break", paper("line\nbreak.md", paperText({ slug: "", title: "Break" })), /papers\/line\\nbreak\.md:1:1: file name is not a slug/],
  ["a file name in another script", paper("café-naïve.md", paperText({ slug: "", title: "Cafe" })), /papers\/café-naïve\.md:1:1: file name is not a slug/],
  ["a file name that is a path", paper("..%2F..%2Fescaped.md", paperText({ slug: "", title: "Escape" })), /papers\/\.\.%2F\.\.%2Fescaped\.md:1:1: only papers/],
  [
    "a manifest slug that is a path",
    manifest(
      `{"date":"${DIGEST}","papers":[{"slug":"../../escaped","title":"x"},{"slug":"base-paper-one","title":"a"},{"slug":"base-paper-two","title":"b"}]}`,
    ),
    /2026-04-13\.json:1:\d+: papers\[0\]\.slug: expected a slug/,
  ],
  // Fences and layout.
  ["an opening ---- line", listed("four-dashes", `----\n${ok("T")}\n---\nBody\n`), /four-dashes\.md:1:1: no front matter/],
  ["front matter never closed", listed("never-closed", `---\n${ok("T")}\nBody\n`), /never-closed\.md:1:1: front matter is not closed/],
  ["an empty file", listed("empty-file", ""), /empty-file\.md:1:1: no front matter/],
  ["no abstract", listed("no-abstract", `---\n${ok("T")}\n---\n`), /no-abstract\.md:4:1: the abstract .* is empty/],
  ["a scalar as front matter", listed("scalar-front", `---\njust text\n---\nBody\n`), /scalar-front\.md:2:1: front matter must be a mapping/],
];

/** Accepted: the paper's slug, its file, and text its page must show (as text: HTML-escaped, decoded here). */
const ACCEPTED: [string, string, string | Buffer, string][] = [
  ["CRLF line endings", "crlf-paper", fm(ok("CRLF paper"), "Line one.").replace(/\n/g, "\r\n"), "CRLF paper"],
  ["a byte-order mark", "bom-paper", `\uFEFF${fm(ok("BOM paper"))}`, "BOM paper"],
  ["a byte-order mark and CRLF", "bom-crlf-paper", `\uFEFF${fm(ok("BOM CRLF paper"))}`.replace(/\n/g, "\r\n"), "BOM CRLF paper"],
  ["an opening --- with trailing blanks", "trailing-blanks", `---  \t\n${ok("Trailing blanks")}\n---\nBody.\n`, "Trailing blanks"],
  ["front matter written as a JSON object", "json-style", `---\n{ "title": "JSON style", "digests": ["${DIGEST}"] }\n---\nBody.\n`, "JSON style"],
  ["a right-to-left override in a title", "bidi-title", fm(ok("Bidi \u202Egnp.exe\u202C title")), "Bidi \u202Egnp.exe\u202C title"],
  ["bidi isolates and a zero-width joiner", "isolates-title", fm(ok("Iso \u2066late\u2069 and jo\u200Diner")), "Iso \u2066late\u2069 and jo\u200Diner"],
  ["an escaped U+2028 in a title", "line-separator", fm(`title: "Line\\u2028separator"\ndigests: [${DIGEST}]`), "Line\u2028separator"],
  ["a title of 100,000 characters", "long-title", fm(ok(`Long ${"title ".repeat(20_000)}end`)), `Long ${"title ".repeat(20_000)}end`],
  [
    "template syntax in a title and abstract",
    "template-syntax",
    fm(ok("{{ 7 * 7 }} {% include '/etc/passwd' %}"), "{{ page.inputPath }} {% raw %}"),
    "{{ 7 * 7 }} {% include '/etc/passwd' %}",
  ],
  ["raw HTML in an abstract", "raw-html", fm(ok("Raw HTML"), "<script>alert(1)</script>"), "<script>alert(1)</script>"],
  ["a title reading __proto__", "proto-title", fm(ok("__proto__")), "__proto__"],
  ["a quoted null and true", "quoted-null", fm(ok("null"), "true"), "null"],
  ["YAML comments", "commented", `---\n# a comment\ntitle: "Commented" # trailing\ndigests: [${DIGEST}] # also\n---\nBody.\n`, "Commented"],
  ["a block-style digest list", "block-list", `---\ntitle: "Block list"\ndigests:\n  - ${DIGEST}\n---\nBody.\n`, "Block list"],
  ["an emoji as a surrogate-pair escape", "emoji-escape", fm(`title: "Emoji \\ud83d\\ude00"\ndigests: [${DIGEST}]`), "Emoji \u{1F600}"],
];

/** The broken fixtures of `npm run check`'s own test, as one content folder. */
const FIXTURES = path.join(ROOT, "tests/fixtures/check");

describe("check and build agree", () => {
  let scratch: Scratch;
  beforeAll(async () => {
    scratch = await makeScratch();
  });
  afterAll(() => scratch.remove());

  /** Both commands on one content folder; the same lines from each, and one matching `expected`. */
  async function agreeOnRefusal(root: string, expected: RegExp[]): Promise<string[]> {
    const [check, build] = await Promise.all([runCommand("check", root, [], { timeoutMs: 90_000 }), runCommand("build", root, [], { timeoutMs: 90_000 })]);
    expect(check.status, check.output).toBe(1);
    expect(build.status, build.output).toBe(1);
    expect(build.problems, build.output).toEqual(check.problems);
    for (const pattern of expected)
      expect(
        check.problems.some((line) => pattern.test(line)),
        `${pattern}\n${check.output}`,
      ).toBe(true);
    for (const run of [check, build]) expect(run.output).not.toMatch(/\n\s+at |RangeError|TypeError/);
    return check.problems;
  }

  it("refuse every broken paper file, stray file and odd name in one folder, each with its line", async () => {
    const fresh = await makeScratch();
    try {
      await writeFile(path.join(fresh.root, "outside.md"), paperText({ slug: "", title: "Outside" }));
      const cases = REFUSED.filter(([, plant]) => !alone.has(plant));
      for (const [, plant] of cases) await plant(fresh);
      const problems = await agreeOnRefusal(
        fresh.root,
        cases.map(([, , expected]) => expected),
      );
      // Each file is refused on its own account: none is valid beside the others.
      const own = problems.filter((line) => !line.includes(": same paper as "));
      for (const slug of together.values())
        expect(
          own.some((line) => line.startsWith(`content/papers/${slug}.md:`)),
          slug,
        ).toBe(true);
    } finally {
      await fresh.remove();
    }
  }, 150_000);

  it.each(REFUSED.filter(([, plant]) => alone.has(plant)))(
    "refuse %s, with the same lines",
    async (_, plant, expected) => {
      const fresh = await makeScratch();
      try {
        await writeFile(path.join(fresh.root, "outside.md"), paperText({ slug: "", title: "Outside" }));
        await plant(fresh);
        await agreeOnRefusal(fresh.root, [expected]);
      } finally {
        await fresh.remove();
      }
    },
    150_000,
  );

  it("refuse the broken fixtures of tests/fixtures/check with the same lines", async () => {
    const fresh = await makeScratch();
    try {
      await rm(fresh.content, { recursive: true });
      await cp(FIXTURES, fresh.content, { recursive: true });
      const [check, build] = await Promise.all([runCommand("check", fresh.root), runCommand("build", fresh.root)]);
      expect([check.status, build.status]).toEqual([1, 1]);
      expect(check.problems.length).toBe(30);
      expect(build.problems).toEqual(check.problems);
    } finally {
      await fresh.remove();
    }
  }, 150_000);

  it('refuse the real content with an emptied manifest, although the build would re-ingest the listing into it (issue 12: "papers": [])', async () => {
    const real = await makeRealScratch();
    try {
      await writeFile(path.join(real.content, "digests", `${DIGEST}.json`), `{ "date": "${DIGEST}", "papers": [] }\n`);
      const [check, build] = await Promise.all([runCommand("check", real.root), runCommand("build", real.root)]);
      expect([check.status, build.status]).toEqual([1, 1]);
      expect(check.problems.length).toBe(34);
      expect(build.problems).toEqual(check.problems);
    } finally {
      await real.remove();
    }
  }, 150_000);

  it("accept every accepted attack and show each as text", async () => {
    const extra = ACCEPTED.map(([, slug]) => ({ slug, title: "Listed" }));
    // A hard link is a file like any other (Git checks out copies): its text is the paper.
    await writeFile(path.join(scratch.root, "elsewhere.md"), paperText({ slug: "", title: "Hard-linked paper" }));
    await link(path.join(scratch.root, "elsewhere.md"), path.join(scratch.content, "papers", "hard-linked.md"));
    await scratch.list([...extra, { slug: "hard-linked", title: "Hard-linked paper" }]);
    for (const [, slug, text] of ACCEPTED) await writeFile(path.join(scratch.content, "papers", `${slug}.md`), text);
    const [check, build] = [await runCommand("check", scratch.root), await runCommand("build", scratch.root)];
    expect(check.status, check.output).toBe(0);
    expect(build.status, build.output).toBe(0);
    for (const [name, slug, , shown] of [...ACCEPTED, ["a hard link", "hard-linked", "", "Hard-linked paper"] as const]) {
      const html = await readFile(path.join(scratch.root, "site", "papers", slug, "index.html"), "utf8");
      expect(decodeEntities(html), name).toContain(shown);
    }
    const raw = await readFile(path.join(scratch.root, "site", "papers", "raw-html", "index.html"), "utf8");
    expect(raw).not.toContain("<script>alert(1)</script>");
    expect(await readFile(path.join(scratch.root, "site", "papers", "template-syntax", "index.html"), "utf8")).not.toContain(">49 ");
  }, 300_000);
});
