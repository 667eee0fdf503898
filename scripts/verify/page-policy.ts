/**
 * What every HTML page of the site must be, checked on the finished page by the build (and again
 * by `npm run verify` and the tests on the built site), so that a template anyone adds is held to
 * it without having to remember it:
 *
 * - it carries the site's Content-Security-Policy `<meta>`, before anything the policy governs: the
 *   search policy if it loads the search module, the stricter one if not (csp.ts);
 * - it has nothing the policy would block or that would need the policy loosened: no inline
 *   scripts (JSON data blocks excepted, with `<` escaped), no `on…` handlers, no `style`
 *   attributes or `<style>` elements, no `<base>`, no scripts, styles or images from other sites,
 *   no forms posting elsewhere;
 * - no URL attribute uses a scheme other than http, https or mailto (`javascript:`, `data:`, …);
 * - links to other sites carry `rel="noopener noreferrer"`. This one is also fixed rather than only
 *   reported: a link without `rel` gets it, so a Markdown link in an abstract or a new template is
 *   covered; a link with a `rel` of its own must include both words.
 */
import { routes } from "../catalog/routes.js";
import { CONTENT_SECURITY_POLICY, SEARCH_CONTENT_SECURITY_POLICY, SEARCH_SCRIPT } from "./csp.js";
import { type Tag, walkMarkup } from "./html-walk.js";

export interface PolicyResult {
  /** The page with `rel` added where it was missing. */
  html: string;
  problems: string[];
}

const EXTERNAL_REL = ["noopener", "noreferrer"];
const ALLOWED_SCHEMES = new Set(["http", "https", "mailto"]);
/** Attributes that hold URLs (srcset-style ones hold several). */
const URL_ATTRIBUTES = ["href", "src", "action", "formaction", "poster", "data", "cite", "background", "ping", "xlink:href", "manifest"];
const URL_LIST_ATTRIBUTES = ["srcset", "imagesrcset"];
const ANY_URL_ATTRIBUTE = new Set([...URL_ATTRIBUTES, ...URL_LIST_ATTRIBUTES]);
/** Script types that are data, which browsers never run (JSON-LD, embedded JSON). */
const DATA_BLOCK_TYPES = new Set(["application/ld+json", "application/json"]);
/** Elements and attributes that make the browser fetch something into the page. */
const SUBRESOURCES: Record<string, string[]> = {
  script: ["src"],
  img: ["src", "srcset"],
  source: ["src", "srcset"],
  video: ["src", "poster"],
  audio: ["src"],
  track: ["src"],
  input: ["src"],
  embed: ["src"],
  object: ["data"],
  iframe: ["src"],
};
const FETCHING_LINK_RELS = new Set(["stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload", "prefetch", "manifest"]);
/** Elements the CSP `<meta>` must come before, or it does not govern them. */
const GOVERNED = new Set(["script", "link", "style", "base", "img", "iframe", "object", "embed"]);

/** A URL as a browser reads an attribute: outer spaces and controls trimmed, tabs and line breaks dropped. */
function cleanUrl(value: string): string {
  return value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "");
}

function schemeOf(url: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):/i.exec(cleanUrl(url))?.[1]?.toLowerCase();
}

/** Points at another site: an absolute http(s) URL or a scheme-relative `//host/…`. */
function isOffsite(url: string): boolean {
  const clean = cleanUrl(url);
  return clean.startsWith("//") || /^https?:/i.test(clean);
}

function srcsetUrls(value: string): string[] {
  return value
    .split(",")
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? "")
    .filter((url) => url !== "");
}

function relWords(tag: Tag): string[] {
  return (tag.attribs.rel ?? "").toLowerCase().split(/\s+/).filter(Boolean);
}

