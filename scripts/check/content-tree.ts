/**
 * The content folder holds real files and folders only. A symbolic link in it (a paper file, or
 * `content/papers` itself, pointing anywhere) would make the build read whatever it points at, and
 * Eleventy would follow it into any folder of the machine; a FIFO or a device would hang or feed
 * the build. Git stores links, so a pull request can add one. They are refused, never followed:
 * looked at with lstat, before anything reads the content.
 */
import { type Dirent, lstatSync, readdirSync, readlinkSync, type Stats } from "node:fs";
import path from "node:path";
import { FILE_START } from "./positions.js";
import type { Problem } from "./problem.js";

function linkProblem(file: string): Problem {
  let target = "?";
  try {
    target = readlinkSync(file);
  } catch {
    // Gone since it was listed: still a link when it was.
  }
  return { file, ...FILE_START, message: `is a symbolic link (to ${target}); the build does not follow links in content: put the file itself here` };
}

function entryProblem(file: string, entry: Dirent | Stats): Problem | undefined {
  if (entry.isSymbolicLink()) return linkProblem(file);
  if (!entry.isFile() && !entry.isDirectory())
    return { file, ...FILE_START, message: "is neither a file nor a folder (a pipe, socket or device); content holds files only" };
  return undefined;
}

/**
 * Problems of `dir` and everything under it, in path order; none when `dir` does not exist. With
 * `belongs`, a file for which it says false (given its path relative to `dir`, `/`-separated) is a
 * problem too.
 */
export function contentTreeProblems(dir: string, belongs?: (relative: string) => boolean): Problem[] {
  let top;
  try {
    top = lstatSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const own = entryProblem(dir, top);
  if (own) return [own];
  if (!top.isDirectory()) return belongs ? [{ file: dir, ...FILE_START, message: "is a file; the content folder must be a folder" }] : [];
  const problems: Problem[] = [];
  const walk = (folder: string, relative: string) => {
    const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const file = path.join(folder, entry.name);
      const name = relative === "" ? entry.name : `${relative}/${entry.name}`;
      const problem = entryProblem(file, entry);
      if (problem) problems.push(problem);
      else if (entry.isDirectory() && belongs && LOOKS_LIKE_CONTENT.test(entry.name)) problems.push({ file, ...FILE_START, message: FOLDER });
      else if (entry.isDirectory()) walk(file, name);
      else if (belongs && !belongs(name)) problems.push({ file, ...FILE_START, message: STRAY });
    }
  };
  walk(dir, "");
  return problems;
}

/** A folder named like a paper or a manifest would be taken for one, and cannot be read as one. */
const LOOKS_LIKE_CONTENT = /\.(?:md|json)$/i;
const FOLDER = "is a folder, not a file: papers/<slug>.md and digests/<date>.json are files; rename or remove it";

export const STRAY = "only papers/<slug>.md and digests/<date>.json belong in the content folder";

/**
 * What the site is built from; anything else in the content folder would be ignored without a word.
 * Other dot-files (ingest's and editors' temporary files) are not content and are let be, but a
 * hidden `.md` or `.json` file looks like content that is not there.
 */
export function isContentFile(relative: string): boolean {
  const name = relative.slice(relative.lastIndexOf("/") + 1);
  if (name.startsWith(".")) return !/\.(?:md|json)$/i.test(name);
  // Any letter case: the check reads `Paper.MD` too, and says what its name should be.
  return /^papers\/[^/]+\.md$/i.test(relative) || /^digests\/[^/]+\.json$/i.test(relative);
}
