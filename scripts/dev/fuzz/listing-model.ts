/**
 * A model of the listing format (docs/ingest.md) as fast-check arbitraries: papers with titles,
 * abstracts, metadata in every documented spelling and layout, vote counts, page chrome and a
 * header, rendered to text with the noise real copies carry (control characters, stray and Unicode
 * spaces, blank and blank-looking lines, CRLF, lone CR, a BOM). Each case carries what the parser
 * must give back: every paper exactly, and one warning per line that lost control characters.
 *
 * The model stays inside what the document makes unambiguous. Where a choice would leave the
 * reading open (a title-like paragraph followed by prose, a lowercase title after an abstract, an
 * organisation behind a `-` bullet with nothing after it, a title too long to be title-like that
 * no metadata confirms), `listingModel` repairs it the way the document prescribes, so a failure
 * is a parser bug and never a guess.
 */
import fc from "fast-check";
import type { ListingOptions } from "../../ingest/formats/text/listing-parser.js";
import type { Paper } from "../../content/paper.js";
import { Random } from "../corpus/random.js";
import {
  addDays,
  headerListingDate,
  isClearLongTitle,
  isClearProse,
  isClearTitle,
  mightBeOtherLine,
  MONTH_NAMES,
  PAGE_CHROME,
  startsLowercase,
  yearlessDate,
  ymd,
} from "./doc-rules.js";
import { codePoints, isPristine, joinWords, word } from "./text.js";

interface ModelDate {
  /** Days before the listing date. */
  daysBefore: number;
  withYear: boolean;
  longMonth: boolean;
  comma: boolean;
  comments: number | undefined;
}

type Who = { kind: "authors"; count: number; singular: boolean } | { kind: "organization"; name: string };

interface ModelMeta {
  who: Who | undefined;
  bullet: "•" | "*" | "-" | "";
  gap: string;
  date: ModelDate | undefined;
  /** lines: who / · / date; inline: who · date; dotDate: who / · date; noDot: who / date; whoDot: who / · */
  layout: "lines" | "inline" | "dotDate" | "noDot" | "whoDot";
}

interface ModelPaper {
  votes: { value: number; dash: boolean } | undefined;
  title: string;
  paragraphs: string[];
  meta: ModelMeta | undefined;
}

export interface ModelListing {
  listingDate: string;
  /** How the parser learns the date. */
  dateSource: "option" | "fileName" | "headerWithYear" | "headerWithoutYear";
  chrome: boolean[];
  header: { present: boolean; longMonth: boolean; withYear: boolean };
  papers: ModelPaper[];
  noise: { level: 0 | 1 | 2; seed: number };
  eol: "\n" | "\r\n" | "\r" | "mixed";
  bom: boolean;
  finalEol: boolean;
}

export interface ListingCase {
  text: string;
  options: ListingOptions;
  listingDate: string;
  /** As the parser must list them, `line` included. */
  papers: (Paper & { line: number })[];
  warnings: { line: number; message: string }[];
}

const text = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max }).map(joinWords);

export const titleText: fc.Arbitrary<string> = text(1, 12).filter((t) => isPristine(t) && isClearTitle(t));

/** Over 40 words of letters: too long to be title-like, shaped like a title (the issue's 612-character case). */
const longTitleText: fc.Arbitrary<string> = fc
  .array(fc.stringMatching(/^[A-Za-z][a-z]{0,11}$/), { minLength: 41, maxLength: 90 })
  .map(joinWords)
  .filter(isClearLongTitle);

const URL_WORD = fc.constantFrom("https://example.org/a?b=1", "http://x.y/z", "ftp://host/path");

const proseText: fc.Arbitrary<string> = fc
  .oneof(
    { arbitrary: fc.tuple(text(1, 50), fc.constantFrom(".", ".", ".", ":", ";", ",")).map(([t, end]) => t + end), weight: 8 },
    { arbitrary: fc.tuple(text(0, 10), URL_WORD, text(0, 10)).map(([a, url, b]) => joinWords([a, url, b])), weight: 1 },
    { arbitrary: text(41, 80), weight: 1 },
    // Very long lines: one paragraph of several thousand words.
    { arbitrary: fc.tuple(text(3, 10), fc.integer({ min: 20, max: 400 })).map(([t, n]) => `${`${t} `.repeat(n)}end.`), weight: 1 },
  )
  .filter((t) => isPristine(t) && isClearProse(t));

