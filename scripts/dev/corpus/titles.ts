/**
 * Paper titles: phrases from the bigram chain in the shapes real titles take (`Name: what it does`,
 * `Towards …`), a few in other scripts or with an emoji, and never two alike. Every title is checked
 * against what a listing reader could mistake it for, since titles are told apart from abstract
 * paragraphs and metadata by their shape alone.
 */
import { FUNCTION_WORDS, type BigramModel } from "./bigram.js";
import type { Random } from "./random.js";

const LEADS = ["Towards", "Rethinking", "On the", "Learning", "Scaling", "Beyond", "Understanding", "Revisiting", "Exploring", "Improving"];
const LINKS = ["with", "via", "for", "using"];
const EMOJI = ["🚀", "🤗", "🦙", "🔥", "🧠", "🎨", "🌍", "🤖", "📚", "⚡", "🐋", "🦉"];
const CHINESE = [
  "大语言模型",
  "多模态",
  "推理",
  "强化学习",
  "基准",
  "评测",
  "数据集",
  "视觉",
  "生成",
  "扩散模型",
  "高效",
  "方法",
  "研究",
  "框架",
  "对齐",
  "检索增强",
  "长上下文",
  "智能体",
  "知识蒸馏",
  "图像",
  "视频",
  "语音",
  "表示学习",
  "鲁棒性",
  "可解释性",
  "自监督",
  "预训练",
  "微调",
  "注意力机制",
  "量化",
  "稀疏",
  "代码生成",
  "数学",
  "医学",
  "面向",
  "基于",
];
const ARABIC = [
  "نموذج",
  "لغوي",
  "كبير",
  "التعلم",
  "العميق",
  "الشبكات",
  "العصبية",
  "معالجة",
  "اللغة",
  "العربية",
  "تقييم",
  "بيانات",
  "الترجمة",
  "الآلية",
  "التعرف",
  "على",
  "الكلام",
  "الصور",
  "الطبية",
  "نحو",
  "فهم",
  "أفضل",
  "للنصوص",
  "معيار",
  "جديد",
];
const CYRILLIC = [
  "модель",
  "языковая",
  "большая",
  "обучение",
  "нейронные",
  "сети",
  "для",
  "русского",
  "языка",
  "оценка",
  "данных",
  "методы",
  "распознавания",
  "речи",
  "анализ",
  "текстов",
  "генерация",
  "изображений",
  "машинный",
  "перевод",
  "эталонный",
  "набор",
];
const GREEK = [
  "μοντέλα",
  "γλώσσας",
  "μηχανική",
  "μάθηση",
  "νευρωνικά",
  "δίκτυα",
  "για",
  "την",
  "ελληνική",
  "αξιολόγηση",
  "δεδομένων",
  "αναγνώριση",
  "ομιλίας",
  "ανάλυση",
  "κειμένων",
  "μετάφραση",
  "σώμα",
  "βαθιά",
  "εικόνων",
  "παραγωγή",
];

/** Lines that a listing reader treats as something other than a title. */
const NOT_A_TITLE = [
  /^(\d+|-)$/, // an upvote count
  /^[•*-]\s/, // a metadata bullet
  /^·/,
  /^[A-Z][a-z]{2} \d{1,2}\b/, // a date
  /^(new|Subscribe|Daily Papers|Daily|Weekly|Monthly|Get trending papers.*|by ?AK and the research community)$/,
  /[.,;:!?]$/, // ends like prose
];

const MAX_TITLE_LENGTH = 240;

export function isPlausibleTitle(title: string): boolean {
  return title.length > 0 && title.length <= MAX_TITLE_LENGTH && title === title.trim() && !title.includes("\n") && !NOT_A_TITLE.some((re) => re.test(title));
}

/** Case, spacing and punctuation do not make two titles different papers. */
export function titleKey(title: string): string {
  return title
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/** 53-bit hash of a string: the set of seen titles stays small at any corpus size. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

function titleCase(words: readonly string[]): string {
  return words.map((w, i) => (i > 0 && FUNCTION_WORDS.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1))).join(" ");
}

function sentenceCase(words: readonly string[]): string {
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export class TitleMaker {
  private readonly seen = new Set<number>();

  constructor(private readonly model: BigramModel) {}

  /**
   * A new title. `name` is the paper's own method or model name, used when the title is of the
   * `Name: …` kind. A hash collision only costs a retry.
   */
  make(rng: Random, name: () => string): string {
    for (let attempt = 0; ; attempt++) {
      // After a few clashes, lean on a fresh name: names are practically unique.
      const title = attempt < 4 ? this.draft(rng, name) : `${name()}: ${this.draft(rng, name)}`;
      if (!isPlausibleTitle(title)) continue;
      const key = hash53(titleKey(title));
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      return title;
    }
  }

  private draft(rng: Random, name: () => string): string {
    const roll = rng.float();
    if (roll < 0.005) return this.chinese(rng, name);
    if (roll < 0.008) return this.words(rng, ARABIC);
    if (roll < 0.012) return this.words(rng, CYRILLIC);
    if (roll < 0.015) return this.words(rng, GREEK);
    const english = this.english(rng, name);
    if (roll < 0.025) return rng.chance(0.7) ? `${rng.pick(EMOJI)} ${english}` : `${english} ${rng.pick(EMOJI)}`;
    return english;
  }

  private english(rng: Random, name: () => string): string {
    const phrase = () => this.phrase(rng);
    const roll = rng.float();
    if (roll < 0.3) return `${name()}: ${phrase()}`;
    if (roll < 0.4) return `${phrase()}: ${phrase()}`;
    if (roll < 0.52) return `${rng.pick(LEADS)} ${phrase()}`;
    if (roll < 0.6) return `${phrase()} ${rng.pick(LINKS)} ${name()}`;
    return phrase();
  }

  /** Three to twelve words of the chain, in title case mostly, never ending on "of" or "the". */
  private phrase(rng: Random): string {
    for (;;) {
      const words = this.model.phrase(rng, rng.int(3, 12));
      while (words.length > 0 && FUNCTION_WORDS.has(words.at(-1)!.toLowerCase())) words.pop();
      if (words.length < 3) continue;
      return rng.chance(0.75) ? titleCase(words) : sentenceCase(words);
    }
  }

  private chinese(rng: Random, name: () => string): string {
    const body = Array.from({ length: rng.int(3, 6) }, () => rng.pick(CHINESE)).join("");
    return rng.chance(0.3) ? `${name()}：${body}` : body;
  }

  private words(rng: Random, vocabulary: readonly string[]): string {
    const text = Array.from({ length: rng.int(4, 8) }, () => rng.pick(vocabulary)).join(" ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
}
