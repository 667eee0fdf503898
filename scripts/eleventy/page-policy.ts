/**
 * The page policy (scripts/verify/page-policy.ts) on every page as published: a transform added
 * after Eleventy's own HTML transform (the path prefix). On a thread of its own, on the second core
 * (page-policy-thread.ts), and not waited for page by page: Eleventy renders one page after
 * another, so each wait would add the check's time to the render's. The verdicts are collected once
 * every page is written; the rare page the policy fixes (a link to another site without rel) is
 * written again, and a page that breaks it fails the build before anything is written beside it.
 */
import { writeFileSync } from "node:fs";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { PagePolicyThread, type PolicyVerdict } from "./page-policy-thread.js";

export function pagePolicyPlugin(eleventyConfig: UserConfig): void {
  let policyThread: PagePolicyThread | undefined;
  let verdicts: Promise<{ url: string; outputPath: string; verdict: PolicyVerdict }>[] = [];
  eleventyConfig.on("eleventy.before", () => {
    policyThread ??= new PagePolicyThread();
    verdicts = [];
  });
  eleventyConfig.addTransform("page-policy", function (this: { page: { url: string | false; outputPath: string | false } }, html: string) {
    const { url, outputPath } = this.page;
    if (typeof outputPath !== "string" || !outputPath.endsWith(".html")) return html;
    verdicts.push((policyThread ??= new PagePolicyThread()).check(html).then((verdict) => ({ url: String(url), outputPath, verdict })));
    return html;
  });
  eleventyConfig.on("eleventy.after", async () => {
    const checked = await Promise.all(verdicts);
    verdicts = [];
    await policyThread?.close();
    policyThread = undefined;
    const broken = checked.filter(({ verdict }) => verdict.problems.length > 0);
    if (broken.length > 0) {
      throw new Error(
        broken
          .map(({ url, verdict }) => `${url} breaks the page policy (scripts/verify/page-policy.ts):\n${verdict.problems.map((p) => `  ${p}`).join("\n")}`)
          .join("\n"),
      );
    }
    for (const { outputPath, verdict } of checked) if (verdict.fixed !== undefined) writeFileSync(outputPath, verdict.fixed);
  });
}
