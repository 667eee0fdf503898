import { readFileSync } from "node:fs";
import { validateWorkflow } from "@action-validator/core";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

interface Step {
  id?: string;
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
      stepIndex(job, { uses: "actions/setup-node" }),
      job.steps.findIndex((step) => /apt-get install .*\bchromium\b/.test(step.run ?? "")),
      stepIndex(job, { run: "npm ci --no-audit --no-fund" }),
      stepIndex(job, { run: "npm run check" }),
      stepIndex(job, { run: "npm test" }),
      stepIndex(job, { run: "npm run build" }),
      stepIndex(job, { run: "npm run verify" }),
    ];
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
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
