/**
 * A build killed at any moment never leaves a site that mixes old and new output. The build command
 * (scripts/build.ts, what `npm run build` runs) is started on fixture content and its whole process
 * group is SIGKILLed, as a cancelled CI job or Ctrl-C would. Each kill comes at a random moment of
 * one phase of the build, told apart by what its staging folder holds: starting up, Eleventy
 * writing pages, Pagefind writing the index, and the swap right after it. After each kill the
 * output folder must be, byte for byte, the complete site from before or the complete new one, and
 * the next build must clean up what the killed one left. The moment between the build's two
 * renames is too short to hit even so, so its recovery is tested on its own.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Random } from "../../scripts/dev/corpus/random.js";
import { recoverOutput } from "../../scripts/build/output-swap.js";
import { listFiles } from "../../scripts/verify/check-site.js";
import { makeWorkspace, type Workspace } from "../helpers/fixture.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const BUILD = path.join(ROOT, "scripts", "build.ts");
const SEED = Number(process.env.KILL_SEED ?? 6);

async function fingerprint(dir: string): Promise<string> {
  const hash = createHash("sha256");
  for (const file of await listFiles(dir))
    hash
      .update(`${file}\0`)
      .update(await readFile(path.join(dir, file)))
      .update("\0");
  return hash.digest("hex");
}

/** `npm run build` in `cwd` (no sources/, so it builds the content as it is), as its own process group. */
function startBuild(cwd: string): ChildProcess {
  // Without the test runner's `--import tsx`, which would be looked up from `cwd`.
  const { NODE_OPTIONS: _, PATH_PREFIX: __, ...env } = process.env;
  return spawn(TSX, [BUILD], { cwd, detached: true, stdio: "ignore", env });
}

interface Phase {
  name: string;
  /** True once the build is in this phase: judged from its staging folder (undefined before one exists) or its age. */
  reached(staging: string | undefined, elapsed: number): boolean;
  /** Longest random wait after the phase is reached, in milliseconds. */
  jitter: number;
}

/** Phases read from the staging folder (the build's own doing), most of them near the end. */
const STAGING_PHASES: Phase[] = [
  { name: "rendering", reached: (s) => s !== undefined && existsSync(path.join(s, "papers")), jitter: 300 },
  { name: "indexing", reached: (s) => s !== undefined && existsSync(path.join(s, "pagefind")), jitter: 200 },
  { name: "swapping", reached: (s) => s !== undefined && existsSync(path.join(s, "pagefind", "pagefind-entry.json")), jitter: 40 },
];

/**
 * Every other kill at a plain random moment of a build's usual span, which assumes nothing about
 * how the build works (a build that wrote straight into its output would fail these), the others
 * in the staging phases in turn.
 */
