/** Text-browser dumps with reference links (`[text][n]`, URLs listed at the end): see refs-parser.ts. */
import { count } from "../evidence.js";
import type { SourceFormat } from "../source-format.js";
import { RefsParser } from "./refs-parser.js";

const REFERENCE_MARK = /\]\[\d{1,6}\]/g;
/** Lynx's own marks, before a link's text: `[12]Models`. */
const LEADING_MARK = /^[^\S\n]*(?:[*+-][^\S\n]+)?\[\d{1,6}\][^\s([]/gm;
const REFERENCE_LIST = /^\s*(?:\[\d{1,6}\]:|\d{1,6}\.)\s+https?:\/\/\S+\s*$/gm;

export const refsFormat: SourceFormat = {
  name: "refs",
  label: "text-browser dump with reference links",
  detect(head) {
    // Both marks hold "[" and a digit; a head without one is spared two multiline scans that cannot match.
    if (!/\[\d/.test(head)) return 0;
    const marks = count(head, REFERENCE_MARK) + count(head, LEADING_MARK);
    if (marks >= 5) return 0.95;
    // A short dump: few marks, but the URL list they point into.
    if (marks >= 1 && count(head, REFERENCE_LIST) >= 3) return 0.95;
    if (marks >= 2) return 0.5;
    return 0;
  },
  createParser: (sink, options) => new RefsParser(sink, options),
};
