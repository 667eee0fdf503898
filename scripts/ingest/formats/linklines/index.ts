/** Link-per-line exports (notebook importers: each link's URL on the line after its text): see linklines-parser.ts. */
import { count, nonBlankLines } from "../evidence.js";
import type { SourceFormat } from "../source-format.js";
import { LinkLinesParser } from "./linklines-parser.js";

const URL_LINE = /^[^\S\n]*https?:\/\/\S+[^\S\n]*$/gm;
const PAPER_URL_LINE = /^[^\S\n]*https?:\/\/(?:www\.)?huggingface\.co\/(?:papers\/\d{4}\.\d{4,5}|login\?next=%2Fpapers)\S*[^\S\n]*$/gm;

export const linkLinesFormat: SourceFormat = {
  name: "linklines",
  label: "link-per-line export",
  detect(head) {
    // Spares a multiline scan of 64 KiB that cannot match: select-all copies name no host.
    if (!head.includes("huggingface.co/")) return 0;
    const papers = count(head, PAPER_URL_LINE);
    if (papers < 2) return 0;
    const urls = count(head, URL_LINE, 10_000);
    // A whole line that is a URL is this format's mark: every link has one.
    return urls * 10 >= nonBlankLines(head) ? 0.97 : 0.4;
  },
  createParser: (sink, options) => new LinkLinesParser(sink, options),
};
