/**
 * Every link in a built site, whatever page or file it is in, resolved the way a browser or a feed
 * reader would and checked against the files that are there: a generic crawler, so pages, feeds and
 * exports added later are covered without being named here.
 *
 * - HTML: every URL attribute (href, src, srcset, action, …), Open Graph and Twitter image and URL
 *   `<meta>`s, a refresh `<meta>`'s target, and URLs inside JSON `<script>` blocks; `id`s and
 *   `<a name>`s are the anchors `#fragment`s must find.
 * - XML (feeds, sitemaps, SVG; gzipped ones as what they hold): href/src/url attributes, text that
 *   is one absolute URL, and escaped HTML content (Atom `type="html"`, RSS descriptions) read as HTML.
 * - JSON: strings under URL-ish keys (`url`, `href`, `@id`, `…_url`, `image`, `icon`), any string
 *   that is an absolute URL, and `content_html` read as HTML.
 * - CSS: `url(…)` and `@import`; BibTeX: `url` fields (an abstract's URLs are its text, not
 *   links of the site); other text files (robots.txt, …): absolute URLs.
 *
 * A link is internal when it resolves to the site's origin (SITE_URL's, when the site has one):
 * it must then stay under the path prefix and name a file (`…/` meaning `…/index.html`), and its
 * fragment an anchor of that page. Links elsewhere are counted, not fetched. Pagefind's index files
 * are Pagefind's, and scripts are code: both are skipped.
 */
import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import path from "node:path";
import { walkMarkup } from "./html-walk.js";

export interface SiteLocation {
  /** The built site's folder. */
  dir: string;
  /** Where it is served: `/` or `/repo/`. */
  pathPrefix: string;
  /** SITE_URL, when the build had one: absolute links to it are internal. */
  siteUrl?: string;
}

export interface BrokenLink {
  file: string;
  url: string;
  reason: string;
}

export interface LinkReport {
  /** Files read for links. */
  files: number;
  /** Link occurrences found, internal and external. */
  links: number;
  /** Internal link occurrences checked, and the distinct URLs among them. */
  internal: number;
  targets: number;
  /** Internal links with a `#fragment` checked against the target's anchors. */
  fragments: number;
  /** Links to other sites (not fetched). */
  external: number;
  broken: BrokenLink[];
}

const HTML_URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "poster", "data", "cite", "xlink:href"]);
const HTML_URL_LIST_ATTRIBUTES = new Set(["srcset", "imagesrcset"]);
const META_URLS = new Set(["og:url", "og:image", "og:image:url", "og:image:secure_url", "og:audio", "og:video", "twitter:image", "twitter:url"]);
const JSON_SCRIPT_TYPES = new Set(["application/ld+json", "application/json"]);
const XML_URL_ATTRIBUTES = new Set(["href", "src", "url"]);
/** Elements whose text is escaped HTML in RSS (Atom marks its own with `type="html"`). */
const XML_HTML_TEXT = new Set(["description", "content:encoded"]);
const JSON_URL_KEY = /(^|_)(url|href|link|image|icon|favicon|src)$|^@id$|Url$/i;
const XML_FILES = new Set([".xml", ".atom", ".rss", ".svg", ".xsl"]);
const JSON_FILES = new Set([".json", ".webmanifest"]);
const SKIPPED_FILES = new Set([".js", ".mjs", ".wasm", ".map", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff", ".woff2", ".pdf"]);
const ABSOLUTE_URL = /^https?:\/\/\S+$/i;
const ABSOLUTE_URLS_IN_TEXT = /https?:\/\/[^\s"'<>{}()\\]+/gi;
/** Stands in for the site's origin when the build had no SITE_URL. */
const PLACEHOLDER_ORIGIN = "http://site.invalid";

/** A link as found: the URL as written and the URL it is relative to. */
interface Link {
  file: string;
  url: string;
  base: URL;
}

/** Link collector for one file: everything a format can hold gets pushed through `add`. */
type Add = (url: string, base: URL) => void;

function srcsetUrls(value: string): string[] {
  return value
    .split(",")
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? "")
    .filter((url) => url !== "");
}

function htmlLinks(source: string, base: URL, add: Add, anchors?: Set<string>): void {
  const json = new Map<object, string>();
  walkMarkup(source, {
    tag: ({ name, attribs }) => {
      for (const [attribute, value] of Object.entries(attribs)) {
        if (HTML_URL_ATTRIBUTES.has(attribute)) add(value, base);
        else if (HTML_URL_LIST_ATTRIBUTES.has(attribute)) for (const url of srcsetUrls(value)) add(url, base);
      }
      if (name === "meta") {
        const key = (attribs.property ?? attribs.name ?? "").toLowerCase();
        if (META_URLS.has(key) && attribs.content) add(attribs.content, base);
        const refresh = /url\s*=\s*['"]?([^'"]+)/i.exec((attribs["http-equiv"] ?? "").toLowerCase() === "refresh" ? (attribs.content ?? "") : "");
        if (refresh?.[1]) add(refresh[1], base);
      }
      if (anchors && attribs.id !== undefined) anchors.add(attribs.id);
      if (anchors && name === "a" && attribs.name !== undefined) anchors.add(attribs.name);
    },
    text: (text, parent) => {
      if (parent?.name === "script" && JSON_SCRIPT_TYPES.has((parent.attribs.type ?? "").trim().toLowerCase()))
        json.set(parent, (json.get(parent) ?? "") + text);
    },
  });
  for (const text of json.values()) jsonLinks(text, base, add);
}

function xmlLinks(source: string, base: URL, add: Add): void {
  walkMarkup(
    source,
    {
      tag: ({ attribs }) => {
        for (const [attribute, value] of Object.entries(attribs)) {
          if (XML_URL_ATTRIBUTES.has(attribute.split(":").at(-1) ?? "")) add(value, base);
        }
      },
      text: (text, parent) => {
        const trimmed = text.trim();
        if (ABSOLUTE_URL.test(trimmed)) add(trimmed, base);
        else if (parent && (parent.attribs.type === "html" || XML_HTML_TEXT.has(parent.name))) htmlLinks(text, base, add);
      },
    },
    { xml: true },
  );
}

function jsonLinks(source: string, base: URL, add: Add): void {
  const visit = (value: unknown, key: string): void => {
    if (typeof value === "string") {
      if (key === "content_html") htmlLinks(value, base, add);
      else if (JSON_URL_KEY.test(key) || ABSOLUTE_URL.test(value)) add(value, base);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, key);
    } else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) visit(v, k);
    }
  };
  visit(JSON.parse(source) as unknown, "");
}

