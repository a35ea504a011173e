// Dot-product kernels. Plain scalar JavaScript, unrolled by four with independent
// accumulators so the loop is not one long dependency chain; always called with the
// same array types so V8 keeps them monomorphic and inlines them into the scans.
// The two block operations of the IVF build (nearestRows, scoreMatrix) hand large
// blocks to the WebAssembly SIMD kernel where it runs (simd.ts), ~5× faster.
import { simdScorer } from './simd';

/** Below this many multiply-adds a block stays in JS (copying into the kernel costs more). */
const SIMD_MIN_WORK = 1 << 15;
/** Rows per kernel call, which bounds the kernel's memory to a few MB. */
const SIMD_ROWS = 256;

/** query · codes[offset..offset+d) — the caller multiplies by the vector's scale. */
export function dotInt8(query: Float32Array, codes: Int8Array, offset: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const end4 = d & ~3;
  let j = 0;
  for (; j < end4; j += 4) {
    const o = offset + j;
    s0 += query[j]! * codes[o]!;
    s1 += query[j + 1]! * codes[o + 1]!;
    s2 += query[j + 2]! * codes[o + 2]!;
    s3 += query[j + 3]! * codes[o + 3]!;
  }
  for (; j < d; j++) s0 += query[j]! * codes[offset + j]!;
  return s0 + s1 + s2 + s3;
}

/**
 * For each of `count` rows of `points` (row-major, d wide, starting at row `first`),
 * the index of the most similar of the `k` centroids (by dot product) goes to
 * `best[first + i]` and its score to `bestScore[first + i]`.
 */
export function nearestRows(
  points: Float32Array,
  first: number,
  count: number,
  centroids: Float32Array,
  k: number,
  d: number,
  best: Int32Array,
  bestScore: Float32Array,
): void {
  const simd = count * k * d >= SIMD_MIN_WORK ? simdScorer() : null;
  if (!simd) {
    nearestRowsPlain(points, first, count, centroids, k, d, best, bestScore);
    return;
  }
  for (let done = 0; done < count; done += SIMD_ROWS) {
    const rows = Math.min(SIMD_ROWS, count - done);
    const { out, stride } = simd.score(points, first + done, rows, centroids, k, d);
    for (let i = 0; i < rows; i++) {
      const o = i * stride;
      let b = 0;
      let s = out[o]!;
      for (let c = 1; c < k; c++) {
        if (out[o + c]! > s) {
          s = out[o + c]!;
          b = c;
        }
      }
      best[first + done + i] = b;
      bestScore[first + done + i] = s;
    }
  }
}

/** out[i·k + c] = points row i · centroids row c, for i < count and c < k. */
export function scoreMatrix(points: Float32Array, count: number, centroids: Float32Array, k: number, d: number, out: Float32Array): void {
  const simd = count * k * d >= SIMD_MIN_WORK ? simdScorer() : null;
  if (!simd) {
    scoreMatrixPlain(points, count, centroids, k, d, out);
    return;
  }
  for (let done = 0; done < count; done += SIMD_ROWS) {
    const rows = Math.min(SIMD_ROWS, count - done);
    const scored = simd.score(points, done, rows, centroids, k, d);
    for (let i = 0; i < rows; i++) out.set(scored.out.subarray(i * scored.stride, i * scored.stride + k), (done + i) * k);
  }
}

/**
 * nearestRows in plain JS, blocked two points × four centroids: every loaded value is
 * used twice or four times, about 1.6× faster than one dot at a time in V8.
 */
