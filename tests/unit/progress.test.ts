import { describe, expect, it } from "vitest";
import type { ListingSummary } from "../../scripts/ingest/ingest.js";
import { IngestReporter, StatusOutput, throttled } from "../../scripts/build/progress.js";

/** An output and a clock the test moves by hand. */
function rig(tty: boolean) {
  let time = 0;
  const written: string[] = [];
  const now = () => time;
  const output = new StatusOutput({ write: (text) => written.push(text), tty, now });
  return { output, now, written, at: (ms: number) => (time = ms), text: () => written.join("") };
}

function summary(papers: number, fields: Partial<ListingSummary> = {}): ListingSummary {
  return {
    file: "x.txt",
    date: "2026-04-13",
    format: "text",
    papers,
    new: papers,
    updated: 0,
    unchanged: 0,
    invalid: 0,
    withoutAuthors: 0,
    withoutDate: 0,
    warnings: [],
    unshownWarnings: 0,
    skipped: 0,
    skippedLines: [],
    ...fields,
  };
}

describe("StatusOutput", () => {
  it("redraws one status line on a terminal and keeps permanent lines above it", () => {
    const { output, written, at } = rig(true);
    output.status(() => "too soon");
    at(100);
    output.status(() => "status 1");
    at(150);
    output.status(() => "skipped: within 100 ms");
    output.line("a summary");
    at(250);
    output.status(() => "status 2");
    output.clear();
    output.line("the end");
    output.clear();
    expect(written).toEqual(["status 1", "\r\x1b[Ka summary\nstatus 2", "\r\x1b[K", "the end\n"]);
  });

  it("writes permanent lines in batches: after 100 ms or 16 KiB", () => {
    const { output, written, at } = rig(false);
    const line = "x".repeat(99);
    for (let i = 0; i < 200; i++) output.line(line);
    expect(written.map((w) => w.length)).toEqual([16_400]);
    at(99);
    output.line("later");
    expect(written).toHaveLength(1);
    at(100);
    output.line("later still");
    output.clear();
    expect(written.slice(1)).toEqual([`${`${line}\n`.repeat(36)}later\nlater still\n`]);
  });

  it("prints plain status lines at most every five seconds elsewhere", () => {
    const { output, written, at } = rig(false);
    let offered = 0;
    for (let ms = 0; ms <= 12_000; ms += 250) {
      at(ms);
      output.status(() => `status at ${ms}`);
      offered++;
    }
    output.line("a summary");
    output.clear();
    expect(offered).toBeGreaterThan(40);
    expect(written).toEqual(["status at 5000\n", "status at 10000\n", "a summary\n"]);
    expect(written.join("")).not.toContain("\r");
  });
});

describe("IngestReporter", () => {
  it("shows each phase with counts, and a rate once the phase has run a second", () => {
    const { output, now, written, at } = rig(false);
    const reporter = new IngestReporter(output, now);
    at(5_000);
    reporter.reading(2_500, 40, 100);
    at(10_000);
    reporter.checking(0, 3_000);
    at(15_000);
    reporter.checking(1_500, 3_000);
    at(20_000);
    reporter.writing(0, 0, 5_000, 100);
    at(20_500);
    reporter.writing(1, 0, 5_000, 100);
    at(25_500);
    reporter.writing(4_000, 80, 5_000, 100);
    expect(written).toEqual([
      "reading listings: 2500 papers, 40/100 listings, 500 papers/s\n",
      "checking existing files: 0/3000\n",
      "checking existing files: 1500/3000, 300 files/s\n",
      "writing papers: 0/5000, 0/100 listings\n",
      "writing papers: 4000/5000, 80/100 listings, 727 papers/s\n",
    ]);
  });

  it("ends a large run with the total, the outcome and the time of each phase", () => {
    const { output, now, written, at } = rig(true);
    const reporter = new IngestReporter(output, now);
    at(1_500);
    reporter.checking(0, 0);
    at(2_000);
    reporter.writing(0, 0, 3_000, 3);
    at(4_000);
    reporter.writing(1_500, 1, 3_000, 3);
    reporter.finish([summary(1_000), summary(1_000, { new: 900, updated: 100 }), summary(1_000, { new: 0, unchanged: 998, invalid: 2 })]);
    expect(written).toEqual([
      "writing papers: 0/3000, 0/3 listings",
      "\r\x1b[Kwriting papers: 1500/3000, 1/3 listings, 750 papers/s",
      "\r\x1b[Kingested 3000 papers from 3 listings in 4.00 s (750 papers/s): 1900 new, 100 updated, 998 unchanged, 2 invalid files left alone; " +
        "reading 1.50 s, checking 0.50 s, writing 2.00 s\n",
    ]);
  });

  it("prints nothing of its own for a small run, on a terminal or not", () => {
    for (const tty of [true, false]) {
      const { output, now, written, at } = rig(tty);
      const reporter = new IngestReporter(output, now);
      for (let papers = 1; papers < 1_000; papers++) {
        at(papers * 100);
        reporter.reading(papers, 0, 1);
      }
      reporter.checking(0, 0);
      reporter.writing(999, 1, 999, 1);
      reporter.finish([summary(999)]);
      expect(written).toEqual([]);
    }
  });
});

describe("throttled", () => {
  it("passes on the first count, then at most one per interval, the latest when due", () => {
    let time = 0;
    const seen: number[] = [];
    const report = throttled(
      (pages) => seen.push(pages),
      100,
      () => time,
    );
    for (let pages = 1; pages <= 30; pages++) {
      report(pages);
      time += 10;
    }
    expect(seen).toEqual([1, 11, 21]);
  });
});
