/**
 * When to ask again. 429 and 5xx answers, timeouts and dropped connections are retried, up to three
 * attempts in all; the wait doubles from one second unless the server sends `Retry-After`, which is
 * honoured as long as it asks for no more than a minute (a longer wait gives the day up instead of
 * stalling the run).
 */
export interface RetryPolicy {
  attempts: number;
  firstDelayMs: number;
  /** The longest `Retry-After` waited for. */
  maxRetryAfterMs: number;
}

export const RETRY_POLICY: RetryPolicy = { attempts: 3, firstDelayMs: 1000, maxRetryAfterMs: 60_000 };

export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** `Retry-After` as milliseconds from `nowMs`: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date names its day and month; Date.parse alone would take "-5" for a year.
  const at = /[a-z]{3}/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

export type RetryDecision = { retry: true; waitMs: number } | { retry: false; why: string };

/** What to do after failed attempt number `attempt` (from 1). */
export function retryDecision(attempt: number, retryAfter: number | undefined, policy: RetryPolicy = RETRY_POLICY): RetryDecision {
  if (attempt >= policy.attempts) return { retry: false, why: `${attempt} attempts` };
  if (retryAfter !== undefined) {
    if (retryAfter > policy.maxRetryAfterMs)
      return { retry: false, why: `the server asked to wait ${Math.ceil(retryAfter / 1000)} s (Retry-After), more than ${policy.maxRetryAfterMs / 1000} s` };
    return { retry: true, waitMs: retryAfter };
  }
  return { retry: true, waitMs: policy.firstDelayMs * 2 ** (attempt - 1) };
}
