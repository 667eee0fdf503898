/**
 * The build's render, in a process of its own (see renderSite in build-site.ts): one request in,
 * progress and one answer out. It stops when the build that started it is gone, so that a killed
 * build does not leave it writing into a staging folder the next build removes.
 */
import { explain, renderInProcess, type RenderMessage, type RenderRequest } from "./render.js";
import { isContentError } from "../check/content.js";
import { PROGRESS_INTERVAL_MS, throttled } from "./progress.js";

const send = (message: RenderMessage) =>
  new Promise<void>((resolve) => {
    process.send?.(message, () => resolve());
  });

process.on("disconnect", () => process.exit(1));
process.once("message", async (request: RenderRequest) => {
  try {
    const progress = request.progress ? { rendered: throttled((pages) => void send({ type: "rendered", pages }), PROGRESS_INTERVAL_MS) } : undefined;
    const files = await renderInProcess(request.contentDir, request.dir, { ...request, progress });
    await send({ type: "done", files });
  } catch (error) {
    const explained = explain(error);
    await send(
      isContentError(explained) ? { type: "failed", message: explained.message, problems: explained.problems } : { type: "failed", message: explained.message },
    );
  }
  // Whatever Eleventy left open, the answer is sent: the build waits for this process to end.
  process.exit(0);
});
