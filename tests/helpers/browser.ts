/**
 * Headless Debian Chromium through playwright-core (no downloaded browsers on this machine).
 *
 * A browser suite takes `describe` and `it` from here rather than from vitest: without a browser
 * they are vitest's `.skip` variants, so the suite is skipped whole (its hooks, which build sites,
 * never run) and one line says what to install. In CI (`CI=true`) a missing browser fails the
 * suite instead, with that same line: there the browser tests must run.
 */
import { accessSync, constants, statSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
import * as vitest from "vitest";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Why the browser suites cannot run here, in one line; undefined when they can. */
export const BROWSER_MISSING = isExecutableFile(CHROMIUM)
  ? undefined
  : `no Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium), or set CHROMIUM_PATH to a Chromium binary`;

const inCI = process.env.CI === "true";
if (BROWSER_MISSING !== undefined) {
  if (inCI) throw new Error(`browser tests cannot run in CI: ${BROWSER_MISSING}`);
  console.log(`browser suite skipped: ${BROWSER_MISSING}`);
}

const skipped = BROWSER_MISSING !== undefined;
export const describe = (skipped ? vitest.describe.skip : vitest.describe) as typeof vitest.describe;
export const it = (skipped ? vitest.it.skip : vitest.it) as typeof vitest.it;

export function launchBrowser(): Promise<Browser> {
  if (BROWSER_MISSING !== undefined) return Promise.reject(new Error(BROWSER_MISSING));
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}
