// Images as plain pixel buffers, and the few operations perception needs on them.
// No DOM API here: these run in Node tests and in the dedicated worker alike.

/** 8-bit RGBA pixels, row by row, as ImageData and canvas give them. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** One channel of floats (luminance 0–255 unless said otherwise), row by row. */
export interface GrayImage {
  width: number;
  height: number;
  data: Float32Array;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function createRgbaImage(width: number, height: number): RgbaImage {
  return { width, height, data: new Uint8ClampedArray(width * height * 4) };
}

/** Throws when the buffer does not hold width × height RGBA pixels. */
export function assertRgbaImage(image: RgbaImage): void {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`image size must be positive integers, got ${width}×${height}`);
  }
  if (data.length !== width * height * 4) {
    throw new RangeError(`image data has ${data.length} bytes, ${width}×${height} RGBA needs ${width * height * 4}`);
  }
}

/** The part of the image inside rect, with rect clipped to the image (and at least 1×1). */
export function crop(image: RgbaImage, rect: Rect): RgbaImage {
  const x0 = clamp(Math.floor(rect.x), 0, image.width - 1);
  const y0 = clamp(Math.floor(rect.y), 0, image.height - 1);
  const x1 = clamp(Math.ceil(rect.x + rect.width), x0 + 1, image.width);
  const y1 = clamp(Math.ceil(rect.y + rect.height), y0 + 1, image.height);
  const out = createRgbaImage(x1 - x0, y1 - y0);
  const rowBytes = out.width * 4;
  for (let y = y0; y < y1; y++) {
    const from = (y * image.width + x0) * 4;
    out.data.set(image.data.subarray(from, from + rowBytes), (y - y0) * rowBytes);
  }
  return out;
}

/**
 * Bilinear resize with pixel centres aligned (the convention of OpenCV's INTER_LINEAR,
 * which the PaddleOCR models were trained with). Meant for moderate scale factors;
 * use areaResizeGray to shrink a lot.
 */
export function resizeBilinear(image: RgbaImage, width: number, height: number): RgbaImage {
  const out = createRgbaImage(width, height);
  const src = image.data;
  const dst = out.data;
  const xs = bilinearTaps(image.width, width);
  const ys = bilinearTaps(image.height, height);
  for (let y = 0; y < height; y++) {
    const row0 = ys.lo[y]! * image.width;
    const row1 = ys.hi[y]! * image.width;
    const fy = ys.frac[y]!;
    for (let x = 0; x < width; x++) {
      const fx = xs.frac[x]!;
      const a = (row0 + xs.lo[x]!) * 4;
      const b = (row0 + xs.hi[x]!) * 4;
      const c = (row1 + xs.lo[x]!) * 4;
      const d = (row1 + xs.hi[x]!) * 4;
      const o = (y * width + x) * 4;
      for (let ch = 0; ch < 4; ch++) {
        const top = src[a + ch]! + (src[b + ch]! - src[a + ch]!) * fx;
        const bottom = src[c + ch]! + (src[d + ch]! - src[c + ch]!) * fx;
        dst[o + ch] = top + (bottom - top) * fy; // Uint8ClampedArray rounds and clamps.
      }
    }
  }
  return out;
}

/** For each output coordinate: the two source coordinates and the weight of the second. */
function bilinearTaps(srcSize: number, dstSize: number): { lo: Int32Array; hi: Int32Array; frac: Float32Array } {
  const lo = new Int32Array(dstSize);
  const hi = new Int32Array(dstSize);
  const frac = new Float32Array(dstSize);
  const scale = srcSize / dstSize;
  for (let i = 0; i < dstSize; i++) {
    const s = clamp((i + 0.5) * scale - 0.5, 0, srcSize - 1);
    const l = Math.floor(s);
    lo[i] = l;
    hi[i] = Math.min(l + 1, srcSize - 1);
    frac[i] = s - l;
  }
  return { lo, hi, frac };
}

/** Luminance (ITU-R BT.601 weights, as JPEG uses), 0–255. Alpha is ignored: screenshots are opaque. */
export function toGray(image: RgbaImage): GrayImage {
  const n = image.width * image.height;
  const out = new Float32Array(n);
  const src = image.data;
  for (let i = 0, p = 0; i < n; i++, p += 4) {
    out[i] = 0.299 * src[p]! + 0.587 * src[p + 1]! + 0.114 * src[p + 2]!;
  }
  return { width: image.width, height: image.height, data: out };
}

/**
 * Shrinks by averaging every source pixel into the output cell it falls in, with
 * fractional coverage at cell borders. Unlike bilinear sampling at a large factor,
 * every pixel counts, so a moving caret or JPEG noise barely changes the result.
 */
export function areaResizeGray(image: GrayImage, width: number, height: number): GrayImage {
  if (width > image.width || height > image.height) {
    throw new RangeError(`areaResizeGray only shrinks: ${image.width}×${image.height} → ${width}×${height}`);
  }
  const columns = areaWeights(image.width, width);
  const rows = areaWeights(image.height, height);
  // Columns first (each source row into `width` sums), then rows.
  const partial = new Float32Array(image.height * width);
  for (let y = 0; y < image.height; y++) {
    const srcRow = y * image.width;
    for (const { from, to, weight } of columns) partial[y * width + to] = partial[y * width + to]! + image.data[srcRow + from]! * weight;
  }
  const out = new Float32Array(width * height);
  for (const { from, to, weight } of rows) {
    for (let x = 0; x < width; x++) out[to * width + x] = out[to * width + x]! + partial[from * width + x]! * weight;
  }
  const cellArea = (image.width / width) * (image.height / height);
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / cellArea;
  return { width, height, data: out };
}

/** How much of each source index falls into each destination cell (1-D). */
function areaWeights(srcSize: number, dstSize: number): { from: number; to: number; weight: number }[] {
  const scale = srcSize / dstSize;
  const out: { from: number; to: number; weight: number }[] = [];
  for (let to = 0; to < dstSize; to++) {
    const start = to * scale;
    const end = start + scale;
    for (let from = Math.floor(start); from < Math.min(Math.ceil(end), srcSize); from++) {
      const weight = Math.min(end, from + 1) - Math.max(start, from);
      if (weight > 1e-9) out.push({ from, to, weight });
    }
  }
  return out;
}

export function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}
