/**
 * Where a page is published. With `SITE_URL` (the deploy sets it) every URL that leaves the HTML
 * (feeds, sitemap, exports, canonical links, Open Graph, JSON-LD) is absolute; a local build without
 * it gets root-relative URLs carrying the path prefix, which work wherever that build is served.
 */

export interface PublicUrlContext {
  /** `SITE_URL` without a trailing slash, or empty. */
  siteUrl: string;
  /** Eleventy's path prefix: `/`, `/repo` or `/repo/`. */
  pathPrefix: string;
}

/** `/repo`, `repo/`, `/` → `/repo/`, `/`. */
function normalisedPrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}

/** A site path (`/papers/x/`, as the catalog gives it) as readers outside the HTML reach it. */
export function publicUrl(sitePath: string, context: PublicUrlContext): string {
  const prefixed = normalisedPrefix(context.pathPrefix) + sitePath.replace(/^\/+/, "");
  // SITE_URL may carry the prefix itself (configure-pages gives https://owner.github.io/repo): keep its origin only.
  return context.siteUrl ? new URL(prefixed, context.siteUrl).href : prefixed;
}

/** The absolute URL of a page, to cite; undefined when the site has no address of its own (no SITE_URL). */
export function citableUrl(sitePath: string, context: PublicUrlContext): string | undefined {
  return context.siteUrl ? publicUrl(sitePath, context) : undefined;
}

/**
 * A permanent identifier for a feed entry or a feed: its absolute URL when the site has one; a tag
 * URI minted by `localhost` otherwise (Atom ids must be absolute IRIs, and a local build has no
 * address of its own).
 */
export function publicId(sitePath: string, context: PublicUrlContext): string {
  return context.siteUrl ? publicUrl(sitePath, context) : `tag:localhost,2026:${sitePath}`;
}

/**
 * A link in the page at `pageUrl` to `href`, a path under the prefix (`/repo/papers/x/`): relative
 * to the page when that is shorter (`../x/`), as it is for most links under a project site's
 * prefix; as it was otherwise. A page served at other addresses than its own (404.html, at any
 * missing one) keeps every link as it was, and so does a path that would read as a scheme.
 */
export function shorterLink(href: string, pageUrl: string, pathPrefix: string): string {
  const prefix = normalisedPrefix(pathPrefix);
  if (!href.startsWith(prefix) || !pageUrl.endsWith("/")) return href;
  const cut = href.search(/[?#]/);
  const [target, rest] = cut < 0 ? [href, ""] : [href.slice(0, cut), href.slice(cut)];
  const from = pageUrl.split("/").slice(1, -1);
  const to = target.slice(prefix.length).split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const relative = "../".repeat(from.length - common) + to.slice(common).join("/");
  const link = (relative || "./") + rest;
  if (/^[^/]*:/.test(link)) return href;
  return link.length < href.length ? link : href;
}