/** After the first paragraph, some title-like ones too: the document says when they stay prose. */
const laterParagraph = fc.oneof({ arbitrary: proseText, weight: 4 }, { arbitrary: titleText, weight: 1 });

const organization = fc
  .oneof(
    text(1, 5),
    text(1, 5).map((t) => `${t} Inc.`),
  )
  .filter((t) => isPristine(t) && codePoints(t) <= 50 && !mightBeOtherLine(t));

const modelDate: fc.Arbitrary<ModelDate> = fc.record({
  daysBefore: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 365 * 40 })),
  withYear: fc.boolean(),
  longMonth: fc.boolean(),
  comma: fc.boolean(),
  comments: fc.option(fc.oneof(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 999_999 })), { freq: 4, nil: undefined }),
});

const who: fc.Arbitrary<Who> = fc.oneof(
  fc.record({
    kind: fc.constant("authors" as const),
    count: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 999_999 })),
    singular: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("organization" as const), name: organization }),
);

const modelMeta: fc.Arbitrary<ModelMeta> = fc.record({
  who: fc.option(who, { freq: 8, nil: undefined }),
  bullet: fc.constantFrom("•", "•", "•", "*", "-", "" as const),
  gap: fc.constantFrom(" ", "", "  ", "\t"),
  date: fc.option(modelDate, { freq: 8, nil: undefined }),
  layout: fc.constantFrom("lines" as const, "inline" as const, "dotDate" as const, "noDot" as const, "whoDot" as const),
});

const modelPaper: fc.Arbitrary<ModelPaper> = fc.record({
  votes: fc.option(fc.record({ value: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 999_999_999 })), dash: fc.boolean() }), {
    freq: 3,
    nil: undefined,
  }),
  title: fc.oneof({ arbitrary: titleText, weight: 12 }, { arbitrary: longTitleText, weight: 1 }),
  paragraphs: fc.tuple(proseText, fc.array(laterParagraph, { maxLength: 3 })).map(([first, rest]) => [first, ...rest]),
  meta: fc.option(modelMeta, { freq: 6, nil: undefined }),
});

const listingDate = fc
  .date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

export const modelListing: fc.Arbitrary<ModelListing> = fc
  .record({
    listingDate,
    dateSource: fc.constantFrom("option" as const, "fileName" as const, "headerWithYear" as const, "headerWithoutYear" as const),
    chrome: fc.array(fc.boolean(), { minLength: PAGE_CHROME.length, maxLength: PAGE_CHROME.length }),
    header: fc.record({ present: fc.boolean(), longMonth: fc.boolean(), withYear: fc.boolean() }),
    papers: fc.oneof(
      { arbitrary: fc.array(modelPaper, { minLength: 1, maxLength: 6 }), weight: 4 },
      { arbitrary: fc.array(modelPaper, { minLength: 1, maxLength: 30 }), weight: 1 },
    ),
    noise: fc.record({ level: fc.constantFrom(0 as const, 1 as const, 2 as const), seed: fc.integer() }),
    eol: fc.constantFrom("\n" as const, "\r\n" as const, "\r" as const, "mixed" as const),
    bom: fc.boolean(),
    finalEol: fc.boolean(),
  })
  .map(withDocumentedReading);

function placedDate(listing: string, date: ModelDate): string {
  return addDays(listing, -date.daysBefore);
}

/**
 * Applies the document's rules where the generated choices would leave the reading open. Exported
 * for models put together from others (papers shown again in a later listing).
 */
