/**
 * An output folder replaced whole. A build writes into a staging folder beside the output
 * (`.site-build-<pid>-XXXXXX`: same file system, so moving it is a rename; a dot-name, so git and
 * static hosts ignore it) and swaps it in with two renames: the old output aside, the new one in.
 * Whatever moment a build dies at, the output folder is the complete old site or the complete new
 * one, never a mix.
 *
 * One gap is left, since Node has no atomic exchange of two folders: a build killed between the
 * two renames leaves no output folder, and the complete old site aside. The next build puts it
 * back before anything else (`recoverOutput`), and removes what dead builds left behind: staging
 * folders and retired old sites whose process is gone. Folders of a build still running are left
 * alone, so two builds at once do not break each other.
 *
 * What is swapped in is made readable by everyone first (folders 0755, files 0644): a staging
 * folder is made 0700 and files follow the umask, and a web server running as another user
 * (nginx, a container) would answer 403 or 404.
 */
import { chmodSync, readdirSync, renameSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";

const RETIRED_SUFFIX = "-old";

function leftoverPattern(target: string): RegExp {
  const name = path.basename(path.resolve(target)).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^\\.${name}-build-(\\d+)-[A-Za-z0-9]{6}(${RETIRED_SUFFIX})?$`);
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists and belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A fresh staging folder for a build of `target` (whose parent folder is made if need be). */
export async function stagingFor(target: string): Promise<string> {
  const resolved = path.resolve(target);
  await mkdir(path.dirname(resolved), { recursive: true });
  return mkdtemp(path.join(path.dirname(resolved), `.${path.basename(resolved)}-build-${process.pid}-`));
}

/** Sets folders under `dir` (and `dir`) to 0755 and files to 0644; symbolic links are left alone. */
export function makePublic(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) makePublic(child);
    else if (entry.isFile()) chmodSync(child, 0o644);
  }
}

/**
 * Replaces `target` with `staging` (made public first): two renames, so readers see either the old folder or the new one.
 * Synchronous, back to back: awaited renames leave the gap between them open for as long as the
 * event loop and the thread pool take to come back, which a killed build did hit.
 */
export async function replaceDirectory(staging: string, target: string): Promise<void> {
  makePublic(staging);
  const retired = `${staging}${RETIRED_SUFFIX}`;
  let hadOld = true;
  try {
    renameSync(target, retired);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    hadOld = false;
  }
  renameSync(staging, target);
  if (hadOld) await rm(retired, { recursive: true, force: true });
}

export interface Recovery {
  /** The retired site put back as the output, when a build died between its two renames. */
  restored?: string;
  /** Leftovers of dead builds that were removed. */
  removed: string[];
}

/** Undoes what builds of `target` that died left behind; see the module comment. */
export async function recoverOutput(target: string): Promise<Recovery> {
  const resolved = path.resolve(target);
  const parent = path.dirname(resolved);
  const pattern = leftoverPattern(resolved);
  const dead = (await readdir(parent).catch(() => []))
    .map((name) => ({ name, match: pattern.exec(name) }))
    .filter(({ match }) => match && !isAlive(Number(match[1])))
    .map(({ name, match }) => ({ folder: path.join(parent, name), retired: match?.[2] !== undefined }));

  const recovery: Recovery = { removed: [] };
  const outputExists = await stat(resolved).then(
    () => true,
    () => false,
  );
  if (!outputExists) {
    // The most recently retired site is the one the dying build had just moved aside.
    const retired = await Promise.all(dead.filter((d) => d.retired).map(async (d) => ({ ...d, changed: (await stat(d.folder)).ctimeMs })));
    const newest = retired.sort((a, b) => b.changed - a.changed)[0];
    if (newest) {
      await rename(newest.folder, resolved);
      recovery.restored = newest.folder;
    }
  }
  for (const { folder } of dead) {
    if (folder === recovery.restored) continue;
    await rm(folder, { recursive: true, force: true });
    recovery.removed.push(folder);
  }
  return recovery;
}
