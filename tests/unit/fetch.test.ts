/**
 * npm run fetch, its rules one by one (days, URLs, answers, paging, retries, what a day's file
 * becomes) and then whole runs through Node's fetch against recorded answers served on 127.0.0.1,
 * with waiting recorded instead of done. The command itself: fetch-cli.test.ts; killed runs:
 * fetch-interrupted.test.ts.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { apiUrl, DEFAULT_API_URL, pageUrl } from "../../scripts/fetch/api.js";
import { compareDay } from "../../scripts/fetch/change.js";
import { daysToFetch } from "../../scripts/fetch/days.js";
import { type DayResult, fetchDays, type FetchRun } from "../../scripts/fetch/fetch-days.js";
import { checkNewPapers, joinPages, nextLink, nextPageUrl } from "../../scripts/fetch/paging.js";
import { annotations, closingLines, dayLine, summaryMarkdown } from "../../scripts/fetch/report.js";
import { FetchError, type HttpAnswer, readPage } from "../../scripts/fetch/response.js";
import { retryAfterMs, retryDecision } from "../../scripts/fetch/retry.js";
import { folderStore } from "../../scripts/fetch/store.js";
import { nodeTransport } from "../../scripts/fetch/transport.js";
import { type ApiServer, type Handler, recorded, recordedDays, recordedPages, serveApi } from "../helpers/api-server.js";

const answer = (body: string | Uint8Array, options: { status?: number; type?: string; url?: string } = {}): HttpAnswer => ({
  url: options.url ?? "http://127.0.0.1/api/daily_papers?date=2024-05-29",
  status: options.status ?? 200,
  headers: new Headers({ "content-type": options.type ?? "application/json; charset=utf-8" }),
  body: typeof body === "string" ? Buffer.from(body) : body,
});

const refusal = (body: string | Uint8Array, type?: string): string => {
  try {
    readPage(answer(body, type === undefined ? {} : { type }));
  } catch (error) {
    expect(error).toBeInstanceOf(FetchError);
    return (error as Error).message;
  }
  throw new Error("accepted");
};

const PAPER = (id: string) => ({ paper: { id, title: `Paper ${id}` }, title: `Paper ${id}` });

describe("the days asked for", () => {
  it("are yesterday and today in UTC by default, whatever the hour", () => {
    expect(daysToFetch({}, new Date("2024-06-01T00:00:00Z"))).toEqual(["2024-05-31", "2024-06-01"]);
    expect(daysToFetch({}, new Date("2024-06-01T23:59:59.999Z"))).toEqual(["2024-05-31", "2024-06-01"]);
    expect(daysToFetch({}, new Date("2025-01-01T06:00:00+09:00"))).toEqual(["2024-12-30", "2024-12-31"]);
    expect(daysToFetch({}, new Date("2024-03-01T12:00:00Z"))).toEqual(["2024-02-29", "2024-03-01"]);
  });

  it("are one day with --date, and every day from --since through today, oldest first", () => {
    const now = new Date("2024-03-02T10:00:00Z");
    expect(daysToFetch({ date: "2024-02-29" }, now)).toEqual(["2024-02-29"]);
    expect(daysToFetch({ since: "2024-02-27" }, now)).toEqual(["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01", "2024-03-02"]);
    expect(daysToFetch({ since: "2024-03-02" }, now)).toEqual(["2024-03-02"]);
    expect(daysToFetch({ since: "2023-01-01" }, now)).toHaveLength(366 + 31 + 29 + 1);
  });

  it("refuse impossible and future dates and --date with --since", () => {
    const now = new Date("2024-03-02T10:00:00Z");
    expect(() => daysToFetch({ date: "2023-02-29" }, now)).toThrow('--date "2023-02-29": expected a real date as YYYY-MM-DD');
    expect(() => daysToFetch({ date: "2024-3-1" }, now)).toThrow("expected a real date");
    expect(() => daysToFetch({ since: "2024-03-03" }, now)).toThrow("--since 2024-03-03 is after today (2024-03-02, UTC)");
    expect(() => daysToFetch({ date: "2024-03-01", since: "2024-03-01" }, now)).toThrow("--date and --since cannot be combined");
  });
});

describe("the URLs", () => {
  it("ask for a day's page with date, p (after the first) and limit", () => {
    expect(pageUrl(DEFAULT_API_URL, "2024-05-29", 0)).toBe("https://huggingface.co/api/daily_papers?date=2024-05-29&limit=100");
    expect(pageUrl(DEFAULT_API_URL, "2024-05-29", 2, 50)).toBe("https://huggingface.co/api/daily_papers?date=2024-05-29&p=2&limit=50");
    expect(pageUrl("http://127.0.0.1:9/x/api?token=a%20b", "2024-05-29", 1)).toBe("http://127.0.0.1:9/x/api?token=a+b&date=2024-05-29&p=1&limit=100");
  });

  it("start from HF_API_URL when it is set, and refuse one that is not an http(s) URL", () => {
    expect(apiUrl(undefined)).toBe(DEFAULT_API_URL);
    expect(apiUrl("")).toBe(DEFAULT_API_URL);
    expect(apiUrl("http://127.0.0.1:8080/api/daily_papers")).toBe("http://127.0.0.1:8080/api/daily_papers");
    expect(() => apiUrl("huggingface.co/api")).toThrow('HF_API_URL "huggingface.co/api" is not a URL');
    expect(() => apiUrl("file:///etc/passwd")).toThrow("expected an http(s) URL");
  });
});

describe("an answer", () => {
  it("is kept when it is a list of papers: the recorded day, a day without papers", () => {
    const page = readPage(answer(recorded("2024-05-29.json")));
    expect(page.ids).toHaveLength(8);
    expect(page.ids[0]).toBe("2405.18407");
    expect(page.text).toBe(recorded("2024-05-29.json").toString("utf8"));
    expect(readPage(answer(recorded("2024-05-30.json"))).ids).toEqual(["2405.19001", "2405.19002", "2405.19003"]);
    expect(readPage(answer(" [ ]\n")).ids).toEqual([]);
  });

  it("is refused, naming the URL and the status, when it is not one", () => {
    const url = "http://127.0.0.1/api/daily_papers?date=2024-05-29: HTTP 200";
    expect(refusal("")).toBe(`${url} (application/json): an empty body`);
    expect(refusal(" \n")).toContain("an empty body");
    expect(refusal("<!DOCTYPE html><title>503</title>", "text/html")).toBe(`${url} (text/html): an HTML page, not JSON`);
    expect(refusal("\n<html><body>Bad gateway</body></html>")).toContain("an HTML page, not JSON");
    expect(refusal('[{"paper":{"id":"1"}}]', "text/html; charset=utf-8")).toContain("an HTML page");
    expect(refusal("Service unavailable")).toMatch(/: not JSON \(Unexpected token/);
    expect(refusal(Buffer.from([0x5b, 0xff, 0x5d]))).toContain("not UTF-8 text");
    expect(refusal('{"error":"Invalid date"}')).toContain('not a list of papers but a JSON object: "Invalid date"');
    expect(refusal("null")).toContain("not a list of papers but null");
    expect(refusal('"papers"')).toContain("not a list of papers but a JSON string");
    expect(refusal('[{"paper":{"id":"2405.1","title":"A"}}, 3]')).toContain("not a list of papers: item 1 is a JSON number, not a paper");
    expect(refusal('[{"title":"A"}]')).toContain("item 0 has no paper object");
    expect(refusal('[{"paper":{"id":"","title":"A"}}]')).toContain("item 0 has no paper.id");
    expect(refusal('[{"paper":{"id":"2405.1"}}]')).toContain("item 0 has no title");
    expect(refusal("\uFEFF[]")).toContain("not JSON");
  });

  it("is refused as truncated wherever it is cut", () => {
    const whole = recorded("2024-05-30.json");
    for (const cut of [1, 2, 10, 100, 1000, whole.length - 2, whole.length - 1]) {
      expect(refusal(whole.subarray(0, cut)), `cut at ${cut}`).toMatch(/a truncated body \(\d+ bytes: the JSON ends early\)|not UTF-8/);
    }
    expect(refusal(whole.subarray(0, 100))).toContain("a truncated body (100 bytes: the JSON ends early)");
  });
});

describe("paging", () => {
  const step = {
    base: "http://127.0.0.1:9/api/daily_papers",
    day: "2024-05-31",
    page: 0,
    url: "http://127.0.0.1:9/api/daily_papers?date=2024-05-31&limit=2",
    papers: 2,
    limit: 2,
  };

  it("reads the next page from a Link header", () => {
    expect(nextLink('<https://huggingface.co/api/daily_papers?date=2024-05-31&p=1>; rel="next"', step.url)).toBe(
      "https://huggingface.co/api/daily_papers?date=2024-05-31&p=1",
    );
    expect(nextLink('</api/daily_papers?p=0>; rel="prev first", </api/daily_papers?p=2>; title="x"; rel="next last"', step.url)).toBe(
      "http://127.0.0.1:9/api/daily_papers?p=2",
    );
    expect(nextLink("<?p=3>;rel=next", step.url)).toBe("http://127.0.0.1:9/api/daily_papers?p=3");
    expect(nextLink('</a>; rel="prev"', step.url)).toBeUndefined();
    expect(nextLink(null, step.url)).toBeUndefined();
  });

  it("asks for the next page after a full one, and stops after one with fewer papers than asked for", () => {
    expect(nextPageUrl({ ...step, link: null })).toBe("http://127.0.0.1:9/api/daily_papers?date=2024-05-31&p=1&limit=2");
    expect(nextPageUrl({ ...step, page: 1, link: null })).toBe("http://127.0.0.1:9/api/daily_papers?date=2024-05-31&p=2&limit=2");
    expect(nextPageUrl({ ...step, papers: 1, link: null })).toBeUndefined();
    expect(nextPageUrl({ ...step, papers: 0, link: null })).toBeUndefined();
  });

  it("follows a Link header instead of counting when the API sends one, and never to another site", () => {
    expect(nextPageUrl({ ...step, papers: 1, link: '</api/daily_papers?date=2024-05-31&p=1>; rel="next"' })).toBe(
      "http://127.0.0.1:9/api/daily_papers?date=2024-05-31&p=1",
    );
    expect(nextPageUrl({ ...step, papers: 2, link: '</api/daily_papers?p=0>; rel="prev"' })).toBeUndefined();
    expect(() => nextPageUrl({ ...step, link: '<https://example.com/steal>; rel="next"' })).toThrow(
      "its Link header points to another site (https://example.com/steal); not followed",
    );
  });

  it("refuses a page that repeats the day's papers", () => {
    expect(() => checkNewPapers({ text: "", ids: ["a", "b"] }, new Set(["b"]), "u")).toThrow(
      "u: the page repeats 1 paper(s) of the day's earlier pages (b); paging did not advance",
    );
    expect(() => checkNewPapers({ text: "", ids: ["c"] }, new Set(["b"]), "u")).not.toThrow();
  });

  it("joins a day's pages into one list that keeps every item's bytes; one page stays as it is", () => {
    const pages = recordedPages("2024-05-31").map((page) => page.toString("utf8"));
    const joined = joinPages(pages);
    expect(JSON.parse(joined)).toEqual(pages.flatMap((page) => JSON.parse(page) as unknown[]));
    for (const page of pages) expect(joined).toContain(page.slice(1, -1));
    expect(joinPages([pages[0]!])).toBe(pages[0]);
    const pretty = recorded("2024-05-29.json").toString("utf8");
    expect(joinPages([pretty, "[]"])).toBe(pretty);
    expect(joinPages([pretty, '[\n  {"paper": {"id": "x", "title": "X"}}\n]\n'])).toBe(
      `${pretty.slice(0, pretty.lastIndexOf("]"))},\n  {"paper": {"id": "x", "title": "X"}}\n${pretty.slice(pretty.lastIndexOf("]"))}`,
    );
    expect(joinPages(["[]", "[]"])).toBe("[]");
  });
});

describe("retries", () => {
  it("read Retry-After as seconds or as a date", () => {
    const now = Date.parse("2024-05-29T10:00:00Z");
    expect(retryAfterMs("7", now)).toBe(7000);
    expect(retryAfterMs(" 0 ", now)).toBe(0);
    expect(retryAfterMs("Wed, 29 May 2024 10:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("Wed, 29 May 2024 09:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs("soon", now)).toBeUndefined();
    expect(retryAfterMs("-5", now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it("wait 1 s then 2 s, honour Retry-After up to a minute, and give up after three attempts", () => {
    expect([1, 2].map((attempt) => retryDecision(attempt, undefined))).toEqual([
      { retry: true, waitMs: 1000 },
      { retry: true, waitMs: 2000 },
    ]);
    expect(retryDecision(3, undefined)).toEqual({ retry: false, why: "3 attempts" });
    expect(retryDecision(1, 45_000)).toEqual({ retry: true, waitMs: 45_000 });
    expect(retryDecision(1, 0)).toEqual({ retry: true, waitMs: 0 });
    expect(retryDecision(1, 3_600_000)).toEqual({ retry: false, why: "the server asked to wait 3600 s (Retry-After), more than 60 s" });
  });
});

describe("a day's file", () => {
  const bytes = (text: string) => Buffer.from(text);
  it("is written when new, left alone when the answer is the same, replaced when it changed", () => {
    expect(compareDay(undefined, { bytes: bytes("[a]"), ids: ["a"] })).toEqual({ kind: "new" });
    expect(compareDay({ bytes: bytes("[a]"), ids: ["a"] }, { bytes: bytes("[a]"), ids: ["a"] })).toEqual({ kind: "unchanged" });
    expect(compareDay({ bytes: bytes("[a1]"), ids: ["a"] }, { bytes: bytes("[a2]"), ids: ["a"] })).toEqual({ kind: "replaced" });
    expect(compareDay({ bytes: bytes("[a]"), ids: ["a"] }, { bytes: bytes("[a,b]"), ids: ["a", "b"] })).toEqual({ kind: "replaced" });
    expect(compareDay({ bytes: bytes("damaged"), ids: undefined }, { bytes: bytes("[a]"), ids: ["a"] })).toEqual({ kind: "replaced" });
  });

  it("is kept when the answer lacks papers it lists", () => {
    expect(compareDay({ bytes: bytes("[a,b,c]"), ids: ["a", "b", "c"] }, { bytes: bytes("[b,d]"), ids: ["b", "d"] })).toEqual({
      kind: "kept",
      missing: ["a", "c"],
    });
  });
});

describe("what a run says", () => {
  const base = { file: "sources/2024-05-29.json", papers: 8, requests: 1 };
  const results: DayResult[] = [
    { ...base, day: "2024-05-29", outcome: "new" },
    { ...base, day: "2024-05-30", outcome: "unchanged", file: "sources/2024-05-30.json", papers: 3 },
    { ...base, day: "2024-06-01", outcome: "empty", file: "sources/2024-06-01.json", papers: 0 },
    { ...base, day: "2024-06-02", outcome: "failed", papers: 0, requests: 3, reason: "http://h/api?date=2024-06-02: HTTP 500; gave up after 3 attempts" },
    { ...base, day: "2024-06-03", outcome: "not-fetched", papers: 0, requests: 0, reason: "the run reached its limit of 4 requests" },
  ];

  it("is one line per day and a closing count that says how to go on", () => {
    expect(results.map(dayLine)).toEqual([
      "2024-05-29: 8 papers; wrote sources/2024-05-29.json (1 request)",
      "2024-05-30: 3 papers; sources/2024-05-30.json unchanged (1 request)",
      "2024-06-01: no papers that day; nothing written (1 request)",
      "error: 2024-06-02: http://h/api?date=2024-06-02: HTTP 500; gave up after 3 attempts",
      "error: 2024-06-03: not fetched: the run reached its limit of 4 requests; to go on: npm run fetch -- --since 2024-06-03",
    ]);
    expect(closingLines(results)).toEqual([
      "error: not fetched: 2024-06-03: the run reached its limit of 4 requests; to go on: npm run fetch -- --since 2024-06-03",
      "5 days: 1 new, 0 replaced, 1 unchanged, 1 without papers, 1 failed, 1 not fetched (6 requests)",
    ]);
    const left = (day: string): DayResult => ({ ...results[4]!, day });
    expect(closingLines([results[0]!, left("2024-06-04"), left("2024-06-05"), left("2024-06-06")])[0]).toBe(
      "error: not fetched: 2024-06-04 to 2024-06-06 (3 days): the run reached its limit of 4 requests; to go on: npm run fetch -- --since 2024-06-04",
    );
    expect(closingLines(results.slice(0, 3))).toEqual(["3 days: 1 new, 0 replaced, 1 unchanged, 1 without papers, 0 failed (3 requests)"]);
    expect(dayLine({ ...base, day: "2024-05-29", outcome: "kept", missing: ["2405.1", "2405.2"] })).toBe(
      "warning: 2024-05-29: the answer lacks 2 papers sources/2024-05-29.json lists (2405.1, 2405.2); kept the file as it was",
    );
  });

  it("annotates each failed day for GitHub, and sums the run up in the job summary", () => {
    expect(annotations(results)).toEqual([
      "::error title=Fetch failed%3A 2024-06-02::2024-06-02: http://h/api?date=2024-06-02: HTTP 500; gave up after 3 attempts",
      "::error title=Fetch stopped::not fetched: 2024-06-03: the run reached its limit of 4 requests; to go on: npm run fetch -- --since 2024-06-03",
    ]);
    const summary = summaryMarkdown(results);
    expect(summary.split("\n").slice(0, 5)).toEqual([
      "### Fetch failed for 2 days: 2024-06-02, 2024-06-03",
      "",
      "| day | result | papers | requests | detail |",
      "| --- | --- | --- | --- | --- |",
      "| 2024-05-29 | new | 8 | 1 | sources/2024-05-29.json |",
    ]);
    expect(summary).toContain("| 2024-06-02 | **failed** | 0 | 3 | http://h/api?date=2024-06-02: HTTP 500; gave up after 3 attempts |");
    expect(summary).not.toContain("| 2024-06-03 |");
    expect(summary).toContain("not fetched: 2024-06-03: the run reached its limit of 4 requests; to go on: npm run fetch -- --since 2024-06-03  \n");
    expect(summaryMarkdown(results.slice(0, 3))).toMatch(/^### Fetch: every day fetched\n/);
    expect(summaryMarkdown([{ ...results[3]!, reason: "a | b <script>" }])).toContain("| a \\| b &lt;script&gt; |");
  });
});

describe("a run against the API on 127.0.0.1", () => {
  let dir: string;
  let server: ApiServer | undefined;
  let waits: number[];
  let out: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "fetch-"));
    out = join(dir, "sources");
    waits = [];
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(handler: Handler, days: string[], options: Partial<FetchRun> & { timeoutMs?: number } = {}): Promise<DayResult[]> {
    server = await serveApi(handler);
    mkdirSync(out, { recursive: true });
    return fetchDays({
      base: server.url,
      days,
      maxRequests: 50,
      transport: nodeTransport({ userAgent: "paper-digest/test", timeoutMs: options.timeoutMs ?? 5000 }),
      store: folderStore(out),
      sleep: async (ms) => {
        waits.push(ms);
      },
      now: () => Date.parse("2024-06-01T12:00:00Z"),
      ...options,
    });
  }

  const file = (day: string) => readFileSync(join(out, `${day}.json`));
  const files = () => readdirSync(out).sort();

  it("fetches a day into its file, byte for byte as served, with a User-Agent and one request", async () => {
    const [result] = await run(recordedDays(), ["2024-05-29"]);
    expect(result).toEqual({ day: "2024-05-29", outcome: "new", file: join(out, "2024-05-29.json"), papers: 8, requests: 1 });
    expect(file("2024-05-29").equals(recorded("2024-05-29.json"))).toBe(true);
    expect(server!.requests.map((r) => r.url.search)).toEqual(["?date=2024-05-29&limit=100"]);
    expect(server!.requests[0]!.headers["user-agent"]).toBe("paper-digest/test");
    expect(server!.requests[0]!.headers.accept).toBe("application/json");
    expect(files()).toEqual(["2024-05-29.json"]);
  });

  it("fetches a paged day page by page with p and limit until a page is not full", async () => {
    const [result] = await run(recordedDays(), ["2024-05-31"], { pageSize: 2 });
    expect(server!.requests.map((r) => r.url.search)).toEqual(["?date=2024-05-31&limit=2", "?date=2024-05-31&p=1&limit=2", "?date=2024-05-31&p=2&limit=2"]);
    expect(result).toMatchObject({ outcome: "new", papers: 5, requests: 3 });
    const pages = recordedPages("2024-05-31").map((page) => page.toString("utf8"));
    expect(file("2024-05-31").toString("utf8")).toBe(joinPages(pages));
    expect((JSON.parse(file("2024-05-31").toString("utf8")) as { paper: { id: string } }[]).map((item) => item.paper.id)).toEqual([
      "2405.20001",
      "2405.20002",
      "2405.20003",
      "2405.20004",
      "2405.20005",
    ]);
  });

  it("fetches a paged day by following Link: rel=next", async () => {
    const [result] = await run(recordedDays({ links: true }), ["2024-05-31"]);
    expect(server!.requests.map((r) => r.url.search)).toEqual([
      "?date=2024-05-31&limit=100",
      "?date=2024-05-31&limit=100&p=1",
      "?date=2024-05-31&limit=100&p=2",
    ]);
    expect(result).toMatchObject({ outcome: "new", papers: 5, requests: 3 });
  });

  it("asks once more after a full last page, and the empty page adds nothing", async () => {
    const [result] = await run((url) => ({ body: url.searchParams.get("p") === "1" ? "[]" : recorded("2024-05-30.json") }), ["2024-05-30"], { pageSize: 3 });
    expect(result).toMatchObject({ outcome: "new", papers: 3, requests: 2 });
    expect(file("2024-05-30").equals(recorded("2024-05-30.json"))).toBe(true);
  });

  it("writes nothing for a day without papers, and says so", async () => {
    const results = await run(recordedDays(), ["2024-06-01"]);
    expect(results).toEqual([{ day: "2024-06-01", outcome: "empty", file: join(out, "2024-06-01.json"), papers: 0, requests: 1 }]);
    expect(files()).toEqual([]);
    expect(dayLine(results[0]!)).toBe("2024-06-01: no papers that day; nothing written (1 request)");
  });

  it("waits as Retry-After says after a 429, then fetches the day", async () => {
    const [result] = await run(
      (url, _r, i) => (i === 0 ? { status: 429, headers: { "retry-after": "7" }, body: '{"error":"Too many requests"}' } : recordedDays()(url, _r, i)),
      ["2024-05-29"],
    );
    expect(waits).toEqual([7000]);
    expect(result).toMatchObject({ outcome: "new", papers: 8, requests: 2 });
    expect(file("2024-05-29").equals(recorded("2024-05-29.json"))).toBe(true);
  });

  it("gives a day up after three 500s, with the URL and status, and goes on with the next day", async () => {
    const results = await run(
      (url, r, i) =>
        url.searchParams.get("date") === "2024-05-29"
          ? { status: 500, headers: { "content-type": "text/html" }, body: "<h1>Internal error</h1>" }
          : recordedDays()(url, r, i),
      ["2024-05-29", "2024-05-30"],
    );
    expect(waits).toEqual([1000, 2000]);
    expect(results[0]).toMatchObject({
      outcome: "failed",
      requests: 3,
      reason: `${server!.url}?date=2024-05-29&limit=100: HTTP 500 (text/html); gave up after 3 attempts`,
    });
    expect(results[1]).toMatchObject({ outcome: "new", papers: 3, requests: 1 });
    expect(files()).toEqual(["2024-05-30.json"]);
  });

  it("refuses an HTML page served instead of JSON, without asking again", async () => {
    const [result] = await run(
      () => ({ headers: { "content-type": "text/html; charset=utf-8" }, body: "<!doctype html><title>Hugging Face – Maintenance</title>" }),
      ["2024-05-29"],
    );
    expect(result).toMatchObject({
      outcome: "failed",
      requests: 1,
      reason: `${server!.url}?date=2024-05-29&limit=100: HTTP 200 (text/html): an HTML page, not JSON`,
    });
    expect(files()).toEqual([]);
  });

  it("refuses truncated JSON, whether served so or cut off by a dropped connection", async () => {
    const whole = recorded("2024-05-29.json");
    const [served] = await run(() => ({ body: whole.subarray(0, 20_000) }), ["2024-05-29"]);
    expect(served).toMatchObject({
      outcome: "failed",
      requests: 1,
      reason: `${server!.url}?date=2024-05-29&limit=100: HTTP 200 (application/json): a truncated body (20000 bytes: the JSON ends early)`,
    });
    await server!.close();
    const [dropped] = await run(() => ({ body: whole, cutAfter: 20_000 }), ["2024-05-29"]);
    expect(dropped).toMatchObject({ outcome: "failed", requests: 3 });
    expect(dropped!.reason).toMatch(
      new RegExp(
        `^${server!.url.replace(/[.?]/g, "\\$&")}\\?date=2024-05-29&limit=100: the connection closed before the body was complete .*; gave up after 3 attempts$`,
      ),
    );
    expect(files()).toEqual([]);
  });

  it("refuses an empty body, an error object and a list that is not of papers", async () => {
    const bodies = ["", '{"error":"Invalid date"}', '[{"paper":{"id":"2405.1","title":"A"}},{"id":"2405.2"}]'];
    const results = await run((_url, _r, i) => ({ body: bodies[i]! }), ["2024-05-29", "2024-05-30", "2024-05-31"]);
    expect(results.map((r) => [r.outcome, r.reason?.replace(/^.*?HTTP 200 \(application\/json\): /, "")])).toEqual([
      ["failed", "an empty body"],
      ["failed", 'not a list of papers but a JSON object: "Invalid date"'],
      ["failed", "not a list of papers: item 1 has no paper object"],
    ]);
    expect(files()).toEqual([]);
  });

  it("refuses a 404 at once, with the API's own error", async () => {
    const [result] = await run(() => ({ status: 404, body: '{"error":"Not found"}' }), ["2024-05-29"]);
    expect(result).toMatchObject({
      outcome: "failed",
      requests: 1,
      reason: `${server!.url}?date=2024-05-29&limit=100: HTTP 404 (application/json): "Not found"`,
    });
  });

  it("gives up on a server that never answers, after its time limit, three times", async () => {
    const [result] = await run(() => ({ hang: true }), ["2024-05-29"], { timeoutMs: 200 });
    expect(result).toMatchObject({
      outcome: "failed",
      requests: 3,
      reason: `${server!.url}?date=2024-05-29&limit=100: no complete answer within 0.2 s; gave up after 3 attempts`,
    });
  });

  it("refuses paging that does not advance", async () => {
    const [result] = await run(() => ({ body: recorded("2024-05-30.json") }), ["2024-05-30"], { pageSize: 3 });
    expect(result).toMatchObject({ outcome: "failed", requests: 2 });
    expect(result!.reason).toContain(
      "?date=2024-05-30&p=1&limit=3: the page repeats 3 paper(s) of the day's earlier pages (2405.19001); paging did not advance",
    );
    expect(files()).toEqual([]);
  });

  it("stops at the run's request limit and says which days it did not ask for", async () => {
    const results = await run(() => ({ status: 503, headers: { "retry-after": "0" } }), ["2024-05-29", "2024-05-30", "2024-05-31"], { maxRequests: 4 });
    expect(results.map((r) => [r.outcome, r.requests])).toEqual([
      ["failed", 3],
      ["not-fetched", 1],
      ["not-fetched", 0],
    ]);
    expect(results[1]!.reason).toBe("the run reached its limit of 4 requests");
    expect(server!.requests).toHaveLength(4);
  });

  it("changes no byte and no file time when fetched again with nothing new", async () => {
    await run(recordedDays(), ["2024-05-29", "2024-05-30"]);
    const old = new Date("2001-01-01T00:00:00Z");
    for (const day of ["2024-05-29", "2024-05-30"]) utimesSync(join(out, `${day}.json`), old, old);
    await server!.close();
    const results = await run(recordedDays(), ["2024-05-29", "2024-05-30"]);
    expect(results.map((r) => r.outcome)).toEqual(["unchanged", "unchanged"]);
    expect(files()).toEqual(["2024-05-29.json", "2024-05-30.json"]);
    for (const day of ["2024-05-29", "2024-05-30"]) expect(statSync(join(out, `${day}.json`)).mtimeMs).toBe(old.getTime());
    expect(file("2024-05-29").equals(recorded("2024-05-29.json"))).toBe(true);
  });

  it("replaces a day's file when the answer changed, and keeps it when the answer lacks its papers", async () => {
    const day = JSON.parse(recorded("2024-05-30.json").toString("utf8")) as { paper: { upvotes: number } }[];
    await run(recordedDays(), ["2024-05-30"]);
    await server!.close();
    day[0]!.paper.upvotes += 10;
    const grown = JSON.stringify(day);
    const [replaced] = await run(() => ({ body: grown }), ["2024-05-30"]);
    expect(replaced!.outcome).toBe("replaced");
    expect(file("2024-05-30").toString("utf8")).toBe(grown);
    await server!.close();
    const [kept] = await run(() => ({ body: JSON.stringify(day.slice(1)) }), ["2024-05-30"]);
    expect(kept).toMatchObject({ outcome: "kept", missing: ["2405.19001"] });
    expect(file("2024-05-30").toString("utf8")).toBe(grown);
  });

  it("replaces a file that is not a list of papers", async () => {
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "2024-05-30.json"), "{ half a file");
    const [result] = await run(recordedDays(), ["2024-05-30"]);
    expect(result!.outcome).toBe("replaced");
    expect(file("2024-05-30").equals(recorded("2024-05-30.json"))).toBe(true);
  });
});
