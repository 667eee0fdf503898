import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { validateWorkflow } from "@action-validator/core";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";

interface Step {
  id?: string;
  if?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

interface Job {
  "runs-on": string;
  "timeout-minutes"?: number;
  container?: string;
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  outputs?: Record<string, string>;
  environment?: { name: string; url?: string };
  /** A call of a reusable workflow instead of steps. */
  uses?: string;
  with?: Record<string, unknown>;
  steps: Step[];
}

interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency: { group: string; "cancel-in-progress": boolean };
  jobs: Record<string, Job>;
}

const source = (name: string) => readFileSync(new URL(`../../.github/workflows/${name}`, import.meta.url), "utf8");
const workflow = (name: string) => parse(source(name)) as Workflow;

/** Index of the one step that uses `action` (any version) or runs exactly `command`. */
function stepIndex(job: Job, match: { uses: string } | { run: string }): number {
  const found = job.steps.flatMap((step, i) => (("uses" in match ? step.uses?.split("@")[0] === match.uses : step.run?.trim() === match.run) ? [i] : []));
  expect(found, JSON.stringify(match)).toHaveLength(1);
  return found[0]!;
}

const WORKFLOWS = ["check.yml", "deploy.yml", "update.yml"];
const scripts = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { scripts: Record<string, string> }).scripts;

describe.each(WORKFLOWS)("%s", (name) => {
  it("passes the workflow linter", () => {
    expect(validateWorkflow(source(name)).errors).toEqual([]);
  });

  it("uses actions from GitHub's own organisation, pinned to a major version", () => {
    const uses = Object.values(workflow(name).jobs).flatMap((job) => (job.steps ?? []).flatMap((step) => (step.uses ? [step.uses] : [])));
    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) expect(action).toMatch(/^actions\/[a-z-]+@v\d+$/);
  });

  it("names no repository, so a fork runs it unchanged", () => {
    expect(source(name)).not.toMatch(/github\.com\/|github\.io|paper-digest/);
  });

  it("runs only npm scripts that package.json has, on Node 24", () => {
    const jobs = Object.values(workflow(name).jobs);
    const named = jobs.flatMap((job) => (job.steps ?? []).flatMap((step) => [...(step.run ?? "").matchAll(/\bnpm run ([\w:-]+)/g)].map((m) => m[1]!)));
    for (const script of named) expect(scripts, `npm run ${script}`).toHaveProperty(script);
    const setups = jobs.flatMap((job) => (job.steps ?? []).filter((step) => step.uses?.startsWith("actions/setup-node@")));
    for (const setup of setups) expect(setup.with?.["node-version"]).toBe(24);
    for (const job of jobs) if (job.container !== undefined) expect(job.container).toMatch(/^node:24-/);
  });
});

describe("the linter", () => {
  it("rejects a broken workflow, so a pass means something", () => {
    const broken = source("deploy.yml").replace("needs: build", "needs: biuld").replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest");
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });
});

