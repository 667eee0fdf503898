/**
 * Where the items of a Daily Papers response start in its text, for line numbers: `JSON.parse`
 * gives values, not places. A scan of text `JSON.parse` has already accepted, so it only tells
 * strings from structure and counts depth; it never has to report a syntax error.
 */

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);

/** The offset just past the string that opens at `start` (a `"`). */
function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i += 2;
    else if (c === 0x22) return i + 1;
    else i++;
  }
  return i;
}

function skipWhitespace(text: string, start: number): number {
  let i = start;
  while (i < text.length && WHITESPACE.has(text[i]!)) i++;
  return i;
}

/** The offset just past the value that starts at `start`. */
function skipValue(text: string, start: number): number {
  if (text[start] === '"') return skipString(text, start);
  if (text[start] !== "[" && text[start] !== "{") {
    let i = start;
    while (i < text.length && !WHITESPACE.has(text[i]!) && text[i] !== "," && text[i] !== "]" && text[i] !== "}") i++;
    return i;
  }
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      i = skipString(text, i);
      continue;
    }
    if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return i;
}

/** The start offset of each element of the array that opens at `start` (a `[`). */
export function arrayElementOffsets(text: string, start: number): number[] {
  const offsets: number[] = [];
  let i = skipWhitespace(text, start + 1);
  while (i < text.length && text[i] !== "]") {
    offsets.push(i);
    i = skipWhitespace(text, skipValue(text, i));
    if (text[i] === ",") i = skipWhitespace(text, i + 1);
  }
  return offsets;
}

/** The start offset of the value of `key` in the object that opens at `start` (the last one, as `JSON.parse` keeps). */
export function memberValueOffset(text: string, start: number, key: string): number | undefined {
  let found: number | undefined;
  let i = skipWhitespace(text, start + 1);
  while (i < text.length && text[i] === '"') {
    const keyEnd = skipString(text, i);
    const name = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1);
    if (name === key) found = i;
    i = skipWhitespace(text, skipValue(text, i));
    if (text[i] === ",") i = skipWhitespace(text, i + 1);
  }
  return found;
}

/** The offset of the first character that is not whitespace (a byte order mark counts as whitespace). */
export function valueStart(text: string): number {
  let i = 0;
  while (i < text.length && (WHITESPACE.has(text[i]!) || text[i] === "\uFEFF")) i++;
  return i;
}

const LITERAL = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const STRING_PROBLEM = /[\u0000-\u001f]|\\(?!["\\/bfnrt]|u[0-9a-fA-F]{4})/g;

/** The offset just past a JSON string at `i`, else the negated offset of its first fault (the end when cut off). */
function stringEnd(text: string, i: number): number {
  STRING.lastIndex = i;
  if (STRING.exec(text)) return STRING.lastIndex;
  STRING_PROBLEM.lastIndex = i + 1;
  const fault = STRING_PROBLEM.exec(text);
  const close = skipString(text, i);
  return -(fault && (fault.index < close || close >= text.length) ? fault.index : text.length);
}

/**
 * The offset where `text` stops being JSON, for messages when `JSON.parse` has refused it (its
 * own messages do not always say where); `text.length` when it is cut off, -1 when it is JSON.
 */
export function syntaxErrorOffset(text: string): number {
  const stack: string[] = [];
  let i = skipWhitespace(text, 0);
  /** What may come next: a value, an object key, or what follows a value (`,`, a closing bracket, the end). */
  let expect: "value" | "key" | "after" = "value";
  while (i < text.length) {
    const c = text[i]!;
    if (expect === "after") {
      const top = stack.at(-1);
      if (top === undefined) return i;
      if (c === ",") expect = top === "{" ? "key" : "value";
      else if ((c === "]" && top === "[") || (c === "}" && top === "{")) stack.pop();
      else return i;
      i = skipWhitespace(text, i + 1);
      continue;
    }
    if (expect === "key") {
      if (c !== '"') return i;
      const end = stringEnd(text, i);
      if (end < 0) return -end;
      i = skipWhitespace(text, end);
      if (i >= text.length) break;
      if (text[i] !== ":") return i;
      i = skipWhitespace(text, i + 1);
      expect = "value";
      continue;
    }
    if (c === "[" || c === "{") {
      i = skipWhitespace(text, i + 1);
      const close = c === "[" ? "]" : "}";
      if (text[i] === close) {
        i = skipWhitespace(text, i + 1);
        expect = "after";
      } else {
        stack.push(c);
        expect = c === "{" ? "key" : "value";
      }
      continue;
    }
    let end: number;
    if (c === '"') {
      end = stringEnd(text, i);
      if (end < 0) return -end;
    } else {
      LITERAL.lastIndex = i;
      if (!LITERAL.exec(text)) return i;
      end = LITERAL.lastIndex;
    }
    i = skipWhitespace(text, end);
    expect = "after";
  }
  return stack.length === 0 && expect === "after" ? -1 : text.length;
}
