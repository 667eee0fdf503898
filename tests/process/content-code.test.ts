/**
 * Content never runs code. A paper whose front matter is opened as another language than YAML
 * (`---js`, `---javascript`, `---coffee`, `---json`), with a payload that would write a marker file,
 * is refused at `path:1:1` by `npm run check`, `npm run ingest`, `npm run build` and `npm start`,
 * each exiting non-zero, and no marker appears. The other doors of the kind (Eleventy data files,
 * `.11tydata.js`, templates and configs in the content folder, YAML tags, files in `sources/` that
 * are not listings) are planted with the same payload and refused or ignored, never run.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/dev/dev-server.js";
import { makeScratch, ROOT, runCommand, type Scratch } from "../helpers/content-commands.js";

/** JavaScript that writes `marker` (absolute) and `pwned.txt` (in the working directory) when run. */
function payload(marker: string): string {
  return `(require('fs').writeFileSync(${JSON.stringify(marker)},'ran'), require('fs').writeFileSync('pwned.txt','ran'), 'Evil')`;
}

const FENCES: [string, (marker: string) => string][] = [
  ["js", (m) => `{ title: ${payload(m)}, digests: ['2026-04-13'] }`],
  ["javascript", (m) => `{ title: ${payload(m)}, digests: ['2026-04-13'] }`],
  ["coffee", (m) => `title: ${payload(m)}\ndigests: ['2026-04-13']`],
  // JSON cannot run code; it is refused all the same: one front-matter language, and a JSON object
  // between bare `---` lines is YAML already.
  ["json", () => `{ "title": "Evil", "digests": ["2026-04-13"] }`],
  [" js", (m) => `{ title: ${payload(m)}, digests: ['2026-04-13'] }`],
];

let scratch: Scratch;
beforeAll(async () => {
  scratch = await makeScratch();
  await mkdir(path.join(scratch.root, "sources"));
  await writeFile(path.join(scratch.root, "sources", "2026-04-13.txt"), await readFile(path.join(ROOT, "sources", "2026-04-13.txt"), "utf8"));
});
afterAll(() => scratch.remove());

function noMarker(marker: string): void {
  expect(existsSync(marker), marker).toBe(false);
  expect(existsSync(path.join(scratch.root, "pwned.txt"))).toBe(false);
  expect(existsSync(path.join(ROOT, "pwned.txt"))).toBe(false);
}

const refusal = (fence: string, name: string) =>
  `content/papers/${name}:1:1: front matter opened as "---${fence.trimStart()}": front matter is YAML only, opened by a line holding only --- (nothing in content is ever run)`;

describe("front matter in another language", () => {
  // One file per fence, all at once: check, build and start report them all; ingest stops at the first it reads.
  const planted = FENCES.map(([fence], i) => ({ fence, name: `evil-paper-${i + 1}.md` }));
  const marker = (fence: string) => path.join(scratch.root, `marker-${fence.trim()}`);

  it("every fence is refused at path:1:1 by check, build and start, and never run", async () => {
    for (const [i, [fence, body]] of FENCES.entries())
      await writeFile(path.join(scratch.content, "papers", planted[i]!.name), `---${fence}\n${body(marker(fence))}\n---\nBody\n`);
    try {
      for (const command of ["check", "build", "start"] as const) {
        const env: Record<string, string> = command === "start" ? { PORT: String(await freePort()) } : {};
        const run = await runCommand(command, scratch.root, [], { env, timeoutMs: 90_000 });
        expect(run.status, `${command}:\n${run.output}`).toBe(1);
        expect(run.problems, `${command}:\n${run.output}`).toEqual(planted.map(({ fence, name }) => refusal(fence, name)).sort());
        expect(run.output, command).not.toMatch(/\n\s+at /);
      }
      for (const [fence] of FENCES) noMarker(marker(fence));
    } finally {
      for (const { name } of planted) await rm(path.join(scratch.content, "papers", name));
    }
  }, 300_000);

  it.each(FENCES)("---%s stops npm run ingest at path:1:1, and is never run", async (fence, body) => {
    const file = path.join(scratch.content, "papers", "evil-paper.md");
    await writeFile(file, `---${fence}\n${body(marker(fence))}\n---\nBody\n`);
    try {
      const run = await runCommand("ingest", scratch.root, ["sources/2026-04-13.txt"], { timeoutMs: 90_000 });
      expect(run.status, run.output).toBe(1);
      expect(run.problems, run.output).toEqual([refusal(fence, "evil-paper.md")]);
      noMarker(marker(fence));
    } finally {
      await rm(file);
    }
  });
});

