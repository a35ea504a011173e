// A small seeded random generator, so training samples and test data are reproducible.
import { mulberry32 } from '../../shared/mulberry32';

/** mulberry32: 32-bit state, uniform floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  return mulberry32(seed);
}

/** Standard normal draws (Box–Muller) from a uniform generator. */
export function gaussian(random: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    let u = 0;
    while (u === 0) u = random();
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

/** `count` distinct integers from [0, n), in random order (partial Fisher–Yates). */
export function sampleIndices(n: number, count: number, random: () => number): Int32Array {
  const take = Math.min(n, count);
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return pool.slice(0, take);
}
