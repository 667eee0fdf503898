/**
 * axe-core in a page. Its source goes in through the DevTools protocol (page.evaluate), which the
 * page's Content-Security-Policy does not govern, so pages are checked exactly as published.
 */
import axe from "axe-core";
import type { Page } from "playwright-core";

export interface AxeViolation {
  rule: string;
  impact: string;
  help: string;
  /** CSS selectors of the offending elements. */
  targets: string[];
}

/** Every rule axe runs by default (WCAG 2.0–2.2 A and AA, and its best practices). */
export async function axeViolations(page: Page): Promise<{ rules: number; violations: AxeViolation[] }> {
  await page.evaluate(axe.source);
  const results = await page.evaluate(async () => {
    const run = await window.axe.run(document, { resultTypes: ["violations"] });
    return {
      rules: run.passes.length + run.violations.length + run.incomplete.length + run.inapplicable.length,
      violations: run.violations.map((v) => ({ rule: v.id, impact: v.impact ?? "", help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) })),
    };
  });
  return results;
}

declare global {
  interface Window {
    axe: typeof axe;
  }
}
