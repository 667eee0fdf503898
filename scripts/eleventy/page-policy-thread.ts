/**
 * The build's page policy, run on a second thread. Checking a page (an HTML parse) costs about a
 * third of what rendering it does, and Eleventy renders on one thread: handing each page to a
 * worker lets the machine's second core check pages while the first renders the next ones.
 *
 * The worker is the policy module bundled by esbuild into one script: a worker thread does not
 * inherit the TypeScript loader the build runs under (tsx, vitest), so it could not load the
 * `.ts` source itself.
 */
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { buildSync } from "esbuild";
/** A page's problems, and the page as the policy fixed it when it had to (absent when it is fine as it is). */
export interface PolicyVerdict {
  problems: string[];
  fixed?: string;
}

const ENTRY = fileURLToPath(new URL("page-policy-worker.ts", import.meta.url));

let bundled: string | undefined;
function workerSource(): string {
  bundled ??= buildSync({ entryPoints: [ENTRY], bundle: true, platform: "node", format: "cjs", write: false, logLevel: "silent" }).outputFiles[0]!.text;
  return bundled;
}

/**
 * Pages handed over in one message at most: a message costs the build's thread about 45 µs
 * whatever its size, most of the check's cost on that thread when sent page by page.
 */
const BATCH_PAGES = 32;

export class PagePolicyThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve(verdict: PolicyVerdict): void; reject(error: Error): void }>();
  private next = 0;
  /** Pages not yet sent: the last `batch.length` ids. */
  private batch: string[] = [];
  private sendSoon: NodeJS.Immediate | undefined;

  constructor() {
    this.worker = new Worker(workerSource(), { eval: true });
    // Idle between builds of a dev server: it must not keep the process alive on its own.
    this.worker.unref();
    this.worker.on("message", ({ first, verdicts }: { first: number; verdicts: PolicyVerdict[] }) => {
      for (const [i, verdict] of verdicts.entries()) {
        this.waiting.get(first + i)?.resolve(verdict);
        this.waiting.delete(first + i);
      }
    });
    this.worker.on("error", (error) => this.failAll(error));
    this.worker.on("exit", (code) => this.failAll(new Error(`the page policy thread stopped (exit code ${code})`)));
  }

  check(html: string): Promise<PolicyVerdict> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.batch.push(html);
      if (this.batch.length >= BATCH_PAGES) this.send();
      else this.sendSoon ??= setImmediate(() => this.send());
    });
  }

  private send(): void {
    if (this.sendSoon) clearImmediate(this.sendSoon);
    this.sendSoon = undefined;
    if (this.batch.length === 0) return;
    this.worker.postMessage({ first: this.next - this.batch.length, pages: this.batch });
    this.batch = [];
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private failAll(error: Error): void {
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
  }
}
