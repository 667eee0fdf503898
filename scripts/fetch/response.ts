/**
 * What counts as an answer worth keeping. A page of the daily papers API is a JSON array of items,
 * each with a `paper` object that has an `id` (the arXiv id) and a title. Anything else (an HTML
 * error page, an empty or cut-short body, JSON of another shape) is refused with the URL and the
 * status, and never reaches `sources/`.
 */

/** One HTTP answer, as the transport received it. */
export interface HttpAnswer {
  url: string;
  status: number;
  headers: Headers;
  body: Uint8Array;
}

/** A refused answer or a request that failed; `retryable` when asking again may help. */
export class FetchError extends Error {
  constructor(
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}

/** A page that passed every check: its text as served, and the arXiv ids of its papers in order. */
export interface Page {
  text: string;
  ids: string[];
}

export function describeAnswer(answer: Pick<HttpAnswer, "url" | "status" | "headers">): string {
  const type = answer.headers.get("content-type");
  return `${answer.url}: HTTP ${answer.status}${type ? ` (${type.split(";")[0]!.trim()})` : ""}`;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "a JSON object" : `a JSON ${typeof value}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The API's own `{"error": "…"}` text, quoted after a colon; empty when it sent none. */
function errorText(value: unknown): string {
  return isRecord(value) && typeof value.error === "string" ? `: ${JSON.stringify(value.error.slice(0, 200))}` : "";
}

/** `errorText` of a body that may not be JSON at all (the answer to a failed request). */
export function errorInBody(body: Uint8Array): string {
  try {
    return errorText(JSON.parse(Buffer.from(body).toString("utf8")));
  } catch {
    return "";
  }
}

/** Why `item` is not a paper of the list, or undefined when it is one. */
function itemProblem(item: unknown): string | undefined {
  if (!isRecord(item)) return `is ${kindOf(item)}, not a paper`;
  const paper = item.paper;
  if (!isRecord(paper)) return "has no paper object";
  if (typeof paper.id !== "string" || paper.id.trim() === "") return "has no paper.id";
  if (typeof paper.title !== "string" && typeof item.title !== "string") return "has no title";
  return undefined;
}

/**
 * Whether a parse error is the text running out: a cut through a JSON array leaves it
 * unterminated whatever byte the cut falls on, and the parser then fails at the very end.
 */
function endsEarly(message: string, text: string): boolean {
  if (/end of JSON input/i.test(message)) return true;
  const at = /at position (\d+)/.exec(message);
  return at !== null && Number(at[1]) >= text.trimEnd().length;
}

/** The text of a successful answer's body, checked; throws FetchError naming the URL and status. */
export function readPage(answer: HttpAnswer): Page {
  const refuse = (why: string) => new FetchError(`${describeAnswer(answer)}: ${why}`);
  const head = Buffer.from(answer.body.subarray(0, 512)).toString("latin1").trimStart();
  if (head === "" && Buffer.from(answer.body).toString("latin1").trim() === "") throw refuse("an empty body");
  const type = answer.headers.get("content-type") ?? "";
  if (/\bhtml\b/i.test(type) || head.startsWith("<")) throw refuse("an HTML page, not JSON");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(answer.body);
  } catch {
    throw refuse("not UTF-8 text");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    if (endsEarly(message, text)) throw refuse(`a truncated body (${answer.body.length} bytes: the JSON ends early)`);
    throw refuse(`not JSON (${message})`);
  }
  if (!Array.isArray(value)) throw refuse(`not a list of papers but ${kindOf(value)}${errorText(value)}`);
  const ids: string[] = [];
  for (const [i, item] of value.entries()) {
    const problem = itemProblem(item);
    if (problem) throw refuse(`not a list of papers: item ${i} ${problem}`);
    ids.push((item as { paper: { id: string } }).paper.id.trim());
  }
  return { text, ids };
}

/** The arXiv ids of a file this command wrote earlier, or undefined when it is not such a file. */
export function idsOfSavedDay(bytes: Uint8Array): string[] | undefined {
  try {
    return readPage({ url: "", status: 200, headers: new Headers(), body: bytes }).ids;
  } catch {
    return undefined;
  }
}
