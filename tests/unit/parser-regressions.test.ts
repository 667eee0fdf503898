/**
 * Parser bugs found by the fuzz suite (tests/dev/fuzz.test.ts), each as the smallest listing that
 * showed it, so they stay fixed whatever the fuzzer's seed.
 */
import { describe, expect, it } from "vitest";
import { parseListing } from "../../scripts/ingest/formats/text/listing-parser.js";

const D = { date: "2026-04-13" };

describe("parser regressions", () => {
  it("reads a bullet line holding a U+2028 line separator as metadata", () => {
    const parsed = parseListing("A Title\nProse.\n• Acme\u2028Labs\n·\nApr 1\n", D);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.papers).toEqual([
      { line: 1, title: "A Title", abstract: "Prose.", organization: "Acme\u2028Labs", published: "2026-04-01", digests: ["2026-04-13"] },
    ]);
  });

  it("keeps a title-like last paragraph before a `- Org` bullet that a date confirms", () => {
    const parsed = parseListing("A Title\nProse.\nCode and Data\n- Acme Inc.\n·\nApr 1\nNext Paper\nIts prose.\n", D);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.papers.map(({ line, title, abstract, organization }) => ({ line, title, abstract, organization }))).toEqual([
      { line: 1, title: "A Title", abstract: "Prose.\n\nCode and Data", organization: "Acme Inc." },
      { line: 7, title: "Next Paper", abstract: "Its prose.", organization: undefined },
    ]);
  });

  it("reports a title whose next line is a confirmed `* Org` bullet as having no abstract", () => {
    const parsed = parseListing("A Paper\nProse.\n• 2 authors\nLonely Title\n* Acme Inc.\nApr 1, 2026\nNext Paper\nIts prose.\n", D);
    expect(parsed.papers.map((p) => p.title)).toEqual(["A Paper", "Next Paper"]);
    expect(parsed.warnings).toEqual([{ line: 4, message: 'title "Lonely Title" has no abstract; entry and its metadata skipped', skipped: true }]);
  });

  it("reports a stray vote count before the reports on the lines after it", () => {
    const parsed = parseListing("A Paper\nProse.\n18\n\u0007\nNot a title, only \u0007prose.\n", D);
    expect(parsed.warnings).toEqual([
      { line: 3, message: 'vote count "18" is not followed by a title; ignored' },
      { line: 4, message: "removed 1 control character(s)" },
      { line: 5, message: "removed 1 control character(s)" },
      { line: 5, message: 'text "Not a title, only prose." has no title; ignored', skipped: true },
    ]);
  });
});
