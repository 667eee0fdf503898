/**
 * Line and column of what a message is about, from the `yaml` package's parse of the text: node
 * ranges turned into positions by its LineCounter. JSON is YAML too, so digest manifests use it
 * as well. Lines and columns count from 1, as editors and GitHub annotations do.
 */
import { Document, isMap, isScalar, isSeq, LineCounter, type Pair, type YAMLMap } from "yaml";
import { parseYaml, type ReadYaml } from "../content/yaml-engine.js";

export interface Position {
  line: number;
  column: number;
}

export type Path = readonly (string | number)[];

export const FILE_START: Position = { line: 1, column: 1 };

export interface Located {
  /** Empty when the text is nested too deeply to read (see `problems`). */
  doc: Document;
  /** What the reader refused in the text, at offsets (see yaml-engine.ts). */
  problems: ReadYaml["problems"];
  /** The position of an offset into the parsed text. */
  at(offset: number): Position;
  /** The key at the end of `path`; the start of the file when there is no such key. */
  key(path: Path): Position;
  /** The value at `path`; its key when the value is empty; the start of the file when neither is there. */
  value(path: Path): Position;
}

type Read = (source: string, lineCounter: LineCounter) => ReadYaml;

/** A mapping's first pair for each key, so that placing every problem of a file of many keys stays linear. */
const indexes = new WeakMap<YAMLMap, Map<string, Pair>>();
function pairsOf(map: YAMLMap): Map<string, Pair> {
  let index = indexes.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) if (isScalar(pair.key) && !index.has(String(pair.key.value))) index.set(String(pair.key.value), pair);
    indexes.set(map, index);
  }
  return index;
}

/**
 * Positions in `source`, which starts on line `firstLine` of its file, read by `read` (the front
 * matter's reader, or plain YAML for JSON). The text is parsed when a position is first asked for:
 * most files have no problem to place, and the parse costs more than everything else the content
 * check does with a file.
 */
export function locate(source: string, firstLine: number, read: Read = parseYaml): Located {
  const lineCounter = new LineCounter();
  let parsed: ReadYaml | undefined;
  const reading = () => (parsed ??= read(source, lineCounter));
  const document = () => (reading().doc ??= new Document());
  const at = (offset: number): Position => {
    document();
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + firstLine - 1, column: col };
  };

  const walk = (path: Path): { pair?: Pair; node?: unknown } => {
    let node: unknown = document().contents;
    let pair: Pair | undefined;
    for (const step of path) {
      if (isMap(node)) {
        pair = pairsOf(node).get(String(step));
        node = pair?.value;
      } else if (isSeq(node) && typeof step === "number") {
        pair = undefined;
        node = node.items[step];
      } else {
        return {};
      }
    }
    return { pair, node };
  };
  const start = (node: unknown): Position | undefined => {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    return range && range[1] > range[0] ? at(range[0]) : undefined;
  };

  return {
    get doc() {
      return document();
    },
    get problems() {
      return reading().problems;
    },
    at,
    key: (path) => start(walk(path).pair?.key) ?? FILE_START,
    value: (path) => {
      const { pair, node } = walk(path);
      return start(node) ?? start(pair?.key) ?? FILE_START;
    },
  };
}
