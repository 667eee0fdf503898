/**
 * The fuzz properties, one registry for `npm test` (tests/dev/fuzz.test.ts, a fixed seed and a few
 * thousand inputs in all) and `npm run fuzz` (scripts/dev/fuzz.ts, any seed, any number of inputs).
 * A property throws (node:assert) on the first thing that does not hold.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { generateCorpus } from "../corpus/corpus.js";
import { Random } from "../corpus/random.js";
import { renderCards, type CardFormat, type CardPaper } from "../corpus/render-cards.js";
import { formatNamed } from "../../ingest/formats/index.js";
import type { ListingWarning } from "../../ingest/formats/source-format.js";
import { garbageReason } from "../../ingest/paper-guard.js";
import { parseDigestManifest, SLUG_PATTERN } from "../../content/digest.js";
import { IngestError, ingestFiles, SkippedEntriesError } from "../../ingest/ingest.js";
import { readListingFile } from "../../ingest/listing-file.js";
import { LineSplitter } from "../../ingest/lines.js";
import { cleanLine } from "../../ingest/formats/text/listing-lines.js";
import { ListingError, parseListing, type ListedPaper, type ParsedListing } from "../../ingest/formats/text/listing-parser.js";
import { HfJsonParser } from "../../ingest/formats/hf-json/hf-json-parser.js";
import { isArxivId } from "../../content/arxiv.js";
import type { Paper } from "../../content/paper.js";
import { OBSERVED_KEYS } from "../../content/fields.js";
import { abstractToMarkdown, createMarkdown, markdownToPlainText, writtenAbstract } from "../../content/markdown.js";
import { mergePaperFile, parsePaperFile, readFrontMatter, serializePaper } from "../../content/paper-file.js";
import { assignSlugs } from "../../content/slug.js";
import { titleKey } from "../../content/title-key.js";
import { checkNothingLost, checkOutput, checkStorable, physicalLines } from "./checks.js";
import { CONTENT_PROPERTIES } from "./content-properties.js";
import { freeFormListing } from "./free-form.js";
import { modelListing, renderListing, titleText, withDocumentedReading, type ModelListing } from "./listing-model.js";
import { checkIntactPapers, mutate, mutationPlan } from "./mutate.js";
import { HOSTILE_TOKENS, isPristine, joinWords, word } from "./text.js";

export interface FuzzProperty {
  name: string;
  /** One line for the fuzz command's report. */
  about: string;
  /** Inputs in `npm test`: together a few thousand, within the suite's time budget. */
  testRuns: number;
  /** Share of `--runs` in a long run, for properties that go through the file system and cost 50 times more. */
  longRunShare?: number;
  property: () => fc.IProperty<unknown> | fc.IAsyncProperty<unknown>;
}

/** The documented ways a text can fail to be a listing; anything else thrown is a bug. */
const FATAL = [/^empty listing: no text in it$/, /^binary input: NUL byte$/, /^no papers found: /, /^cannot tell the listing date: /];

function parseOrFatal(text: string, options: Parameters<typeof parseListing>[1]): ParsedListing | undefined {
  const lines = physicalLines(text);
  const nul = lines.findIndex((l) => l.includes("\0"));
  try {
    const parsed = parseListing(text, options);
    strictEqual(nul, -1, "a text with a NUL byte was read as a listing");
    return parsed;
  } catch (error) {
    if (!(error instanceof ListingError) || !FATAL.some((re) => re.test(error.message))) throw error;
    if (error.message.includes("\n")) throw new Error(`fatal message is not one line: ${JSON.stringify(error.message)}`);
    if (nul !== -1) deepStrictEqual([error.message, error.line], ["binary input: NUL byte", nul + 1]);
    if (error.message.startsWith("empty"))
      ok(
        lines.every((l) => cleanLine(l).text === ""),
        "a text with words in it was called empty",
      );
    return undefined;
  }
}

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** Listings that parse without a warning: the seed, and a few of a generated corpus. */
function cleanListings(): { date: string; text: string }[] {
  const seed = readFileSync(join(ROOT, "sources/2026-04-13.txt"), "utf8");
  const corpus = [...generateCorpus({ papers: 160, seed: 7, seedListing: seed })].slice(0, 4);
  return [{ date: "2026-04-13", text: seed }, ...corpus.map((l) => ({ date: l.date, text: l.text }))];
}

