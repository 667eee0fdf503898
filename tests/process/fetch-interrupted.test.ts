/**
 * `npm run fetch` SIGKILLed at random moments while it replaces a back-fill's files with large new
 * answers: after every kill each day's file is, byte for byte, the old one or the new one (never a
 * mix or a part), nothing but those files and at most one hidden temporary file is left, and the
 * next run removes the temporary file and finishes the job. Each run goes on where the last was killed.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Random } from "../../scripts/dev/corpus/random.js";
import { isTempFileName } from "../../scripts/content/atomic-write.js";
import { type ApiServer, serveApi } from "../helpers/api-server.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SEED = Number(process.env.KILL_SEED ?? 15);
const DAYS = Array.from({ length: 20 }, (_, i) => `2024-04-${String(i + 1).padStart(2, "0")}`);

const item = (id: string, upvotes: number, words: number) => ({
  paper: { id, title: `Paper ${id}`, summary: "An abstract. ".repeat(words), upvotes },
  title: `Paper ${id}`,
  numComments: 0,
});
const OLD = new Map(DAYS.map((day) => [day, Buffer.from(JSON.stringify([item(`${day}-0`, 1, 40)]))]));
// About 2 MB a day in fewer papers than a page holds (one request a day), so that a write takes
// long enough to be hit now and then.
const NEW = new Map(
  DAYS.map((day) => [day, Buffer.from(JSON.stringify([item(`${day}-0`, 9, 40), ...Array.from({ length: 90 }, (_, i) => item(`${day}-${i + 1}`, i, 1600))]))]),
);

let dir: string;
let out: string;
let server: ApiServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "fetch-killed-"));
  out = join(dir, "sources");
  mkdirSync(out);
  for (const [day, bytes] of OLD) writeFileSync(join(out, `${day}.json`), bytes);
  server = await serveApi((url) => ({ body: NEW.get(url.searchParams.get("date") ?? "") ?? "[]" }));
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The command over the 20 days (the request limit stops it there); killed once `killAt` requests came in, and a little later. */
function runFetch(killAt?: { requests: number; extraMs: number }): Promise<NodeJS.Signals | number | null> {
  const { NODE_OPTIONS: _, ...env } = process.env;
  const args = ["--import", "tsx", join(ROOT, "scripts/fetch.ts"), "--since", DAYS[0]!, "--max-requests", String(DAYS.length), "--out", out];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: "ignore", env: { ...env, HF_API_URL: server.url } });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on("exit", (code, signal) => resolve(signal ?? code)));
  if (killAt) {
    const start = server.requests.length;
    const poll = setInterval(() => {
      if (server.requests.length - start < killAt.requests) return;
      clearInterval(poll);
      setTimeout(() => child.kill("SIGKILL"), killAt.extraMs);
    }, 1);
    void exited.then(() => clearInterval(poll));
  }
  return exited;
}

/** Each day's file as "old" or "new"; fails on anything else in the folder. */
function states(): { days: Map<string, "old" | "new">; temp: string[] } {
  const days = new Map<string, "old" | "new">();
  const temp: string[] = [];
  for (const name of readdirSync(out).sort()) {
    if (isTempFileName(name)) {
      temp.push(name);
      continue;
    }
    const day = /^(\d{4}-\d\d-\d\d)\.json$/.exec(name)?.[1];
    expect(day && OLD.has(day), `unexpected entry ${name}`).toBe(true);
    const bytes = readFileSync(join(out, name));
    const state = bytes.equals(OLD.get(day!)!) ? "old" : bytes.equals(NEW.get(day!)!) ? "new" : undefined;
    expect(state, `${name} is neither the old file nor the new one (${bytes.length} bytes)`).toBeDefined();
    days.set(day!, state!);
  }
  expect(days.size).toBe(DAYS.length);
  return { days, temp };
}

describe("fetch killed with SIGKILL", () => {
  it("leaves every day's file whole, old or new, and the next run finishes the job", async () => {
    // Seeded (mulberry32, the corpus generator's), so a failing schedule can be replayed.
    const rng = new Random(SEED);
    const next = () => rng.float();
    let mixed = 0;
    let tempLeft = 0;
    const kills = 8;
    for (let k = 0; k < kills; k++) {
      const signal = await runFetch({ requests: 1 + Math.floor(next() * (DAYS.length - 1)), extraMs: Math.floor(next() * 40) });
      const { days, temp } = states();
      expect(temp.length).toBeLessThanOrEqual(1);
      if (signal === "SIGKILL") {
        tempLeft += temp.length;
        const values = [...days.values()];
        if (values.includes("old") && values.includes("new")) mixed++;
      }
    }
    expect(mixed, "no kill landed in the middle of a run").toBeGreaterThan(0);
    // A kill rarely lands inside a write; the temporary file it would leave is planted, named after a process that has exited.
    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => dead.on("exit", resolve));
    writeFileSync(join(out, `.${DAYS[0]}.json.${dead.pid}.1.tmp`), NEW.get(DAYS[0]!)!.subarray(0, 1000));
    expect(states().temp).toHaveLength(1);
    // Exit 1: the request limit leaves the days after the 20 (through today) unasked.
    expect(await runFetch()).toBe(1);
    const { days, temp } = states();
    expect(temp).toEqual([]);
    expect([...days.values()].every((state) => state === "new")).toBe(true);
    console.log(
      `figures: killed fetch: ${kills} SIGKILLs while replacing ${DAYS.length} files of 2 MB (seed ${SEED}); ${mixed} left old and new files side by side, ${tempLeft} left a temporary file; every file whole; the next run removed a planted temporary file of a dead process and finished with every new file`,
    );
  }, 180_000);
});
