/**
 * npm run ingest -- <listing.txt>... [--date YYYY-MM-DD] [--format NAME] [--out DIR] [--digests DIR] [--allow-skips]
 *
 * Exit status: 0 when every listing was ingested (notes included), 1 when an input cannot be a
 * listing (missing, empty, binary, without papers, undatable, past a size limit) or has text in
 * no paper and `--allow-skips` is not given, 2 for a wrong command line.
 */
import { parseArgs } from "node:util";
import { IngestError, ingestFiles, SkippedEntriesError } from "./ingest/ingest.js";
import { IngestReporter, StatusOutput } from "./build/progress.js";

const USAGE = "usage: npm run ingest -- <listing.txt>... [--date YYYY-MM-DD] [--format NAME] [--out DIR] [--digests DIR] [--allow-skips]";

function commandLine(): { files: string[]; date?: string; format?: string; outDir: string; digestsDir: string; allowSkips: boolean } | undefined {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        date: { type: "string" },
        format: { type: "string" },
        out: { type: "string", default: "content/papers" },
        digests: { type: "string", default: "content/digests" },
        "allow-skips": { type: "boolean", default: false },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    if (positionals.length === 0) throw new Error("no listing files given");
    return {
      files: positionals,
      outDir: values.out,
      digestsDir: values.digests,
      allowSkips: values["allow-skips"],
      ...(values.date === undefined ? {} : { date: values.date }),
      ...(values.format === undefined ? {} : { format: values.format }),
    };
  } catch (error) {
    console.error(`error: ${(error as Error).message}\n${USAGE}`);
    return undefined;
  }
}

const options = commandLine();
if (!options) {
  process.exitCode = 2;
} else {
  const now = () => performance.now();
  const output = new StatusOutput({ write: (text) => process.stdout.write(text), tty: process.stdout.isTTY === true, now });
  // Started here, so its timings leave out Node's and tsx's start-up.
  const reporter = new IngestReporter(output, now);
  try {
    reporter.finish(await ingestFiles(options, (line) => output.line(line), reporter));
  } catch (error) {
    output.clear();
    if (!(error instanceof IngestError)) throw error;
    console.error(`error: ${error.message}`);
    if (error instanceof SkippedEntriesError) console.error("Fix the listing, or pass --allow-skips to ingest the rest without them.");
    process.exitCode = 1;
  }
}
