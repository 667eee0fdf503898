/** The page policy in a worker thread (see page-policy-thread.ts): pages in, their verdicts out. */
import { parentPort } from "node:worker_threads";
import { applyPagePolicy } from "../verify/page-policy.js";

parentPort?.on("message", ({ first, pages }: { first: number; pages: string[] }) => {
  const verdicts = pages.map((html) => {
    const { html: checked, problems } = applyPagePolicy(html);
    // The page goes back only when the policy changed it: most pages are fine as they are.
    return checked === html ? { problems } : { problems, fixed: checked };
  });
  parentPort?.postMessage({ first, verdicts });
});
