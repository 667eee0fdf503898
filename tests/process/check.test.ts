import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { checkContent, formatReport } from "../../scripts/check/check-content.js";
import { checkPaperText } from "../../scripts/check/check-paper.js";
import { parsePaperFile, serializePaper } from "../../scripts/content/paper-file.js";
import { formatAnnotation, formatProblem } from "../../scripts/check/problem.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
// Relative, as CI passes them: the paths in messages and annotations are the ones given.
const F = "tests/fixtures/check";
const FIXTURES = { contentDir: F, papersDir: `${F}/papers`, digestsDir: `${F}/digests` };
const CONTENT = { contentDir: "content", papersDir: "content/papers", digestsDir: "content/digests" };

const EXPECTED = [
  `${F}/digests/2026-04-13.json:6:15: papers[2].slug: no paper file ${F}/papers/missing-paper.md`,
  `${F}/digests/2026-04-13.json:8:15: papers[4].slug: "good-paper" is listed twice (first as papers[0])`,
  `${F}/digests/2026-04-14.json:2:11: date: 2026-04-15 is not the date in the file name (2026-04-14)`,
  `${F}/digests/2026-04-16.json:4:1: not valid JSON: Unexpected token '}'`,
  `${F}/digests/2026-04-17.json:3:24: papers[0].slug: expected a slug of lowercase ASCII letters, digits and hyphens`,
  `${F}/digests/2026-04-17.json:3:45: papers[0].title: must not be empty`,
  `${F}/digests/2026-04-17.json:4:3: extra: unknown key`,
  `${F}/digests/latest.json:1:1: file name must be the digest's date: YYYY-MM-DD.json`,
  `${F}/papers/A File Name.md:1:1: file name is not a slug (lowercase ASCII letters, digits and single hyphens, then .md); rename it to a-file-name.md`,
  `${F}/papers/bad-types.md:2:8: title: expected text, got 42`,
  `${F}/papers/bad-types.md:3:15: organization: expected text, got a list`,
  `${F}/papers/bad-types.md:4:11: comments: expected a whole number of 0 or more, got "3"`,
  `${F}/papers/bad-types.md:5:10: digests: expected a list of dates such as [2026-04-13], got "2026-04-12"`,
  `${F}/papers/broken-yaml.md:6:1: front matter is not valid YAML: Missing closing "quote`,
  `${F}/papers/duplicate-key.md:4:1: front matter is not valid YAML: Map keys must be unique`,
  `${F}/papers/empty-body.md:4:1: the abstract (the text after the front matter) is empty`,
  `${F}/papers/empty-title.md:2:8: title: must not be empty`,
  `${F}/papers/fractional-authors.md:3:10: authors: expected a whole number of at least 1, got 2.5`,
  `${F}/papers/impossible-date.md:3:12: published: expected a real calendar date as YYYY-MM-DD, got "2023-02-30"`,
  `${F}/papers/lacks-date.md:3:10: digests: lacks 2026-04-13, yet ${F}/digests/2026-04-13.json lists this paper`,
  `${F}/papers/lacks-date.md:3:11: digests[0]: ${F}/digests/2026-04-12.json does not list this paper`,
  `${F}/papers/missing-fence.md:1:1: no front matter: the file must start with a line holding only ---`,
  `${F}/papers/negative-upvotes.md:3:10: upvotes: expected a whole number of 0 or more, got -5`,
  `${F}/papers/no-digest.md:3:23: digests[1]: no digest 2026-04-20: ${F}/digests/2026-04-20.json does not exist`,
  `${F}/papers/published-late.md:3:12: published: 2026-05-01 is after the newest digest it appeared in (2026-04-12)`,
  `${F}/papers/same-paper-a.md:2:8: same paper as ${F}/papers/same-paper-b.md (titles that differ only in case or spacing): keep one file`,
  `${F}/papers/same-paper-b.md:2:8: same paper as ${F}/papers/same-paper-a.md (titles that differ only in case or spacing): keep one file`,
  `${F}/papers/unclosed-fence.md:1:1: front matter is not closed: no --- line after it`,
  `${F}/papers/unknown-key.md:3:1: autors: unknown key; did you mean "authors"?`,
  `${F}/papers/unknown-key.md:4:1: tags: unknown key; the keys are title, arxiv, authors, names, organization, published, comments, upvotes, code, project, digests`,
  "30 problems in 22 files",
];