/** Code-shaped files in the content folder and in sources/: refused (content) or not read (sources), never run. */
const DOORS: [string, string, (marker: string) => string, RegExp | "ignored"][] = [
  ["an Eleventy data file", "_data/site.js", (m) => `module.exports = ${payload(m)};`, /content\/_data\/site\.js:1:1: only papers/],
  ["a directory data file", "papers/papers.11tydata.js", (m) => `module.exports = ${payload(m)};`, /content\/papers\/papers\.11tydata\.js:1:1: only papers/],
  ["a hidden directory data file", "papers/.11tydata.cjs", (m) => `module.exports = ${payload(m)};`, "ignored"],
  [
    "a template data file beside a paper",
    "papers/base-paper-one.11tydata.json",
    () => `{ "permalink": "/evil/" }`,
    /base-paper-one\.11tydata\.json:1:1: only papers/,
  ],
  ["a JavaScript template", "page.11ty.js", (m) => `module.exports = () => ${payload(m)};`, /content\/page\.11ty\.js:1:1: only papers/],
  ["an Eleventy config", "eleventy.config.js", (m) => `module.exports = () => ${payload(m)};`, /content\/eleventy\.config\.js:1:1: only papers/],
  [
    "a Nunjucks page with JavaScript front matter",
    "index.njk",
    (m) => `---js\n{ title: ${payload(m)} }\n---\n{{ title }}`,
    /content\/index\.njk:1:1: only papers/,
  ],
  ["a layout", "_includes/base.njk", () => `{% include "/etc/passwd" %}`, /content\/_includes\/base\.njk:1:1: only papers/],
];

describe("other doors to code", () => {
  it("code-shaped files in the content folder are refused by check and build alike, each by name, and never run", async () => {
    const marker = path.join(scratch.root, "marker-door");
    const refused = DOORS.filter(([, , , expected]) => expected !== "ignored");
    for (const [, name, text] of refused) {
      await mkdir(path.dirname(path.join(scratch.content, name)), { recursive: true });
      await writeFile(path.join(scratch.content, name), text(marker));
    }
    try {
      const [check, build] = [await runCommand("check", scratch.root), await runCommand("build", scratch.root)];
      expect(check.status, check.output).toBe(1);
      expect(build.status, build.output).toBe(1);
      expect(build.problems).toEqual(check.problems);
      for (const [what, , , expected] of refused)
        expect(
          check.problems.some((line) => (expected as RegExp).test(line)),
          what,
        ).toBe(true);
      noMarker(marker);
    } finally {
      for (const [, name] of refused) await rm(path.join(scratch.content, name));
    }
  }, 150_000);

  it("a YAML tag that names a JavaScript function is refused, not called", async () => {
    const file = path.join(scratch.content, "papers", "tagged-paper.md");
    await writeFile(file, `---\ntitle: !!js/function "function () { require('fs').writeFileSync('pwned.txt', 'ran') }"\ndigests: [2026-04-13]\n---\nBody\n`);
    try {
      const check = await runCommand("check", scratch.root);
      const build = await runCommand("build", scratch.root);
      expect(check.problems).toEqual(["content/papers/tagged-paper.md:2:22: front matter: tags (!!js/function) are not allowed: write the plain value"]);
      expect(build.problems).toEqual(check.problems);
      noMarker(path.join(scratch.root, "none"));
    } finally {
      await rm(file);
    }
  });

  it("hidden files in the content folder and files in sources/ other than listings are not read, let alone run", async () => {
    const marker = path.join(scratch.root, "marker-unread");
    for (const [, name, text] of DOORS.filter(([, , , expected]) => expected === "ignored")) await writeFile(path.join(scratch.content, name), text(marker));
    const code = `---js\n{ title: ${payload(marker)} }\n---\n`;
    for (const name of ["evil.mjs", "evil.njk", "evil.js", "evil.11tydata.js"]) await writeFile(path.join(scratch.root, "sources", name), code);
    const [check, build] = [await runCommand("check", scratch.root), await runCommand("build", scratch.root)];
    expect(check.status, check.output).toBe(0);
    expect(build.status, build.output).toBe(0);
    noMarker(marker);
    // A Markdown capture is a listing (issue 14): it is read as text and refused, never run.
    const capture = path.join(scratch.root, "sources", "evil.md");
    await writeFile(capture, code);
    try {
      const refused = await runCommand("build", scratch.root);
      expect(refused.status, refused.output).toBe(1);
      expect(refused.output).toContain("sources/evil.md: no papers found");
      noMarker(marker);
    } finally {
      await rm(capture);
    }
  }, 150_000);
});