/** Runs `check`; a failure also shows the listing text, which the generated input only describes. */
function onText(text: string, check: () => void): void {
  try {
    check();
  } catch (error) {
    const lines = physicalLines(text).map((l, i) => `${String(i + 1).padStart(4)}| ${JSON.stringify(l.length > 200 ? `${l.slice(0, 200)}…` : l)}`);
    const shown = lines.length > 200 ? [...lines.slice(0, 200), "   …"] : lines;
    throw new Error(`${(error as Error).message}\nlisting text, line by line:\n${shown.join("\n")}`, { cause: error });
  }
}

function mutationProperty(base: fc.Arbitrary<{ text: string; date: string }>): fc.IProperty<unknown> {
  return fc.property(base, mutationPlan, ({ text, date }, plan) => {
    const reference = parseListing(text, { date });
    strictEqual(reference.warnings.length, 0, "a mutation base must parse cleanly");
    const mutated = mutate(text, plan);
    onText(mutated.text, () => {
      const parsed = parseOrFatal(mutated.text, { date });
      if (!parsed) return;
      checkOutput(parsed, physicalLines(mutated.text).length);
      checkNothingLost(mutated.text, parsed);
      checkIntactPapers(text, reference, mutated, parsed);
    });
  });
}

const pristineText = (max: number) => fc.array(word, { minLength: 1, maxLength: max }).map(joinWords).filter(isPristine);

/** Bodies made of what Markdown and abstractToMarkdown's escapes are made of. */
const markdownish: fc.Arbitrary<string> = fc
  .array(
    fc.constantFrom(
      ...["\\", "`", "*", "_", "[", "]", "<", ">", "~", "&", "#", "=", "+", "-", ".", ")", "|", "!", "(", "1", "12.", "a", "b c"],
      ...[" ", "\n", "\n\n", "\t", "\r", "\0", "\u00a0", "&amp;", "&#x41;", "    ", "http://a"],
    ),
    { maxLength: 24 },
  )
  .map((parts) => parts.join(""));
const markdown = createMarkdown();

const paperRecord: fc.Arbitrary<Paper> = fc
  .record({
    title: fc.oneof(pristineText(20), fc.constantFrom(...HOSTILE_TOKENS)),
    authors: fc.option(fc.integer({ min: 1, max: 999_999 }), { nil: undefined }),
    organization: fc.option(pristineText(5), { nil: undefined }),
    published: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined }),
    comments: fc.option(fc.nat(), { nil: undefined }),
    upvotes: fc.option(fc.nat(), { nil: undefined }),
    digests: fc.uniqueArray(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 4 }),
    abstract: fc.array(pristineText(60), { minLength: 1, maxLength: 4 }).map((ps) => ps.join("\n\n")),
  })
  .map(({ published, digests, ...rest }) => {
    const day = (n: number) => new Date(Date.UTC(2000, 0, 1 + n)).toISOString().slice(0, 10);
    const dates = digests.map(day).sort();
    const paper: Paper = { title: rest.title, digests: dates, abstract: rest.abstract };
    if (rest.authors !== undefined) paper.authors = rest.authors;
    if (rest.organization !== undefined) paper.organization = rest.organization;
    // Never after the first listing it appeared in: that would not be a valid file.
    if (published !== undefined) paper.published = day(Math.min(...digests) - published);
    if (rest.comments !== undefined) paper.comments = rest.comments;
    if (rest.upvotes !== undefined) paper.upvotes = rest.upvotes;
    return paper;
  });

const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com\d|lpt\d)$/;

/** Titles that fight over slugs: path tricks, device names, and variants of each other by case, spacing and composition. */
const slugTitles = fc
  .array(
    fc.oneof(
      titleText,
      fc.constantFrom(...HOSTILE_TOKENS, "..", ".", "/", "\\", "CON", "con", "Con.", "AUX", "nul", "PRN", "COM1", "LPT9", "大型语言模型", "🚀"),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .chain((titles) =>
    fc.tuple(fc.constant(titles), fc.array(fc.tuple(fc.nat(), fc.constantFrom("upper", "lower", "nfd", "nfc", "spaces", "punct")), { maxLength: 6 })),
  )
  .map(([titles, variants]) => {
    const out = [...titles];
    for (const [i, how] of variants) {
      const t = titles[i % titles.length]!;
      if (how === "upper") out.push(t.toUpperCase());
      else if (how === "lower") out.push(t.toLowerCase());
      else if (how === "nfd") out.push(t.normalize("NFD"));
      else if (how === "nfc") out.push(t.normalize("NFC"));
      else if (how === "spaces") out.push(`  ${t.replace(/ /g, "   ")} `);
      else out.push(`${t}!`);
    }
    return out;
  });

/** A parse, or the message of the documented error that stopped it. */
async function outcome(read: () => Promise<ParsedListing>): Promise<ParsedListing | string> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ListingError) return error.message;
    throw error;
  }
}

