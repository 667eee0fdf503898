/**
 * `npm run fetch` as CI runs it: its own process, HF_API_URL pointing at recorded answers on
 * 127.0.0.1, its lines, exit status, GitHub annotations and job summary.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path, { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { daysToFetch } from "../../scripts/fetch/days.js";
import { type ApiServer, type Handler, recorded, recordedDays, serveApi } from "../helpers/api-server.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function fetchCommand(args: string[], env: Record<string, string>): Promise<Run> {
  const { NODE_OPTIONS: _, GITHUB_ACTIONS: __, GITHUB_STEP_SUMMARY: ___, ...rest } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "scripts/fetch.ts"), ...args], { cwd: ROOT, env: { ...rest, ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

let dir: string;
let out: string;
let server: ApiServer | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "fetch-cli-"));
  out = join(dir, "sources");
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function run(handler: Handler, args: string[], env: Record<string, string> = {}): Promise<Run> {
  server ??= await serveApi(handler);
  return fetchCommand(["--out", out, ...args], { HF_API_URL: server.url, ...env });
}

describe("npm run fetch", () => {
  it("fetches yesterday and today by default, naming itself in its User-Agent", async () => {
    const before = daysToFetch({}, new Date());
    const result = await run(() => ({ body: "[]" }), []);
    const after = daysToFetch({}, new Date());
    expect(result.code).toBe(0);
    const asked = server!.requests.map((r) => r.url.searchParams.get("date"));
    expect([before, after]).toContainEqual(asked);
    expect(server!.requests[0]!.headers["user-agent"]).toMatch(/^paper-digest\/\d+\.\d+\.\d+ \(daily listing fetch; Node\.js \d+\.\d+\.\d+\)$/);
    expect(result.stdout).toContain(`${asked[0]}: no papers that day; nothing written (1 request)`);
    expect(result.stdout).toContain("2 days: 0 new, 0 replaced, 0 unchanged, 2 without papers, 0 failed (2 requests)");
    expect(result.stderr).toBe("");
  });

  it("back-fills with --since, paged days included, and a second run changes nothing", async () => {
    const first = await run(recordedDays({ links: true }), ["--since", "2024-05-29", "--max-requests", "20"], {});
    // --since runs through today: every day after the recorded ones has no papers.
    expect(first.stdout.split("\n").slice(0, 4)).toEqual([
      `2024-05-29: 8 papers; wrote ${join(out, "2024-05-29.json")} (1 request)`,
      `2024-05-30: 3 papers; wrote ${join(out, "2024-05-30.json")} (1 request)`,
      `2024-05-31: 5 papers; wrote ${join(out, "2024-05-31.json")} (3 requests)`,
      "2024-06-01: no papers that day; nothing written (1 request)",
    ]);
    // The request limit stops the run; it says where to go on from.
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(
      /^error: not fetched: 2024-06-16 to \d{4}-\d\d-\d\d \(\d+ days\): the run reached its limit of 20 requests; to go on: npm run fetch -- --since 2024-06-16\n$/,
    );
    expect(readdirSync(out).sort()).toEqual(["2024-05-29.json", "2024-05-30.json", "2024-05-31.json"]);
    expect(readFileSync(join(out, "2024-05-29.json")).equals(recorded("2024-05-29.json"))).toBe(true);

    const old = new Date("2001-01-01T00:00:00Z");
    for (const name of readdirSync(out)) utimesSync(join(out, name), old, old);
    const again = await run(recordedDays({ links: true }), ["--since", "2024-05-29", "--max-requests", "20"]);
    expect(again.stdout).toContain("0 new, 0 replaced, 3 unchanged, 15 without papers, 0 failed");
    for (const name of readdirSync(out)) expect(statSync(join(out, name)).mtimeMs).toBe(old.getTime());
  });

  it("fails a day loudly: one error line with the URL and status, exit 1, an annotation and the job summary", async () => {
    const summary = join(dir, "summary.md");
    const result = await run(() => ({ status: 500, headers: { "retry-after": "0" }, body: "oops" }), ["--date", "2024-05-29"], {
      GITHUB_ACTIONS: "true",
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(result.code).toBe(1);
    const url = `${server!.url}?date=2024-05-29&limit=100`;
    expect(result.stderr).toBe(`error: 2024-05-29: ${url}: HTTP 500 (application/json); gave up after 3 attempts\n`);
    expect(result.stdout).toContain(`2024-05-29: ${url}: HTTP 500 (application/json); asking again in 0 s (attempt 2 of 3)`);
    expect(result.stdout).toContain(`::error title=Fetch failed%3A 2024-05-29::2024-05-29: ${url}: HTTP 500 (application/json); gave up after 3 attempts`);
    const markdown = readFileSync(summary, "utf8");
    expect(markdown).toMatch(/^### Fetch failed for 1 day: 2024-05-29\n/);
    expect(markdown).toContain(`| 2024-05-29 | **failed** | 0 | 3 | ${url}: HTTP 500 (application/json); gave up after 3 attempts |`);
    expect(server!.requests).toHaveLength(3);
  });

  it("refuses a wrong command line with exit 2 and the usage, and an output that is not a folder with exit 1, before asking anything", async () => {
    for (const [args, message] of [
      [["--date", "2024-02-30"], 'error: --date "2024-02-30": expected a real date as YYYY-MM-DD'],
      [["--date", "2024-05-29", "--since", "2024-05-01"], "error: --date and --since cannot be combined"],
      [["--since", "2999-01-01"], "error: --since 2999-01-01 is after today"],
      [["--max-requests", "0"], 'error: --max-requests "0": expected a whole number from 1'],
      [["--days", "3"], "error: Unknown option '--days'"],
      [["2024-05-29"], 'error: unexpected argument "2024-05-29"'],
    ] as const) {
      const result = await run(recordedDays(), [...args]);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).toContain("usage: npm run fetch -- [--date YYYY-MM-DD | --since YYYY-MM-DD] [--out DIR] [--max-requests N]");
    }
    const notAFolder = path.join(dir, "file");
    writeFileSync(notAFolder, "x");
    const badOut = await fetchCommand(["--out", notAFolder], { HF_API_URL: server!.url });
    expect(badOut.code).toBe(1);
    expect(badOut.stderr).toBe(`error: ${notAFolder} is not a folder\n`);
    const badUrl = await fetchCommand(["--out", out], { HF_API_URL: "ftp://127.0.0.1/x" });
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('error: HF_API_URL "ftp://127.0.0.1/x": expected an http(s) URL');
    expect(server!.requests).toEqual([]);
  });
});