function schedule(next: () => number, duration: number): Phase[] {
  return Array.from({ length: 8 }, (_, i) => {
    if (i % 2 === 1) return STAGING_PHASES[(i >> 1) % STAGING_PHASES.length] as Phase;
    const at = Math.round((0.35 + next() * 0.75) * duration);
    return { name: `at ${at} ms`, reached: (_s: string | undefined, elapsed: number) => elapsed >= at, jitter: 0 };
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
}

/**
 * Until no process of the killed build's group is left. tsx exits first; the build under it, in a
 * write or rename on a slow disk, can take a moment to die, and until then the next build rightly
 * leaves its staging folder alone (its process is still alive).
 */
async function groupGone(pid: number): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 20) {
    try {
      process.kill(-pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the killed build's processes (group ${pid}) were still there after 10 s`);
}

describe("a build killed at random moments", () => {
  let workspace: Workspace;
  const prints = new Map<string, string>();
  let duration = Infinity;

  /** Switches the content between two versions: B has one paper retitled. */
  async function useContent(version: "A" | "B"): Promise<void> {
    const file = path.join(workspace.contentDir, "papers", "generated-paper-0001.md");
    const text = await readFile(file, "utf8");
    const [a, b] = ["Generated paper 0001 on lattice methods", "Generated paper 0001, retitled, on lattice methods"];
    await writeFile(file, version === "A" ? text.replace(b, a) : text.replace(a, b));
    const manifest = path.join(workspace.contentDir, "digests", "2026-04-12.json");
    const listed = await readFile(manifest, "utf8");
    await writeFile(manifest, version === "A" ? listed.replace(b, a) : listed.replace(a, b));
  }

  /** Builds a version to the end; returns the site's fingerprint. */
  async function completeBuild(version: "A" | "B"): Promise<string> {
    await useContent(version);
    const started = performance.now();
    expect(await exited(startBuild(workspace.root))).toBe(0);
    duration = Math.min(duration, performance.now() - started);
    return fingerprint(path.join(workspace.root, "site"));
  }

  /** The staging folder of a running build, if it has made one. */
  async function stagingFolder(): Promise<string | undefined> {
    const name = (await readdir(workspace.root)).find((n) => /^\.site-build-\d+-\w{6}$/.test(n));
    return name === undefined ? undefined : path.join(workspace.root, name);
  }

  /** Waits until `phase` is reached (or the build ends), then a random while; true if the build ended first. */
  async function reach(phase: Phase, done: Promise<unknown>, wait: number): Promise<boolean> {
    const started = performance.now();
    let ended = false;
    void done.then(() => (ended = true));
    while (!ended && !phase.reached(await stagingFolder(), performance.now() - started)) await new Promise((r) => setTimeout(r, 5));
    await Promise.race([done, new Promise((r) => setTimeout(r, wait))]);
    return ended;
  }

  beforeAll(async () => {
    workspace = await makeWorkspace({ generated: 20 });
    prints.set("A", await completeBuild("A"));
    prints.set("B", await completeBuild("B"));
    expect(prints.get("A")).not.toBe(prints.get("B"));
  }, 180_000);

  afterAll(async () => {
    await workspace.remove();
  });

  it("leaves the old site or the new one, whole, after each of 8 kills, and the next build cleans up", async () => {
    // Seeded (mulberry32, the corpus generator's), so a failing schedule can be replayed.
    const rng = new Random(SEED);
    const next = () => rng.float();
    const kills = schedule(next, duration);
    let current: "A" | "B" = "B";
    const log: string[] = [];
    for (const phase of kills) {
      const target: "A" | "B" = current === "A" ? "B" : "A";
      await useContent(target);
      const wait = Math.round(next() * phase.jitter);
      const child = startBuild(workspace.root);
      const done = exited(child);
      const finished = await reach(phase, done, wait);
      if (!finished) process.kill(-(child.pid ?? 0), "SIGKILL");
      await done;
      await groupGone(child.pid ?? 0);

      const site = path.join(workspace.root, "site");
      const now = existsSync(site) ? await fingerprint(site) : "missing";
      const state = now === prints.get(current) ? "old" : now === prints.get(target) ? "new" : "MIXED";
      const leftovers = (await readdir(workspace.root)).filter((name) => name.startsWith(".site-build-")).length;
      log.push(`${phase.name} +${wait} ms: ${finished ? "finished first" : "killed"}, site ${state}, ${leftovers} left over`);
      expect(state, log.join("; ")).not.toBe("MIXED");
      if (state === "new") current = target;
    }
    const last = current === "A" ? "B" : "A";
    expect(await completeBuild(last)).toBe(prints.get(last));
    expect((await readdir(workspace.root)).sort()).toEqual(["content", "site"]);
    console.log(`figures: build-interrupted: ${kills.length} kills (seed ${SEED}): ${log.join("; ")}; no mixed site, nothing left over after the next build`);
  }, 600_000);
});

describe("recovering from a build that died between its two renames", () => {
  let root: string;
  let deadPid: number;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "paper-digest-swap-"));
    deadPid = spawnSync(process.execPath, ["-e", ""]).pid ?? 0;
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  async function folder(name: string, content: string): Promise<string> {
    const dir = path.join(root, name);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "index.html"), content);
    return dir;
  }

  it("puts the old site back, and removes the dead build's staging folder", async () => {
    await folder(`.site-build-${deadPid}-aaaaaa-old`, "old");
    await folder(`.site-build-${deadPid}-aaaaaa`, "new");
    const recovery = await recoverOutput(path.join(root, "site"));
    expect(await readFile(path.join(root, "site", "index.html"), "utf8")).toBe("old");
    expect(recovery.removed).toEqual([path.join(root, `.site-build-${deadPid}-aaaaaa`)]);
    expect((await readdir(root)).sort()).toEqual(["site"]);
  });

  it("leaves the folders of a build that is still running alone", async () => {
    const running = await folder(`.site-build-${process.ppid}-bbbbbb`, "half");
    await folder(`.site-build-${deadPid}-cccccc-old`, "done");
    const recovery = await recoverOutput(path.join(root, "site"));
    expect(recovery).toEqual({ removed: [path.join(root, `.site-build-${deadPid}-cccccc-old`)] });
    expect(existsSync(running)).toBe(true);
    await rm(running, { recursive: true });
  });
});
