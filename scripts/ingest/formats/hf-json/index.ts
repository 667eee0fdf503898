/** A saved response of the Hugging Face Daily Papers API (`/api/daily_papers?date=…`): see hf-json-parser.ts. */
import type { SourceFormat } from "../source-format.js";
import { HfJsonParser } from "./hf-json-parser.js";

/** What opens a JSON document: `[` or `{` and then a value, a key or the end of an empty list. */
const JSON_START = /^\uFEFF?\s*(?:\[\s*[[{"\]]|\{\s*["}])/;
/** An item's `paper` object, and a key of one that comes early (a paper with many authors pushes the rest far down). */
const ITEM_KEYS = [/"paper"\s*:\s*\{/, /"(?:id|authors|upvotes|summary|numComments)"\s*:/];

export const hfJsonFormat: SourceFormat = {
  name: "hf-json",
  label: "Hugging Face Daily Papers API response (JSON)",
  detect: (head) => {
    if (!JSON_START.test(head)) return 0;
    // JSON that is no Daily Papers response still goes here, whose parser says what it lacks.
    return ITEM_KEYS.every((key) => key.test(head)) ? 0.95 : 0.3;
  },
  createParser: (sink, options) => new HfJsonParser(sink, options),
};
