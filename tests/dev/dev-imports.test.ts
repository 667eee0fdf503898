/**
 * Benchmarks, the corpus generator and fuzzing live in scripts/dev/, tests in tests/: the product
 * (every other file under scripts/, the Eleventy config) never imports either, so that neither
 * can change what a build or an ingest does.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DEV = path.join(ROOT, "scripts", "dev");
const TESTS = path.join(ROOT, "tests");

function productFiles(): string[] {
  const files = [path.join(ROOT, ".eleventy.ts")];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (file !== DEV) walk(file);
      } else if (/\.(?:ts|js|mjs|cjs)$/.test(entry.name)) files.push(file);
    }
  };
  walk(path.join(ROOT, "scripts"));
  return files;
}

/** Every relative module a file names: static and dynamic imports, re-exports, `new URL(…, import.meta.url)`. */
export function relativeSpecifiers(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|new URL\(\s*)["'`](\.{1,2}\/[^"'`]*|\.{1,2})["'`]/g)) found.push(match[1]!);
  return found;
}

describe("product code", () => {
  it("finds the specifiers it has to judge", () => {
    expect(
      relativeSpecifiers(`import a from "./a.js";\nexport { b } from '../b.js';\nconst c = await import("../../dev/c.js");\nnew URL("../x", import.meta.url);`),
    ).toEqual(["./a.js", "../b.js", "../../dev/c.js", "../x"]);
  });

  it("never imports scripts/dev/ or tests/", () => {
    const files = productFiles();
    expect(files.length).toBeGreaterThan(50);
    const offending: string[] = [];
    for (const file of files) {
      for (const specifier of relativeSpecifiers(readFileSync(file, "utf8"))) {
        const target = path.resolve(path.dirname(file), specifier);
        if (target === DEV || target.startsWith(`${DEV}${path.sep}`) || target === TESTS || target.startsWith(`${TESTS}${path.sep}`)) {
          offending.push(`${path.relative(ROOT, file)} imports ${specifier}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });
});
