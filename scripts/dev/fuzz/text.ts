/**
 * Text for the listing model: words from every script, emoji, markup and template syntax, path
 * tricks, and raw code points. Everything here is "pristine": what the parser must give back
 * unchanged, so no control characters, no tabs, no double spaces and nothing that trim() removes
 * at either end. Noise (controls, stray spaces) is added later, line by line.
 */
import fc from "fast-check";

/** Cheat-sheet payloads and look-alikes of Markdown, HTML, YAML and template syntax. */
export const HOSTILE_TOKENS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<svg/onload=alert(1)>",
  "</p>",
  "<br>",
  "<!--",
  "-->",
  "{{ 7 * 7 }}",
  "{{constructor.constructor('alert(1)')()}}",
  "{% raw %}",
  "{%",
  "%}",
  "${process.exit()}",
  "<%= 7*7 %>",
  "[x](javascript:alert(1))",
  "![a](data:text/html;base64,PHNjcmlwdD4=)",
  "[a]: /b",
  "[^1]",
  "<http://x.y>",
  "*emph*",
  "**bold**",
  "_u_",
  "__init__",
  "`code`",
  "```",
  "~~~",
  "~~s~~",
  "#",
  "# H",
  ">",
  "> q",
  "1.",
  "1)",
  "2024.",
  "+",
  "=",
  "===",
  "---",
  "***",
  "___",
  "|",
  "| a | b |",
  "&amp;",
  "&#x41;",
  "&#65;",
  "&lt;",
  "&",
  "\\",
  "\\*",
  "\\\\",
  '"',
  "'",
  "'''",
  ":",
  "- x",
  "* y",
  "? k",
  "!",
  "%",
  "@import",
  "key: value",
  "--- #",
  "...",
  "%2e%2e%2f",
  "../../etc/passwd",
  "..",
  "/etc/passwd",
  "C:\\Windows\\system32",
  "CON",
  "nul",
  "LPT1",
  "~/.ssh/id_rsa",
  "file:///etc",
];

const SCRIPT_WORDS = [
  "大型语言模型",
  "推理",
  "日本語のテキスト",
  "한국어",
  "نماذج",
  "اللغة",
  "מודל",
  "भाषा",
  "ภาษา",
  "Обзор",
  "ЁЖИК",
  "Ελληνικά",
  "ΣΊΣΥΦΟΣ",
  "ქართული",
  "Հայերեն",
  "አማርኛ",
  "ᚠᛇᚻ",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  "𝟙𝟚𝟛",
  "Ⅻ",
  "①",
  "½",
  "e\u0301",
  "Z\u0351\u0317a\u0362l\u034cgo",
  "\u202eRTL",
  "a\u200bb",
  "x\u00adx",
  "ﬁx",
  "Straße",
  "İstanbul",
  "ǅemal",
  "ŉ",
  "ΐ",
  "ß",
  "Æsir",
  "Łódź",
  "Ørsted",
  "\u{10fffd}",
  "\ufffd",
  "\ufffe",
  "\uffff",
  "\ufdd0",
  "a\u2028b",
  "c\u2029d",
  "a\u00a0b",
  "c\u3000d",
  "e\u2009f",
  "g\ufeffh",
  "\u0130",
  "\u1e9e",
  "\u01c5",
];

const EMOJI = ["🚀", "🔥", "👩‍👩‍👧‍👦", "🏳️‍🌈", "🇯🇵", "👍🏽", "❤️", "🤖", "🧪", "1️⃣", "©️", "🫠"];

/** No control characters, no tab, no line breaks, no ASCII space: a word is joined to others with one space. */
const NOT_IN_WORD = /[\p{Cc}\t ]/gu;

function sanitizeWord(word: string): string {
  const cleaned = word.replace(NOT_IN_WORD, "");
  return cleaned === "" ? "x" : cleaned;
}

const latinWord = fc.stringMatching(/^[A-Za-z][a-z]{0,11}$/);
const capitalWord = fc.stringMatching(/^[A-Z][a-z]{1,11}$/);
const number = fc.integer({ min: 0, max: 100_000 }).map(String);

/** One word of any kind; ordinary Latin words dominate, as in real titles. */
export const word: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: latinWord, weight: 6 },
  { arbitrary: capitalWord, weight: 3 },
  { arbitrary: number, weight: 1 },
  { arbitrary: fc.constantFrom(...SCRIPT_WORDS), weight: 2 },
  { arbitrary: fc.constantFrom(...EMOJI), weight: 1 },
  { arbitrary: fc.constantFrom(...HOSTILE_TOKENS), weight: 2 },
  { arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }).map(sanitizeWord), weight: 2 },
  { arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 6 }).map(sanitizeWord), weight: 1 },
);

/** Words joined by single spaces, trimmed the way a reader trims a line. */
export function joinWords(words: readonly string[]): string {
  const text = words.join(" ").trim();
  return text === "" ? "x" : text;
}

export function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Clean text: what the parser gives back unchanged. */
export function isPristine(text: string): boolean {
  return text !== "" && text === text.trim() && !/[\p{Cc}\t]| {2}/u.test(text);
}
