/**
 * Every built HTML page through html-validate's recommended rules. The rules set differently
 * here are each justified; anything else it reports is a bug in a template.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { type ConfigData, HtmlValidate, type ResolvedConfig, StaticConfigLoader } from "html-validate";

export const HTML_VALIDATE_CONFIG: ConfigData = {
  extends: ["html-validate:recommended"],
  rules: {
    // The templates write `<!doctype html>`; the rule still holds every page to one spelling.
    "doctype-style": ["error", { style: "lowercase" }],
    // A paper page's <title> is the paper's title as listed, then the site's name. Cutting it to
    // 70 characters (a search-engine display habit, not a validity rule) would hide part of the
    // title from tabs, bookmarks and screen readers.
    "long-title": "off",
    // Under a path prefix Eleventy's HTML transform writes boolean attributes as `hidden=""` and
    // `defer=""`; that spelling is as valid as `hidden`, and the transform is not ours to change.
    "attribute-empty-style": "off",
    "attribute-boolean-style": "off",
  },
};

/**
 * html-validate resolves the configuration (element metadata, schemas) again for every document;
 * ours never changes, so it is resolved once: 50 ms a page instead of 130 ms here.
 */
class ResolvedOnce extends StaticConfigLoader {
  private resolved?: ResolvedConfig | Promise<ResolvedConfig>;

  override getConfigFor(handle: string, override?: ConfigData): ResolvedConfig | Promise<ResolvedConfig> {
    this.resolved ??= super.getConfigFor(handle, override);
    return this.resolved;
  }
}

export interface HtmlProblem {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
}

export interface HtmlValidation {
  pages: number;
  problems: HtmlProblem[];
}

/** Validates the `.html` files among `files` (paths relative to `dir`). */
export async function validateHtml(dir: string, files: readonly string[]): Promise<HtmlValidation> {
  const validator = new HtmlValidate(new ResolvedOnce(HTML_VALIDATE_CONFIG));
  const pages = files.filter((f) => f.endsWith(".html"));
  const problems: HtmlProblem[] = [];
  for (const file of pages) {
    const report = await validator.validateString(await readFile(path.join(dir, file), "utf8"), file);
    for (const result of report.results) {
      for (const m of result.messages) problems.push({ file, line: m.line, column: m.column, rule: m.ruleId, message: m.message });
    }
  }
  return { pages: pages.length, problems };
}

export function formatHtmlProblem(p: HtmlProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message} (${p.rule})`;
}
