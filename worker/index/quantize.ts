// int8 quantisation with one scale per vector: 4× less memory than float32, and a
// cosine computed from the codes differs from the float one by about 1e-3 or less.

/** Largest code magnitude: codes are in [-127, 127] so negation never overflows. */
export const CODE_MAX = 127;

/**
 * Checks a vector's length and values; throws a RangeError naming `id` otherwise.
 * Returns its L2 norm (positive).
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
  if (sumSquares === 0) throw new RangeError(`vector "${id}" is all zeros; cosine similarity needs a direction (${dimensions} dimensions expected)`);
  return Math.sqrt(sumSquares);
}

/**
 * Writes the int8 codes of `vector` / `norm` to `codes[offset..offset+d)` and returns the
 * scale that turns a code back into a value (value ≈ code × scale). Normalising here keeps
 * scores true cosines even if a caller's vector drifted slightly from unit length.
 */
export function quantizeInto(vector: Float32Array, norm: number, codes: Int8Array, offset: number): number {
  const d = vector.length;
  let maxAbs = 0;
  for (let j = 0; j < d; j++) {
    const a = Math.abs(vector[j]!);
    if (a > maxAbs) maxAbs = a;
  }
  const scale = maxAbs / norm / CODE_MAX;
  const inverse = CODE_MAX / maxAbs;
  for (let j = 0; j < d; j++) codes[offset + j] = Math.round(vector[j]! * inverse);
  return scale;
}

/**
 * Second stage: int8 codes of what the first codes missed (value − code × scale), with
 * their own scale. Code plus residual carry ~15 bits per value, enough to re-rank
 * candidates in the order float32 would give. Returns the residual's scale.
 */
export function quantizeResidualInto(
  vector: Float32Array,
  norm: number,
  codes: Int8Array,
  offset: number,
  scale: number,
  residuals: Int8Array,
  residualOffset: number,
): number {
  const d = vector.length;
  let maxAbs = 0;
  for (let j = 0; j < d; j++) {
    const e = Math.abs(vector[j]! / norm - codes[offset + j]! * scale);
    if (e > maxAbs) maxAbs = e;
  }
  if (maxAbs === 0) {
    residuals.fill(0, residualOffset, residualOffset + d);
    return 0;
  }
  const inverse = CODE_MAX / maxAbs;
  for (let j = 0; j < d; j++) residuals[residualOffset + j] = Math.round((vector[j]! / norm - codes[offset + j]! * scale) * inverse);
  return maxAbs / CODE_MAX;
}

/** Back to floats (for training centroids on stored codes). */
export function dequantizeInto(codes: Int8Array, offset: number, scale: number, d: number, out: Float32Array, outOffset: number): void {
  for (let j = 0; j < d; j++) out[outOffset + j] = codes[offset + j]! * scale;
}
