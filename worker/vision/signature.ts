// A compact visual signature of a screenshot, to tell "same screen state" from
// "different state" without keeping the screenshot: a 64-bit DCT perceptual hash
// (global layout) plus a 16×12 luminance grid (where on the screen things changed).
// Plain JSON, so it can sit in a trajectory step or a memory item.
import { type GrayImage, type RgbaImage, areaResizeGray, assertRgbaImage, toGray } from './image';

export const SIGNATURE_GRID = { width: 16, height: 12 } as const;
const HASH_SIDE = 32; // pHash works on a 32×32 shrink and keeps its lowest 8×8 frequencies.
const HASH_FREQUENCIES = 8;

export interface ScreenSignature {
  version: 1;
  /** 64-bit DCT perceptual hash as 16 hex digits. */
  hash: string;
  /** The 16×12 luminance grid (row by row), mean-centred and scaled to unit length: a dot product is a correlation. */
  vector: number[];
  /** Mean luminance of the grid, 0–1. */
  mean: number;
  /** RMS deviation of the grid from its mean, 0–1; with mean, it gives the grid back from vector. */
  contrast: number;
}

export interface SignatureComparison {
  /** Differing hash bits, 0–64. */
  hashDistance: number;
  /** Correlation of the two grids, −1–1 (1 for two flat screens). */
  vectorSimilarity: number;
  /** Largest change of one grid cell's mean luminance, 0–1: a local change such as a menu or a message. */
  largestCellChange: number;
  same: boolean;
}

/**
 * Thresholds for "same state", chosen from measured pairs of 1280×720 screenshots
 * (the committed ones in worker/ocr/testdata, whose figures signature.test.ts prints,
 * and a wider set of variants captured the same way):
 *   same state — JPEG quality 40–90, caret moved, focus ring, hover colour, a 3 px
 *     scroll, a filled vs empty field, the year in the footer: hash ≤ 4 bits,
 *     similarity ≥ 0.990, cell change ≤ 0.059;
 *   different state — dialog, navigation menu, validation message, toast, another
 *     article in the same layout, scrolled 200 px: cell change ≥ 0.179, and hash ≥ 8
 *     or similarity ≤ 0.97 for most.
 * The cell change does most of the work (a threefold gap); the hash and the
 * similarity are coarse checks of the global layout with a wide margin on the
 * "same" side. Not caught: a change of low contrast, e.g. a white cookie banner over
 * a light footer (cell change 0.058).
 */
export const SAME_STATE = {
  maxHashDistance: 10,
  minVectorSimilarity: 0.975,
  maxCellChange: 0.11,
} as const;

export function computeSignature(image: RgbaImage): ScreenSignature {
  assertRgbaImage(image);
  const gray = toGray(image);
  const grid = shrinkTo(gray, SIGNATURE_GRID.width, SIGNATURE_GRID.height);
  const n = grid.data.length;
  let sum = 0;
  for (const v of grid.data) sum += v;
  const mean = sum / n;
  let squares = 0;
  for (const v of grid.data) squares += (v - mean) ** 2;
  const norm = Math.sqrt(squares);
  const vector = Array.from(grid.data, (v) => (norm > 1e-6 ? round((v - mean) / norm, 5) : 0));
  return {
    version: 1,
    hash: perceptualHash(gray),
    vector,
    mean: round(mean / 255, 5),
    contrast: round(norm / Math.sqrt(n) / 255, 5),
  };
}

export function compareSignatures(a: ScreenSignature, b: ScreenSignature): SignatureComparison {
  if (a.vector.length !== b.vector.length) {
    throw new RangeError(`signatures of different grids (${a.vector.length} and ${b.vector.length} cells) cannot be compared`);
  }
  const hashDistance = hammingDistance(a.hash, b.hash);
  const vectorSimilarity = similarity(a, b);
  const largestCellChange = largestChange(a, b);
  const same =
    hashDistance <= SAME_STATE.maxHashDistance &&
    vectorSimilarity >= SAME_STATE.minVectorSimilarity &&
    largestCellChange <= SAME_STATE.maxCellChange;
  return { hashDistance, vectorSimilarity, largestCellChange, same };
}

