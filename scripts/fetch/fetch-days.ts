/**
 * One fetch run: each day in turn, each page of a day in turn, one request at a time. The network
 * (`Transport`), the files (`DayStore`), the clock and waiting are handed in, so that the rules
 * (paging, retries, the request limit, what a day's file becomes) run the same in tests as in CI.
 */
import { type Change, compareDay } from "./change.js";
import { checkNewPapers, joinPages, nextPageUrl } from "./paging.js";
import { describeAnswer, errorInBody, FetchError, type HttpAnswer, idsOfSavedDay, readPage } from "./response.js";
import { isRetryableStatus, RETRY_POLICY, retryAfterMs, retryDecision, type RetryPolicy } from "./retry.js";
import { pageUrl, PAGE_SIZE } from "./api.js";

export interface Transport {
  /** One GET; throws a retryable FetchError when no answer came (refused, dropped, timed out). */
  get(url: string): Promise<HttpAnswer>;
}

export interface DayStore {
  /** Where the day's file lives, for messages. */
  path(day: string): string;
  read(day: string): Uint8Array | undefined;
  write(day: string, bytes: Uint8Array): void;
}

export interface FetchRun {
  base: string;
  days: readonly string[];
  maxRequests: number;
  pageSize?: number;
  transport: Transport;
  store: DayStore;
  sleep(ms: number): Promise<void>;
  /** Epoch milliseconds, for `Retry-After` dates. */
  now(): number;
  policy?: RetryPolicy;
  /** Retries and waits, as they happen. */
  log?(line: string): void;
  /** Each day's result, as soon as the day is done. */
  onDay?(result: DayResult): void;
}

export type DayOutcome = Change["kind"] | "empty" | "failed" | "not-fetched";

export interface DayResult {
  day: string;
  outcome: DayOutcome;
  file: string;
  papers: number;
  requests: number;
  /** Papers the saved file lists that the answer lacks (outcome `kept`). */
  missing?: string[];
  /** Why the day failed or was not fetched. */
  reason?: string;
}

/** The run has made as many requests as it may. */
class RequestLimit extends FetchError {}

export async function fetchDays(run: FetchRun): Promise<DayResult[]> {
  const policy = run.policy ?? RETRY_POLICY;
  const limit = run.pageSize ?? PAGE_SIZE;
  let used = 0;

  /** The answer to `url`, retried as the policy says; a 2xx answer, or a FetchError. */
  async function get(url: string, day: string): Promise<HttpAnswer> {
    for (let attempt = 1; ; attempt++) {
      if (used >= run.maxRequests) throw new RequestLimit(`${url}: not asked`);
      used++;
      let failure: string;
      let retryAfter: number | undefined;
      try {
        const answer = await run.transport.get(url);
        if (answer.status >= 200 && answer.status <= 299) return answer;
        if (!isRetryableStatus(answer.status)) throw new FetchError(`${describeAnswer(answer)}${errorInBody(answer.body)}`);
        failure = describeAnswer(answer);
        retryAfter = retryAfterMs(answer.headers.get("retry-after"), run.now());
      } catch (error) {
        if (!(error instanceof FetchError) || !error.retryable) throw error;
        failure = error.message;
      }
      const decision = retryDecision(attempt, retryAfter, policy);
      if (!decision.retry) throw new FetchError(`${failure}; gave up after ${decision.why}`);
      run.log?.(
        `${day}: ${failure}; asking again in ${(decision.waitMs / 1000).toFixed(decision.waitMs % 1000 === 0 ? 0 : 1)} s (attempt ${attempt + 1} of ${policy.attempts})`,
      );
      await run.sleep(decision.waitMs);
    }
  }

  async function fetchDay(day: string): Promise<Omit<DayResult, "day" | "file" | "requests">> {
    const texts: string[] = [];
    const seen = new Set<string>();
    const asked = new Set<string>();
    let url: string | undefined = pageUrl(run.base, day, 0, limit);
    for (let page = 0; url !== undefined; page++) {
      asked.add(url);
      const answer = await get(url, day);
      const read = readPage(answer);
      checkNewPapers(read, seen, answer.url);
      for (const id of read.ids) seen.add(id);
      texts.push(read.text);
      url = nextPageUrl({ base: run.base, day, page, url: answer.url, link: answer.headers.get("link"), papers: read.ids.length, limit });
      if (url !== undefined && asked.has(url)) throw new FetchError(`${answer.url}: its next page is a page already read (${url})`);
    }
    if (seen.size === 0) return { outcome: "empty", papers: 0 };
    const bytes = Buffer.from(joinPages(texts), "utf8");
    const savedBytes = run.store.read(day);
    const change = compareDay(savedBytes && { bytes: savedBytes, ids: idsOfSavedDay(savedBytes) }, { bytes, ids: [...seen] });
    if (change.kind === "new" || change.kind === "replaced") run.store.write(day, bytes);
    return { outcome: change.kind, papers: seen.size, ...(change.kind === "kept" ? { missing: change.missing } : {}) };
  }

  const results: DayResult[] = [];
  let stopped: string | undefined;
  for (const day of run.days) {
    const file = run.store.path(day);
    if (stopped !== undefined) {
      results.push({ day, file, outcome: "not-fetched", papers: 0, requests: 0, reason: stopped });
      run.onDay?.(results.at(-1)!);
      continue;
    }
    const before = used;
    try {
      const fetched = await fetchDay(day);
      results.push({ day, file, requests: used - before, ...fetched });
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
      if (error instanceof RequestLimit) stopped = `the run reached its limit of ${run.maxRequests} requests`;
      results.push({
        day,
        file,
        outcome: stopped === undefined ? "failed" : "not-fetched",
        papers: 0,
        requests: used - before,
        reason: stopped ?? error.message,
      });
    }
    run.onDay?.(results.at(-1)!);
  }
  return results;
}
