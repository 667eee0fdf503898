/**
 * The Content-Security-Policy every page carries, as a `<meta>` (GitHub Pages sets no headers).
 * Pagefind is the only reason for anything beyond 'self': it compiles WebAssembly
 * ('wasm-unsafe-eval', which allows WebAssembly compilation and nothing of JavaScript's eval) and
 * searches in a worker it starts from its own `pagefind-worker.js`. A `<meta>` policy cannot set
 * `frame-ancestors`, `report-uri` or `sandbox`; browsers ignore them there. Styles, fetches and
 * the worker fall back to default-src 'self' (worker-src via child-src and script-src, CSP Level 3),
 * so naming them again only added bytes to every page.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "img-src 'self' data:",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");
