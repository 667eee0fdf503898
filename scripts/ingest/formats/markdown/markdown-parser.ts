/**
 * Reads a Markdown capture of the page (reader tools, scrapers), one line at a time. A card is
 *
 *     [101](https://huggingface.co/login?next=%2Fpapers%2F2405.18407)     votes: [n], [-], [Upvote\n\nn]
 *     ### [Title](https://huggingface.co/papers/2405.18407)              or ### Title; wrapped over lines
 *     [Abstract, hard-wrapped,\\                                          or plain paragraphs
 *     over lines.](https://huggingface.co/papers/2405.18407)
 *     [- 3 authors](…) | - 3 authors | avatar bullets ending in - 3 authors](…) | [![org](…)Org](https://huggingface.co/org)
 *     ·
 *     May 29[6](…#community)                                              or · Published on Dec 28, 2024
 *
 * with the vote link before the title or after the card (its login link names the paper, which
 * tells the two apart). Front matter, headings other than `###`, navigation links, images,
 * `<a id=…>` anchors and `Submitted by` lines are page chrome. A card starts at its vote link or
 * title; it is whole once anything but its abstract follows the abstract, and one still open at
 * the end of the capture, or at a `[Content truncated]` line, is cut off.
 */
import {
  arxivFromUrl,
  CardListing,
  isCommentsUrl,
  isOrganizationUrl,
  newCard,
  parseAuthorCount,
  parseCardDate,
  parseHeaderDate,
  unescapeMarkdown,
  type Card,
} from "../cards.js";
import type { FormatParser } from "../source-format.js";
import type { ListingEnd, ListingParserOptions, ListingSink } from "../text/listing-parser.js";

const LINK_END_RE = /\]\(([^\s()]*)\)$/;

/** A link's end, `](url)`, unless its `]` is escaped (an odd run of backslashes before it); URLs hold no spaces or parentheses. */
const LINK_END = {
  exec(text: string): RegExpExecArray | null {
    const m = LINK_END_RE.exec(text);
    if (!m) return null;
    let slashes = 0;
    for (let i = m.index - 1; i >= 0 && text[i] === "\\"; i--) slashes++;
    return slashes % 2 === 0 ? m : null;
  },
  test(text: string): boolean {
    return this.exec(text) !== null;
  },
};
const VOTES = /^\[(?:Upvote\s*)?(\d{1,9}|-)\]\((\S*)\)$/i;
const VOTES_OPEN = /^\[Upvote$/i;
const VOTES_CLOSE = /^(\d{1,9}|-)\]\((\S*)\)$/;
const COMMENTS = /^\[(\d{1,6})\]\((\S*)\)$/;
const TITLE = /^#{3}\s+(.*)$/s;
const HEADING = /^#{1,6}(?:\s|$)/;
const LINKED_COUNT = /^(.*?)\[(\d{1,6})\]\((\S*)\)$/s;
const ORG_WITH_LOGO = /^\[!\[[^\]]*\]\([^)]*\)\s*(.*?)\]\((\S+)\)$/s;
const ORG_PLAIN = /^\[([^\]!][^\]]*)\]\((\S+)\)$/;
const AVATAR = /^\[?[-*]\s+!\[[^\]]*\]\([^)]*\)[\s\\]*$/;
const IMAGE_ONLY = /^\[?!\[[^\]]*\]\([^)]*\)(?:\]\([^)]*\))?$/;
const TAGS_ONLY = /^(?:<[^>]*>\s*)+$/;
const LINK_ONLY = /^(?:[-*]\s+)?\[[^\]]*\]\([^)]*\)$/;
const SUBMITTED = /^submitted by\b/i;
const TRUNCATED = /^\[(?:content )?truncated\b[^\]]*\]$/i;
const HARD_BREAK = /\s*\\{1,2}$/;
const TRAILING_BACKSLASHES = /\\+$/;

/**
 * A line that goes on in the same paragraph without its hard break: `\\` (as capture tools write
 * it) or one `\` (Markdown's own); an even run of four or more is escaped backslashes, text.
 */
function withoutHardBreak(line: string): string {
  const run = TRAILING_BACKSLASHES.exec(line)?.[0].length ?? 0;
  if (run === 2) return line.slice(0, -2).trimEnd();
  if (run % 2 === 1) return line.slice(0, -1).trimEnd();
  return line;
}

export class MarkdownParser implements FormatParser {
  private readonly listing: CardListing;
  private frontMatter: "maybe" | "in" | "done" = "maybe";
  private card: Card | undefined;
  private phase: "title" | "abstract" | "meta" = "title";
  /** A `### [Title` whose `](url)` is still to come. */
  private titleOpen: string[] | undefined;
  /** A plain `### Title` may go on on the next line (another `###` or an indented line). */
  private titleGoesOn = false;
  private paragraph: string[] = [];
  /** Paragraphs of an abstract wrapped in `[…](url)` whose end is still to come. */
  private wrapped: string[] | undefined;
  private votes: { line: number; value: number; arxiv: string | undefined } | undefined;
  private votesOpen: number | undefined;
  private afterSubmitted = false;
  private started = false;

