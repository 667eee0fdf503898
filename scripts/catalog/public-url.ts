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