describe("check.yml", () => {
  const wf = workflow("check.yml");
  const jobs = Object.values(wf.jobs);
  const job = jobs[0]!;

  it("runs on every pull request, cancelling runs a newer push superseded", () => {
    expect(Object.keys(wf.on)).toEqual(["pull_request"]);
    expect(wf.permissions).toEqual({ contents: "read" });
    expect(wf.concurrency).toEqual({ group: "check-${{ github.event.pull_request.number }}", "cancel-in-progress": true });
  });

  it("is one job with a time limit, on Debian with Node 24", () => {
    expect(jobs).toHaveLength(1);
    expect(job["timeout-minutes"]).toBeLessThanOrEqual(30);
    expect(job.container).toMatch(/^node:24-bookworm/);
    expect(job.steps[stepIndex(job, { uses: "actions/setup-node" })]!.with).toEqual({ "node-version": 24, cache: "npm" });
  });

  it("installs Chromium and dependencies, then checks, tests, builds and verifies the built site", () => {
    const order = [
      stepIndex(job, { uses: "actions/checkout" }),
      job.steps.findIndex((step) => step.id === "changes"),
      stepIndex(job, { uses: "actions/setup-node" }),
      job.steps.findIndex((step) => /apt-get install .*\bchromium\b/.test(step.run ?? "")),
      stepIndex(job, { run: "npm ci --no-audit --no-fund" }),
      stepIndex(job, { run: "npm run check" }),
      stepIndex(job, { run: "npm test" }),
      stepIndex(job, { run: "npm run build" }),
      stepIndex(job, { run: "npm run verify" }),
    ];
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("skips Chromium and the test suite, and only those, for a pull request of paper files and listings", () => {
    const conditional = job.steps.filter((step) => step.if !== undefined);
    expect(conditional.map((step) => step.if)).toEqual(["steps.changes.outputs.code == 'true'", "steps.changes.outputs.code == 'true'"]);
    expect(conditional.map((step) => step.name ?? step.run)).toEqual(["Install Chromium for the browser tests", "npm test"]);
    expect(job.steps[stepIndex(job, { uses: "actions/checkout" })]!.with).toEqual({ "fetch-depth": 2 });
  });

  describe("the step that tells code from content, run on a pull request's merge commit", () => {
    const script = job.steps.find((step) => step.id === "changes")!.run!;
    let dir: string;

    /** A base branch with a paper file, the pull request's changes on it, and GitHub's merge commit. */
    function codeOutput(changes: Record<string, string>): string {
      dir = mkdtempSync(path.join(tmpdir(), "changes-step-"));
      const repo = path.join(dir, "repo");
      const env = { ...process.env, HOME: dir, GIT_CONFIG_NOSYSTEM: "1", GITHUB_WORKSPACE: repo, GITHUB_OUTPUT: path.join(dir, "output") };
      const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: repo, env, stdio: "pipe" });
      const write = (file: string, text: string) => {
        mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
        writeFileSync(path.join(repo, file), text);
      };
      mkdirSync(repo);
      git("init", "-q", "-b", "main");
      write("content/papers/a.md", "---\ntitle: A\n---\nText.\n");
      write("scripts/build.ts", "export {};\n");
      git("add", "-A");
      git("commit", "-qm", "base");
      git("checkout", "-qb", "pr");
      for (const [file, text] of Object.entries(changes)) write(file, text);
      git("add", "-A");
      git("commit", "-qm", "change");
      git("checkout", "-q", "main");
      write("README.md", "base moved on\n");
      git("add", "-A");
      git("commit", "-qm", "base moves on");
      git("merge", "-q", "--no-ff", "--no-edit", "pr");
      execFileSync("bash", ["-e", "-c", script], { cwd: repo, env, stdio: "pipe" });
      return readFileSync(env.GITHUB_OUTPUT, "utf8");
    }

    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("says content for a typo fix or a new listing", () => {
      expect(codeOutput({ "content/papers/a.md": "---\ntitle: A fixed\n---\nText.\n", "sources/2026-04-14.txt": "x\n" })).toBe("code=false\n");
    });

    it("says code when anything else changes too, and ignores what only the base branch changed", () => {
      expect(codeOutput({ "content/papers/a.md": "---\ntitle: B\n---\nText.\n", "scripts/build.ts": "export const x = 1;\n" })).toBe("code=true\n");
      expect(codeOutput({ "layouts/paper.njk": "x\n" })).toBe("code=true\n");
    });
  });
});