/** Titles and abstracts ingest refuses to write (paper-guard.ts) are not listings' papers. */
const writable = (m: ModelListing) => m.papers.every((p) => garbageReason({ title: p.title, abstract: p.paragraphs.join("\n\n") }) === undefined);

/** Two listings, the second a few days later and showing some papers of the first again. */
const listingPair = fc
  .tuple(modelListing, modelListing, fc.integer({ min: 1, max: 400 }), fc.array(fc.nat(), { maxLength: 4 }))
  .map(([first, second, days, repeats]): [ModelListing, ModelListing] => {
    const later = new Date(Date.parse(first.listingDate) + days * 86_400_000).toISOString().slice(0, 10);
    const shown = repeats.map((i) => ({ ...second.papers[i % second.papers.length]!, title: first.papers[i % first.papers.length]!.title }));
    return [first, withDocumentedReading({ ...second, listingDate: later, papers: [...second.papers, ...shown] })];
  })
  .filter(([a, b]) => [a, b].every((m) => new Set(m.papers.map((p) => titleKey(p.title))).size === m.papers.length && writable(m)));

const CARD_FORMATS: readonly CardFormat[] = ["markdown", "refs", "linklines"];
const LONE_URL = /^\S+:\/\/\S+$/;

/** A listing of papers as the card formats show them (ids, counts, an author count or an organisation with each date). */
const cardListing = fc
  .record({
    listingDate: fc.integer({ min: 0, max: 30_000 }).map((n) => new Date(Date.UTC(2000, 0, 1 + n)).toISOString().slice(0, 10)),
    papers: fc.array(
      fc.record({
        title: titleText,
        paragraphs: fc.array(pristineText(60), { minLength: 1, maxLength: 3 }),
        upvotes: fc.option(fc.oneof(fc.integer({ min: 0, max: 300 }), fc.nat({ max: 999_999_999 })), { nil: undefined }),
        meta: fc.option(
          fc.record({
            who: fc.oneof(fc.integer({ min: 1, max: 999_999 }), fc.stringMatching(/^[A-Z][a-z]{1,8}(?: [A-Z][a-z]{1,8}){0,2}$/)),
            daysBefore: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 4000 })),
            comments: fc.option(fc.nat({ max: 5000 }), { nil: undefined }),
          }),
          { freq: 5, nil: undefined },
        ),
      }),
      { minLength: 1, maxLength: 12 },
    ),
    layout: fc.integer(),
  })
  .map(({ listingDate, papers, layout }) => {
    const cards: CardPaper[] = papers.map((p, i) => {
      const paper: Paper = { title: p.title, digests: [listingDate], abstract: p.paragraphs.join("\n\n") };
      if (p.meta) {
        if (typeof p.meta.who === "number") paper.authors = p.meta.who;
        else paper.organization = p.meta.who;
        paper.published = new Date(Date.parse(listingDate) - p.meta.daysBefore * 86_400_000).toISOString().slice(0, 10);
        if (p.meta.comments !== undefined) paper.comments = p.meta.comments;
      }
      if (p.upvotes !== undefined) paper.upvotes = p.upvotes;
      return { paper, arxiv: `${listingDate.slice(2, 4)}${listingDate.slice(5, 7)}.${String(10_000 + i).padStart(5, "0")}` };
    });
    return { listingDate, cards, layout };
  })
  .filter(
    ({ cards }) =>
      new Set(cards.map((c) => titleKey(c.paper.title))).size === cards.length &&
      cards.every((c) => garbageReason(c.paper) === undefined && !c.paper.abstract.split("\n\n").some((p) => LONE_URL.test(p))),
  );

/** A card format's parser over `text`, with the listing date given. */
function parseCards(format: CardFormat, text: string, listingDate: string): { papers: ListedPaper[]; warnings: ListingWarning[] } {
  const papers: ListedPaper[] = [];
  const warnings: ListingWarning[] = [];
  const parser = formatNamed(format).createParser({ paper: (p) => papers.push(p), warning: (w) => warnings.push(w) }, { listingDate });
  const splitter = new LineSplitter((line) => parser.push(line));
  splitter.push(text);
  splitter.end();
  parser.end();
  return { papers, warnings };
}

