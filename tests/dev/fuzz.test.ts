/**
 * The fuzz properties of scripts/dev/fuzz/properties.ts with a fixed seed, so that CI runs the
 * same few thousand inputs every time. `FUZZ_SEED=<n> npm test` tries others; `npm run fuzz`
 * runs any number of inputs on a fresh seed.
 */
import fc from "fast-check";
import { afterAll, describe, it } from "vitest";
import { PROPERTIES } from "../../scripts/dev/fuzz/properties.js";

const seed = Number(process.env.FUZZ_SEED ?? 20260413);

describe("fuzz", () => {
  let tried = 0;
  let held = 0;
  for (const p of PROPERTIES) {
    it(`${p.name}: ${p.about}`, async () => {
      await fc.assert(p.property(), { numRuns: p.testRuns, seed });
      tried += p.testRuns;
      held++;
    });
  }
  // Inputs are counted for the properties that held; a failing one reports its own counterexample.
  afterAll(() => console.log(`figures: fuzz: ${tried} inputs, ${held} of ${PROPERTIES.length} properties held (seed ${seed})`));
});
