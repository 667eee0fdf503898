import { describe, expect, it } from "vitest";
import { digestManifestSchema, parseDigestManifest, serializeDigestManifest } from "../../scripts/content/digest.js";

const valid = {
  date: "2026-04-13",
  papers: [
    { slug: "a-paper", title: "A Paper" },
    { slug: "b", title: "B" },
  ],
};

/** What the schema alone makes of a manifest's text: the reference the hand-made check must match. */
function bySchema(text: string) {
  const result = digestManifestSchema.safeParse(JSON.parse(text));
  return result.success ? result.data : undefined;
}

function read(text: string) {
  try {
    return parseDigestManifest(text, "m.json");
  } catch {
    return undefined;
  }
}

describe("parseDigestManifest", () => {
  const variants: unknown[] = [
    valid,
    { date: "2026-04-13", papers: [] },
    { papers: valid.papers, date: valid.date },
    { ...valid, extra: 1 },
    { date: valid.date },
    { papers: valid.papers },
    ...["2026-02-30", "2026-4-13", 20260413, null].map((date) => ({ ...valid, date })),
    ...[{}, [], "x", null].map((papers) => ({ ...valid, papers })),
    ...[
      { slug: "a-paper" },
      { title: "A Paper" },
      { slug: "A-Paper", title: "A Paper" },
      { slug: "a--paper", title: "A Paper" },
      { slug: "../a", title: "A Paper" },
      { slug: "a", title: "" },
      { slug: "a", title: 5 },
      { slug: "a", title: "A", note: "x" },
      "a-paper",
      null,
    ].map((entry) => ({ ...valid, papers: [entry] })),
    [valid],
    "manifest",
  ];

  it.each(variants.map((v, i) => [i, JSON.stringify(v)]))("agrees with the schema on variant %i", (_i, text) => {
    expect(read(text)).toEqual(bySchema(text));
  });

  it("agrees on a manifest with __proto__ as a key", () => {
    const text = '{"date":"2026-04-13","papers":[],"__proto__":{"x":1}}';
    expect(read(text)).toEqual(bySchema(text));
  });

  it("reads back what it writes", () => {
    expect(parseDigestManifest(serializeDigestManifest(valid), "m.json")).toEqual(valid);
  });
});
