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
      return `error: ${r.day}: not fetched: ${r.reason}; to go on: npm run fetch -- --since ${r.day}`;
  }
}

/**
 * The days the request limit left unasked, as one line (a back-fill may leave hundreds), or
 * undefined when every day was asked for.
 */
export function notFetchedLine(results: readonly DayResult[]): string | undefined {
  const left = results.filter((r) => r.outcome === "not-fetched");
  if (left.length === 0) return undefined;
  const days = left.length === 1 ? left[0]!.day : `${left[0]!.day} to ${left.at(-1)!.day} (${left.length} days)`;
  return `error: not fetched: ${days}: ${left[0]!.reason}; to go on: npm run fetch -- --since ${left[0]!.day}`;
}

/** The lines a run prints once it is over: the days it left unasked, then the counts. */
export function closingLines(results: readonly DayResult[]): string[] {
  const count = (...outcomes: DayResult["outcome"][]) => results.filter((r) => outcomes.includes(r.outcome)).length;
  const requests = results.reduce((sum, r) => sum + r.requests, 0);
  const parts = [
    `${count("new")} new`,
    `${count("replaced")} replaced`,
    `${count("unchanged", "kept")} unchanged`,
    `${count("empty")} without papers`,
    `${count("failed")} failed`,
  ];
  if (count("not-fetched") > 0) parts.push(`${count("not-fetched")} not fetched`);
  const left = notFetchedLine(results);
  return [...(left ? [left] : []), `${plural(results.length, "day")}: ${parts.join(", ")} (${plural(requests, "request")})`];
}

/** GitHub annotations: one per failed day, one for the days left unasked. */
export function annotations(results: readonly DayResult[]): string[] {
  const lines = results.filter((r) => r.outcome === "failed").map((r) => ({ title: `Fetch failed: ${r.day}`, text: dayLine(r) }));
  const left = notFetchedLine(results);
  if (left) lines.push({ title: "Fetch stopped", text: left });
  return lines.map(({ title, text }) => `::error title=${escapeProperty(title)}::${escapeData(text.replace(/^error: /, ""))}`);
}

function cell(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/[\r\n]+/g, " ")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/`/g, "&#96;");
}

const OUTCOME_LABEL: Record<DayResult["outcome"], string> = {
  new: "new",
  replaced: "replaced",
  unchanged: "unchanged",
  kept: "kept (papers missing)",
  empty: "no papers",
  failed: "**failed**",
  "not-fetched": "not fetched",
};

/** The job summary: a heading saying whether every day was fetched, then one row per day asked for. */
export function summaryMarkdown(results: readonly DayResult[]): string {
  const failed = results.filter(isFailure);
  const named =
    failed
      .slice(0, 5)
      .map((r) => r.day)
      .join(", ") + (failed.length > 5 ? ", …" : "");
  const heading = failed.length === 0 ? "Fetch: every day fetched" : `Fetch failed for ${plural(failed.length, "day")}: ${named}`;
  const rows = results
    .filter((r) => r.outcome !== "not-fetched")
    .map((r) => {
      const detail = isFailure(r) ? (r.reason ?? "") : r.outcome === "kept" ? `lacks ${r.missing!.join(", ")}` : r.outcome === "empty" ? "" : r.file;
      return `| ${r.day} | ${OUTCOME_LABEL[r.outcome]} | ${r.papers} | ${r.requests} | ${cell(detail)} |`;
    });
  const closing = closingLines(results).map((line) => cell(line.replace(/^error: /, "")));
  return [
    `### ${heading}`,
    "",
    "| day | result | papers | requests | detail |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    "",
    ...closing.map((line) => `${line}  `),
    "",
  ].join("\n");
}