const temp = mkdtempSync(join(tmpdir(), "check-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe("checkContent", () => {
  it("reports every problem of the broken fixtures at its key or value, sorted", async () => {
    const report = await checkContent(FIXTURES.contentDir);
    expect(formatReport(report, { annotations: false })).toEqual(EXPECTED);
    expect(report).toMatchObject({ papers: 18, digests: 6 });
  });

  it("finds nothing wrong with the real content", async () => {
    const report = await checkContent(CONTENT.contentDir);
    expect(report.problems).toEqual([]);
    expect(formatReport(report, { annotations: true })).toEqual([`checked ${report.papers} papers and ${report.digests} digest: no problems`]);
    expect(report.papers).toBe(readdirSync(CONTENT.papersDir).length);
  });

  it("finds slugs that differ only in letter case (made here: such names cannot be checked out everywhere)", async () => {
    const papersDir = join(temp, "case", "papers");
    const digestsDir = join(temp, "case", "digests");
    mkdirSync(papersDir, { recursive: true });
    mkdirSync(digestsDir, { recursive: true });
    writeFileSync(join(digestsDir, "2026-04-13.json"), JSON.stringify({ date: "2026-04-13", papers: [{ slug: "paper", title: "One" }] }));
    const paper = (title: string) => serializePaper({ title, digests: ["2026-04-13"], abstract: "Text." });
    writeFileSync(join(papersDir, "paper.md"), paper("One"));
    writeFileSync(join(papersDir, "Paper.md"), paper("Two"));
    writeFileSync(join(papersDir, "paper.MD"), paper("Three"));
    const lines = formatReport(await checkContent(join(temp, "case")), { annotations: false });
    const [upper, shouting, lower] = ["Paper.md", "paper.MD", "paper.md"].map((name) => join(papersDir, name));
    expect(lines).toEqual([
      `${upper}:1:1: file name is not a slug (lowercase ASCII letters, digits and single hyphens, then .md); rename it to paper.md`,
      `${upper}:1:1: same slug as ${shouting}, ${lower}: file names that differ only in letter case are one page`,
      `${shouting}:1:1: file name is not a slug (lowercase ASCII letters, digits and single hyphens, then .md); rename it to paper.md`,
      `${shouting}:1:1: same slug as ${upper}, ${lower}: file names that differ only in letter case are one page`,
      `${lower}:1:1: same slug as ${upper}, ${shouting}: file names that differ only in letter case are one page`,
      "5 problems in 3 files",
    ]);
  });

  it("counts a folder that does not exist as empty", async () => {
    const report = await checkContent(join(temp, "none"));
    expect(formatReport(report, { annotations: false })).toEqual(["checked 0 papers and 0 digests: no problems"]);
  });
});

describe("one reading of paper files", () => {
  const files = [FIXTURES.papersDir, CONTENT.papersDir].flatMap((dir) => readdirSync(dir).map((name) => join(dir, name)));

  // The check may be stricter than the reader (it also wants the opening `---` alone on its line), never laxer.
  it.each(files)("%s: the check passes exactly the files parsePaperFile reads, with LF or CRLF", (path) => {
    const lf = readFileSync(path, "utf8");
    for (const text of [lf, lf.replace(/\n/g, "\r\n")]) expect(checkPaperText(text).problems.length === 0).toBe(parsePaperFile(text).ok);
  });
});

describe("output", () => {
  const problem = { file: "content/papers/a,b:c%.md", line: 3, column: 7, message: "50% sure\r\nsecond line, with: colon" };

  it("prints one line per problem", () => {
    expect(formatProblem(problem)).toBe("content/papers/a,b:c%.md:3:7: 50% sure\\r\\nsecond line, with: colon");
  });

  it("escapes workflow-command data and properties", () => {
    expect(formatAnnotation(problem)).toBe("::error file=content/papers/a%2Cb%3Ac%25.md,line=3,col=7::50%25 sure%0D%0Asecond line, with: colon");
  });
});

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/check.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, GITHUB_ACTIONS: "", ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run check:content", () => {
  it("exits 1 with every problem, and annotates them under GitHub Actions", () => {
    const result = run(["--content", FIXTURES.contentDir], { GITHUB_ACTIONS: "true" });
    expect(result.status).toBe(1);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines.filter((line) => !line.startsWith("::"))).toEqual(EXPECTED);
    expect(lines.filter((line) => line.startsWith("::error "))).toHaveLength(EXPECTED.length - 1);
    expect(lines[1]).toBe(`::error file=${F}/digests/2026-04-13.json,line=6,col=15::papers[2].slug: no paper file ${F}/papers/missing-paper.md`);
  });

  it("exits 0 on the real content, and 2 for a wrong command line", () => {
    const ok = run([]);
    expect(ok).toMatchObject({ status: 0, stderr: "" });
    expect(ok.stdout).toMatch(/^checked \d+ papers and \d+ digests?: no problems\n$/);
    const wrong = run(["--frobnicate"]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/^error: Unknown option '--frobnicate'.*\nusage: npm run check:content/s);
  });
});
