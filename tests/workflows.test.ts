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
  environment?: { name: string; url?: string };
  steps: Step[];
}

interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency: { group: string; "cancel-in-progress": boolean };
  jobs: Record<string, Job>;
}

const source = (name: string) => readFileSync(new URL(`../.github/workflows/${name}`, import.meta.url), "utf8");
const workflow = (name: string) => parse(source(name)) as Workflow;

/** Index of the one step that uses `action` (any version) or runs exactly `command`. */
function stepIndex(job: Job, match: { uses: string } | { run: string }): number {
  const found = job.steps.flatMap((step, i) =>
    ("uses" in match ? step.uses?.split("@")[0] === match.uses : step.run?.trim() === match.run) ? [i] : [],
  );
  expect(found, JSON.stringify(match)).toHaveLength(1);
  return found[0]!;
}

describe.each(["check.yml", "deploy.yml"])("%s", (name) => {
  it("passes the workflow linter", () => {
    expect(validateWorkflow(source(name)).errors).toEqual([]);
  });

  it("uses actions from GitHub's own organisation, pinned to a major version", () => {
    const uses = Object.values(workflow(name).jobs).flatMap((job) => job.steps.flatMap((step) => (step.uses ? [step.uses] : [])));
    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) expect(action).toMatch(/^actions\/[a-z-]+@v\d+$/);
  });

  it("names no repository, so a fork runs it unchanged", () => {
    expect(source(name)).not.toMatch(/github\.com\/|github\.io|paper-digest/);
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

  it("is one job with a time limit, on Debian with Node 20", () => {
    expect(jobs).toHaveLength(1);
    expect(job["timeout-minutes"]).toBeLessThanOrEqual(30);
    expect(job.container).toMatch(/^node:20-bookworm/);
    expect(job.steps[stepIndex(job, { uses: "actions/setup-node" })]!.with).toEqual({ "node-version": 20, cache: "npm" });
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

  it("runs on a push to main and by hand, one deployment at a time, never cancelled", () => {
    expect(wf.on).toEqual({ push: { branches: ["main"] }, workflow_dispatch: null });
    expect(wf.permissions).toEqual({ contents: "read", pages: "write", "id-token": "write" });
    expect(wf.concurrency).toEqual({ group: "pages", "cancel-in-progress": false });
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
      SITE_BRANCH: "${{ github.event.repository.default_branch }}",
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
