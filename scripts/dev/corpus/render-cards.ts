/**
 * Writes one listing as the card formats capture the page: a Markdown capture, a text-browser dump
 * with reference links, a link-per-line export (scripts/ingest/formats/). The same papers as the
 * select-all rendering (render.ts), each with its arXiv id, and every layout variant the parsers
 * accept at some rate: vote links before or after a card, linked or plain titles and abstracts,
 * hard-wrapped lines, author groups with avatars, organisations, glued or linked comment counts,
 * cards printed twice. None changes what a paper says.
 */
import type { Paper } from "../../content/paper.js";
import { addDays, readsBackWithoutYear, spellDate } from "./calendar.js";
import type { Random } from "./random.js";

export type CardFormat = "markdown" | "refs" | "linklines";

const HF = "https://huggingface.co";

/** A paper as a card shows it: the paper and its arXiv id. */
export interface CardPaper {
  paper: Paper;
  arxiv: string;
}

function dateText(rng: Random, published: string, listingDate: string): string {
  const sameYear = published.slice(0, 4) === listingDate.slice(0, 4);
  const dropYear = readsBackWithoutYear(published, listingDate) && rng.chance(sameYear ? 0.85 : 0.5);
  return spellDate(published, !dropYear);
}

/** Words of `text` in lines of about `width` characters; a short last line joins the one before (a lone `May 5` would read as a date). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    // Never after a backslash: a line ending in one would read as a hard break.
    if (line !== "" && line.length + 1 + word.length > width && !line.endsWith("\\")) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") {
    if (lines.length > 0 && line.length < 30) lines[lines.length - 1] += ` ${line}`;
    else lines.push(line);
  }
  return lines;
}

const MARKDOWN_SPECIAL = /[\\`*_[\]<>#!|~]/g;

/** Escapes as Markdown writers (turndown and the like) do, so that the text reads back as itself. */
function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, "\\$&");
}

function orgSlug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "org"
  );
}

function joinBlocks(rng: Random, blocks: string[][]): string {
  const lines: string[] = [];
  for (const block of blocks) {
    if (lines.length > 0) lines.push("");
    lines.push(...block);
  }
  const eol = rng.chance(0.1) ? "\r\n" : "\n";
  return lines.join(eol) + eol;
}

/** A listing's bytes, and the arXiv id each card shows (in listed order): undefined where no link names the paper. */
export interface RenderedCards {
  text: string;
  shownIds: (string | undefined)[];
}

function markdown(rng: Random, date: string, cards: readonly CardPaper[]): RenderedCards {
  const blocks: string[][] = [];
  const shownIds: (string | undefined)[] = [];
  if (rng.chance(0.5)) blocks.push(["---", `url: ${HF}/papers/date/${date}`, "title: Daily Papers - Hugging Face", "---"]);
  blocks.push(["new"], ["Get trending papers in your email inbox!"], [`[Subscribe](${HF}/login?next=%2Fpapers)`], ["# Daily Papers"]);
  blocks.push([`## by [![](${HF}/front/assets/papers-by.png)AK](${HF}/akhaliq) and the research community`], ["- Daily", "- Weekly", "- Monthly"]);
  blocks.push([spellDate(date, rng.chance(0.25))]);
  for (const { paper, arxiv } of cards) {
    const page = `${HF}/papers/${arxiv}`;
    const votes = paper.upvotes === undefined ? undefined : paper.upvotes === 0 && rng.chance(0.8) ? "-" : String(paper.upvotes);
    const voteLink = `${HF}/login?next=%2Fpapers%2F${arxiv}`;
    const linkedTitle = rng.chance(0.8);
    const votesAfter = votes !== undefined && linkedTitle && rng.chance(0.2);
    const voteBlock = () => (rng.chance(0.2) ? [["[Upvote"], [`${votes}](${voteLink})`]] : [[`[${votes}](${voteLink})`]]);
    const twice = rng.chance(0.05);
    let shown = votes !== undefined || linkedTitle;
    for (let variant = 0; variant < (twice ? 2 : 1); variant++) {
      if (votes !== undefined && !votesAfter) blocks.push(...voteBlock());
      if (rng.chance(0.1)) blocks.push(["Submitted by"], [`[![](${HF}/avatars/a.svg)someone](${HF}/someone)`]);
      const title = escapeMarkdown(paper.title);
      if (linkedTitle) blocks.push([`### [${title}](${page})`]);
      else blocks.push([`### ${title}`]);
      const paragraphs = paper.abstract.split("\n\n").map(escapeMarkdown);
      const width = rng.int(60, 120);
      const style = rng.float();
      if (style < 0.4) {
        shown = true;
        // The abstract as one link, its lines ending in `\\` (hard breaks), paragraphs in it.
        const hard = rng.chance(0.5);
        const wrapped = paragraphs.map((p) => wrap(p, width).map((l, i, all) => (hard && i < all.length - 1 ? `${l}\\\\` : l)));
        wrapped[0]![0] = `[${wrapped[0]![0]}`;
        const last = wrapped.at(-1)!;
        last[last.length - 1] += `](${page})`;
        blocks.push(...wrapped);
      } else {
        blocks.push(...paragraphs.map((p) => wrap(p, width)));
      }
      if (paper.published !== undefined) {
        if (paper.organization !== undefined)
          blocks.push([
            `[![${orgSlug(paper.organization)}](https://cdn-avatars.huggingface.co/x.png)${escapeMarkdown(paper.organization)}](${HF}/${orgSlug(paper.organization)})`,
          ]);
        else if (rng.chance(0.4)) {
          blocks.push([`[- ![](${HF}/avatars/a.svg)\\\\`, `- ![](${HF}/avatars/b.svg)\\\\`, `- ${paper.authors} authors](${page})`]);
          shown = true;
        } else if (rng.chance(0.5)) {
          blocks.push([`[- ${paper.authors} authors](${page})`]);
          shown = true;
        } else {
          blocks.push([`- ${paper.authors} authors`]);
        }
        const when = dateText(rng, paper.published, date);
        const comments = paper.comments === undefined ? "" : `[${paper.comments}](${page}#community)`;
        if (comments !== "") shown = true;
        if (comments === "" && rng.chance(0.2)) blocks.push([`· Published on ${when}`]);
        else blocks.push(["·"], [`${when}${comments}`]);
      }
      if (votesAfter) blocks.push(...voteBlock());
    }
    shownIds.push(shown ? arxiv : undefined);
  }
  blocks.push([`[Previous](${HF}/papers/date/${addDays(date, -1)})`], ['<a id="footer"></a>']);
  return { text: joinBlocks(rng, blocks), shownIds };
}

