/**
 * npm run fetch -- [--date YYYY-MM-DD | --since YYYY-MM-DD] [--out DIR] [--max-requests N]
 *
 * Downloads the Hugging Face daily papers list of each day (default: yesterday and today, UTC)
 * into `<out>/YYYY-MM-DD.json` (default `sources/`), as served. `HF_API_URL` replaces the endpoint.
 *
 * Exit status: 0 when every day was fetched (days without papers included), 1 when a day failed
 * or the request limit stopped the run, 2 for a wrong command line.
 */
import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { removeStaleTempFiles } from "./content/atomic-write.js";
import { outputFolderProblem } from "./ingest/output-folder.js";
import { apiUrl } from "./fetch/api.js";
import { daysToFetch, FetchUsageError } from "./fetch/days.js";
import { fetchDays } from "./fetch/fetch-days.js";
import { annotations, closingLines, dayLine, isFailure, summaryMarkdown } from "./fetch/report.js";
import { folderStore } from "./fetch/store.js";
import { nodeTransport } from "./fetch/transport.js";

const USAGE = "usage: npm run fetch -- [--date YYYY-MM-DD | --since YYYY-MM-DD] [--out DIR] [--max-requests N]";

/** Enough for every day asked for to need a retry or a second page, and a few more. */
const requestLimit = (days: number) => 10 + 2 * days;

function commandLine(): { days: string[]; outDir: string; maxRequests: number; base: string } | undefined {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        date: { type: "string" },
        since: { type: "string" },
        out: { type: "string", default: "sources" },
        "max-requests": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    if (positionals.length > 0) throw new FetchUsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
    // The one reading of the clock: every day is counted from it.
    const days = daysToFetch(
      { ...(values.date === undefined ? {} : { date: values.date }), ...(values.since === undefined ? {} : { since: values.since }) },
      new Date(),
    );
    const limit = values["max-requests"];
    if (limit !== undefined && !/^[1-9]\d{0,5}$/.test(limit))
      throw new FetchUsageError(`--max-requests ${JSON.stringify(limit)}: expected a whole number from 1`);
    return { days, outDir: values.out, maxRequests: limit === undefined ? requestLimit(days.length) : Number(limit), base: apiUrl(process.env.HF_API_URL) };
  } catch (error) {
    console.error(`error: ${(error as Error).message}\n${USAGE}`);
    return undefined;
  }
}

function userAgent(): string {
  const { name, version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { name: string; version: string };
  return `${name}/${version} (daily listing fetch; Node.js ${process.versions.node})`;
}

async function main(): Promise<number> {
  const options = commandLine();
  if (!options) return 2;
  const problem = await outputFolderProblem(options.outDir);
  if (problem) {
    console.error(`error: ${problem}`);
    return 1;
  }
  mkdirSync(options.outDir, { recursive: true });
  removeStaleTempFiles(options.outDir);
  const results = await fetchDays({
    base: options.base,
    days: options.days,
    maxRequests: options.maxRequests,
    transport: nodeTransport({ userAgent: userAgent() }),
    store: folderStore(options.outDir),
    sleep: (ms) => sleep(ms),
    now: () => Date.now(),
    log: (line) => console.log(line),
    onDay: (result) => {
      if (result.outcome === "not-fetched") return;
      const line = dayLine(result);
      if (/^(error|warning):/.test(line)) console.error(line);
      else console.log(line);
    },
  });
  for (const line of closingLines(results)) {
    if (line.startsWith("error:")) console.error(line);
    else console.log(line);
  }
  if (process.env.GITHUB_ACTIONS === "true") for (const line of annotations(results)) console.log(line);
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (summary) appendFileSync(summary, summaryMarkdown(results));
  return results.some(isFailure) ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  // The file system's refusals (a read-only folder, a full disk): one line, not a stack trace.
  if (!(error instanceof Error && "code" in error)) throw error;
  console.error(`error: ${error.message}`);
  process.exitCode = 1;
}
