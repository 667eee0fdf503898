/**
 * npm run check:content -- [--papers DIR] [--digests DIR]
 *
 * Prints every problem of the paper files and digest manifests as `path:line:column: message`
 * (under GitHub Actions each also as an `::error` annotation), then a summary line.
 * Exit status: 0 without problems, 1 with any, 2 for a wrong command line.
 */
import { parseArgs } from "node:util";
import { checkContent, formatReport } from "./check/check-content.js";

const USAGE = "usage: npm run check:content -- [--papers DIR] [--digests DIR]";

function commandLine(): { papersDir: string; digestsDir: string } | undefined {
  try {
    const { values } = parseArgs({
      options: {
        papers: { type: "string", default: "content/papers" },
        digests: { type: "string", default: "content/digests" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    return { papersDir: values.papers, digestsDir: values.digests };
  } catch (error) {
    console.error(`error: ${(error as Error).message}\n${USAGE}`);
    return undefined;
  }
}

const dirs = commandLine();
if (!dirs) {
  process.exitCode = 2;
} else {
  const report = await checkContent(dirs);
  for (const line of formatReport(report, { annotations: process.env.GITHUB_ACTIONS === "true" })) console.log(line);
  process.exitCode = report.problems.length > 0 ? 1 : 0;
}