function tagProblems(tag: Tag, scriptText: Map<Tag, string>): string[] {
  const problems: string[] = [];
  const { name, attribs } = tag;
  const shown = `<${name}>`;
  let hasUrl = false;
  for (const attribute of Object.keys(attribs)) {
    if (attribute.startsWith("on"))
      problems.push(`${shown} has an inline event handler (${attribute}); the CSP blocks it: attach listeners from a script file`);
    hasUrl ||= ANY_URL_ATTRIBUTE.has(attribute);
  }
  if ("style" in attribs) problems.push(`${shown} has a style attribute; the CSP ignores it: use a class in assets/style.css`);
  if (name === "style") problems.push("<style> element; the CSP ignores it: put the rules in assets/style.css");
  if (name === "base") problems.push("<base> element: it would change where every relative link points");

  // Most tags have no URL attribute: the lists below are built only for those that do.
  const urls = hasUrl
    ? [
        ...URL_ATTRIBUTES.filter((a) => a in attribs).map((a) => [a, attribs[a] ?? ""] as const),
        ...URL_LIST_ATTRIBUTES.filter((a) => a in attribs).flatMap((a) => srcsetUrls(attribs[a] ?? "").map((url) => [a, url] as const)),
      ]
    : [];
  for (const [attribute, url] of urls) {
    const scheme = schemeOf(url);
    if (scheme !== undefined && !ALLOWED_SCHEMES.has(scheme))
      problems.push(`${shown} ${attribute} uses a ${scheme}: URL; only http, https and mailto links are allowed`);
  }

  const fetched = name === "link" ? (relWords(tag).some((r) => FETCHING_LINK_RELS.has(r)) ? ["href", "imagesrcset"] : []) : (SUBRESOURCES[name] ?? []);
  for (const [attribute, url] of urls) {
    if (fetched.includes(attribute) && isOffsite(url))
      problems.push(`${shown} ${attribute} loads ${url} from another site; the CSP blocks it: ship the file with the site`);
  }
  if (name === "form" && isOffsite(attribs.action ?? "")) problems.push(`<form> posts to another site (${attribs.action}); the CSP blocks it`);

  if (name === "script" && !("src" in attribs)) {
    const type = (attribs.type ?? "").trim().toLowerCase();
    if (!DATA_BLOCK_TYPES.has(type)) problems.push("inline <script>; the CSP blocks it: load the code from a file under assets/ with src");
    else if ((scriptText.get(tag) ?? "").includes("<"))
      problems.push(`<script type="${type}"> contains "<": escape it as \\u003c so no "</script>" can end the block early`);
  }
  if ((name === "a" || name === "area") && isOffsite(attribs.href ?? "") && "rel" in attribs) {
    const missing = EXTERNAL_REL.filter((word) => !relWords(tag).includes(word));
    if (missing.length > 0) problems.push(`${shown} to ${attribs.href} has rel="${attribs.rel}" without ${missing.join(" and ")}`);
  }
  return problems;
}

export function applyPagePolicy(html: string): PolicyResult {
  const tags: Tag[] = [];
  const scriptText = new Map<Tag, string>();
  walkMarkup(html, {
    tag: (tag) => tags.push(tag),
    text: (text, parent) => {
      if (parent?.name === "script") scriptText.set(parent, (scriptText.get(parent) ?? "") + text);
    },
  });

  const problems: string[] = [];
  const policies = tags.filter((t) => t.name === "meta" && (t.attribs["http-equiv"] ?? "").toLowerCase() === "content-security-policy");
  const firstGoverned = tags.findIndex((t) => GOVERNED.has(t.name));
  const [policy] = policies;
  if (!policy) problems.push("no Content-Security-Policy <meta>: pages must use a layout that extends base.njk");
  else {
    if (policies.length > 1) problems.push(`${policies.length} Content-Security-Policy <meta> elements; keep the one base.njk has`);
    const searches = tags.some((t) => t.name === "script" && (t.attribs.src ?? "").endsWith(routes.asset(SEARCH_SCRIPT)));
    const expected = searches ? SEARCH_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
    if (policy.attribs.content !== expected)
      problems.push(
        `Content-Security-Policy is "${policy.attribs.content}", not the site's policy for a page ${searches ? "that loads" : "without"} ${SEARCH_SCRIPT} (scripts/verify/csp.ts)`,
      );
    if (!policy.ancestors.includes("head")) problems.push("the Content-Security-Policy <meta> is outside <head>, where browsers ignore it");
    if (firstGoverned !== -1 && tags.indexOf(policy) > firstGoverned)
      problems.push(`the Content-Security-Policy <meta> comes after a <${tags[firstGoverned]?.name}> it should govern`);
  }
  for (const tag of tags) problems.push(...tagProblems(tag, scriptText));

  // Inserted after the tag name, last first so earlier offsets stay valid.
  const insertions = tags
    .filter((t) => (t.name === "a" || t.name === "area") && isOffsite(t.attribs.href ?? "") && !("rel" in t.attribs))
    .map((t) => t.start + 1 + t.name.length)
    .reverse();
  let out = html;
  for (const at of insertions) out = `${out.slice(0, at)} rel="${EXTERNAL_REL.join(" ")}"${out.slice(at)}`;
  return { html: out, problems: [...new Set(problems)] };
}
