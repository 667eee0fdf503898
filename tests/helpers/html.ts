/** Just enough HTML reading for tests: our own templates' output, not arbitrary HTML. */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export async function walkFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** `papers/x/index.html` → `/papers/x/`; `404.html` → `/404.html`. */
export function urlOf(file: string): string {
  const posix = file.split(path.sep).join("/");
  return posix.endsWith("index.html") ? `/${posix.slice(0, -"index.html".length)}` : `/${posix}`;
}

/** A built site's HTML pages by URL (`files` as walkFiles lists them). */
export async function readPages(outDir: string, files: readonly string[]): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  for (const file of files.filter((f) => f.endsWith(".html"))) pages.set(urlOf(file), await readFile(path.join(outDir, file), "utf8"));
  return pages;
}

/** The page at `url`, failing the test when the site has none. */
export function pageAt(pages: ReadonlyMap<string, string>, url: string): string {
  const html = pages.get(url);
  if (html === undefined) throw new Error(`no page at ${url}`);
  return html;
}

export function decodeEntities(text: string): string {
  return (
    text
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      // Nunjucks also escapes a backslash, as &#92;.
      .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
      .replace(/&amp;/g, "&")
  );
}

/** Slugs of the papers in a page's paper list, in order. */
/** What precedes `papers/<slug>/` in a link to a paper: the prefix, or under one the climb from the page (shorterLink). */
function paperHrefStart(prefix: string): string {
  return prefix === "/" ? "/" : `(?:${prefix}|(?:\\.\\./)+|)`;
}

export function listedSlugs(html: string, prefix = "/"): string[] {
  const lists = [...html.matchAll(/<ol class="paper-list"[^>]*>([\s\S]*?)<\/ol>/g)].map((m) => m[1] ?? "");
  const link = new RegExp(`<h2><a href="${paperHrefStart(prefix)}papers/([^/"]+)/">`, "g");
  return lists.flatMap((list) => [...list.matchAll(link)].map((m) => m[1] ?? ""));
}

/** The entries of a page's paper lists, in order: each paper's slug and the HTML of its `<li>`. */
export function listEntries(html: string, prefix = "/"): { slug: string; html: string }[] {
  const lists = [...html.matchAll(/<ol class="paper-list"[^>]*>([\s\S]*?)<\/ol>/g)].map((m) => m[1] ?? "");
  const link = new RegExp(`^<a href="${paperHrefStart(prefix)}papers/([^/"]+)/">`);
  return lists.flatMap((list) =>
    [...list.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => {
      const entry = m[1] ?? "";
      const first = /<a [^>]*>/.exec(entry);
      return { slug: link.exec(entry.slice(first?.index ?? 0))?.[1] ?? "", html: entry };
    }),
  );
}

/** `[link URL, count]` pairs of an index page's entries (`<a href="…">…</a> <span class="count">(N papers)</span>`). */
export function indexCounts(html: string): Map<string, number> {
  const pairs = [...html.matchAll(/<a href="([^"]+)">[^<]*<\/a> <span class="count">\((\d+) papers?\)<\/span>/g)];
  return new Map(pairs.map((m) => [m[1] ?? "", Number(m[2])]));
}

export function textOf(html: string, pattern: RegExp): string | undefined {
  const match = pattern.exec(html);
  return match?.[1] === undefined ? undefined : decodeEntities(match[1]);
}

/** Every URL in an href, src or action attribute. */
/** Where a link in the page at `pageUrl` (a site path) leads on a site served under `prefix`: a prefixed path, as a browser resolves it. */
export function resolveLink(link: string, pageUrl: string, prefix = "/"): string {
  const url = new URL(link, `http://site${prefix}${pageUrl.slice(1)}`);
  return url.origin === "http://site" ? url.pathname + url.search + url.hash : url.href;
}

export function linkTargets(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src|action)="([^"]*)"/g)].map((m) => decodeEntities(m[1] ?? ""));
}
