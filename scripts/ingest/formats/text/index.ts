/** The select-all text copy of the page (the seed listing's format): see listing-parser.ts. */
import type { SourceFormat } from "../source-format.js";
import { ListingParser } from "./listing-parser.js";

export const textFormat: SourceFormat = {
  name: "text",
  label: "select-all text copy",
  // The fallback: any text may be a select-all copy, and its parser refuses (with its own reason) what is not one.
  detect: () => 0.1,
  createParser: (sink, options) => new ListingParser(sink, options),
};
