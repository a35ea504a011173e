// A WebAssembly SIMD kernel for the one operation that dominates building the IVF
// index: the dot products of a block of rows with a block of centroids. Plain JS does
// ~1.2 cycles per multiply-add at best; f32x4 lanes do four at once, which brings a
// 100k × 384-d build from ~5 s to ~2 s (and keeps it under the 10 s target when the
// machine is shared). The module is assembled here from its opcodes (no toolchain, a
// few hundred bytes) and is used only where WebAssembly SIMD compiles; otherwise
// dot.ts's plain JS loops run. Needs 'wasm-unsafe-eval' in an extension page's CSP,
// which the manifest already grants for onnxruntime-web.

/** out[i·kPadded + c] = row i · centroid c, for blocks laid out in the kernel's memory. */
export interface SimdScorer {
  /**
   * Scores `count` rows of `rows` (row-major, d wide, from row `first`) against `k`
   * centroids. Row i's scores land in out[i·stride .. i·stride + k); returns stride.
   */
  score(rows: Float32Array, first: number, count: number, centroids: Float32Array, k: number, d: number): { out: Float32Array; stride: number };
}

const PAGE = 65536;

// Opcodes (WebAssembly core + SIMD proposal, as shipped in Chrome 91 and Firefox 89).
const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, depth],
  brIf: (depth: number) => [0x0d, depth],
  get: (local: number) => [0x20, local],
  set: (local: number) => [0x21, local],
  i32: (value: number) => [0x41, ...sleb(value)],
  i32Add: [0x6a],
  i32Mul: [0x6c],
  i32GeU: [0x4f],
  f32Add: [0x92],
  f32Store: (offset: number) => [0x38, 2, ...uleb(offset)],
  v128Load: [0xfd, 0x00, 0, 0],
  v128Zero: [0xfd, 0x0c, ...new Array<number>(16).fill(0)],
  f32x4Add: [0xfd, 0xe4, 0x01],
  f32x4Mul: [0xfd, 0xe6, 0x01],
  f32x4Lane: (lane: number) => [0xfd, 0x1f, lane],
};

function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function sleb(value: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function section(id: number, bytes: number[]): number[] {
  return [id, ...uleb(bytes.length), ...bytes];
}

function name(text: string): number[] {
  return [...uleb(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];
}

/**
 * scores(rows, count, centroids, k, rowBytes, out): for i < count, c < k (step 4):
 * out[(i·k + c + q)·4] = Σ_j rows[i][j] · centroids[c + q][j], q < 4. Byte addresses;
 * rowBytes = 16 · d/4 (rows padded to whole f32x4 lanes), k a multiple of 4.
 */
function kernelBody(): number[] {
  // Parameters 0..5, then locals.
  const [rows, count, centroids, k, rowBytes, out] = [0, 1, 2, 3, 4, 5];
  const [i, c, j, row, c0, c1, c2, c3, at] = [6, 7, 8, 9, 10, 11, 12, 13, 14];
  const [a0, a1, a2, a3, x] = [15, 16, 17, 18, 19];
  const accumulate = (acc: number, base: number) => [
    ...op.get(acc), ...op.get(x), ...op.get(base), ...op.get(j), ...op.i32Add, ...op.v128Load, ...op.f32x4Mul, ...op.f32x4Add, ...op.set(acc),
  ];
  const laneSum = (acc: number) => [
    ...op.get(acc), ...op.f32x4Lane(0), ...op.get(acc), ...op.f32x4Lane(1), ...op.f32Add,
    ...op.get(acc), ...op.f32x4Lane(2), ...op.f32Add, ...op.get(acc), ...op.f32x4Lane(3), ...op.f32Add,
  ];
  const store = (acc: number, offset: number) => [...op.get(at), ...laneSum(acc), ...op.f32Store(offset)];
  const code = [
    ...op.i32(0), ...op.set(i),
    ...op.block, ...op.loop,
    ...op.get(i), ...op.get(count), ...op.i32GeU, ...op.brIf(1),
    // row = rows + i·rowBytes
    ...op.get(rows), ...op.get(i), ...op.get(rowBytes), ...op.i32Mul, ...op.i32Add, ...op.set(row),
    ...op.i32(0), ...op.set(c),
    ...op.block, ...op.loop,
    ...op.get(c), ...op.get(k), ...op.i32GeU, ...op.brIf(1),
    // c0..c3 = centroids + (c..c+3)·rowBytes
    ...op.get(centroids), ...op.get(c), ...op.get(rowBytes), ...op.i32Mul, ...op.i32Add, ...op.set(c0),
    ...op.get(c0), ...op.get(rowBytes), ...op.i32Add, ...op.set(c1),
    ...op.get(c1), ...op.get(rowBytes), ...op.i32Add, ...op.set(c2),
    ...op.get(c2), ...op.get(rowBytes), ...op.i32Add, ...op.set(c3),
    ...op.v128Zero, ...op.set(a0), ...op.v128Zero, ...op.set(a1), ...op.v128Zero, ...op.set(a2), ...op.v128Zero, ...op.set(a3),
    ...op.i32(0), ...op.set(j),
    ...op.block, ...op.loop,
    ...op.get(j), ...op.get(rowBytes), ...op.i32GeU, ...op.brIf(1),
    ...op.get(row), ...op.get(j), ...op.i32Add, ...op.v128Load, ...op.set(x),
    ...accumulate(a0, c0), ...accumulate(a1, c1), ...accumulate(a2, c2), ...accumulate(a3, c3),
    ...op.get(j), ...op.i32(16), ...op.i32Add, ...op.set(j),
    ...op.br(0), ...op.end, ...op.end,
    // at = out + (i·k + c)·4
    ...op.get(out), ...op.get(i), ...op.get(k), ...op.i32Mul, ...op.get(c), ...op.i32Add, ...op.i32(4), ...op.i32Mul, ...op.i32Add, ...op.set(at),
    ...store(a0, 0), ...store(a1, 4), ...store(a2, 8), ...store(a3, 12),
    ...op.get(c), ...op.i32(4), ...op.i32Add, ...op.set(c),
    ...op.br(0), ...op.end, ...op.end,
    ...op.get(i), ...op.i32(1), ...op.i32Add, ...op.set(i),
    ...op.br(0), ...op.end, ...op.end,
    ...op.end,
  ];
  // Locals: 9 i32, then 5 v128.
  const locals = [2, 9, I32, 5, V128];
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 6, I32, I32, I32, I32, I32, I32, 0]), // type: (i32 × 6) → ()
    ...section(3, [1, 0]), // one function of type 0
    ...section(5, [1, 0x00, 1]), // one memory, 1 page to start, growable
    ...section(7, [2, ...name('scores'), 0x00, 0, ...name('memory'), 0x02, 0]),
    ...section(10, [1, ...kernelBody()]),
  ];
  return Uint8Array.from(bytes);
}

