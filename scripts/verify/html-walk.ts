/**
 * One pass over HTML or XML as a stream of start tags and text, with where each tag sits in the
 * source. htmlparser2 is not a browser's parser, so this is for reading our own output (checks
 * and the build's page policy), never for deciding whether foreign markup is safe.
 */
import { Parser } from "htmlparser2";

export interface Tag {
  /** Lower case in HTML; as written in XML. */
  name: string;
  /** Decoded values; the first of repeated attributes wins, as in browsers. */
  attribs: Record<string, string>;
  /** Offset of the `<` in the source. */
  start: number;
  /** Names of the enclosing elements, outermost first. */
  ancestors: readonly string[];
}

export interface WalkHandlers {
  tag?(tag: Tag): void;
  /** Decoded text between two tags, whole, with the element it is directly inside (`undefined` at the top level). */
  text?(text: string, parent: Tag | undefined): void;
}

export function walkMarkup(source: string, handlers: WalkHandlers, options: { xml?: boolean } = {}): void {
  const open: Tag[] = [];
  // The parser hands out text in pieces (around character references, across chunks).
  let text = "";
  const flush = () => {
    if (text) handlers.text?.(text, open.at(-1));
    text = "";
  };
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        flush();
        const tag: Tag = { name, attribs, start: parser.startIndex, ancestors: open.map((t) => t.name) };
        open.push(tag);
        handlers.tag?.(tag);
      },
      onclosetag() {
        flush();
        open.pop();
      },
      ontext(piece) {
        text += piece;
      },
    },
    { xmlMode: options.xml ?? false, decodeEntities: true },
  );
  parser.end(source);
  flush();
}
