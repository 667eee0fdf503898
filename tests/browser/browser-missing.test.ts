/**
 * `npm test` without Chromium: a browser suite run with CHROMIUM_PATH naming a missing file is
 * skipped with one line saying what to install, and exits 0; with CI=true it fails with that line.
 * And every suite that drives the browser takes `describe` and `it` from the helper, so that it is
 * skipped whole rather than failing in its hooks.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const VITEST = path.join(ROOT, "node_modules", ".bin", "vitest");
const MISSING = path.join(ROOT, "tests", "no-such-chromium");
const LINE = `no Chromium at ${MISSING}: install Debian's chromium package (apt-get install chromium), or set CHROMIUM_PATH to a Chromium binary`;

function runSuite(ci: boolean): { status: number | null; output: string } {
  const { CI: _, ...env } = process.env;
  const run = spawnSync(VITEST, ["run", "tests/browser/look-browser.test.ts"], {
    cwd: ROOT,
    env: { ...env, CHROMIUM_PATH: MISSING, NO_COLOR: "1", ...(ci ? { CI: "true" } : {}) },
    encoding: "utf8",
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("a browser suite without Chromium", () => {
  it("is skipped locally, with one line naming the package to install", () => {
    const { status, output } = runSuite(false);
    expect(status, output).toBe(0);
    expect(output).toContain(`browser suite skipped: ${LINE}`);
    expect(output).toMatch(/Test Files\s+1 skipped/);
    expect(output).not.toMatch(/TypeError|launch|failed/i);
  });

  it("fails in CI, with that line", () => {
    const { status, output } = runSuite(true);
    expect(status, output).toBe(1);
    expect(output).toContain(`Error: browser tests cannot run in CI: ${LINE}`);
    expect(output).toMatch(/Test Files\s+1 failed/);
    expect(output).not.toMatch(/TypeError|browserType\.launch/);
  });
});

describe("browser suites", () => {
  it("take describe and it from tests/helpers/browser.ts", () => {
    const suites = readdirSync(path.join(ROOT, "tests"), { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".test.ts"));
    const browserSuites = suites.filter((name) => /helpers\/browser\.js"/.test(readFileSync(path.join(ROOT, "tests", name), "utf8")));
    expect(browserSuites.length).toBeGreaterThanOrEqual(4);
    for (const name of browserSuites) {
      const text = readFileSync(path.join(ROOT, "tests", name), "utf8");
      const fromVitest =
        /import \{([^}]*)\} from "vitest"/
          .exec(text)?.[1]
          ?.split(",")
          .map((s) => s.trim()) ?? [];
      expect(
        fromVitest.filter((n) => ["describe", "it", "test"].includes(n)),
        name,
      ).toEqual([]);
      expect(text, name).toMatch(/import \{[^}]*\bdescribe\b[^}]*\bit\b[^}]*\} from "(?:\.\.?\/)+helpers\/browser\.js"/);
    }
  });
});