class WasmScorer implements SimdScorer {
  private memory: WebAssembly.Memory;
  private readonly run: (rows: number, count: number, centroids: number, k: number, rowBytes: number, out: number) => void;

  constructor(instance: WebAssembly.Instance) {
    this.memory = instance.exports.memory as WebAssembly.Memory;
    this.run = instance.exports.scores as WasmScorer['run'];
  }

  score(rows: Float32Array, first: number, count: number, centroids: Float32Array, k: number, d: number): { out: Float32Array; stride: number } {
    const padded = (d + 3) & ~3;
    const stride = (k + 3) & ~3;
    const rowBytes = padded * 4;
    const rowsAt = 0;
    const centroidsAt = rowsAt + count * rowBytes;
    const outAt = centroidsAt + stride * rowBytes;
    const end = outAt + count * stride * 4;
    if (end > this.memory.buffer.byteLength) this.memory.grow(Math.ceil((end - this.memory.buffer.byteLength) / PAGE));
    const heap = new Float32Array(this.memory.buffer);
    copyRows(rows, first * d, count, d, heap, rowsAt / 4, padded);
    copyRows(centroids, 0, k, d, heap, centroidsAt / 4, padded);
    // Padding rows (k up to a multiple of 4) score 0 and are never read.
    heap.fill(0, centroidsAt / 4 + k * padded, centroidsAt / 4 + stride * padded);
    this.run(rowsAt, count, centroidsAt, stride, rowBytes, outAt);
    return { out: heap.subarray(outAt / 4, outAt / 4 + count * stride), stride };
  }
}

function copyRows(from: Float32Array, offset: number, count: number, d: number, to: Float32Array, at: number, padded: number): void {
  if (padded === d) {
    to.set(from.subarray(offset, offset + count * d), at);
    return;
  }
  for (let r = 0; r < count; r++) {
    to.set(from.subarray(offset + r * d, offset + r * d + d), at + r * padded);
    to.fill(0, at + r * padded + d, at + (r + 1) * padded);
  }
}

let scorer: SimdScorer | null | undefined;

/** The SIMD kernel, or null where WebAssembly SIMD is unavailable (or disabled). */
export function simdScorer(): SimdScorer | null {
  if (scorer === undefined) {
    try {
      scorer = new WasmScorer(new WebAssembly.Instance(new WebAssembly.Module(moduleBytes())));
    } catch {
      scorer = null;
    }
  }
  return scorer;
}

/** Turns the SIMD kernel off (true) or back on; for tests of the plain-JS path. */
export function disableSimd(disabled: boolean): void {
  scorer = disabled ? null : undefined;
}
