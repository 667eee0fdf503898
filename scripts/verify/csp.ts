/**
 * The Content-Security-Policy every page carries, as a `<meta>` (GitHub Pages sets no headers).
 * A `<meta>` policy cannot set `frame-ancestors`, `report-uri` or `sandbox`; browsers ignore them
 * there. Scripts, styles, images, fetches and workers fall back to default-src 'self' (worker-src
 * via child-src and script-src, CSP Level 3), so naming them again would only add bytes to every
 * page; no page or stylesheet uses a `data:` image (the page policy refuses `data:` URLs).
 */
const DIRECTIVES = ["default-src 'self'", "base-uri 'self'", "form-action 'self'", "object-src 'none'"];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.join("; ");

/**
 * The search page's, the only page that runs Pagefind: it compiles WebAssembly ('wasm-unsafe-eval',
 * which allows WebAssembly compilation and nothing of JavaScript's eval). Every other page goes
 * without it: 41 bytes less on each of 100,000 paper pages (issue 17).
 */
export const SEARCH_CONTENT_SECURITY_POLICY = [DIRECTIVES[0], "script-src 'self' 'wasm-unsafe-eval'", ...DIRECTIVES.slice(1)].join("; ");

/** The search page's module (layouts/base.njk): the page that loads it needs the search policy, and no other page may have it. */
export const SEARCH_SCRIPT = "search.js";
