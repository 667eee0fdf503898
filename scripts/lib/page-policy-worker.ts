/** The page policy in a worker thread (see page-policy-thread.ts): one page in, its verdict out. */
import { parentPort } from "node:worker_threads";
import { applyPagePolicy } from "./page-policy.js";

parentPort?.on("message", ({ id, html }: { id: number; html: string }) => {
  parentPort?.postMessage({ id, ...applyPagePolicy(html) });
});
