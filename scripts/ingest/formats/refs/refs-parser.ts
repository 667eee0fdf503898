/**
 * Reads a text-browser dump with reference links: every link is `[text][n]` (its text may span
 * lines between a `[` line and a `][n]` line) and the URLs are listed at the end, as
 * `[n]: URL` or as a `References` list of `n. URL`. A card is
 *
 *     [                      a vote box: [ / 65 / ][35], or [65][35]
 *     65
 *     ][35]
 *     ### [Title][36]        or ### Title
 *     Abstract paragraphs, wrapped at any width (lines joined, blank lines between paragraphs).
 *     [                      * 3 authors inside [ … ][n] (with avatar bullets), or alone,
 *     * ![][37]              or an organisation: [![][40]Name][41]
 *     * 3 authors
 *     ][38]
 *     ·
 *     Mar 8, 2024 [ 6][39]   the date, then a linked comment count
 *
 * The arXiv id comes from the title's (or vote box's) URL, which only the list at the end gives:
 * cards wait for it, so memory holds one listing's cards, never more.
 */
import { arxivFromUrl, CardListing, newCard, parseAuthorCount, parseCardDate, parseHeaderDate, quote, type Card } from "../cards.js";
import type { FormatParser } from "../source-format.js";
import type { ListingEnd, ListingParserOptions, ListingSink } from "../text/listing-parser.js";

const OPEN = /^\[$/;
const CLOSE = /^(.*?)\]\[(\d{1,6})\]$/s;
const LINK = /^\[(.*)\]\[(\d{1,6})\]$/s;
const TITLE = /^#{3}\s+(.*)$/s;
const HEADING = /^#{1,6}(?:\s|$)/;
const LYNX_MARK = /^\[(\d{1,6})\](.*)$/s;
const MARKS = /\[\d{1,6}\]/g;
/** A line of nothing but reference marks and images (`[12]`, `![][37]`). */
const MARKS_ONLY = /^(?:!?\[[^\]]*\]\[\d{1,6}\]\s*|\[\d{1,6}\]\s*)+$/;
const VOTES = /^(\d{1,9}|-)$/;
const COUNTED_DATE = /^(.*?)\s*\[\s*(\d{1,6})\s*\]\[\d{1,6}\]$/s;
const BULLET = /^[*•-]\s+(.*)$/s;
const IMAGE = /^!\[[^\]]*\](?:\[\d{1,6}\])?\s*/;
const REFERENCE_DEF = /^\[(\d{1,6})\]:\s*(\S+)/;
const LYNX_REFERENCE = /^(\d{1,6})\.\s+(\S+)$/;
const REFERENCES = /^(?:references|visible links:?|hidden links:?)$/i;

/** A line ending in `][n]` with more `]` than `[`: it closes a `[` opened on an earlier line (`* ![][37]` does not). */
function closesGroup(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === "[") depth++;
    else if (c === "]") depth--;
  }
  return depth < 0;
}

interface Pending {
  card: Card;
  titleRef?: number;
  votesRef?: number;
  cut: boolean;
}

export class RefsParser implements FormatParser {
  private readonly listing: CardListing;
  private readonly cards: Pending[] = [];
  private readonly urls = new Map<number, string>();
  private current: Pending | undefined;
  private phase: "abstract" | "meta" = "abstract";
  private paragraph: string[] = [];
  private group: { line: number; lines: string[] } | undefined;
  private votes: { line: number; value: number; ref: number } | undefined;
  private inReferences = false;
  private started = false;

  constructor(sink: ListingSink, options: ListingParserOptions) {
    this.listing = new CardListing(sink, options, "a paper is a ### [Title][n] line followed by its abstract");
  }

  push(rawLine: string): void {
    const { line, text } = this.listing.read(rawLine);
    if (text === "") {
      if (!this.group) this.endParagraph();
      return;
    }
    const def = REFERENCE_DEF.exec(text);
    if (this.inReferences || def || REFERENCES.test(text)) return this.reference(text, def);
    if (this.group) {
      const close = closesGroup(text) ? CLOSE.exec(text) : null;
      if (!close) {
        this.group.lines.push(text);
        return;
      }
      if (close[1]!.trim() !== "") this.group.lines.push(close[1]!.trim());
      const group = this.group;
      this.group = undefined;
      return this.element(group.line, group.lines, Number(close[2]), true);
    }
    if (OPEN.test(text)) {
      this.endParagraph();
      this.group = { line, lines: [] };
      return;
    }
    const counted = COUNTED_DATE.exec(text);
    if (counted && parseCardDate(counted[1]!)) return this.date(line, counted[1]!, Number(counted[2]));
    const link = LINK.exec(text);
    if (link && !TITLE.test(text)) return this.element(line, [link[1]!], Number(link[2]), false);
    this.element(line, [text], undefined, false);
  }