function cssLinks(source: string, base: URL, add: Add): void {
  for (const match of source.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3/g)) {
    const url = match[2] ?? match[4] ?? "";
    if (!url.startsWith("data:")) add(url, base);
  }
}

/** A `url = {…}` field of a BibTeX entry, on its own line as bibtex.ts writes it. */
const BIBTEX_URL_FIELD = /^\s*url\s*=\s*\{([^{}]*)\}/gim;

function bibtexLinks(source: string, base: URL, add: Add): void {
  for (const match of source.matchAll(BIBTEX_URL_FIELD)) add(match[1]!, base);
}

function textLinks(source: string, base: URL, add: Add): void {
  for (const match of source.matchAll(ABSOLUTE_URLS_IN_TEXT)) add(match[0].replace(/[.,;:]+$/, ""), base);
}

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** The file a site-relative path names, or undefined when no file can be meant. */
function fileFor(sitePath: string, files: ReadonlySet<string>): string | undefined {
  const rest = decoded(sitePath);
  if (rest === undefined) return undefined;
  const file = rest === "" || rest.endsWith("/") ? `${rest}index.html` : rest;
  return files.has(file) ? file : undefined;
}

function gunzipped(bytes: Buffer, file: string): string {
  try {
    return gunzipSync(bytes).toString("utf8");
  } catch (error) {
    throw new Error(`${file}: not a readable gzip file (${(error as Error).message})`);
  }
}

export async function checkLinks(site: SiteLocation, files: readonly string[]): Promise<LinkReport> {
  const origin = site.siteUrl ? new URL(site.siteUrl).origin : PLACEHOLDER_ORIGIN;
  const posixFiles = files.map((f) => f.split(path.sep).join("/"));
  const fileSet = new Set(posixFiles);
  const anchors = new Map<string, Set<string>>();
  const links: Link[] = [];
  let read = 0;

  for (const file of posixFiles) {
    // A gzipped file (the sitemap's parts) is read as what it holds.
    const compressed = file.toLowerCase().endsWith(".gz");
    const extension = path.extname(compressed ? file.slice(0, -3) : file).toLowerCase();
    if (file.startsWith("pagefind/") || SKIPPED_FILES.has(extension)) continue;
    const bytes = await readFile(path.join(site.dir, file));
    const source = compressed ? gunzipped(bytes, file) : bytes.toString("utf8");
    const base = new URL(`${site.pathPrefix}${file}`, origin);
    const add: Add = (url, from) => links.push({ file, url, base: from });
    read++;
    if (extension === ".html") {
      const ids = new Set<string>();
      anchors.set(file, ids);
      htmlLinks(source, base, add, ids);
    } else if (XML_FILES.has(extension)) xmlLinks(source, base, add);
    else if (JSON_FILES.has(extension)) jsonLinks(source, base, add);
    else if (extension === ".css") cssLinks(source, base, add);
    else if (extension === ".bib") bibtexLinks(source, base, add);
    else textLinks(source, base, add);
  }

  const report: LinkReport = { files: read, links: links.length, internal: 0, targets: 0, fragments: 0, external: 0, broken: [] };
  const targets = new Set<string>();
  for (const { file, url, base } of links) {
    const broken = (reason: string) => report.broken.push({ file, url, reason });
    let resolved: URL;
    try {
      resolved = new URL(url.trim(), base);
    } catch {
      broken("not a valid URL");
      continue;
    }
    if (resolved.origin !== origin) {
      if (resolved.protocol === "http:" || resolved.protocol === "https:") report.external++;
      continue;
    }
    report.internal++;
    targets.add(resolved.href);
    if (!resolved.pathname.startsWith(site.pathPrefix)) {
      broken(`outside the site's path prefix ${site.pathPrefix}`);
      continue;
    }
    const target = fileFor(resolved.pathname.slice(site.pathPrefix.length), fileSet);
    if (!target) {
      broken(`no file ${resolved.pathname}`);
      continue;
    }
    const fragment = decoded(resolved.hash.slice(1)) ?? resolved.hash.slice(1);
    // An empty fragment is the top of the page; `:~:` starts a text fragment, not an anchor.
    if (fragment === "" || fragment.startsWith(":~:")) continue;
    report.fragments++;
    const targetAnchors = anchors.get(target);
    if (!targetAnchors) broken(`#${fragment} points into ${target}, which is not an HTML page`);
    else if (!targetAnchors.has(fragment)) broken(`no element with id "${fragment}" in ${target}`);
  }
  report.targets = targets.size;
  return report;
}

export function formatBrokenLink(link: BrokenLink): string {
  return `${link.file}: ${link.url}: ${link.reason}`;
}
