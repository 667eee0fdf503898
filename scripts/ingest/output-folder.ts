/**
 * Ingest reads and writes only real files in real folders. A symbolic link among its output (a
 * `content/papers/x.md` pointing at a file elsewhere, or `content/papers` itself pointing at
 * another folder) would let content from a pull request make ingest read, or write, outside the
 * project. Such links are refused before anything is read or written, rather than followed or
 * silently replaced: whoever placed one should have to look at it.
 */
import { lstat, readdir } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";

/**
 * The folders a path goes through: from the working directory down when the path lies inside
 * it (`content`, then `content/papers`), else only the path itself, which the user named.
 */
function foldersOnTheWay(dir: string): string[] {
  const cwd = process.cwd();
  const rel = relative(cwd, resolve(dir));
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return [dir];
  const parts = rel.split(sep);
  return parts.map((_, i) => join(...parts.slice(0, i + 1)));
}

/** Why `dir` cannot be an output folder, in one line; undefined when it can (or does not exist yet). */
export async function outputFolderProblem(dir: string): Promise<string | undefined> {
  for (const folder of foldersOnTheWay(dir)) {
    let stats;
    try {
      stats = await lstat(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    if (stats.isSymbolicLink()) return `${folder} is a symbolic link; output folders must be real folders (replace the link with a folder)`;
    if (!stats.isDirectory()) return `${folder} is not a folder`;
  }
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.isSymbolicLink()) return `${join(dir, entry.name)} is a symbolic link; ingest does not follow links in its output folders (remove it)`;
  }
  return undefined;
}
