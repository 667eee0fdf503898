/**
 * A browser page that notices everything a clean page of ours never does: a Content-Security-Policy
 * violation, a console error or warning, an uncaught exception, a dialog, a request that failed or
 * that went anywhere but to a file of the served site. Problems pile up until `take()` collects them.
 */
import type { Browser, BrowserContextOptions, Page } from "playwright-core";

export interface WatchOptions {
  /** The served site's base URL, with its path prefix, ending in `/`. */
  base: string;
  /** The site's files as `/`-separated paths relative to its folder: the only things a page may fetch. */
  files: ReadonlySet<string>;
  /** Scripts to run in every document before its own (hooks a test wants). */
  initScripts?: string[];
  context?: BrowserContextOptions;
}

export interface WatchedPage {
  page: Page;
  /** Every request made, as a URL. */
  requests: string[];
  /** Problems since the last call. */
  take(): Promise<string[]>;
  close(): Promise<void>;
}

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** Records violations in the page, from before its first script runs. */
function recordViolations(): void {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations?.push(
      `${event.effectiveDirective} blocked ${event.blockedURI || "inline code"} in ${event.sourceFile || event.documentURI}:${event.lineNumber}`,
    );
  });
}

/** The site file a URL asks for, or undefined when it is not one. */
function siteFile(url: string, base: string, files: ReadonlySet<string>): string | undefined {
  if (!url.startsWith(base)) return undefined;
  const rest = decodeURIComponent(new URL(url).pathname.slice(new URL(base).pathname.length));
  const file = rest === "" || rest.endsWith("/") ? `${rest}index.html` : rest;
  return files.has(file) ? file : undefined;
}

export async function watchPage(browser: Browser, options: WatchOptions): Promise<WatchedPage> {
  const context = await browser.newContext(options.context);
  await context.addInitScript(recordViolations);
  for (const script of options.initScripts ?? []) await context.addInitScript(script);
  const page = await context.newPage();
  let problems: string[] = [];
  const requests: string[] = [];
  const note = (problem: string) => problems.push(problem);

  // The test machine has no network, so a request elsewhere fails by itself; it is noted here.
  context.on("request", (request) => {
    const url = request.url();
    requests.push(url);
    if (!url.startsWith(options.base)) note(`request elsewhere: ${url}`);
    else if (!siteFile(url, options.base, options.files)) note(`request for a file the site does not have: ${url}`);
  });
  context.on("requestfailed", (request) => {
    const reason = request.failure()?.errorText ?? "?";
    // ERR_ABORTED is a load cut short by the next navigation (a late favicon, a search worker).
    if (request.url().startsWith(options.base) && reason !== "net::ERR_ABORTED") note(`request failed: ${request.url()} (${reason})`);
  });
  context.on("response", (response) => {
    if (response.status() >= 400) note(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on("console", (message) => {
    if (message.type() !== "error" && message.type() !== "warning") return;
    // The location names the resource for "Failed to load resource", which says no more itself.
    const resource = message.location().url;
    // Shown a feed or JSON file, which can name no icon, Chromium asks the server root for
    // /favicon.ico by itself; pages name theirs, so on a page this is still a problem.
    if (new URL(resource, "http://x/").pathname === "/favicon.ico" && !/(\/|\.html)$/.test(new URL(page.url()).pathname)) return;
    note(`console ${message.type()}: ${message.text()} (${resource})`);
  });
  page.on("pageerror", (error) => note(`uncaught: ${error.message}`));
  page.on("dialog", (dialog) => {
    note(`dialog (${dialog.type()}): ${dialog.message()}`);
    void dialog.dismiss();
  });

  return {
    page,
    requests,
    async take() {
      const violations = await page.evaluate(() => window.__cspViolations?.splice(0) ?? []).catch(() => []);
      const taken = [...problems, ...violations.map((v) => `CSP violation: ${v}`)];
      problems = [];
      return taken;
    },
    close: () => context.close(),
  };
}
