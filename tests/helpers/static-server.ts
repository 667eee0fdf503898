/**
 * A tiny static file server for built sites, on loopback and a random port, optionally under a path
 * prefix (as GitHub Pages serves a project site). Unknown paths get `404.html` with status 404.
 */
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  // As GitHub Pages serves them, for feeds, exports and images other pages may add.
  ".xml": "application/xml",
  ".atom": "application/atom+xml",
  ".rss": "application/rss+xml",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

export interface StaticServer {
  /** Base URL including the prefix, ending in `/`. */
  url: string;
  close(): Promise<void>;
}

async function fileFor(root: string, urlPath: string): Promise<string | undefined> {
  const file = path.join(root, decodeURIComponent(urlPath));
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  if (info?.isFile()) return file;
  if (info?.isDirectory()) {
    const index = path.join(file, "index.html");
    if (await stat(index).catch(() => undefined)) return index;
  }
  return undefined;
}

export async function serveStatic(dir: string, prefix = "/"): Promise<StaticServer> {
  const root = path.resolve(dir);
  const server = createServer((request, response) => {
    void (async () => {
      const { pathname } = new URL(request.url ?? "/", "http://localhost");
      const file = pathname.startsWith(prefix) ? await fileFor(root, pathname.slice(prefix.length - 1)) : undefined;
      const served = file ?? path.join(root, "404.html");
      const body = await readFile(served).catch(() => Buffer.from("not found"));
      response.writeHead(file ? 200 : 404, { "content-type": TYPES[path.extname(served)] ?? "application/octet-stream" });
      response.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