export function withDocumentedReading(model: ModelListing): ModelListing {
  const papers = model.papers.map((p) => ({ ...p, paragraphs: [...p.paragraphs], meta: p.meta && repairMeta(p.meta, model.listingDate) }));
  for (const [i, paper] of papers.entries()) {
    const previous = papers[i - 1];
    if (!isClearTitle(paper.title)) {
      // A long title is one only between papers (first, or after metadata) and when metadata ends its prose.
      if (!paper.meta || (previous && !previous.meta)) paper.title = paper.title.split(" ").slice(0, 6).join(" ");
      else paper.paragraphs = paper.paragraphs.map((p) => (isClearProse(p) ? p : `${p}.`));
    }
    // "After an abstract it also does not start with a lowercase letter": give it a vote line instead.
    if (previous && !previous.meta && !paper.votes && startsLowercase(paper.title)) paper.votes = { value: 0, dash: true };
    // From the end, so that a repaired paragraph is prose before the one above it is looked at.
    for (let j = paper.paragraphs.length - 2; j >= 1; j--) {
      const line = paper.paragraphs[j]!;
      // A title-like, capitalised line followed by prose would start the next paper.
      if (isClearTitle(line) && !startsLowercase(line) && isClearProse(paper.paragraphs[j + 1]!)) paper.paragraphs[j] = `${line}.`;
    }
  }
  let { dateSource } = model;
  const header = { ...model.header };
  if (dateSource === "headerWithYear" || dateSource === "headerWithoutYear") header.present = true;
  if (dateSource === "headerWithYear") header.withYear = true;
  if (dateSource === "headerWithoutYear") {
    header.withYear = false;
    const { month, day } = ymd(model.listingDate);
    if (headerListingDate(month, day, newestWithYear(papers, model.listingDate)) !== model.listingDate) dateSource = "option";
  }
  return { ...model, dateSource, header, papers };
}

function repairMeta(meta: ModelMeta, listing: string): ModelMeta | undefined {
  if (!meta.who && !meta.date) return undefined;
  const out = { ...meta };
  if (out.date) {
    const date = { ...out.date };
    const published = placedDate(listing, date);
    const { month, day } = ymd(published);
    // A yearless date must read back as the same day, and a four-digit count after it would be a year.
    if (yearlessDate(month, day, listing) !== published || (date.comments !== undefined && date.comments >= 1000)) date.withYear = true;
    if (!date.withYear) date.comma = false;
    out.date = date;
  }
  if (out.who?.kind === "organization" && out.bullet === "") out.bullet = "•";
  // `- Org` is metadata only when a `·` or a date follows it.
  const confirmed = out.layout === "whoDot" || out.date !== undefined;
  if (out.who?.kind === "organization" && out.bullet !== "•" && !confirmed) out.bullet = "•";
  if ((out.bullet === "*" || out.bullet === "-") && (out.gap === "" || out.gap === "  ")) out.gap = " ";
  return out;
}

function newestWithYear(papers: ModelPaper[], listing: string): string | undefined {
  let newest: string | undefined;
  for (const p of papers) {
    const date = p.meta?.date;
    if (!date?.withYear) continue;
    const published = placedDate(listing, date);
    if (newest === undefined || published > newest) newest = published;
  }
  return newest;
}

function spellDate(isoDate: string, withYear: boolean, longMonth: boolean, comma: boolean): string {
  const { year, month, day } = ymd(isoDate);
  const name = MONTH_NAMES[month - 1]!;
  const monthText = longMonth ? name : name.slice(0, 3);
  return withYear ? `${monthText} ${day}${comma ? "," : ""} ${year}` : `${monthText} ${day}`;
}

function whoText(meta: ModelMeta): string | undefined {
  const w = meta.who;
  if (!w) return undefined;
  const body = w.kind === "organization" ? w.name : `${w.count} ${w.count === 1 && w.singular ? "author" : "authors"}`;
  return meta.bullet === "" ? body : `${meta.bullet}${meta.gap}${body}`;
}

function metaLines(meta: ModelMeta, listing: string): string[] {
  const who = whoText(meta);
  const d = meta.date;
  const when = d && `${spellDate(placedDate(listing, d), d.withYear, d.longMonth, d.comma)}${d.comments === undefined ? "" : ` ${d.comments}`}`;
  if (who === undefined) return [meta.layout === "dotDate" ? `· ${when}` : when!];
  if (when === undefined) return meta.layout === "whoDot" || meta.layout === "lines" ? [who, "·"] : [who];
  switch (meta.layout) {
    case "inline":
      return [`${who} · ${when}`];
    case "dotDate":
      return [who, `· ${when}`];
    case "noDot":
      return [who, when];
    default:
      return [who, "·", when];
  }
}

function expectedPaper(paper: ModelPaper, listing: string, line: number): Paper & { line: number } {
  const out: Paper & { line: number } = { line, title: paper.title, digests: [listing], abstract: paper.paragraphs.join("\n\n") };
  const meta = paper.meta;
  if (meta?.who?.kind === "authors") out.authors = meta.who.count;
  if (meta?.who?.kind === "organization") out.organization = meta.who.name;
  if (meta?.date) {
    out.published = placedDate(listing, meta.date);
    if (meta.date.comments !== undefined) out.comments = meta.date.comments;
  }
  if (paper.votes) out.upvotes = paper.votes.value;
  return out;
}