  constructor(sink: ListingSink, options: ListingParserOptions) {
    this.listing = new CardListing(sink, options, "a paper is a ### title (or a vote link) followed by its abstract");
  }

  push(rawLine: string): void {
    const { line, text, indented } = this.listing.read(rawLine);
    if (this.frontMatter !== "done") {
      if (this.frontMatter === "maybe" && text === "---" && line === 1) {
        this.frontMatter = "in";
        return;
      }
      if (this.frontMatter === "in") {
        if (text === "---") this.frontMatter = "done";
        return;
      }
      if (text !== "") this.frontMatter = "done";
    }
    if (text === "") return this.blank();
    this.line(line, text, indented);
  }

  end(): ListingEnd {
    this.endParagraph();
    if (this.card) this.finishCard(!this.card.closed || this.wrapped !== undefined || this.titleOpen !== undefined);
    if (this.votes) this.strayVotes();
    return this.listing.end();
  }

  private blank(): void {
    this.titleGoesOn = false;
    if (this.titleOpen) return;
    this.endParagraph();
    if (this.wrapped && this.paragraph.length === 0) return;
  }

  private line(line: number, text: string, indented: boolean): void {
    if (TRUNCATED.test(text)) {
      this.endParagraph();
      if (this.card) this.finishCard(true);
      return;
    }
    if (this.titleOpen) return this.titleLine(text.replace(/^#{1,6}\s+/, ""));
    if (this.titleGoesOn && this.card && (TITLE.test(text) || (indented && !LINK_ONLY.test(text)))) {
      this.card.title = `${this.card.title ?? ""} ${unescapeMarkdown(text.replace(/^#{1,6}\s+/, ""))}`;
      return;
    }
    this.titleGoesOn = false;
    if (this.votesOpen !== undefined) {
      const close = VOTES_CLOSE.exec(text);
      const at = this.votesOpen;
      this.votesOpen = undefined;
      if (close) return this.voteLink(at, close[1]!, close[2]!);
    }
    if (VOTES_OPEN.test(text)) {
      this.votesOpen = line;
      return;
    }
    const comments = COMMENTS.exec(text);
    if (comments && isCommentsUrl(comments[2]!)) {
      if (this.card) {
        this.card.comments = Number(comments[1]);
        this.card.arxiv ??= arxivFromUrl(comments[2]!);
      }
      return;
    }
    const votes = VOTES.exec(text);
    if (votes) return this.voteLink(line, votes[1]!, votes[2]!);
    const title = TITLE.exec(text);
    if (title) return this.startCard(line, title[1]!);
    if (this.wrapped) return this.abstractLine(text);
    if (HEADING.test(text)) return;
    if (SUBMITTED.test(text)) {
      this.afterSubmitted = !LINK_END.test(text);
      return;
    }
    if (this.afterSubmitted) {
      this.afterSubmitted = false;
      if (LINK_END.test(text)) return;
    }
    if (this.card && this.phase !== "title" && this.meta(line, text)) return;
    if (AVATAR.test(text) || IMAGE_ONLY.test(text) || TAGS_ONLY.test(text)) return;
    if (!this.card) {
      if (!this.started) {
        const date = parseHeaderDate(text);
        if (date) this.listing.headerDate(line, text, date);
        return;
      }
      if (LINK_ONLY.test(text)) return;
      this.listing.strayText(line, text);
      return;
    }
    if (this.phase === "meta" || this.card.title === undefined) {
      if (LINK_ONLY.test(text)) return;
      this.listing.strayText(line, text);
      return;
    }
    // A link to anything but the paper after the abstract is page text (a footer, a pager): the card is whole.
    const link = LINK_END.exec(text);
    const names = link ? arxivFromUrl(link[1]!) : undefined;
    if (LINK_ONLY.test(text) && this.card.paragraphs.length > 0 && this.paragraph.length === 0 && (names === undefined || names !== this.card.arxiv)) {
      this.card.closed = true;
      return;
    }
    this.phase = "abstract";
    this.abstractLine(text);
  }

  private titleLine(text: string): void {
    this.titleOpen!.push(text);
    const joined = this.titleOpen!.join(" ");
    const link = LINK_END.exec(joined);
    if (!link) return;
    this.titleOpen = undefined;
    const card = this.card!;
    card.title = unescapeMarkdown(joined.slice(1, link.index));
    card.arxiv = arxivFromUrl(link[1]!) ?? card.arxiv;
  }

  private startCard(line: number, heading: string): void {
    this.endParagraph();
    if (this.card) this.finishCard(this.wrapped !== undefined);
    const votes = this.votes;
    this.votes = undefined;
    const card = newCard(votes?.line ?? line);
    if (votes) card.upvotes = votes.value;
    if (votes?.arxiv !== undefined) card.arxiv = votes.arxiv;
    this.card = card;
    this.started = true;
    this.phase = "title";
    if (heading.startsWith("[")) {
      this.titleOpen = [];
      this.titleLine(heading);
      if (!this.titleOpen) this.phase = "abstract";
      return;
    }
    card.title = unescapeMarkdown(heading);
    this.titleGoesOn = true;
    this.phase = "abstract";
  }

  private voteLink(line: number, count: string, url: string): void {
    const value = count === "-" ? 0 : Number(count);
    const arxiv = arxivFromUrl(url);
    const card = this.card;
    // A vote link after a card that names that card's paper is that card's (votes shown last).
    if (card && card.upvotes === undefined && arxiv !== undefined && card.arxiv === arxiv) {
      card.upvotes = value;
      if (this.wrapped === undefined) return;
    }
    this.endParagraph();
    if (card) this.finishCard(this.wrapped !== undefined || this.titleOpen !== undefined);
    if (this.votes) this.strayVotes();
    this.votes = { line, value, arxiv };
    this.started = true;
  }

  /** Authors, organisation, `·` and the date: true when the line was one of them. */
  private meta(line: number, text: string): boolean {
    const card = this.card!;
    if (text === "·") {
      this.enterMeta();
      return true;
    }
    let body = text.startsWith("[") ? text.slice(1) : text;
    const link = LINK_END.exec(body);
    if (link) body = body.slice(0, link.index);
    // The author group links to the paper's page: an id where the title gave none.
    const linked = link ? arxivFromUrl(link[1]!) : undefined;
    body = body.replace(HARD_BREAK, "");
    const bullet = /^[-*•]\s+(.*)$/s.exec(body);
    if (bullet) {
      const count = parseAuthorCount(bullet[1]!);
      if (count !== undefined) {
        this.enterMeta();
        if (card.organization === undefined) card.authors = count;
        card.arxiv ??= linked;
        return true;
      }
      if (AVATAR.test(text)) {
        this.enterMeta();
        return true;
      }
    }
    const org = ORG_WITH_LOGO.exec(text) ?? (this.paragraph.length === 0 ? ORG_PLAIN.exec(text) : null);
    if (org && isOrganizationUrl(org[2]!) && org[1]!.trim() !== "") {
      this.enterMeta();
      if (card.authors === undefined && card.organization === undefined) card.organization = unescapeMarkdown(org[1]!.trim());
      return true;
    }
    const dateText = text.replace(/^·\s*/, "");
    const counted = LINKED_COUNT.exec(dateText);
    const date = parseCardDate(counted ? counted[1]! : dateText);
    if (date && (counted === null || isCommentsUrl(counted[3]!))) {
      this.enterMeta();
      card.date = date;
      card.dateText = (counted ? counted[1]! : dateText).trim();
      card.dateLine = line;
      if (counted) {
        card.comments = Number(counted[2]);
        card.arxiv ??= arxivFromUrl(counted[3]!);
      } else if (date.comments !== undefined) card.comments = date.comments;
      card.closed = true;
      return true;
    }
    return false;
  }

  private enterMeta(): void {
    this.endParagraph();
    this.phase = "meta";
    this.card!.closed = true;
  }

  private abstractLine(text: string): void {
    // Only a line that the paragraph goes on after ends in a hard break: the last one keeps its backslashes.
    const previous = this.paragraph.length - 1;
    if (previous >= 0) this.paragraph[previous] = withoutHardBreak(this.paragraph[previous]!);
    const body = text;
    if (this.paragraph.length === 0 && !this.wrapped && body.startsWith("[") && this.card!.paragraphs.length === 0) {
      this.wrapped = [];
      this.paragraph.push(body.slice(1));
    } else {
      this.paragraph.push(body);
    }
    if (this.wrapped) {
      const link = LINK_END.exec(body);
      if (link) {
        const last = this.paragraph.length - 1;
        this.paragraph[last] = this.paragraph[last]!.slice(0, this.paragraph[last]!.length - link[0].length);
        this.card!.arxiv ??= arxivFromUrl(link[1]!);
        const paragraphs = this.wrapped;
        this.wrapped = undefined;
        paragraphs.push(unescapeMarkdown(this.paragraph.join(" ")));
        this.paragraph = [];
        this.card!.paragraphs.push(...paragraphs);
      }
    }
  }

  private endParagraph(): void {
    if (this.paragraph.length === 0) return;
    const text = unescapeMarkdown(this.paragraph.join(" "));
    this.paragraph = [];
    if (this.wrapped) this.wrapped.push(text);
    else this.card?.paragraphs.push(text);
  }

  private finishCard(cut: boolean): void {
    const card = this.card!;
    this.card = undefined;
    if (this.wrapped) {
      this.wrapped = undefined;
      cut = true;
    }
    this.titleOpen = undefined;
    this.titleGoesOn = false;
    this.phase = "title";
    this.listing.card(card, cut);
  }

  private strayVotes(): void {
    const votes = this.votes!;
    this.votes = undefined;
    this.listing.warn(votes.line, "vote count is not followed by a title; ignored");
  }
}
