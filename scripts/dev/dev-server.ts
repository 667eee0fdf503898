/**
 * `scripts/serve.ts` (`npm start`) as a child process, for the test and the benchmark that watch it
 * work. It runs in its own process group, so that stopping it stops everything it started (tsx's
 * loader, Pagefind's binary); its output is kept as lines, to wait on what it says it did.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { plainText, SERVER_AT, serverPort } from "../build/eleventy-lines.js";

/** How a checkout's TypeScript runs: Node with that checkout's tsx loader, as `tsx` runs it, without its wrapper process. */
export function tsxLoader(root: string): string {
  return pathToFileURL(createRequire(join(root, "package.json")).resolve("tsx")).href;
}

/** A port nobody listens on now. Eleventy takes the next one up if another process grabs it first, so read the port it announces. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface DevServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  /** Everything it printed so far, stdout and stderr, a line each in arrival order, colour codes removed. */
  lines: readonly string[];
  /** The first line from index `from` on that matches; rejects after `timeoutMs` or when the server exits. */
  waitForLine(pattern: RegExp, options: { from?: number; timeoutMs: number }): Promise<{ line: string; index: number }>;
  /** True until the process has exited. */
  running(): boolean;
  /** Stops the whole process group: SIGTERM, then SIGKILL for whatever of it is left once the server has exited (or after 5 s). */
  stop(): Promise<void>;
}

export interface DevServerOptions {
  /** The checkout whose `scripts/serve.ts` and tsx run. */
  root: string;
  /** Where it runs: `content/` is read from there, `site/` written there. */
  cwd: string;
  port: number;
  /** Until it says which port it serves on, after its first build (large sites take a while). */
  startTimeoutMs: number;
  /** Set in its environment, e.g. `SEARCH_SHARD_PAPERS`. */
  env?: Record<string, string>;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  // Not a test runner's `--import tsx`, which would be looked up from `cwd`, nor a sub-path the
  // caller's shell may set, nor DEBUG, under which Eleventy prints none of the lines waited for here.
  const { NODE_OPTIONS: _, PATH_PREFIX: __, DEBUG: ___, ...env } = process.env;
  const child = spawn(process.execPath, ["--import", tsxLoader(options.root), join(options.root, "scripts", "serve.ts")], {
    cwd: options.cwd,
    env: { ...env, ...options.env, PORT: String(options.port) },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => {
      lines.push(plainText(line));
      notify();
    });
  }
  const done = exited(child);
  let running = true;
  void done.then(() => {
    running = false;
    notify();
  });

  const waitForLine: DevServer["waitForLine"] = (pattern, { from = 0, timeoutMs }) =>
    new Promise((resolve, reject) => {
      let next = from;
      const check = () => {
        for (; next < lines.length; next++) {
          if (pattern.test(lines[next]!)) return finish(() => resolve({ line: lines[next]!, index: next }));
        }
        if (!running) finish(() => reject(new Error(`the dev server exited before printing ${pattern}:\n${lines.slice(-20).join("\n")}`)));
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`the dev server printed no ${pattern} in ${timeoutMs} ms:\n${lines.slice(-20).join("\n")}`))),
        timeoutMs,
      );
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      listeners.add(check);
      check();
    });

  const stop = async () => {
    const signal = (name: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, name);
      } catch {
        // The group is gone already.
      }
    };
    signal("SIGTERM");
    const killer = setTimeout(() => signal("SIGKILL"), 5000);
    await done;
    clearTimeout(killer);
    // The leader's exit does not wait for the rest of its group (Pagefind's binary may linger).
    signal("SIGKILL");
  };

  try {
    const { line } = await waitForLine(SERVER_AT, { timeoutMs: options.startTimeoutMs });
    return { url: `http://127.0.0.1:${serverPort(line)!}`, lines, waitForLine, running: () => running, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** GETs `url` every `intervalMs` until `done` accepts the response; its status and body, and when it was accepted. */
export async function pollPage(
  url: string,
  done: (status: number, body: string) => boolean,
  options: { intervalMs: number; timeoutMs: number },
): Promise<{ status: number; body: string; at: number }> {
  const deadline = performance.now() + options.timeoutMs;
  let last = "no response";
  for (;;) {
    try {
      const response = await fetch(url);
      const body = await response.text();
      const at = performance.now();
      if (done(response.status, body)) return { status: response.status, body, at };
      last = `status ${response.status}`;
    } catch (error) {
      // Not listening (yet, or any more): what the caller's timeout is for.
      last = error instanceof Error ? error.message : String(error);
    }
    if (performance.now() > deadline) throw new Error(`${url}: not as expected after ${options.timeoutMs} ms (last: ${last})`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
}
