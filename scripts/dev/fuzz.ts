/**
 * npm run fuzz -- [--runs N] [--seed=S] [--property NAME]... [--path P]
 *
 * Runs the fuzz properties of scripts/dev/fuzz/properties.ts, N inputs each (default 10000; those
 * that go through the file system a fiftieth of that), on a fresh seed unless one is given, and prints per property how many inputs were tried, how long it
 * took and the seed. On a failure it prints the smallest failing input it found, the error, and the
 * command that replays exactly that input. Exit status 1 when a property fails, 2 for a wrong
 * command line.
 */
import { parseArgs } from "node:util";
import fc from "fast-check";
import { PROPERTIES, type FuzzProperty } from "./fuzz/properties.js";

const USAGE = "usage: npm run fuzz -- [--runs N] [--seed=S] [--property NAME]... [--path P]";

interface Options {
  runs: number;
  seed: number;
  properties: FuzzProperty[];
  path: string | undefined;
}

function commandLine(): Options {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "10000" },
      seed: { type: "string" },
      property: { type: "string", multiple: true },
      path: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(`${USAGE}\nproperties:\n${PROPERTIES.map((p) => `  ${p.name}: ${p.about}`).join("\n")}`);
    process.exit(0);
  }
  const runs = Number(values.runs);
  if (!Number.isSafeInteger(runs) || runs < 1) throw new Error("--runs must be a positive integer");
  // fast-check seeds are 32-bit integers; a fresh one unless the run is a replay.
  const seed = values.seed === undefined ? (Math.random() * 2 ** 32) | 0 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error("--seed must be an integer");
  const names = values.property ?? PROPERTIES.map((p) => p.name);
  const properties = names.map((name) => {
    const found = PROPERTIES.find((p) => p.name === name);
    if (!found) throw new Error(`no property ${JSON.stringify(name)}; known: ${PROPERTIES.map((p) => p.name).join(", ")}`);
    return found;
  });
  if (values.path !== undefined && properties.length !== 1) throw new Error("--path replays one property: name it with --property");
  return { runs, seed, properties, path: values.path };
}

/** The failing input, long strings shortened so that a megabyte of text does not flood the terminal. */
function show(value: unknown): string {
  const text = JSON.stringify(
    value,
    (_key, v) => (typeof v === "string" && v.length > 2000 ? `${v.slice(0, 1000)}…[${v.length} chars]…${v.slice(-500)}` : v),
    2,
  );
  return text.length > 20_000 ? `${text.slice(0, 20_000)}\n…` : text;
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = commandLine();
  } catch (error) {
    console.error(`error: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { runs, seed, properties, path } = options;
  console.log(`fuzz: ${properties.length} properties, up to ${runs} inputs each, seed ${seed}`);
  let total = 0;
  let failures = 0;
  const started = performance.now();
  for (const p of properties) {
    const t0 = performance.now();
    const numRuns = Math.max(1, Math.round(runs * (p.longRunShare ?? 1)));
    const details = await fc.check(p.property(), { numRuns, seed, ...(path === undefined ? {} : { path }) });
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    total += details.numRuns;
    if (!details.failed) {
      console.log(`  ${p.name}: ${details.numRuns} inputs, ${seconds} s, ok`);
      continue;
    }
    failures++;
    console.log(`  ${p.name}: FAILED after ${details.numRuns} inputs (${details.numShrinks} shrinks), ${seconds} s`);
    if (details.counterexample) console.log(`    smallest failing input:\n${show(details.counterexample)}`);
    const error = details.errorInstance;
    console.log(`    error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (details.counterexamplePath !== null) {
      console.log(`    replay: npm run fuzz -- --property ${p.name} --seed=${details.seed} --path ${details.counterexamplePath} --runs 1`);
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`fuzz: ${total} inputs tried in ${seconds} s, seed ${seed}; ${failures === 0 ? "all properties hold" : `${failures} properties failed`}`);
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main();