/** What a card shows, as the parser must give it back (without its line). */
function listedCard(card: CardPaper, shownId: string | undefined): Omit<ListedPaper, "line"> {
  return shownId === undefined ? { ...card.paper } : { ...card.paper, arxiv: shownId };
}

/** Every file under a folder, by name, with its bytes. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const name of (await readdir(dir)).sort()) out.set(name, await readFile(join(dir, name), "utf8"));
  return out;
}

/**
 * What ingest must store for each title key: per listing, the first showing completed by later
 * ones; across listings, the oldest listing's fields completed by newer ones, except the observed
 * counts, which the newest listing showing them sets; every date.
 */
function expectedRecords(listings: { date: string; papers: Paper[] }[]): Map<string, Paper> {
  const records = new Map<string, Paper>();
  for (const listing of [...listings].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) {
    const shown = new Map<string, Paper>();
    for (const paper of listing.papers) {
      const key = titleKey(paper.title);
      const known = shown.get(key);
      if (!known) shown.set(key, { ...paper });
      else fillIn(known, paper, []);
    }
    for (const [key, paper] of shown) {
      const known = records.get(key);
      if (!known) {
        records.set(key, paper);
        continue;
      }
      fillIn(known, paper, OBSERVED_KEYS);
      known.digests = [...new Set([...known.digests, listing.date])].sort();
    }
  }
  return records;
}

function fillIn(known: Paper, paper: Paper, replaced: readonly string[]): void {
  for (const field of ["authors", "organization", "published", "comments", "upvotes"] as const) {
    if (paper[field] !== undefined && (known[field] === undefined || replaced.includes(field))) Object.assign(known, { [field]: paper[field] });
  }
}