describe("deploy.yml", () => {
  const wf = workflow("deploy.yml");
  const build = wf.jobs.build!;
  const deploy = wf.jobs.deploy!;

  it("runs on a push to main, by hand and when Update calls it, one deployment at a time, never cancelled", () => {
    expect(wf.on).toEqual({
      push: { branches: ["main"] },
      workflow_dispatch: null,
      workflow_call: { inputs: { ref: { description: expect.any(String), type: "string", required: false, default: "" } } },
    });
    expect(wf.permissions).toEqual({ contents: "read", pages: "write", "id-token": "write" });
    expect(wf.concurrency).toEqual({ group: "pages", "cancel-in-progress": false });
  });

  it("builds the commit it is called with (empty otherwise: the commit that started the run)", () => {
    expect(build.steps[stepIndex(build, { uses: "actions/checkout" })]!.with).toEqual({ ref: "${{ inputs.ref }}" });
  });

  it("builds with the base path and URL configure-pages reads, the repository's own URL, and optional repository variables", () => {
    const pages = build.steps[stepIndex(build, { uses: "actions/configure-pages" })]!;
    const buildIndex = stepIndex(build, { run: "npm run build" });
    expect(stepIndex(build, { uses: "actions/configure-pages" })).toBeLessThan(buildIndex);
    expect(stepIndex(build, { run: "npm ci --no-audit --no-fund" })).toBeLessThan(buildIndex);
    expect(build.steps[stepIndex(build, { uses: "actions/setup-node" })]!.with).toMatchObject({ cache: "npm" });
    expect(pages.id).toBeTruthy();
    expect(build.steps[buildIndex]!.env).toEqual({
      PATH_PREFIX: `\${{ steps.${pages.id}.outputs.base_path }}`,
      SITE_URL: `\${{ steps.${pages.id}.outputs.base_url }}`,
      SITE_REPOSITORY: "${{ github.server_url }}/${{ github.repository }}",
      SITE_BRANCH: "${{ github.event.repository.default_branch || github.ref_name }}",
      SITE_TITLE: "${{ vars.SITE_TITLE }}",
      SITE_DESCRIPTION: "${{ vars.SITE_DESCRIPTION }}",
    });
  });

  it("verifies the built site as it will be served before uploading it", () => {
    const pages = build.steps[stepIndex(build, { uses: "actions/configure-pages" })]!;
    const verify = stepIndex(build, { run: "npm run verify" });
    expect(verify).toBe(stepIndex(build, { run: "npm run build" }) + 1);
    expect(verify).toBeLessThan(stepIndex(build, { uses: "actions/upload-pages-artifact" }));
    expect(build.steps[verify]!.env).toEqual({
      PATH_PREFIX: `\${{ steps.${pages.id}.outputs.base_path }}`,
      SITE_URL: `\${{ steps.${pages.id}.outputs.base_url }}`,
    });
  });

  it("uploads site/ and deploys it from a second job in the github-pages environment", () => {
    const upload = stepIndex(build, { uses: "actions/upload-pages-artifact" });
    expect(upload).toBe(build.steps.length - 1);
    expect(build.steps[upload]!.with).toEqual({ path: "site" });
    expect(deploy.needs).toBe("build");
    expect(deploy.environment?.name).toBe("github-pages");
    const publish = deploy.steps[stepIndex(deploy, { uses: "actions/deploy-pages" })]!;
    expect(deploy.environment?.url).toBe(`\${{ steps.${publish.id}.outputs.page_url }}`);
    for (const job of [build, deploy]) expect(job["timeout-minutes"]).toBeGreaterThan(0);
  });
});

