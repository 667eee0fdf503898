/**
 * What a fetch run says: one line per day, a closing count, GitHub annotations for the days that
 * failed and a Markdown table for the job summary, so that a failing scheduled run says which day
 * and why where people look.
 */
import { escapeData, escapeProperty } from "../check/problem.js";
import type { DayResult } from "./fetch-days.js";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function isFailure(result: DayResult): boolean {
  return result.outcome === "failed" || result.outcome === "not-fetched";
}

/** One line per day; errors and warnings start with `error:` and `warning:` (they go to stderr). */
export function dayLine(r: DayResult): string {
  const requests = `(${plural(r.requests, "request")})`;
  switch (r.outcome) {
    case "new":
      return `${r.day}: ${plural(r.papers, "paper")}; wrote ${r.file} ${requests}`;
    case "replaced":
      return `${r.day}: ${plural(r.papers, "paper")}; the answer changed: replaced ${r.file} ${requests}`;
    case "unchanged":
      return `${r.day}: ${plural(r.papers, "paper")}; ${r.file} unchanged ${requests}`;
    case "kept":
      return `warning: ${r.day}: the answer lacks ${plural(r.missing!.length, "paper")} ${r.file} lists (${r.missing!.join(", ")}); kept the file as it was`;
    case "empty":
      return `${r.day}: no papers that day; nothing written ${requests}`;
    case "failed":
      return `error: ${r.day}: ${r.reason}`;
    case "not-fetched":
      return `error: ${r.day}: not fetched: ${r.reason}`;
  }
}

export function closingLine(results: readonly DayResult[]): string {
  const count = (outcome: DayResult["outcome"]) => results.filter((r) => r.outcome === outcome).length;
  const requests = results.reduce((sum, r) => sum + r.requests, 0);
  const failed = results.filter(isFailure);
  const parts = [
    `${count("new")} new`,
    `${count("replaced")} replaced`,
    `${count("unchanged") + count("kept")} unchanged`,
    `${count("empty")} without papers`,
    `${failed.length} failed`,
  ];
  const line = `fetched ${plural(results.length, "day")}: ${parts.join(", ")} (${plural(requests, "request")})`;
  const resume = results.find((r) => r.outcome === "not-fetched");
  return resume ? `${line}; to go on: npm run fetch -- --since ${resume.day}` : line;
}

export function annotations(results: readonly DayResult[]): string[] {
  return results.filter(isFailure).map((r) => `::error title=${escapeProperty(`Fetch failed: ${r.day}`)}::${escapeData(dayLine(r).replace(/^error: /, ""))}`);
}

function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ").replace(/[<>&`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const OUTCOME_LABEL: Record<DayResult["outcome"], string> = {
  new: "new",
  replaced: "replaced",
  unchanged: "unchanged",
  kept: "kept (papers missing)",
  empty: "no papers",
  failed: "**failed**",
  "not-fetched": "**not fetched**",
};

/** The job summary: a heading saying whether every day was fetched, then one row per day. */
export function summaryMarkdown(results: readonly DayResult[]): string {
  const failed = results.filter(isFailure);
  const heading = failed.length === 0 ? "Fetch: every day fetched" : `Fetch failed for ${plural(failed.length, "day")}: ${failed.map((r) => r.day).join(", ")}`;
  const rows = results.map((r) => {
    const detail = isFailure(r) ? (r.reason ?? "") : r.outcome === "kept" ? `lacks ${r.missing!.join(", ")}` : r.outcome === "empty" ? "" : r.file;
    return `| ${r.day} | ${OUTCOME_LABEL[r.outcome]} | ${r.papers} | ${r.requests} | ${cell(detail)} |`;
  });
  return [`### ${heading}`, "", "| day | result | papers | requests | detail |", "| --- | --- | --- | --- | --- |", ...rows, "", closingLine(results), ""].join("\n");
}