export const PROPERTIES: readonly FuzzProperty[] = [
  {
    name: "card-formats",
    about: "papers rendered as Markdown captures, text-browser dumps and link-per-line exports read back exactly, ids included, without a warning",
    testRuns: 300,
    property: () =>
      fc.property(cardListing, fc.constantFrom(...CARD_FORMATS), ({ listingDate, cards, layout }, format) => {
        const rendered = renderCards(format, new Random(layout >>> 0), listingDate, cards);
        onText(rendered.text, () => {
          const parsed = parseCards(format, rendered.text, listingDate);
          deepStrictEqual(parsed.warnings, []);
          deepStrictEqual(
            parsed.papers.map(({ line: _line, ...p }) => p),
            cards.map((c, i) => listedCard(c, rendered.shownIds[i])),
          );
          const lines = physicalLines(rendered.text);
          for (const p of parsed.papers) ok(p.line >= 1 && p.line <= lines.length, `line ${p.line} is outside the file`);
        });
      }),
  },
  {
    name: "cut-captures",
    about: "card-format captures cut at any line: papers before the cut exact, the cut entry reported or read as far as it goes, nothing invented",
    testRuns: 300,
    property: () =>
      fc.property(cardListing, fc.constantFrom(...CARD_FORMATS), fc.double({ min: 0, max: 1, noNaN: true }), ({ listingDate, cards, layout }, format, at) => {
        const rendered = renderCards(format, new Random(layout >>> 0), listingDate, cards);
        const lines = physicalLines(rendered.text);
        const cut = lines.slice(0, Math.floor(at * lines.length)).join("\n");
        onText(cut, () => {
          let parsed: { papers: ListedPaper[]; warnings: ListingWarning[] };
          try {
            parsed = parseCards(format, cut, listingDate);
          } catch (error) {
            if (error instanceof ListingError && /^(?:empty listing|no papers found): /.test(`${error.message}: `)) return;
            throw error;
          }
          // A dump's links are resolved by the URL list at its end: cut before it, no paper has an id.
          const listCut = format === "refs" && !physicalLines(cut).includes("References");
          const expected = cards.map((c, i) => listedCard(c, listCut ? undefined : rendered.shownIds[i]));
          const got = parsed.papers.map(({ line: _line, ...p }) => p);
          ok(got.length <= expected.length, "more papers than the capture holds");
          for (const [i, paper] of got.entries()) {
            const want = expected[i]!;
            if (i < got.length - 1) {
              deepStrictEqual(paper, want);
              continue;
            }
            // The last one may have lost the metadata after the cut, never its text.
            strictEqual(paper.title, want.title);
            strictEqual(paper.abstract, want.abstract);
            for (const [key, value] of Object.entries(paper)) deepStrictEqual(value, want[key as keyof typeof want], `${key} of the last paper`);
          }
          // A cut line may leave page text without its link: reported, never a paper.
          const cutLines = physicalLines(cut).length;
          for (const w of parsed.warnings)
            ok(w.line >= 1 && w.line <= cutLines && (!w.skipped || w.message.includes("is cut off")), `unexpected warning ${JSON.stringify(w)}`);
        });
      }),
  },
  {
    name: "ingest-cards",
    about: "a card-format capture on disk through ingest, its format detected: files and manifest read back as the records, a re-run changes no byte",
    testRuns: 24,
    longRunShare: 0.02,
    property: () =>
      fc.asyncProperty(cardListing, fc.constantFrom(...CARD_FORMATS), async ({ listingDate, cards, layout }, format) => {
        const dir = await mkdtemp(join(tmpdir(), "fuzz-cards-"));
        try {
          const rendered = renderCards(format, new Random(layout >>> 0), listingDate, cards);
          const file = join(dir, `${listingDate}${format === "refs" ? ".txt" : ".md"}`);
          await writeFile(file, rendered.text);
          const options = { files: [file], outDir: join(dir, "papers"), digestsDir: join(dir, "digests") };
          const [summary] = await ingestFiles(options, () => {});
          strictEqual(summary!.format, format, "the format is detected");
          strictEqual(summary!.skipped, 0);
          const manifest = parseDigestManifest(await readFile(join(options.digestsDir, `${listingDate}.json`), "utf8"), listingDate);
          deepStrictEqual(
            manifest.papers.map((p) => p.title),
            cards.map((c) => c.paper.title),
            "the manifest lists the papers in order",
          );
          for (const [i, entry] of manifest.papers.entries()) {
            const read = parsePaperFile(await readFile(join(options.outDir, `${entry.slug}.md`), "utf8"));
            ok(read.ok, `${entry.slug}.md does not read back`);
            const card = cards[i]!;
            deepStrictEqual(read.paper, card.arxiv === undefined ? card.paper : { ...card.paper, arxiv: card.arxiv });
          }
          const papers = await snapshot(options.outDir);
          strictEqual(papers.size, cards.length, "one file per paper, and nothing else");
          await ingestFiles(options, () => {});
          deepStrictEqual(await snapshot(options.outDir), papers, "a re-run changed a paper file");
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }),
  },
  {
    name: "model-listing",
    about: "listings from the format model: every paper and warning exactly, nothing lost, every record storable",
    testRuns: 600,
    property: () =>
      fc.property(modelListing, (model) => {
        const c = renderListing(model);
        onText(c.text, () => {
          const parsed = parseListing(c.text, c.options);
          strictEqual(parsed.listingDate, c.listingDate);
          deepStrictEqual(parsed.papers, c.papers);
          deepStrictEqual(parsed.warnings, c.warnings);
          checkOutput(parsed, physicalLines(c.text).length);
          checkNothingLost(c.text, parsed);
        });
      }),
  },
  {
    name: "free-form-listing",
    about: "any text: parsed or a documented one-line error, warnings within the file, nothing lost",
    testRuns: 700,
    property: () =>
      fc.property(freeFormListing, ({ text, options }) => {
        const parsed = parseOrFatal(text, options);
        if (!parsed) return;
        checkOutput(parsed, physicalLines(text).length);
        checkNothingLost(text, parsed);
      }),
  },
  {
    name: "mutated-real",
    about: "the seed and generated listings with lines deleted, duplicated, swapped, cut: intact papers exact",
    testRuns: 400,
    property: () => mutationProperty(fc.constantFrom(...cleanListings())),
  },
  {
    name: "mutated-model",
    about: "model listings with lines deleted, duplicated, swapped, cut: intact papers exact",
    testRuns: 400,
    property: () =>
      mutationProperty(
        modelListing.map((m) => {
          // Noise would leave control-character warnings in the reference parse.
          const c = renderListing({ ...m, noise: { ...m.noise, level: 0 } });
          return { text: c.text, date: c.listingDate };
        }),
      ),
  },
  {
    name: "paper-file",
    about: "records to Markdown and back; the body renders to the abstract; merging adds only what is missing",
    testRuns: 400,
    property: () =>
      fc.property(paperRecord, paperRecord, (paper, other) => {
        checkStorable(paper);
        const file = serializePaper(paper);
        const listed: Paper = { ...other, title: paper.title };
        const merged = mergePaperFile(file, listed);
        ok(merged.status !== "invalid", `merge failed: ${JSON.stringify(merged)}`);
        const back = parsePaperFile(merged.text);
        ok(back.ok);
        const expected: Paper = { ...paper, digests: [...new Set([...paper.digests, ...listed.digests])].sort() };
        for (const key of ["authors", "organization", "published", "comments", "upvotes"] as const) {
          if (expected[key] === undefined && listed[key] !== undefined) Object.assign(expected, { [key]: listed[key] });
        }
        deepStrictEqual(back.paper, expected);
        strictEqual(mergePaperFile(merged.text, listed).status, "unchanged");
        // Read back without markdown-it (writtenAbstract): what markdown-it reads too.
        strictEqual(markdownToPlainText(markdown, readFrontMatter(merged.text).body), paper.abstract);
      }),
  },
  {
    name: "written-abstract",
    about: "a body read without markdown-it reads as markdown-it reads it; every abstract ingest writes is read so",
    testRuns: 600,
    property: () =>
      fc.property(markdownish, paperRecord, (body, paper) => {
        const written = writtenAbstract(body);
        if (written !== undefined) strictEqual(written, markdownToPlainText(markdown, body), `body ${JSON.stringify(body)}`);
        strictEqual(writtenAbstract(`${abstractToMarkdown(paper.abstract)}\n`), paper.abstract);
      }),
  },
  {
    name: "slugs",
    about: "slugs unique, lowercase ASCII, at most 80 characters, inside the output folder, order-independent",
    testRuns: 400,
    property: () =>
      fc.property(
        slugTitles,
        fc.array(fc.stringMatching(/^[a-z0-9]{1,6}(?:-[a-z0-9]{1,6}){0,2}$/), { maxLength: 5 }),
        fc.nat(),
        (titles, takenList, rotate) => {
          const taken = new Set(takenList);
          const keys = titles.map(titleKey);
          const slugs = assignSlugs(keys, taken);
          const distinct = new Set(keys);
          strictEqual(slugs.size, distinct.size);
          strictEqual(new Set(slugs.values()).size, distinct.size, "slugs are unique");
          const folder = resolve("/project/content/papers");
          for (const [key, slug] of slugs) {
            ok(SLUG_PATTERN.test(slug), `slug ${JSON.stringify(slug)} for ${JSON.stringify(key)} is not lowercase ASCII words`);
            ok(slug.length <= 80, `slug longer than 80 characters: ${slug}`);
            ok(!taken.has(slug), `slug ${slug} was taken`);
            ok(!WINDOWS_DEVICE.test(slug), `slug ${slug} is a Windows device name: the file cannot be checked out there`);
            const path = resolve(folder, `${slug}.md`);
            const rel = relative(folder, path);
            ok(!rel.startsWith("..") && !isAbsolute(rel) && !rel.includes("/"), `slug ${slug} leaves the folder`);
          }
          const order = [...keys.slice(rotate % keys.length), ...keys.slice(0, rotate % keys.length)].reverse();
          deepStrictEqual(new Map([...assignSlugs(order, taken)].sort()), new Map([...slugs].sort()), "slugs depend on input order");
        },
      ),
  },
  {
    name: "ingest-files",
    about: "listings on disk through ingest: files and manifests read back as the listed records; a re-run changes no byte",
    testRuns: 30,
    longRunShare: 0.02,
    property: () =>
      fc.asyncProperty(listingPair, async (pair) => {
        const dir = await mkdtemp(join(tmpdir(), "fuzz-ingest-"));
        try {
          const cases = pair.map((m) => renderListing({ ...m, dateSource: "fileName" }));
          const files: string[] = [];
          for (const c of cases) {
            files.push(join(dir, `${c.listingDate}.txt`));
            await writeFile(files.at(-1)!, c.text);
          }
          const options = { files, outDir: join(dir, "papers"), digestsDir: join(dir, "digests") };
          await ingestFiles(options, () => {});
          const records = expectedRecords(cases.map((c) => ({ date: c.listingDate, papers: c.papers.map(({ line: _line, ...p }) => p) })));
          for (const c of cases) {
            const manifest = parseDigestManifest(await readFile(join(options.digestsDir, `${c.listingDate}.json`), "utf8"), c.listingDate);
            deepStrictEqual(
              manifest.papers.map((p) => p.title),
              c.papers.map((p) => p.title),
              "the manifest lists the papers in order",
            );
            for (const entry of manifest.papers) {
              const file = parsePaperFile(await readFile(join(options.outDir, `${entry.slug}.md`), "utf8"));
              ok(file.ok, `${entry.slug}.md does not read back`);
              deepStrictEqual(file.paper, records.get(titleKey(entry.title)));
            }
          }
          const papers = await snapshot(options.outDir);
          strictEqual(papers.size, records.size, "one file per paper, and nothing else");
          const digests = await snapshot(options.digestsDir);
          await ingestFiles(options, () => {});
          deepStrictEqual(await snapshot(options.outDir), papers, "a re-run changed a paper file");
          deepStrictEqual(await snapshot(options.digestsDir), digests, "a re-run changed a manifest");
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }),
  },
  {
    name: "ingest-skips",
    about: "damaged listings on disk through ingest: a listing with a skip fails and writes nothing, unless skips are allowed; one without runs either way",
    testRuns: 30,
    longRunShare: 0.02,
    property: () =>
      fc.asyncProperty(fc.constantFrom(...cleanListings()), mutationPlan, async ({ text, date }, plan) => {
        const mutated = mutate(text, plan).text;
        const dir = await mkdtemp(join(tmpdir(), "fuzz-skips-"));
        try {
          const file = join(dir, `${date}.txt`);
          await writeFile(file, mutated);
          const options = { files: [file], outDir: join(dir, "papers"), digestsDir: join(dir, "digests") };
          const parsed = await outcome(async () => parseListing(mutated, { date }));
          const strict = await ingestFiles(options, () => {}).then(
            () => "ran",
            (error: unknown) => error,
          );
          if (typeof parsed === "string") {
            // Not a listing: both refuse it, with the same reason.
            ok(
              strict instanceof IngestError && !(strict instanceof SkippedEntriesError) && strict.message.endsWith(parsed),
              `ingest did not refuse: ${String(strict)}`,
            );
            return;
          }
          const skips = parsed.warnings.filter((w) => w.skipped).length;
          if (skips > 0) {
            ok(strict instanceof SkippedEntriesError, `a listing with ${skips} skips was ingested: ${String(strict)}`);
            strictEqual(strict.skipped, skips);
            deepStrictEqual(await readdir(dir), [`${date}.txt`], "a failed run wrote something");
          } else {
            strictEqual(strict, "ran");
          }
          const [summary] = await ingestFiles({ ...options, allowSkips: true }, () => {});
          strictEqual(summary!.skipped, skips);
          strictEqual((await readdir(options.outDir)).length, new Set(parsed.papers.map((p) => titleKey(p.title))).size, "one file per listed paper");
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }),
  },
  {
    name: "listing-file",
    about:
      "a listing read from disk in chunks (past 64 KiB, through multi-byte characters, twice when only the header dates it) parses as the same text in memory",
    testRuns: 25,
    longRunShare: 0.02,
    property: () =>
      fc.asyncProperty(modelListing, fc.integer({ min: 64 * 1024, max: 200 * 1024 }), async (model, size) => {
        const c = renderListing(model);
        // Repeats with a growing number of emoji in between, so chunk boundaries fall everywhere.
        let text = c.text;
        for (let i = 1; Buffer.byteLength(text) < size; i++) text += `\n${"🚀".repeat(i)} ${"é".repeat(i)}\r\n${c.text}`;
        const dir = await mkdtemp(join(tmpdir(), "fuzz-file-"));
        try {
          // Dated as the model says: by --date, the file name, or only the header (read twice then).
          const path = join(dir, c.options.fileName === undefined ? "listing.txt" : `listing-${c.listingDate}.txt`);
          await writeFile(path, text);
          const fromDisk = await outcome(async () => {
            const papers: ParsedListing["papers"] = [];
            const warnings: ParsedListing["warnings"] = [];
            const end = readListingFile(path, c.options.date, { paper: (p) => papers.push(p), warning: (w) => warnings.push(w) });
            return { listingDate: end.listingDate, papers, warnings };
          });
          deepStrictEqual(fromDisk, await outcome(async () => parseListing(text, { ...c.options, fileName: path })));
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }),
  },
  {
    name: "line-splitter",
    about: "LF, CRLF and lone CR split the same whatever the chunks a file is read in",
    testRuns: 400,
    property: () =>
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "b", " ", "\r", "\n", "\r\n", "é", "🚀"), maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 20 }),
        (text, sizes) => {
          const lines: string[] = [];
          const splitter = new LineSplitter((l) => lines.push(l));
          let at = 0;
          for (let i = 0; at < text.length; i++) {
            const size = sizes[i % sizes.length]!;
            splitter.push(text.slice(at, at + size));
            at += size;
          }
          splitter.end();
          const expected = text.split(/\r\n|\r|\n/);
          if (expected.at(-1) === "") expected.pop();
          deepStrictEqual(lines, expected);
        },
      ),
  },
  {
    name: "hf-json",
    about:
      "Daily Papers API responses, whole, cut off, with a character changed, or of random JSON: papers as stored, or a one-line refusal on a line of the text",
    testRuns: 300,
    property: () => fc.property(apiText, (text) => checkApiResponse(text)),
  },
  ...CONTENT_PROPERTIES,
];

