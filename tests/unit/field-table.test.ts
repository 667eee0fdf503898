/**
 * The field table drives every place a front-matter field is met: a field added to a copy of the
 * table is written, read (both ways), checked, merged and copied by the catalog, with no other change.
 */
import { describe, expect, it } from "vitest";
import { buildCatalog } from "../../scripts/catalog/catalog.js";
import { paperTextCheck } from "../../scripts/check/check-paper.js";
import { count, field, PAPER_FIELDS, text } from "../../scripts/content/fields.js";
import { paperFileFormat, parsePaperFile } from "../../scripts/content/paper-file.js";
import { frontMatterContract } from "../../scripts/content/paper.js";

const FIELDS = {
  ...PAPER_FIELDS,
  doi: field(text(), { optional: true, merge: "fill" }),
  stars: field(count(0), { optional: true, merge: "fill" }),
};
// In the copy's file order: after the site's fields, before digests.
const { digests, ...rest } = FIELDS;
const TABLE = { ...rest, digests };

const files = paperFileFormat(frontMatterContract(TABLE));
const checkText = paperTextCheck(files);

const paper = { title: "A Paper", authors: 3, doi: "2401.10000", stars: 7, digests: ["2026-04-13"], abstract: "An abstract." };

describe("a field added to a copy of the table", () => {
  const written = files.serializePaper(paper);

  it("is written in table order, text quoted whatever it looks like", () => {
    expect(written).toBe('---\ntitle: "A Paper"\nauthors: 3\ndoi: "2401.10000"\nstars: 7\ndigests: [2026-04-13]\n---\nAn abstract.\n');
  });

  it("reads back the same by the shortcut and by the YAML reader", () => {
    const { abstract: _abstract, ...frontMatter } = paper;
    expect(files.readOurFrontMatter(written)?.frontMatter).toEqual(frontMatter);
    const touched = written.replace("stars: 7", "stars: 7 # counted");
    expect(files.readOurFrontMatter(touched)).toBeUndefined();
    const parsed = files.parsePaperFile(touched);
    expect(parsed.ok && parsed.paper).toEqual(paper);
    expect(parsed.ok && typeof parsed.paper.doi).toBe("string");
  });

  it("is checked, with a message at its line, and suggested for a typo", () => {
    expect(checkText(written)).toMatchObject({ problems: [], valid: { paper } });
    const bad = checkText(written.replace('doi: "2401.10000"', 'doi: ""'));
    expect(bad.problems).toEqual([{ line: 4, column: 6, message: "doi: must not be empty" }]);
    const typo = checkText(written.replace("doi:", "dio:"));
    expect(typo.problems.map((p) => p.message)).toEqual(['dio: unknown key; did you mean "doi"?']);
    const negative = checkText(written.replace("stars: 7", "stars: -1"));
    expect(negative.problems.map((p) => p.message)).toEqual(["stars: expected a whole number of 0 or more, got -1"]);
  });

  it("is filled in by a newer listing, in our layout and in a contributor's", () => {
    const older = files.serializePaper({ title: "A Paper", authors: 3, digests: ["2026-04-13"], abstract: "An abstract." });
    const merged = files.mergePaperFile(older, { ...paper, digests: ["2026-04-20"] });
    expect(merged).toEqual({ status: "updated", text: written.replace("[2026-04-13]", "[2026-04-13, 2026-04-20]") });
    const edited = older.replace("authors: 3", "authors: 3 # counted");
    const mergedInPlace = files.mergePaperFile(edited, paper);
    expect(mergedInPlace).toEqual({ status: "updated", text: written.replace("authors: 3", "authors: 3 # counted") });
  });

  it("is copied onto the catalog's paper", () => {
    const catalog = buildCatalog([{ ...paper, slug: "a-paper" }], [], { fields: TABLE });
    expect(catalog.papers[0]).toMatchObject({ title: "A Paper", authors: 3, doi: "2401.10000", stars: 7, digests: ["2026-04-13"] });
  });

  it("leaves the site's own table as it was", () => {
    const site = parsePaperFile(written);
    const keys = "the keys are title, arxiv, authors, names, organization, published, comments, upvotes, code, project, digests";
    expect(site.ok ? [] : site.problems).toEqual([`doi: unknown key; ${keys}`, `stars: unknown key; ${keys}`]);
    expect(buildCatalog([{ ...paper, slug: "a-paper" }], []).papers[0]).not.toHaveProperty("doi");
  });
});