function similarity(a: ScreenSignature, b: ScreenSignature): number {
  const flatA = a.contrast === 0;
  const flatB = b.contrast === 0;
  if (flatA || flatB) return flatA && flatB ? 1 : 0; // A flat screen has no pattern to correlate.
  let dot = 0;
  for (let i = 0; i < a.vector.length; i++) dot += a.vector[i]! * b.vector[i]!;
  return Math.max(-1, Math.min(1, dot));
}

/** Rebuilds both grids from vector, mean and contrast and returns the largest cell difference. */
function largestChange(a: ScreenSignature, b: ScreenSignature): number {
  const scaleA = a.contrast * Math.sqrt(a.vector.length);
  const scaleB = b.contrast * Math.sqrt(b.vector.length);
  let largest = 0;
  for (let i = 0; i < a.vector.length; i++) {
    const change = Math.abs(a.mean + a.vector[i]! * scaleA - (b.mean + b.vector[i]! * scaleB));
    if (change > largest) largest = change;
  }
  return largest;
}

/**
 * DCT perceptual hash: shrink to 32×32, take the 8×8 lowest frequencies of the 2-D
 * DCT, one bit per coefficient above their median. Bit i is coefficient (i / 8, i % 8).
 */
export function perceptualHash(gray: GrayImage): string {
  const small = shrinkTo(gray, HASH_SIDE, HASH_SIDE);
  const basis = dctBasis(HASH_SIDE, HASH_FREQUENCIES);
  // Separable DCT: rows first (32 rows × 8 frequencies), then columns.
  const rows = new Float64Array(HASH_SIDE * HASH_FREQUENCIES);
  for (let y = 0; y < HASH_SIDE; y++) {
    for (let u = 0; u < HASH_FREQUENCIES; u++) {
      let s = 0;
      for (let x = 0; x < HASH_SIDE; x++) s += small.data[y * HASH_SIDE + x]! * basis[u * HASH_SIDE + x]!;
      rows[y * HASH_FREQUENCIES + u] = s;
    }
  }
  const coefficients = new Float64Array(HASH_FREQUENCIES * HASH_FREQUENCIES);
  for (let v = 0; v < HASH_FREQUENCIES; v++) {
    for (let u = 0; u < HASH_FREQUENCIES; u++) {
      let s = 0;
      for (let y = 0; y < HASH_SIDE; y++) s += rows[y * HASH_FREQUENCIES + u]! * basis[v * HASH_SIDE + y]!;
      coefficients[v * HASH_FREQUENCIES + u] = s;
    }
  }
  const sorted = Array.from(coefficients).sort((p, q) => p - q);
  const median = (sorted[31]! + sorted[32]!) / 2;
  let hex = '';
  for (let nibble = 0; nibble < 16; nibble++) {
    let value = 0;
    for (let bit = 0; bit < 4; bit++) if (coefficients[nibble * 4 + bit]! > median) value |= 1 << bit;
    hex += value.toString(16);
  }
  return hex;
}

function dctBasis(size: number, frequencies: number): Float64Array {
  const basis = new Float64Array(frequencies * size);
  for (let u = 0; u < frequencies; u++) {
    for (let x = 0; x < size; x++) basis[u * size + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * size));
  }
  return basis;
}

export function hammingDistance(hexA: string, hexB: string): number {
  if (hexA.length !== hexB.length || !/^[0-9a-f]*$/i.test(hexA + hexB)) {
    throw new RangeError(`hashes must be hex strings of the same length, got "${hexA}" and "${hexB}"`);
  }
  let distance = 0;
  for (let i = 0; i < hexA.length; i++) {
    let x = Number.parseInt(hexA[i]!, 16) ^ Number.parseInt(hexB[i]!, 16);
    for (; x; x &= x - 1) distance++;
  }
  return distance;
}

/** Area shrink, tolerating images smaller than the target (tiny thumbnails): those are stretched first. */
function shrinkTo(gray: GrayImage, width: number, height: number): GrayImage {
  if (gray.width >= width && gray.height >= height) return areaResizeGray(gray, width, height);
  const scale = Math.ceil(Math.max(width / gray.width, height / gray.height));
  const big = new Float32Array(gray.width * scale * gray.height * scale);
  for (let y = 0; y < gray.height * scale; y++) {
    for (let x = 0; x < gray.width * scale; x++) big[y * gray.width * scale + x] = gray.data[Math.floor(y / scale) * gray.width + Math.floor(x / scale)]!;
  }
  return areaResizeGray({ width: gray.width * scale, height: gray.height * scale, data: big }, width, height);
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
