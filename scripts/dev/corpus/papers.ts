/**
 * One paper's content: what the listing shows and what a parser must recover. Rates and
 * distributions follow the seed listing and Hugging Face Daily Papers as seen in the wild.
 */
import type { Paper } from "../../content/paper.js";
import { BigramModel } from "./bigram.js";
import { addDays } from "./calendar.js";
import type { Random } from "./random.js";
import { drawRareTerm } from "./rare-terms.js";
import type { SeedText } from "./seed-text.js";
import { TitleMaker } from "./titles.js";

/** A paper before it is placed in listings. */
export type PaperContent = Omit<Paper, "digests">;

const ORGANIZATIONS = [
  "Microsoft",
  "Google",
  "Google DeepMind",
  "Meta AI",
  "NVIDIA",
  "Alibaba Qwen",
  "DeepSeek",
  "ByteDance Seed",
  "Tencent Hunyuan",
  "Apple",
  "Hugging Face",
  "Allen Institute for AI",
  "Salesforce",
  "IBM Research",
  "Amazon",
  "Shanghai AI Laboratory",
  "Mistral AI",
  "Stability AI",
  "OpenGVLab",
  "Zhipu AI",
  "Moonshot AI",
  "Baidu",
  "Samsung",
  "Sony AI",
  "Adobe",
  "Carnegie Mellon University",
  "Stanford University",
  "MIT",
  "Tsinghua University",
];

/** Share of papers listed without any metadata (the seed has 3 of 34; real pages fewer). */
const NO_METADATA = 0.04;
const ORGANIZATION = 0.06;
const COMMENTS = 0.08;
const MULTI_PARAGRAPH = 0.1;
/** Per replaceable word: chance of a rare term instead. */
const RARE_TERM = 0.35;
/** Share of rare terms that are the paper's own method name, so it recurs within its abstract. */
const OWN_NAME = 0.15;

export class PaperMaker {
  private readonly model: BigramModel;
  private readonly titles: TitleMaker;

  constructor(seed: SeedText) {
    this.model = new BigramModel(seed.paragraphs);
    this.titles = new TitleMaker(this.model);
  }

  /** A paper first listed on `listingDate`; `upvotes` says whether that listing shows vote counts. */
  make(rng: Random, listingDate: string, upvotes: boolean): PaperContent {
    const ownName = this.name(rng);
    let names = 0;
    const title = this.titles.make(rng, () => (names++ === 0 ? ownName : this.name(rng)));
    const abstract = this.abstract(rng, ownName);
    let authors: number | undefined;
    let organization: string | undefined;
    let published: string | undefined;
    let comments: number | undefined;
    if (!rng.chance(NO_METADATA)) {
      if (rng.chance(ORGANIZATION)) organization = rng.pick(ORGANIZATIONS);
      else authors = rng.logNormalInt(4.5, 0.85, 1, 500);
      published = this.published(rng, listingDate);
      if (rng.chance(COMMENTS)) comments = Math.min(99, 1 + Math.floor(-Math.log(1 - rng.float()) * 2.5));
    }
    const votes = upvotes ? Math.max(0, Math.floor(Math.exp(1.5 + 1.3 * rng.normal())) - 1) : undefined;
    // Front-matter order, and no keys for what the listing does not show.
    return {
      title,
      ...(authors !== undefined && { authors }),
      ...(organization !== undefined && { organization }),
      ...(published !== undefined && { published }),
      ...(comments !== undefined && { comments }),
      ...(votes !== undefined && { upvotes: votes }),
      abstract,
    };
  }

  /** A method, acronym or model name; a plain pseudo-word serves when capitalised. */
  private name(rng: Random): string {
    for (;;) {
      const term = drawRareTerm(rng);
      if (/^[A-Z]/.test(term)) return term;
      if (/^[a-z]+$/.test(term)) return term.charAt(0).toUpperCase() + term.slice(1);
    }
  }

  /** 80–350 words, log-normal around 170 like arXiv abstracts; one in ten in two or three paragraphs. */
  private abstract(rng: Random, ownName: string): string {
    const total = rng.logNormalInt(170, 0.35, 80, 350);
    const parts = rng.chance(MULTI_PARAGRAPH) ? rng.int(2, 3) : 1;
    const replace = () => {
      if (!rng.chance(RARE_TERM)) return undefined;
      return rng.chance(OWN_NAME) ? ownName : drawRareTerm(rng);
    };
    const paragraphs: string[] = [];
    for (let p = 0; p < parts; p++) {
      const target = Math.round(total / parts);
      const sentences: string[] = [];
      for (let words = 0; words < target;) {
        const sentence = this.model.sentence(rng, Math.max(8, Math.min(45, target - words + 5)), replace);
        sentences.push(sentence.join(" "));
        words += sentence.length;
      }
      paragraphs.push(sentences.join(" "));
    }
    return paragraphs.join("\n\n");
  }

  /**
   * Most papers on a daily page are days old; some are months old, a few are years old (the seed's
   * trending page reaches back to 2013).
   */
  private published(rng: Random, listingDate: string): string {
    const roll = rng.float();
    let back: number;
    if (roll < 0.8) back = Math.min(7, Math.floor(-Math.log(1 - rng.float()) * 1.5));
    else if (roll < 0.92) back = rng.int(8, 365);
    else back = rng.int(366, 365 * 12);
    return addDays(listingDate, -back);
  }
}
