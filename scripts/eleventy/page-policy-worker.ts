/** The page policy in a worker thread (see page-policy-thread.ts): one page in, its verdict out. */
import { parentPort } from "node:worker_threads";
import { applyPagePolicy } from "../verify/page-policy.js";

parentPort?.on("message", ({ id, html }: { id: number; html: string }) => {
  const { html: checked, problems } = applyPagePolicy(html);
  // The page goes back only when the policy changed it: most pages are fine as they are.
  parentPort?.postMessage(checked === html ? { id, problems } : { id, problems, fixed: checked });
});