const RECORDED_RESPONSE = readFileSync(fileURLToPath(new URL("../../../tests/fixtures/hf-api/2024-05-29.json", import.meta.url)), "utf8");

const apiItem = fc.record(
  {
    paper: fc.record(
      {
        id: fc.oneof(fc.constantFrom("2405.18407", "2405.18407v2", "hep-th/9901001", "nope", ""), fc.integer()),
        title: fc.oneof(fc.string(), fc.constant("A  Title\n  wrapped")),
        summary: fc.oneof(fc.string(), fc.constant("Line one\nline two.\n\nSecond.")),
        authors: fc.array(fc.record({ name: fc.oneof(fc.string(), fc.constant(null)), hidden: fc.boolean() }, { requiredKeys: [] }), { maxLength: 4 }),
        upvotes: fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.string()),
        publishedAt: fc.constantFrom("2024-05-28T17:47:19.000Z", "2024-05-30T00:00:00Z", "garbage", "2024-02-30T00:00:00Z"),
        githubRepo: fc.constantFrom("https://github.com/a/b", "javascript:alert(1)", "", null),
        withdrawnAt: fc.constantFrom("2024-06-01T00:00:00Z", null),
      },
      { requiredKeys: [] },
    ),
    title: fc.string(),
    numComments: fc.oneof(fc.nat(), fc.constant(-1)),
    publishedAt: fc.constantFrom("2024-05-29T01:00:00Z", "2024-05-30T01:00:00Z"),
  },
  { requiredKeys: ["paper"] },
);

