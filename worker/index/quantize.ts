// int8 quantisation with one scale per vector: 4× less memory than float32, and a
// cosine computed from the codes differs from the float one by about 1e-3 or less.

/** Largest code magnitude: codes are in [-127, 127] so negation never overflows. */
export const CODE_MAX = 127;

/**
 * Checks a vector's length and values; throws a RangeError naming `id` otherwise.
 * Returns its L2 norm (0 for the zero vector).
 */
export function checkVector(id: string, vector: Float32Array, dimensions: number): number {
  if (!(vector instanceof Float32Array)) {
    throw new TypeError(`vector "${id}" must be a Float32Array of ${dimensions} dimensions`);
  }
  if (vector.length !== dimensions) {
    throw new RangeError(`vector "${id}" has ${vector.length} dimensions; the index expects ${dimensions}`);
  }
  let sumSquares = 0;
  for (let j = 0; j < dimensions; j++) {
    const x = vector[j]!;
    if (!Number.isFinite(x)) {
      throw new RangeError(`vector "${id}" has a non-finite value (${x}) at dimension ${j} of ${dimensions}`);
    }
    sumSquares += x * x;
  }
  return Math.sqrt(sumSquares);
}

/** Residual codes are in units of a code step / RESIDUAL_STEPS (|residual| ≤ half a step). */
export const RESIDUAL_STEPS = 2 * CODE_MAX;

/**
 * Writes the int8 codes of `vector` / `norm` to `codes[offset..]` and returns the scale
 * that turns a code back into a value (value ≈ code × scale). Normalising here keeps
 * scores true cosines even if a caller's vector drifted slightly from unit length.
 * Also writes, to `residuals[residualOffset..]`, int8 codes of what rounding left out
 * (value − code × scale, at most half a step) in steps of scale / RESIDUAL_STEPS: code
 * plus residual carry ~15 bits per value, enough to re-rank candidates in the order
 * float32 would give.
 */
export function quantizeInto(vector: Float32Array, norm: number, codes: Int8Array, offset: number, residuals: Int8Array, residualOffset: number): number {
  const d = vector.length;
  let maxAbs = 0;
  for (let j = 0; j < d; j++) {
    const a = Math.abs(vector[j]!);
    if (a > maxAbs) maxAbs = a;
  }
  const inverse = CODE_MAX / maxAbs;
  // Math.floor(x + 0.5) rather than Math.round: same result, and V8 inlines floor
  // (Math.round is a call, ~8× slower here).
  for (let j = 0; j < d; j++) {
    const steps = vector[j]! * inverse;
    const code = Math.floor(steps + 0.5);
    codes[offset + j] = code;
    residuals[residualOffset + j] = Math.floor((steps - code) * RESIDUAL_STEPS + 0.5);
  }
  return maxAbs / norm / CODE_MAX;
}

/** Back to floats (for training centroids on stored codes). */
export function dequantizeInto(codes: Int8Array, offset: number, scale: number, d: number, out: Float32Array, outOffset: number): void {
  for (let j = 0; j < d; j++) out[outOffset + j] = codes[offset + j]! * scale;
}
