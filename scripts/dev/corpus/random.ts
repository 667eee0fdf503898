/**
 * A small seeded PRNG (mulberry32) and the draws the generator needs. Everything random in the
 * corpus goes through here, so one seed number reproduces every byte.
 */

/** Mixes numbers into one 32-bit seed, so related streams (plan, content, layout) do not correlate. */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x01000193);
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
    h ^= h >>> 13;
  }
  return h >>> 0;
}

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }

  /** Standard normal (Box-Muller); 1 - float() keeps the logarithm finite. */
  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.float())) * Math.cos(2 * Math.PI * this.float());
  }

  /** Integer from a log-normal with the given median, clamped: author counts, abstract lengths. */
  logNormalInt(median: number, sigma: number, min: number, max: number): number {
    const value = Math.round(median * Math.exp(sigma * this.normal()));
    return Math.min(max, Math.max(min, value));
  }

  /**
   * A rank ≥ 0 from a power law with a flat head: P(rank ≥ r) ≈ (1 + r/scale)^-(exponent-1) over an
   * unbounded support (a Lomax draw). Distinct ranks in m draws grow like m^(1/exponent) once m is
   * well past `scale`: Heaps' law. The scale keeps any single rank from dominating.
   */
  powerLawRank(exponent: number, scale: number): number {
    const rank = Math.floor(scale * (Math.pow(1 - this.float(), -1 / (exponent - 1)) - 1));
    return Math.min(rank, Number.MAX_SAFE_INTEGER);
  }
}
