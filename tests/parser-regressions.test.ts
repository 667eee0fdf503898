/**
 * Parser bugs found by the fuzz suite (tests/fuzz.test.ts), each as the smallest listing that
 * showed it, so they stay fixed whatever the fuzzer's seed.
 */
import { describe, expect, it } from "vitest";
import { parseListing } from "../scripts/lib/listing-parser.js";

const D = { date: "2026-04-13" };

describe("parser regressions", () => {
  it("reads a bullet line holding a U+2028 line separator as metadata", () => {
    const parsed = parseListing("A Title\nProse.\n• Acme\u2028Labs\n·\nApr 1\n", D);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.papers).toEqual([
      { line: 1, title: "A Title", abstract: "Prose.", organization: "Acme\u2028Labs", published: "2026-04-01", digests: ["2026-04-13"] },
    ]);
  });
});
