/**
 * Abstracts are plain text stored as Markdown. Writing escapes everything Markdown would interpret,
 * so that rendering with the site's own markdown-it gives back exactly the listed text; reading turns
 * a (possibly contributor-edited) body back into plain text for excerpts and search.
 */
import markdownIt, { type MarkdownIt } from "markdown-it";

/** Link targets a contributor's Markdown may have: the web, mail, and paths within the site. */
const SAFE_LINK = /^(?:https?:|mailto:|[^:]*(?:[/?#]|$))/i;

/**
 * The one markdown-it setup of the project. Raw HTML off (a pasted `<script>` stays text), no
 * typographer (it would rewrite quotes and dashes), no linkify (URLs in abstracts stay as listed).
 * Images off: an abstract is text, and an image from elsewhere would be a request to someone
 * else's server from every reader (the site's CSP refuses them anyway). Links only to http(s),
 * mailto and relative targets: markdown-it by itself refuses only javascript:, vbscript:, file:
 * and most data: URLs, and lets through any other scheme.
 */
export function createMarkdown(): MarkdownIt {
  const md = markdownIt("default", { html: false, linkify: false, typographer: false }).disable("image");
  md.validateLink = (url) => SAFE_LINK.test(url.trim());
  return md;
}

/** Characters that have a meaning anywhere in a line. Escaped with a backslash, always. */
const INLINE_SPECIAL = /[\\`*_[\]<~]/g;
/** `&name;` and `&#123;` would be decoded as character references. */
const ENTITY_LIKE = /&(?=#?[A-Za-z0-9]+;)/g;
/** Block constructs recognised at the start of a line: headings, quotes, list items. */
const BLOCK_START = /^([#>=+-])/;
const ORDERED_LIST_START = /^(\d{1,9})([.)])(?=\s|$)/;

/** Any character the inline escapes act on: most abstract paragraphs have none and skip both replaces. */
const MAYBE_INLINE = /[\\`*_[\]<~&]/;

function escapeLine(line: string): string {
  const out = MAYBE_INLINE.test(line) ? line.replace(INLINE_SPECIAL, "\\$&").replace(ENTITY_LIKE, "\\&") : line;
  // After BLOCK_START's escape the line starts with a backslash, so at most one of the two applies.
  if (BLOCK_START.test(out)) return `\\${out}`;
  return out.replace(ORDERED_LIST_START, "$1\\$2");
}

/**
 * Plain-text abstract (paragraphs separated by a blank line, each paragraph one trimmed line) to a
 * Markdown body. Throws on text that breaks that shape: the parser never produces it, and silently
 * reflowing it would change what the reader sees.
 */
export function abstractToMarkdown(abstract: string): string {
  const paragraphs = abstract.split("\n\n");
  for (const p of paragraphs) {
    if (p.length === 0 || p.includes("\n") || p.includes("\r") || p !== p.trim()) {
      throw new Error("abstract paragraphs must be non-empty, trimmed single lines separated by one blank line");
    }
  }
  return paragraphs.map(escapeLine).join("\n\n");
}

/** Every backslash escape abstractToMarkdown writes. */
const WRITTEN_ESCAPE = /\\([\\`*_[\]<~&#>=+.)-])/g;

/**
 * The plain text of a body exactly as abstractToMarkdown writes it, and a line break (what ingest
 * writes, and most files hold), without parsing it: the text it escapes back to, when escaping
 * that gives back the body. Undefined for any other body (Markdown of a contributor's own), which
 * only markdown-it can read. Bodies with a NUL are left to markdown-it, which reads it as U+FFFD.
 */
export function writtenAbstract(body: string): string | undefined {
  if (body.includes("\0")) return undefined;
  // A paper file ends its body with one line break (serializePaper).
  const markdown = body.endsWith("\n") ? body.slice(0, -1) : body;
  const text = markdown.replace(WRITTEN_ESCAPE, "$1");
  try {
    return abstractToMarkdown(text) === markdown ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The text a reader sees in a rendered Markdown body: text of every block joined by a blank line,
 * line breaks inside a block as "\n". Markup (emphasis, links) contributes only its text.
 */
export function markdownToPlainText(md: MarkdownIt, source: string): string {
  const blocks: string[] = [];
  for (const token of md.parse(source, {})) {
    if (token.type === "inline") {
      let text = "";
      for (const child of token.children ?? []) {
        if (child.type === "text" || child.type === "code_inline") text += child.content;
        else if (child.type === "softbreak" || child.type === "hardbreak") text += "\n";
      }
      blocks.push(text);
    } else if (token.type === "code_block" || token.type === "fence") {
      blocks.push(token.content.replace(/\n$/, ""));
    }
  }
  return blocks.join("\n\n");
}