function refs(rng: Random, date: string, cards: readonly CardPaper[]): RenderedCards {
  const urls: string[] = [];
  const ref = (url: string) => {
    urls.push(url);
    return urls.length;
  };
  const blocks: string[][] = [];
  blocks.push([`[${ref(`${HF}/`)}]Hugging Face`, `  * [${ref(`${HF}/models`)}]Models`, `  * [${ref(`${HF}/datasets`)}]Datasets`]);
  blocks.push(["new"], ["Get trending papers in your email inbox!"], ["# Daily Papers"], [`## by [${ref(`${HF}/akhaliq`)}]AK and the research community`]);
  blocks.push([spellDate(date, rng.chance(0.25))]);
  for (const { paper, arxiv } of cards) {
    const page = `${HF}/papers/${arxiv}`;
    if (paper.upvotes !== undefined) {
      const votes = paper.upvotes === 0 && rng.chance(0.8) ? "-" : String(paper.upvotes);
      const n = ref(`${HF}/login?next=%2Fpapers%2F${arxiv}`);
      blocks.push(rng.chance(0.8) ? ["[", votes, `][${n}]`] : [`[${votes}][${n}]`]);
    }
    blocks.push([`### [${paper.title}][${ref(page)}]`]);
    const width = rng.int(60, 100);
    blocks.push(...paper.abstract.split("\n\n").map((p) => wrap(p, width)));
    if (paper.published !== undefined) {
      if (paper.organization !== undefined)
        blocks.push([`[![][${ref("https://cdn-avatars.huggingface.co/x.png")}]${paper.organization}][${ref(`${HF}/${orgSlug(paper.organization)}`)}]`]);
      else if (rng.chance(0.6)) blocks.push(["[", `  * ![][${ref(`${HF}/avatars/a.svg`)}]`, `  * ${paper.authors} authors`, `][${ref(page)}]`]);
      else blocks.push([`* ${paper.authors} authors`]);
      const when = dateText(rng, paper.published, date);
      blocks.push(["·"], [paper.comments === undefined ? when : `${when} [ ${paper.comments}][${ref(`${page}#community`)}]`]);
    }
  }
  blocks.push(
    ["References"],
    urls.map((url, i) => `${String(i + 1).padStart(4)}. ${url}`),
  );
  return { text: joinBlocks(rng, blocks), shownIds: cards.map((c) => c.arxiv) };
}

function linklines(rng: Random, date: string, cards: readonly CardPaper[]): RenderedCards {
  const lines: string[] = [];
  const pad = (text: string) => (rng.chance(0.3) ? ` ${text}` : text) + (rng.chance(0.2) ? " " : "");
  const link = (text: string, url: string) => lines.push(pad(text), url);
  lines.push("# Daily Papers - Hugging Face", "Daily Papers - Hugging Face");
  link(" Hugging Face", `${HF}/`);
  link("Models", `${HF}/models`);
  lines.push("new", "Get trending papers in your email inbox!", "Daily Papers", "Daily", "Weekly");
  link("Monthly ", `${HF}/papers/trending`);
  lines.push(pad(spellDate(date, rng.chance(0.25))));
  for (const { paper, arxiv } of cards) {
    const page = `${HF}/papers/${arxiv}`;
    if (paper.upvotes !== undefined) {
      const votes = paper.upvotes === 0 && rng.chance(0.8) ? "-" : String(paper.upvotes);
      link(` [-] ${votes}`, `${HF}/login?next=%2Fpapers%2F${arxiv}`);
    }
    link(paper.title, page);
    const paragraphs = paper.abstract.split("\n\n");
    for (const [i, p] of paragraphs.entries()) {
      if (i === paragraphs.length - 1) link(p, page);
      else lines.push(pad(p));
    }
    if (paper.published !== undefined) {
      if (paper.organization !== undefined) {
        lines.push(" ", page);
        link(` ${paper.organization}`, `${HF}/${orgSlug(paper.organization)}`);
      } else {
        lines.push("[", `${paper.authors} authors](${page})`);
      }
      lines.push("·", pad(dateText(rng, paper.published, date)));
      if (paper.comments !== undefined) link(String(paper.comments), `${page}#community`);
    }
  }
  link("Previous", `${HF}/papers/date/${addDays(date, -1)}`);
  // Every line separated by a blank line.
  const eol = rng.chance(0.1) ? "\r\n" : "\n";
  return { text: lines.join(eol + eol) + eol, shownIds: cards.map((c) => c.arxiv) };
}

const RENDER: Record<CardFormat, (rng: Random, date: string, cards: readonly CardPaper[]) => RenderedCards> = { markdown, refs, linklines };

/** One listing file in a card format; `date` is the listing's YYYY-MM-DD. */
export function renderCards(format: CardFormat, rng: Random, date: string, cards: readonly CardPaper[]): RenderedCards {
  return RENDER[format](rng, date, cards);
}
