/**
 * A stand-in for the daily papers API on 127.0.0.1 and a random port. Each request goes to a
 * handler that says what to answer, down to a body cut short or no answer at all; every request
 * is recorded with its headers.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Socket } from "node:net";

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Send only this many bytes of the body, then drop the connection (Content-Length says the whole). */
  cutAfter?: number;
  /** Never answer. */
  hang?: boolean;
}

export interface ApiRequest {
  url: URL;
  headers: IncomingHttpHeaders;
}

export type Handler = (url: URL, request: ApiRequest, index: number) => Reply;

export interface ApiServer {
  /** The endpoint, for HF_API_URL. */
  url: string;
  requests: ApiRequest[];
  close(): Promise<void>;
}

function send(response: ServerResponse, reply: Reply): void {
  const body = typeof reply.body === "string" ? Buffer.from(reply.body, "utf8") : Buffer.from(reply.body ?? new Uint8Array());
  response.writeHead(reply.status ?? 200, { "content-type": "application/json; charset=utf-8", "content-length": String(body.length), ...reply.headers });
  if (reply.cutAfter === undefined) {
    response.end(body);
    return;
  }
  response.write(body.subarray(0, reply.cutAfter), () => response.socket?.destroy());
}

export async function serveApi(handler: Handler): Promise<ApiServer> {
  const requests: ApiRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const recorded = { url, headers: request.headers };
    requests.push(recorded);
    const reply = handler(url, recorded, requests.length - 1);
    if (!reply.hang) send(response, reply);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/daily_papers`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

const FIXTURES = new URL("../fixtures/hf-api/", import.meta.url);

export function recorded(name: string): Buffer {
  return readFileSync(new URL(name, FIXTURES));
}

/** The pages of a recorded paged day (`<day>.p0.json`, `p1`, …). */
export function recordedPages(day: string): Buffer[] {
  const pages: Buffer[] = [];
  for (let n = 0; ; n++) {
    try {
      pages.push(recorded(`${day}.p${n}.json`));
    } catch {
      return pages;
    }
  }
}

/**
 * The recorded days as the API serves them: a day's one file, or its pages by `p` with a
 * `Link: rel="next"` header when `links` is set; a day with no recording is a day without papers.
 */
export function recordedDays(options: { links?: boolean } = {}): Handler {
  return (url) => {
    const day = url.searchParams.get("date") ?? "";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return { status: 400, body: '{"error":"Invalid date"}' };
    const pages = recordedPages(day);
    if (pages.length === 0) {
      try {
        return { body: recorded(`${day}.json`) };
      } catch {
        return { body: "[]" };
      }
    }
    const p = Number(url.searchParams.get("p") ?? "0");
    const next = new URL(url);
    next.searchParams.set("p", String(p + 1));
    const link = options.links && p + 1 < pages.length ? { link: `<${next.pathname}${next.search}>; rel="next"` } : undefined;
    return { body: pages[p] ?? "[]", ...(link ? { headers: link } : {}) };
  };
}
