import { afterEach, describe, expect, it } from 'vitest';
import { dotInt8, dotRows, nearestRows, nearestRowsPlain, scoreMatrix, scoreMatrixPlain } from './dot';
import { gaussian, seededRandom } from './rng';
import { disableSimd, simdScorer } from './simd';

const normal = gaussian(seededRandom(2));
const randomRows = (n: number, d: number) => Float32Array.from({ length: n * d }, () => normal());

describe('dot kernels', () => {
  afterEach(() => disableSimd(false));

  it('dotInt8 and dotRows equal a plain sum for any length, tail included', () => {
    for (const d of [1, 3, 4, 7, 100, 385]) {
      const a = randomRows(1, d);
      const b = randomRows(3, d);
      const codes = Int8Array.from({ length: 2 * d }, (_, i) => ((i * 37) % 255) - 127);
      let expectedRows = 0;
      let expectedInt8 = 0;
      for (let j = 0; j < d; j++) {
        expectedRows += a[j]! * b[d + j]!;
        expectedInt8 += a[j]! * codes[d + j]!;
      }
      expect(dotRows(a, 0, b, d, d)).toBeCloseTo(expectedRows, 4);
      expect(dotInt8(a, codes, d, d)).toBeCloseTo(expectedInt8, 2);
    }
  });

  it('runs the WebAssembly SIMD kernel in Node', () => {
    expect(simdScorer()).not.toBeNull();
  });

  // Shapes with a row count, centroid count or width that are not multiples of the
  // kernels' blocks, and blocks big enough to go to the SIMD kernel.
  const shapes = [
    { n: 3, k: 5, d: 7 },
    { n: 300, k: 37, d: 101 },
    { n: 513, k: 64, d: 384 },
    { n: 61, k: 950, d: 100 },
  ];

  for (const { n, k, d } of shapes) {
    it(`scoreMatrix and nearestRows agree with the plain loops and a direct sum (${n} × ${k} × ${d})`, () => {
      const rows = randomRows(n, d);
      const centroids = randomRows(k, d);
      const plain = new Float32Array(n * k);
      scoreMatrixPlain(rows, n, centroids, k, d, plain);
      for (const [i, c] of [[0, 0], [n - 1, k - 1], [n >> 1, k >> 1]] as const) {
        expect(plain[i * k + c]).toBeCloseTo(dotRows(rows, i * d, centroids, c * d, d), 3);
      }
      const fast = new Float32Array(n * k);
      scoreMatrix(rows, n, centroids, k, d, fast);
      for (let x = 0; x < n * k; x++) expect(Math.abs(fast[x]! - plain[x]!)).toBeLessThan(1e-3);

      // nearestRows from row 1 on, both paths.
      const best = new Int32Array(n).fill(-7);
      const score = new Float32Array(n);
      nearestRows(rows, 1, n - 1, centroids, k, d, best, score);
      const bestPlain = new Int32Array(n).fill(-7);
      const scorePlain = new Float32Array(n);
      nearestRowsPlain(rows, 1, n - 1, centroids, k, d, bestPlain, scorePlain);
      expect(best[0]).toBe(-7);
      for (let i = 1; i < n; i++) {
        const row = plain.subarray(i * k, i * k + k);
        const top = Math.max(...row);
        expect(score[i]).toBeCloseTo(top, 3);
        expect(scorePlain[i]).toBeCloseTo(top, 3);
        // The same centroid, unless two tie within rounding.
        if (best[i] !== bestPlain[i]) expect(Math.abs(row[best[i]!]! - row[bestPlain[i]!]!)).toBeLessThan(1e-3);
      }
    });
  }

  it('falls back to plain JS when the kernel is off', () => {
    disableSimd(true);
    expect(simdScorer()).toBeNull();
    const rows = randomRows(200, 64);
    const centroids = randomRows(40, 64);
    const a = new Float32Array(200 * 40);
    const b = new Float32Array(200 * 40);
    scoreMatrix(rows, 200, centroids, 40, 64, a);
    scoreMatrixPlain(rows, 200, centroids, 40, 64, b);
    expect(a).toEqual(b);
    disableSimd(false);
    expect(simdScorer()).not.toBeNull();
  });
});
