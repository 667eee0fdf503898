/**
 * Reads a link-per-line export (notebook importers): a blank line between all lines, each link's
 * URL on the line after its text, stray spaces everywhere. A card is
 *
 *     [-] 74                                         votes ([-] -: none), then the login link
 *     https://huggingface.co/login?next=%2Fpapers%2F2310.17680
 *     Title
 *     https://huggingface.co/papers/2310.17680
 *     Abstract paragraph (one or more lines).
 *     https://huggingface.co/papers/2310.17680
 *     [                                              3 authors](…), or an organisation:
 *     3 authors](https://huggingface.co/papers/…)    Google / https://huggingface.co/google
 *     ·
 *     Oct 23, 2025
 *     1                                              a comment count, then its …#community link
 *     https://huggingface.co/papers/2310.17680#community
 *
 * A card starts at its vote line or at a line linking to a paper page; its date closes it.
 */
import { arxivFromUrl, CardListing, isCommentsUrl, isOrganizationUrl, newCard, parseAuthorCount, parseCardDate, parseHeaderDate, type Card } from "../cards.js";
import type { FormatParser } from "../source-format.js";
import type { ListingEnd, ListingParserOptions, ListingSink } from "../text/listing-parser.js";

const URL_LINE = /^https?:\/\/\S+$/;
const VOTES = /^\[[-x ]?\]\s*(\d{1,9}|-)$/i;
const AUTHORS_LINK = /^\[?\s*(.*?)\]\((\S*)\)$/s;
const COUNT = /^\d{1,6}$/;

interface Item {
  line: number;
  text: string;
  url?: string;
}

export class LinkLinesParser implements FormatParser {
  private readonly listing: CardListing;
  /** The last text line, until the next line shows whether it is a link. */
  private held: Item | undefined;
  private card: Card | undefined;
  private phase: "title" | "abstract" | "meta" = "title";
  private votes: { line: number; value: number } | undefined;
  private started = false;

  constructor(sink: ListingSink, options: ListingParserOptions) {
    this.listing = new CardListing(sink, options, "a paper is a title linking to huggingface.co/papers/<id> followed by its abstract");
  }

  push(rawLine: string): void {
    const { line, text } = this.listing.read(rawLine);
    if (text === "") return;
    if (URL_LINE.test(text)) {
      const held = this.held;
      this.held = undefined;
      if (held) held.url = text;
      this.item(held ?? { line, text: "", url: text });
      return;
    }
    if (this.held) this.item(this.held);
    this.held = { line, text };
  }

  end(): ListingEnd {
    if (this.held) this.item(this.held);
    this.held = undefined;
    if (this.card) this.finish(!this.card.closed);
    if (this.votes) this.listing.warn(this.votes.line, "vote count is not followed by a title; ignored");
    return this.listing.end();
  }

  private item(item: Item): void {
    const { line, text, url } = item;
    const arxiv = url === undefined ? undefined : arxivFromUrl(url);
    const votes = VOTES.exec(text);
    if (votes) return this.voteLine(line, votes[1]!);
    const card = this.card;
    if (text === "") {
      // A link without text (an avatar or thumbnail): nothing to read.
      return;
    }
    if (card && card.date && COUNT.test(text) && url !== undefined && isCommentsUrl(url)) {
      card.comments = Number(text);
      return;
    }
    if (arxiv !== undefined && url !== undefined && !isCommentsUrl(url)) {
      const linksCard = card && card.arxiv === arxiv;
      if (!card || card.title === undefined || (!linksCard && this.phase !== "title")) return this.startCard(line, text, arxiv);
      if (this.phase !== "meta") {
        this.phase = "abstract";
        card.paragraphs.push(text);
        return;
      }
    }
    if (card && card.title !== undefined && this.meta(line, text, url)) return;
    if (!card) {
      if (!this.started && url === undefined) {
        const date = parseHeaderDate(text);
        if (date) this.listing.headerDate(line, text, date);
      }
      return;
    }
    if (url !== undefined) {
      // A link to anything but the paper after the abstract is page text (a footer, a pager): the card is whole.
      if (card.paragraphs.length > 0) card.closed = true;
      return;
    }
    if (this.phase === "meta" || card.title === undefined) {
      if (url === undefined) this.listing.strayText(line, text);
      return;
    }
    this.phase = "abstract";
    card.paragraphs.push(text);
  }

  private meta(line: number, text: string, url: string | undefined): boolean {
    const card = this.card!;
    if (text === "·") {
      this.enterMeta();
      return true;
    }
    if (text === "[") {
      this.enterMeta();
      return true;
    }
    const linked = AUTHORS_LINK.exec(text);
    const count = parseAuthorCount((linked ? linked[1]! : text).replace(/^[-*•]\s+/, ""));
    if (count !== undefined) {
      this.enterMeta();
      if (card.organization === undefined) card.authors = count;
      return true;
    }
    if (/^[-*•]\s+!\[/.test(text)) {
      this.enterMeta();
      return true;
    }
    if (url !== undefined && isOrganizationUrl(url) && card.paragraphs.length > 0) {
      this.enterMeta();
      if (card.authors === undefined) card.organization = text;
      return true;
    }
    const date = url === undefined ? parseCardDate(text) : undefined;
    if (date) {
      this.enterMeta();
      card.date = date;
      card.dateText = text;
      card.dateLine = line;
      if (date.comments !== undefined) card.comments = date.comments;
      return true;
    }
    return false;
  }

  private enterMeta(): void {
    this.phase = "meta";
    this.card!.closed = true;
  }

  private startCard(line: number, title: string, arxiv: string): void {
    if (this.card) this.finish(false);
    const votes = this.votes;
    this.votes = undefined;
    const card = newCard(votes?.line ?? line);
    if (votes) card.upvotes = votes.value;
    card.title = title;
    card.arxiv = arxiv;
    this.card = card;
    this.phase = "abstract";
    this.started = true;
  }

  private voteLine(line: number, value: string): void {
    if (this.card) this.finish(false);
    if (this.votes) this.listing.warn(this.votes.line, "vote count is not followed by a title; ignored");
    this.votes = { line, value: value === "-" ? 0 : Number(value) };
    this.started = true;
  }

  private finish(cut: boolean): void {
    const card = this.card!;
    this.card = undefined;
    this.phase = "title";
    this.listing.card(card, cut);
  }
}
