/**
 * One problem the content check found, and the two ways it is printed: `path:line:column: message`
 * for people and editors, and a GitHub Actions `::error` workflow command that shows it on the
 * pull request's diff.
 */
import type { Position } from "./positions.js";

export interface Problem extends Position {
  /** The file's path as the check was given it (relative to the repository root in CI). */
  file: string;
  message: string;
}

/** One line per problem, whatever a file name or a quoted key holds. */
export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`.replace(/\r/g, "\\r").replace(/\n/g, "\\n");
}

/** Escapes of the workflow-command syntax: data ends at a line break, a property also at `,` and `:`. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function formatAnnotation(problem: Problem): string {
  return `::error file=${escapeProperty(problem.file)},line=${problem.line},col=${problem.column}::${escapeData(problem.message)}`;
}

export function compareProblems(a: Problem, b: Problem): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.message, b.message);
}

/** By code unit, not locale, so the order is the same on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