describe("update.yml", () => {
  const wf = workflow("update.yml");
  const { fetch, commit, deploy } = wf.jobs as Record<string, Job>;
  const pullRequest = wf.jobs["pull-request"]!;

  it("goes to the default branch, which a scheduled run's event does not name (it runs on that branch)", () => {
    expect((wf as Workflow & { env: Record<string, string> }).env).toEqual({ BRANCH: "${{ github.event.repository.default_branch || github.ref_name }}" });
  });

  it("runs daily off the hour and by hand (with an optional back-fill date), one update at a time, never cancelled", () => {
    const on = wf.on as { schedule: { cron: string }[]; workflow_dispatch: { inputs: Record<string, { required: boolean }> } };
    expect(Object.keys(on)).toEqual(["schedule", "workflow_dispatch"]);
    expect(on.schedule).toHaveLength(1);
    const [minute, hour, ...rest] = on.schedule[0]!.cron.split(" ");
    expect(rest).toEqual(["*", "*", "*"]);
    expect(Number(minute)).toBeGreaterThan(0);
    expect(hour).toMatch(/^\d+$/);
    expect(Object.keys(on.workflow_dispatch.inputs)).toEqual(["since"]);
    expect(on.workflow_dispatch.inputs.since!.required).toBe(false);
    expect(wf.concurrency).toEqual({ group: "update", "cancel-in-progress": false });
  });

  it("grants nothing by default and each job only what it needs: write access only where it pushes", () => {
    expect(wf.permissions).toEqual({});
    expect(fetch!.permissions).toEqual({ contents: "read" });
    expect(commit!.permissions).toEqual({ contents: "write" });
    expect(pullRequest.permissions).toEqual({ contents: "write", "pull-requests": "write" });
    expect(deploy!.permissions).toEqual({ contents: "read", pages: "write", "id-token": "write" });
    for (const job of Object.values(wf.jobs)) {
      const pushes = (job.steps ?? []).some((step) => /\bgit push\b/.test(step.run ?? ""));
      expect(job.permissions?.contents === "write").toBe(pushes);
      // Dependencies run (npm ci) only where the token cannot write.
      if ((job.steps ?? []).some((step) => /\bnpm (ci|install)\b/.test(step.run ?? ""))) expect(job.permissions).toEqual({ contents: "read" });
    }
    const checkout = fetch!.steps[stepIndex(fetch!, { uses: "actions/checkout" })]!;
    expect(checkout.with).toEqual({ ref: "${{ env.BRANCH }}", "persist-credentials": false });
  });

  it("fetches, builds as the check, and records what changed, then fails the run if a day failed", () => {
    const order = [
      stepIndex(fetch!, { uses: "actions/checkout" }),
      stepIndex(fetch!, { uses: "actions/setup-node" }),
      stepIndex(fetch!, { run: "npm ci --no-audit --no-fund" }),
      fetch!.steps.findIndex((step) => step.id === "fetch"),
      stepIndex(fetch!, { run: "npm run build" }),
      fetch!.steps.findIndex((step) => step.id === "changes"),
      stepIndex(fetch!, { uses: "actions/upload-artifact" }),
      fetch!.steps.length - 1,
    ];
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(fetch!.steps[3]!.run).toContain("npm run fetch");
    expect(fetch!.steps[6]!.if).toBe("steps.changes.outputs.changed == 'true'");
    expect(fetch!.steps.at(-1)!.if).toBe("steps.fetch.outputs.status != '0'");
    expect(fetch!.steps.at(-1)!.run).toMatch(/exit 1\s*$/);
    expect(fetch!.outputs).toEqual({ changed: "${{ steps.changes.outputs.changed }}", days: "${{ steps.changes.outputs.days }}" });
    expect(fetch!.if).toBe("github.event_name != 'schedule' || vars.UPDATE_PAUSED == ''");
  });

  it("commits to the default branch, or opens a pull request when UPDATE_VIA_PR is set, even when a day failed", () => {
    expect(commit!.needs).toBe("fetch");
    expect(pullRequest.needs).toBe("fetch");
    expect(commit!.if).toBe("${{ !cancelled() && needs.fetch.outputs.changed == 'true' && vars.UPDATE_VIA_PR == '' }}");
    expect(pullRequest.if).toBe("${{ !cancelled() && needs.fetch.outputs.changed == 'true' && vars.UPDATE_VIA_PR != '' }}");
    for (const job of [commit!, pullRequest]) {
      // No dependency runs where the token can write: no command line starts with npm.
      expect(job.steps.some((step) => /^\s*npm\s/m.test(step.run ?? ""))).toBe(false);
      expect(job.steps[stepIndex(job, { uses: "actions/checkout" })]!.with).toEqual({ ref: "${{ env.BRANCH }}" });
    }
    const push = commit!.steps.find((step) => step.id === "push")!.run!;
    expect(push).toMatch(/git commit -m "Daily Papers: \$\{DAYS:-listings\} fetched by the Update workflow"/);
    expect(push).toContain('git push origin "HEAD:$BRANCH"');
    expect(pullRequest.steps.at(-1)!.run).toContain("gh pr create");
    expect(pullRequest.steps.at(-1)!.env).toMatchObject({ GH_TOKEN: "${{ github.token }}" });
  });

  it("deploys what it pushed by calling deploy.yml (its own push starts no workflow)", () => {
    expect(deploy!.needs).toBe("commit");
    expect(deploy!.if).toBe("${{ !cancelled() && needs.commit.result == 'success' }}");
    expect(deploy!.uses).toBe("./.github/workflows/deploy.yml");
    expect(deploy!.with).toEqual({ ref: "${{ needs.commit.outputs.sha }}" });
    expect(commit!.outputs).toEqual({ sha: "${{ steps.push.outputs.sha }}" });
    expect(commit!.steps.find((step) => step.id === "push")!.run).toContain('echo "sha=$(git rev-parse HEAD)" >> "$GITHUB_OUTPUT"');
  });

  describe("its scripts, run in a scratch repository", () => {
    let dir: string;
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    function scratch(): { repo: string; env: NodeJS.ProcessEnv; git: (...args: string[]) => string } {
      dir = mkdtempSync(path.join(tmpdir(), "update-steps-"));
      const repo = path.join(dir, "repo");
      mkdirSync(repo);
      const env = {
        ...process.env,
        HOME: dir,
        GIT_CONFIG_NOSYSTEM: "1",
        RUNNER_TEMP: dir,
        GITHUB_OUTPUT: path.join(dir, "output"),
        GITHUB_STEP_SUMMARY: path.join(dir, "summary"),
      };
      const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: repo, env, encoding: "utf8" });
      git("init", "-q", "-b", "main");
      return { repo, env, git };
    }
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    };

    it("the fetch step records the command's exit status instead of failing, and passes --since only when given", () => {
      const { repo, env } = scratch();
      const bin = path.join(dir, "bin");
      write(path.join(bin, "npm"), '#!/bin/sh\necho "$@" >> "$RUNNER_TEMP/npm-args"\nexit 1\n');
      execFileSync("chmod", ["+x", path.join(bin, "npm")]);
      const script = fetch!.steps.find((step) => step.id === "fetch")!.run!;
      const pathEnv = `${bin}:${env.PATH}`;
      execFileSync("bash", ["-e", "-c", script], { cwd: repo, env: { ...env, PATH: pathEnv, SINCE: "" } });
      execFileSync("bash", ["-e", "-c", script], { cwd: repo, env: { ...env, PATH: pathEnv, SINCE: "2024-05-01" } });
      expect(readFileSync(path.join(dir, "npm-args"), "utf8")).toBe("run fetch --\nrun fetch -- --since 2024-05-01\n");
      expect(readFileSync(env.GITHUB_OUTPUT!, "utf8")).toBe("status=1\nstatus=1\n");
    });

    it("the changes step says nothing changed, or names the days and leaves a patch that applies to a fresh clone", () => {
      const { repo, env, git } = scratch();
      write(path.join(repo, "sources/2024-05-28.json"), "[]\n");
      write(path.join(repo, "content/papers/a.md"), "a\n");
      git("add", "-A");
      git("commit", "-qm", "base");
      const script = fetch!.steps.find((step) => step.id === "changes")!.run!;
      execFileSync("bash", ["-e", "-c", script], { cwd: repo, env });
      expect(readFileSync(env.GITHUB_OUTPUT!, "utf8")).toBe("changed=false\n");
      expect(readFileSync(env.GITHUB_STEP_SUMMARY!, "utf8")).toBe("Nothing new: no commit.\n");

      const clone = path.join(dir, "clone");
      execFileSync("git", ["clone", "-q", repo, clone], { env });
      rmSync(env.GITHUB_OUTPUT!);
      write(path.join(repo, "sources/2024-05-29.json"), "[1]\n");
      write(path.join(repo, "sources/2024-05-28.json"), "[2]\n");
      write(path.join(repo, "content/papers/b.md"), "b\n");
      write(path.join(repo, "scripts/x.ts"), "not committed\n");
      execFileSync("bash", ["-e", "-c", script], { cwd: repo, env });
      expect(readFileSync(env.GITHUB_OUTPUT!, "utf8")).toBe("changed=true\ndays=2024-05-28 2024-05-29\n");
      execFileSync("git", ["apply", "--index", "--3way", path.join(dir, "update.patch")], { cwd: clone, env });
      const staged = execFileSync("git", ["diff", "--cached", "--name-only"], { cwd: clone, env, encoding: "utf8" });
      expect(staged).toBe("content/papers/b.md\nsources/2024-05-28.json\nsources/2024-05-29.json\n");
      expect(readFileSync(path.join(clone, "sources/2024-05-29.json"), "utf8")).toBe("[1]\n");
    });
  });
});