const CONTROLS = ["\u0001", "\u0007", "\u0008", "\u000b", "\u000c", "\u001b", "\u001f", "\u007f", "\u0080", "\u0085", "\u009f"];
const EDGE_SPACE = [" ", "  ", "\t", "\u3000", "\u00a0 ", " \t "];
const INNER_SPACE = ["  ", " \t", "\t", "   ", "\t\t"];
const BLANK = ["", " ", "\t", "\u3000", "\u00a0", "\u2028"];

/** Adds noise the parser must remove; returns the line and the number of control characters in it. */
function noisy(line: string, rng: Random, level: number): { line: string; controls: number } {
  if (level === 0) return { line, controls: 0 };
  let out = line;
  const rate = level === 1 ? 0.1 : 0.4;
  if (rng.chance(rate)) out = rng.pick(EDGE_SPACE) + out;
  if (rng.chance(rate)) out = out + rng.pick(EDGE_SPACE);
  if (rng.chance(rate) && out.includes(" ")) {
    const spaces = [...out.matchAll(/ /g)].map((m) => m.index!);
    const at = rng.pick(spaces);
    out = out.slice(0, at) + rng.pick(INNER_SPACE) + out.slice(at + 1);
  }
  let controls = 0;
  if (rng.chance(rate / 2)) {
    const chars = [...out];
    const n = rng.int(1, 3);
    for (let i = 0; i < n; i++) chars.splice(rng.int(0, chars.length), 0, rng.pick(CONTROLS));
    controls = n;
    out = chars.join("");
  }
  return { line: out, controls };
}

/** The listing's text and what parsing it must give. */
export function renderListing(model: ModelListing): ListingCase {
  const rng = new Random(model.noise.seed);
  const L = model.listingDate;
  const physical: string[] = [];
  const warnings: ListingCase["warnings"] = [];
  const papers: ListingCase["papers"] = [];

  const blanks = () => {
    const n = model.noise.level === 0 ? (rng.chance(0.3) ? 1 : 0) : rng.int(0, model.noise.level);
    for (let i = 0; i < n; i++) {
      if (model.noise.level === 2 && rng.chance(0.2)) {
        const controls = rng.int(1, 2);
        physical.push(rng.pick(BLANK) + Array.from({ length: controls }, () => rng.pick(CONTROLS)).join(""));
        warnings.push({ line: physical.length, message: `removed ${controls} control character(s)` });
      } else {
        physical.push(rng.pick(BLANK));
      }
    }
  };
  const add = (line: string) => {
    blanks();
    const n = noisy(line, rng, model.noise.level);
    physical.push(n.line);
    if (n.controls > 0) warnings.push({ line: physical.length, message: `removed ${n.controls} control character(s)` });
    return physical.length;
  };

  model.chrome.forEach((on, i) => on && add(PAGE_CHROME[i]!));
  if (model.header.present) {
    const { header } = model;
    add(spellDate(L, header.withYear, header.longMonth, header.withYear && rng.chance(0.7)));
  }
  for (const paper of model.papers) {
    const first = paper.votes ? add(paper.votes.dash && paper.votes.value === 0 ? "-" : String(paper.votes.value)) : undefined;
    const titleLine = add(paper.title);
    for (const p of paper.paragraphs) add(p);
    for (const m of paper.meta ? metaLines(paper.meta, L) : []) add(m);
    papers.push(expectedPaper(paper, L, first ?? titleLine));
  }
  blanks();

  let text = model.bom ? "\uFEFF" : "";
  for (const [i, line] of physical.entries()) {
    text += line;
    if (i === physical.length - 1 && !model.finalEol) break;
    let eol: string = model.eol === "mixed" ? rng.pick(["\n", "\r\n", "\r"]) : model.eol;
    // A lone CR before an empty line ending in LF would read as one CRLF: one line less.
    if (eol === "\r" && physical[i + 1] === "") eol = "\n";
    text += eol;
  }

  const options: ListingOptions = model.dateSource === "option" ? { date: L } : model.dateSource === "fileName" ? { fileName: `sources/copy-${L}.txt` } : {};
  return { text, options, listingDate: L, papers, warnings };
}
