/**
 * npm run check:content -- [--content DIR]
 *
 * Prints every problem of the content folder (default `content`: `papers/<slug>.md`,
 * `digests/<date>.json`, and nothing else) as `path:line:column: message`
 * (under GitHub Actions each also as an `::error` annotation), then a summary line.
 * Exit status: 0 without problems, 1 with any, 2 for a wrong command line.
 */
import { parseArgs } from "node:util";
import { checkContent, formatReport } from "./check/check-content.js";

const USAGE = "usage: npm run check:content -- [--content DIR]";

function commandLine(): { contentDir: string } | undefined {
  try {
    const { values } = parseArgs({
      options: {
        content: { type: "string", default: "content" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    return { contentDir: values.content };
  } catch (error) {
    console.error(`error: ${(error as Error).message}\n${USAGE}`);
    return undefined;
  }
}

const options = commandLine();
if (!options) {
  process.exitCode = 2;
} else {
  const report = await checkContent(options.contentDir);
  for (const line of formatReport(report, { annotations: process.env.GITHUB_ACTIONS === "true" })) console.log(line);
  process.exitCode = report.problems.length > 0 ? 1 : 0;
}
