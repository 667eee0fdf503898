/**
 * Damage done to a listing that parsed cleanly: lines deleted, duplicated and swapped, the text cut
 * off at some point. Each mutated line remembers which original line it is, so that the papers
 * left intact can be named, and the parser held to giving them back exactly.
 *
 * A paper counts as intact when its own lines are all there, unchanged and together, the line
 * before it is the one that was before it, and so are the two lines after it: the parser decides
 * where a paper without metadata ends by looking at the next line and the one after that.
 */
import { deepStrictEqual } from "node:assert/strict";
import fc from "fast-check";
import type { ListedPaper, ParsedListing } from "../../ingest/formats/text/listing-parser.js";
import { physicalLines } from "./checks.js";

type Mutation = { kind: "delete"; at: number } | { kind: "duplicate"; at: number } | { kind: "swap"; at: number; with: number };

export interface MutationPlan {
  mutations: Mutation[];
  /** Where to cut the text, as a share of its length; undefined for no cut. */
  truncate: number | undefined;
}

const position = fc.nat({ max: 1_000_000 });

export const mutationPlan: fc.Arbitrary<MutationPlan> = fc.record({
  mutations: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant("delete" as const), at: position }),
      fc.record({ kind: fc.constant("duplicate" as const), at: position }),
      fc.record({ kind: fc.constant("swap" as const), at: position, with: position }),
    ),
    { minLength: 1, maxLength: 6 },
  ),
  truncate: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 3, nil: undefined }),
});

interface Line {
  /** 1-based line of the original listing; undefined once the line's text was cut. */
  origin: number | undefined;
  text: string;
}

export interface Mutated {
  text: string;
  lines: Line[];
}

export function mutate(original: string, plan: MutationPlan): Mutated {
  let lines: Line[] = physicalLines(original).map((text, i) => ({ origin: i + 1, text }));
  for (const m of plan.mutations) {
    if (lines.length === 0) break;
    const at = m.at % lines.length;
    if (m.kind === "delete") lines.splice(at, 1);
    else if (m.kind === "duplicate") lines.splice(at, 0, { ...lines[at]! });
    else {
      const other = m.with % lines.length;
      [lines[at], lines[other]] = [lines[other]!, lines[at]!];
    }
  }
  if (plan.truncate !== undefined) lines = truncate(lines, plan.truncate);
  return { text: lines.map((l) => l.text).join("\n"), lines };
}

/** Cuts the text at a code point boundary; the line cut through no longer counts as an original line. */
function truncate(lines: Line[], share: number): Line[] {
  const total = lines.reduce((n, l) => n + l.text.length + 1, 0);
  let remaining = Math.floor(total * share);
  const out: Line[] = [];
  for (const line of lines) {
    if (remaining > line.text.length) {
      out.push(line);
      remaining -= line.text.length + 1;
      continue;
    }
    const chars = [...line.text];
    let cut = "";
    for (const c of chars) {
      if (cut.length + c.length > remaining) break;
      cut += c;
    }
    out.push(cut === line.text ? line : { origin: undefined, text: cut });
    break;
  }
  return out;
}

/** Non-blank lines, as original line numbers (undefined for cut lines), with their line numbers now. */
function nonBlank(lines: Line[]): { origin: number | undefined; now: number }[] {
  return lines.flatMap((l, i) => (l.text.trim() === "" ? [] : [{ origin: l.origin, now: i + 1 }]));
}

/**
 * Every paper of the clean parse whose lines and neighbours survived must come back exactly, at
 * its new line. `reference` is the clean parse of the original text, which had no warnings.
 */
export function checkIntactPapers(original: string, reference: ParsedListing, mutated: Mutated, parsed: ParsedListing): number {
  const before = nonBlank(physicalLines(original).map((text, i) => ({ origin: i + 1, text })));
  const after = nonBlank(mutated.lines);
  const starts = reference.papers.map((p) => before.findIndex((l) => l.origin === p.line));
  let intact = 0;
  for (const [k, paper] of reference.papers.entries()) {
    const from = starts[k]!;
    const to = k + 1 < starts.length ? starts[k + 1]! : before.length;
    const own = before.slice(from, to).map((l) => l.origin);
    // "none" past either end of the text, "cut" for a line the truncation went through.
    const was = (i: number) => (before[i] === undefined ? "none" : before[i]!.origin);
    const now = (i: number) => (after[i] === undefined ? "none" : (after[i]!.origin ?? "cut"));
    for (let x = 0; x + own.length <= after.length; x++) {
      if (!own.every((o, i) => after[x + i]!.origin === o)) continue;
      const end = x + own.length;
      if (now(x - 1) !== was(from - 1) || now(end) !== was(to) || now(end + 1) !== was(to + 1)) continue;
      const expected: ListedPaper = { ...paper, line: after[x]!.now };
      const found = parsed.papers.find((p) => p.line === expected.line);
      deepStrictEqual(found, expected, `intact paper from original line ${paper.line} is not read back exactly`);
      intact++;
    }
  }
  return intact;
}
