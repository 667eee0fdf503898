/**
 * The network edge: Node's own `fetch`, one GET at a time, with a User-Agent that names the
 * project and a time limit on the whole exchange (the body included). Failures to get any answer
 * become retryable FetchErrors that say what happened.
 */
import type { Transport } from "./fetch-days.js";
import { FetchError, type HttpAnswer } from "./response.js";

export const TIMEOUT_MS = 30_000;

function why(error: unknown, timeoutMs: number): string {
  const name = (error as Error).name;
  if (name === "TimeoutError" || name === "AbortError") return `no complete answer within ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? (error as Error).message;
  if (/terminated|closed|UND_ERR_SOCKET|ECONNRESET/i.test(String(detail)) || /terminated/i.test((error as Error).message)) {
    return `the connection closed before the body was complete (${detail})`;
  }
  return `no answer (${detail})`;
}

export function nodeTransport(options: { userAgent: string; timeoutMs?: number }): Transport {
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  return {
    async get(url: string): Promise<HttpAnswer> {
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const response = await fetch(url, { headers: { "user-agent": options.userAgent, accept: "application/json" }, signal });
        const body = new Uint8Array(await response.arrayBuffer());
        return { url: response.url || url, status: response.status, headers: response.headers, body };
      } catch (error) {
        throw new FetchError(`${url}: ${why(error, timeoutMs)}`, true);
      }
    },
  };
}