export function nearestRowsPlain(
  points: Float32Array,
  first: number,
  count: number,
  centroids: Float32Array,
  k: number,
  d: number,
  best: Int32Array,
  bestScore: Float32Array,
): void {
  const last = first + count;
  let p = first;
  for (; p + 1 < last; p += 2) {
    const pa = p * d;
    const pb = pa + d;
    let bestA = -1;
    let bestB = -1;
    let scoreA = -Infinity;
    let scoreB = -Infinity;
    let c = 0;
    for (; c + 3 < k; c += 4) {
      const c0 = c * d;
      const c1 = c0 + d;
      const c2 = c1 + d;
      const c3 = c2 + d;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
      for (let j = 0; j < d; j++) {
        const x = points[pa + j]!;
        const y = points[pb + j]!;
        const u0 = centroids[c0 + j]!;
        const u1 = centroids[c1 + j]!;
        const u2 = centroids[c2 + j]!;
        const u3 = centroids[c3 + j]!;
        a0 += x * u0;
        a1 += x * u1;
        a2 += x * u2;
        a3 += x * u3;
        b0 += y * u0;
        b1 += y * u1;
        b2 += y * u2;
        b3 += y * u3;
      }
      if (a0 > scoreA) { scoreA = a0; bestA = c; }
      if (a1 > scoreA) { scoreA = a1; bestA = c + 1; }
      if (a2 > scoreA) { scoreA = a2; bestA = c + 2; }
      if (a3 > scoreA) { scoreA = a3; bestA = c + 3; }
      if (b0 > scoreB) { scoreB = b0; bestB = c; }
      if (b1 > scoreB) { scoreB = b1; bestB = c + 1; }
      if (b2 > scoreB) { scoreB = b2; bestB = c + 2; }
      if (b3 > scoreB) { scoreB = b3; bestB = c + 3; }
    }
    for (; c < k; c++) {
      const sa = dotRows(points, pa, centroids, c * d, d);
      const sb = dotRows(points, pb, centroids, c * d, d);
      if (sa > scoreA) { scoreA = sa; bestA = c; }
      if (sb > scoreB) { scoreB = sb; bestB = c; }
    }
    best[p] = bestA;
    bestScore[p] = scoreA;
    best[p + 1] = bestB;
    bestScore[p + 1] = scoreB;
  }
  for (; p < last; p++) {
    const pa = p * d;
    let bestA = -1;
    let scoreA = -Infinity;
    for (let c = 0; c < k; c++) {
      const s = dotRows(points, pa, centroids, c * d, d);
      if (s > scoreA) { scoreA = s; bestA = c; }
    }
    best[p] = bestA;
    bestScore[p] = scoreA;
  }
}

/** a[aOffset..+d) · b[bOffset..+d) */
export function dotRows(a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const end4 = d & ~3;
  let j = 0;
  for (; j < end4; j += 4) {
    s0 += a[aOffset + j]! * b[bOffset + j]!;
    s1 += a[aOffset + j + 1]! * b[bOffset + j + 1]!;
    s2 += a[aOffset + j + 2]! * b[bOffset + j + 2]!;
    s3 += a[aOffset + j + 3]! * b[bOffset + j + 3]!;
  }
  for (; j < d; j++) s0 += a[aOffset + j]! * b[bOffset + j]!;
  return s0 + s1 + s2 + s3;
}

/** scoreMatrix in plain JS, blocked two rows × four centroids like nearestRowsPlain. */
export function scoreMatrixPlain(points: Float32Array, count: number, centroids: Float32Array, k: number, d: number, out: Float32Array): void {
  let p = 0;
  for (; p + 1 < count; p += 2) {
    const pa = p * d;
    const pb = pa + d;
    const oa = p * k;
    const ob = oa + k;
    let c = 0;
    for (; c + 3 < k; c += 4) {
      const c0 = c * d;
      const c1 = c0 + d;
      const c2 = c1 + d;
      const c3 = c2 + d;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
      for (let j = 0; j < d; j++) {
        const x = points[pa + j]!;
        const y = points[pb + j]!;
        const u0 = centroids[c0 + j]!;
        const u1 = centroids[c1 + j]!;
        const u2 = centroids[c2 + j]!;
        const u3 = centroids[c3 + j]!;
        a0 += x * u0;
        a1 += x * u1;
        a2 += x * u2;
        a3 += x * u3;
        b0 += y * u0;
        b1 += y * u1;
        b2 += y * u2;
        b3 += y * u3;
      }
      out[oa + c] = a0;
      out[oa + c + 1] = a1;
      out[oa + c + 2] = a2;
      out[oa + c + 3] = a3;
      out[ob + c] = b0;
      out[ob + c + 1] = b1;
      out[ob + c + 2] = b2;
      out[ob + c + 3] = b3;
    }
    for (; c < k; c++) {
      out[oa + c] = dotRows(points, pa, centroids, c * d, d);
      out[ob + c] = dotRows(points, pb, centroids, c * d, d);
    }
  }
  for (; p < count; p++) for (let c = 0; c < k; c++) out[p * k + c] = dotRows(points, p * d, centroids, c * d, d);
}
