import { describe, expect, it } from "vitest";
import { detectFormat, FORMATS, formatNamed } from "../../scripts/ingest/formats/index.js";
import type { SourceFormat } from "../../scripts/ingest/formats/source-format.js";
import { ListingError } from "../../scripts/ingest/formats/text/listing-parser.js";

const fake = (name: string, score: number): SourceFormat => ({
  name,
  label: `${name} capture`,
  detect: () => score,
  createParser: () => {
    throw new Error("not used");
  },
});

describe("the source-format registry", () => {
  it("has the select-all text format, found by name", () => {
    expect(FORMATS.map((f) => f.name)).toContain("text");
    expect(formatNamed("text").name).toBe("text");
    expect(() => formatNamed("nope")).toThrow(/unknown format "nope"; the formats are text/);
  });

  it("picks the surest format, refuses a tie and text that no format reads", () => {
    expect(detectFormat("x", "a.txt", [fake("a", 0.2), fake("b", 0.9)]).name).toBe("b");
    expect(() => detectFormat("x", "a.txt", [fake("a", 0.5), fake("b", 0.5)])).toThrow(/pass --format a or --format b/);
    expect(() => detectFormat("x", "a.txt", [fake("a", 0)])).toThrow(ListingError);
    expect(() => detectFormat("x", "a.txt", [fake("a", 0)])).toThrow(/does not look like a Daily Papers listing/);
    // Any other text goes to the select-all format, whose parser says why it is not a listing.
    expect(detectFormat("   \n", "a.txt").name).toBe("text");
  });
});
