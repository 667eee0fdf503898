/**
 * The fuzz properties of scripts/lib/fuzz/properties.ts with a fixed seed, so that CI runs the
 * same few thousand inputs every time. `FUZZ_SEED=<n> npm test` tries others; `npm run fuzz`
 * runs any number of inputs on a fresh seed.
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import { PROPERTIES } from "../scripts/lib/fuzz/properties.js";

const seed = Number(process.env.FUZZ_SEED ?? 20260413);

describe("fuzz", () => {
  for (const p of PROPERTIES) {
    it(`${p.name}: ${p.about}`, async () => {
      await fc.assert(p.property(), { numRuns: p.testRuns, seed });
    });
  }
});
