/**
 * The last line of defence against a capture read in the wrong format: a paper whose title is the
 * page's own text, markup, a URL or a lone bracket or number, or whose abstract is empty or holds
 * a paragraph of such markup, is what a misread looks like (`Models`, `[-] 74`, `<a id="source-section-3"></a>`, `[`). Ingest refuses
 * the run rather than write it, whatever the format. Pure; one question per paper.
 */
import { isSiteChrome } from "./formats/cards.js";
import { isPageChrome } from "./formats/text/listing-lines.js";

const LONE_MARK = /^[\s\[\](){}<>\-–—·•*#|.,:;!?_=+~^"'`\\/\d]*$/u;
const URL = /^(?:https?:|ftp:|www\.)|:\/\/\S/i;
const HEADING = /^#{1,6}\s/;
const MARKDOWN_LINK = /\]\((?:https?:\/\/|\/)[^)]*\)|\]\[\d+\]|^!\[/;
const TAGS_ONLY = /^(?:<[^>]*>\s*)+$/;
const SUBMITTED = /^submitted by\b/i;

/** Why a paper must not be written, or undefined when it may. */
export function garbageReason(paper: { title: string; abstract: string }): string | undefined {
  const title = paper.title.trim();
  if (isPageChrome(title) || isSiteChrome(title) || SUBMITTED.test(title)) return "its title is the page's own text";
  if (LONE_MARK.test(title)) return "its title is a lone bracket, mark or number";
  if (HEADING.test(title) || MARKDOWN_LINK.test(title) || TAGS_ONLY.test(title)) return "its title is markup";
  if (URL.test(title)) return "its title is a URL";
  if (paper.abstract.trim() === "") return "its abstract is empty";
  // A paragraph that is only a bracket, a number or tags is markup a misread left in the abstract.
  for (const paragraph of paper.abstract.split("\n\n")) {
    if (LONE_MARK.test(paragraph) || TAGS_ONLY.test(paragraph.trim())) return `its abstract holds markup (${JSON.stringify(paragraph.slice(0, 20))})`;
  }
  return undefined;
}