  end(): ListingEnd {
    if (this.group) {
      const group = this.group;
      this.group = undefined;
      this.element(group.line, group.lines, undefined, true);
    }
    this.endParagraph();
    if (this.current) this.finish(!this.current.card.closed);
    if (this.votes) this.listing.warn(this.votes.line, "vote count is not followed by a title; ignored");
    for (const pending of this.cards) {
      const url = (ref: number | undefined) => (ref === undefined ? undefined : this.urls.get(ref));
      const arxiv = arxivFromUrl(url(pending.titleRef) ?? "") ?? arxivFromUrl(url(pending.votesRef) ?? "");
      if (arxiv !== undefined) pending.card.arxiv = arxiv;
      this.listing.card(pending.card, pending.cut);
    }
    return this.listing.end();
  }

  private reference(text: string, def: RegExpExecArray | null): void {
    if (!this.inReferences) {
      // The list is printed after the whole page: the card before it is whole.
      this.inReferences = true;
      this.endParagraph();
      if (this.current) this.finish(false);
    }
    const m = def ?? LYNX_REFERENCE.exec(text);
    if (m) this.urls.set(Number(m[1]), m[2]!);
  }

  private element(line: number, lines: string[], ref: number | undefined, grouped: boolean): void {
    const text = lines.join(" ").trim();
    const title = TITLE.exec(text);
    if (title) return this.startCard(line, title[1]!);
    // Other headings are the page's (`# Daily Papers`); inside a card, a line that starts with `#` is text.
    if (HEADING.test(text) && !this.current) return;
    if (ref !== undefined && VOTES.test(text)) return this.voteBox(line, text, ref);
    if (text === "·") return this.enterMeta();
    const date = parseCardDate(text);
    if (date && !grouped) return this.date(line, text, undefined);
    const card = this.current?.card;
    if (card && card.title !== undefined) {
      for (const part of lines) {
        const bullet = BULLET.exec(part.replace(MARKS, "").trim());
        const count = bullet ? parseAuthorCount(bullet[1]!) : undefined;
        if (count !== undefined) {
          this.enterMeta();
          if (card.organization === undefined) card.authors = count;
          return;
        }
      }
      if (IMAGE.test(text) && ref !== undefined) {
        const name = text.replace(IMAGE, "").replace(MARKS, "").trim();
        this.enterMeta();
        if (name !== "" && !BULLET.test(name) && card.authors === undefined) card.organization = name;
        return;
      }
      if (lines.every((l) => BULLET.test(l) && IMAGE.test(BULLET.exec(l)![1]!))) return this.enterMeta();
    }
    if (MARKS_ONLY.test(text)) return;
    if (!card) {
      if (!this.started) {
        const header = parseHeaderDate(text);
        if (header) this.listing.headerDate(line, text, header);
        return;
      }
      this.listing.strayText(line, text);
      return;
    }
    if (this.phase === "meta") {
      this.listing.strayText(line, text);
      return;
    }
    // A link-wrapped abstract keeps its text; a line of an unlinked one joins the paragraph.
    if (grouped) {
      this.endParagraph();
      card.paragraphs.push(text);
    } else {
      this.paragraph.push(text);
    }
  }

  private startCard(line: number, heading: string): void {
    this.endParagraph();
    if (this.current) this.finish(false);
    const votes = this.votes;
    this.votes = undefined;
    const card = newCard(votes?.line ?? line);
    const pending: Pending = { card, cut: false };
    if (votes) {
      card.upvotes = votes.value;
      pending.votesRef = votes.ref;
    }
    const link = LINK.exec(heading);
    const lynx = link ? null : LYNX_MARK.exec(heading);
    if (link) {
      card.title = link[1]!;
      pending.titleRef = Number(link[2]);
    } else if (lynx) {
      card.title = lynx[2]!;
      pending.titleRef = Number(lynx[1]);
    } else {
      card.title = heading;
    }
    this.current = pending;
    this.phase = "abstract";
    this.started = true;
  }

  private voteBox(line: number, text: string, ref: number): void {
    this.endParagraph();
    if (this.current) this.finish(false);
    if (this.votes) this.listing.warn(this.votes.line, "vote count is not followed by a title; ignored");
    this.votes = { line, value: text === "-" ? 0 : Number(text), ref };
    this.started = true;
  }

  private date(line: number, text: string, comments: number | undefined): void {
    const card = this.current?.card;
    const date = parseCardDate(text)!;
    if (!card) {
      if (!this.started && comments === undefined && date.comments === undefined) this.listing.headerDate(line, text, date);
      else this.listing.warn(line, `date ${quote(text)} belongs to no paper; ignored`);
      return;
    }
    this.enterMeta();
    card.date = date;
    card.dateText = text.trim();
    card.dateLine = line;
    const count = comments ?? date.comments;
    if (count !== undefined) card.comments = count;
    card.closed = true;
  }

  private enterMeta(): void {
    this.endParagraph();
    this.phase = "meta";
    if (this.current) this.current.card.closed = true;
  }

  private endParagraph(): void {
    if (this.paragraph.length === 0) return;
    const text = this.paragraph.join(" ");
    this.paragraph = [];
    this.current?.card.paragraphs.push(text);
  }

  private finish(cut: boolean): void {
    const pending = this.current!;
    this.current = undefined;
    pending.cut = cut;
    this.cards.push(pending);
  }
}
