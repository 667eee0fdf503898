/**
 * The problems of one paper file on its own, each at the line and column of the key or value it is
 * about. The verdict comes from the very functions ingest and the site read files with
 * (`splitFrontMatter`, `readFrontMatter`, `checkFrontMatter`, `checkBody`); the front matter is
 * parsed a second time, with the same YAML options, only to learn where things are.
 */
import type { FieldTable } from "../content/fields.js";
import { checkBody, paperFiles, readFrontMatter, splitFrontMatter, type PaperFileFormat, type PaperOf } from "../content/paper-file.js";
import { formatIssue, type Paper } from "../content/paper.js";
import { FILE_START, locate, type Located, type Position } from "./positions.js";
import { FrontMatterError, readYaml } from "../content/yaml-engine.js";

export interface PaperCheck<P = Paper> {
  /** Problems as position and message; the caller knows the file. */
  problems: (Position & { message: string })[];
  /** Set when the file is a valid paper: the paper, and where its front matter says what, for other files' disagreements. */
  valid?: { paper: P; body: string; located: Located };
}

/** The check of paper files as a field table defines them (the site's own is `checkPaperText`). */
export function paperTextCheck<F extends FieldTable>(files: PaperFileFormat<F>): (text: string) => PaperCheck<PaperOf<F>> {
  const { contract, readOurFrontMatter } = files;
  const knownKeys = new Set<string | number>(contract.keys);
  return (text) => {
    // A file as ingest wrote it is valid front matter by construction: only its body needs a look.
    const ours = readOurFrontMatter(text);
    if (ours) {
      const markdown = text.slice(ours.length);
      const body = checkBody(markdown);
      if (body.ok) {
        const located = locate(text.slice("---\n".length, ours.length - "---\n".length), 2, readYaml);
        return { problems: [], valid: { paper: { ...ours.frontMatter, abstract: body.abstract } as PaperOf<F>, body: markdown, located } };
      }
    }
    const split = splitFrontMatter(text);
    if ("problem" in split) return { problems: [{ ...FILE_START, message: split.problem }] };

    // The YAML starts on the line after the opening `---`.
    const located = locate(split.yaml, 2, readYaml);
    if (located.problems.length > 0) return { problems: located.problems.map(({ offset, message }) => ({ ...located.at(offset), message })) };
    let file: ReturnType<typeof readFrontMatter>;
    try {
      file = readFrontMatter(text);
    } catch (error) {
      if (!(error instanceof FrontMatterError)) throw error;
      return { problems: [{ ...located.value([]), message: error.message }] };
    }

    const problems: PaperCheck["problems"] = [];
    const checked = contract.check(file.data);
    if (!checked.ok) {
      for (const issue of checked.issues) {
        // An unknown key is wrong as a key; a known key's problem is its value.
        const at = knownKeys.has(issue.path[0] ?? "") ? located.value(issue.path) : located.key(issue.path);
        problems.push({ ...at, message: formatIssue(issue) });
      }
    }
    const body = checkBody(file.body);
    if (!body.ok) problems.push({ line: closingLine(split.yaml), column: 1, message: body.message });
    if (!checked.ok || !body.ok) return { problems };
    return { problems, valid: { paper: { ...checked.value, abstract: body.abstract } as PaperOf<F>, body: file.body, located } };
  };
}

export const checkPaperText: (text: string) => PaperCheck = paperTextCheck(paperFiles);

/** The closing `---` comes after the opening line and every line of the YAML, each ending in a break. */
function closingLine(yaml: string): number {
  return yaml.split("\n").length + 1;
}