const apiText: fc.Arbitrary<string> = fc.oneof(
  fc.array(apiItem, { maxLength: 5 }).map((items) => JSON.stringify(items, null, 2)),
  fc.record({ date: fc.constantFrom("2024-05-29", "yesterday"), data: fc.array(apiItem, { maxLength: 3 }) }).map((w) => JSON.stringify(w, null, 1)),
  fc.nat({ max: RECORDED_RESPONSE.length }).map((cut) => RECORDED_RESPONSE.slice(0, cut)),
  fc
    .tuple(fc.nat({ max: RECORDED_RESPONSE.length - 1 }), fc.constantFrom("", "{", "}", "[", "]", '"', ",", ":", "\\", "\u0000", "x"))
    .map(([at, c]) => RECORDED_RESPONSE.slice(0, at) + c + RECORDED_RESPONSE.slice(at + 1)),
  fc.json().map((json) => json),
  fc.string(),
);

/** One API response through the JSON format: what comes out is storable, what is refused says where in one line. */
function checkApiResponse(text: string): void {
  const papers: ListedPaper[] = [];
  const lines = text.split("\n").length;
  const parser = new HfJsonParser(
    { paper: (p) => papers.push(p), warning: (w) => ok(w.line >= 1 && w.line <= lines && !w.message.includes("\n")) },
    { listingDate: "2024-05-29", listingDateFrom: "file name" },
  );
  const splitter = new LineSplitter((line) => parser.push(line));
  try {
    splitter.push(text);
    splitter.end();
    parser.end();
  } catch (error) {
    if (!(error instanceof ListingError)) throw error;
    ok(!error.message.includes("\n"), `refusal is not one line: ${JSON.stringify(error.message)}`);
    if (error.line !== undefined) ok(error.line >= 1 && error.line <= lines, `refusal on line ${error.line} of ${lines}`);
    return;
  }
  ok(papers.length > 0, "a response was read with no papers");
  for (const { line, ...paper } of papers) {
    ok(line >= 1 && line <= lines);
    ok(paper.title !== "" && !/[\n\r]| {2}/.test(paper.title), `title ${JSON.stringify(paper.title)}`);
    ok(paper.abstract.trim() !== "" && !/ {2}/.test(paper.abstract), `abstract ${JSON.stringify(paper.abstract)}`);
    if (paper.arxiv !== undefined) ok(isArxivId(paper.arxiv));
    // Storable as it is: the writer refuses what the contract refuses.
    serializePaper(paper);
  }
}
