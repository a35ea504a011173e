// Embedding throughput of the bundled GloVe embedder on onnxruntime-web's WASM
// backend in Node (one thread, as in the extension), on generated web-task sentences
// and page texts. Baseline, same run and same texts: the same tokenizer and the same
// SIF sum in plain JavaScript over a Float32 table holding the model's own rows
// (dequantised from the ONNX file), so both compute the same vectors.
import { readFileSync } from 'node:fs';
import onnxProto from 'onnx-proto';
import { ensureGloveModel } from '../scripts/models/glove-model';
import { createGloveEmbedder, type GloveVocab } from '../worker/models/glove-embedder';
import type { GloveTokenizer } from '../worker/models/glove-tokenizer';
import { type BenchResult, median, result } from './stats';

const RUNS = 15;
const WARMUP = 2;
const TASKS = 2000;
const PAGES = 500;

/** Deterministic pseudo-random numbers (mulberry32), so every run embeds the same texts. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VERBS = ['Book', 'Find', 'Buy', 'Compare', 'Cancel', 'Search for', 'Order', 'Reserve', 'Check', 'Download', 'Subscribe to', 'Apply for', 'Update', 'Rate', 'Track'];
const THINGS = ['a table for two', 'the cheapest flight', 'running shoes', 'a hotel room', 'my subscription', 'a used car', 'a large pizza', 'two concert tickets', 'the weather forecast', 'my bank statement', 'the newsletter', 'a software engineer job', 'my shipping address', 'the restaurant', 'my package'];
const PLACES = ['in Paris', 'on amazon.com', 'near Denver', 'at github.com/login', 'in Brooklyn', 'on the city website', 'at the airport', 'on LinkedIn', 'in my account settings', 'downtown'];
const TIMES = ['tomorrow at 7pm', 'next weekend', 'this Friday', 'before Monday', 'for three nights in June', 'today', 'under $100', 'by price from low to high', '', ''];
const PAGE_WORDS = (
  'home search sign in create account cart checkout price reviews stars shipping free returns size color add to cart buy now ' +
  'flights hotels cars deals departure arrival date passengers one way round trip filters sort by relevance newest popular ' +
  'menu reservations order online delivery pickup hours location contact us about careers help privacy terms cookies settings ' +
  'profile password email notifications subscribe newsletter download pdf statement balance transactions transfer pay bill'
).split(' ');

function pick<T>(items: readonly T[], r: () => number): T {
  return items[Math.floor(r() * items.length)]!;
}

/** Web tasks of 5–15 words, like the tasks a user gives the agent. */
export function generatedTasks(count: number, seed = 1): string[] {
  const r = random(seed);
  return Array.from({ length: count }, () => [pick(VERBS, r), pick(THINGS, r), pick(PLACES, r), pick(TIMES, r)].filter(Boolean).join(' '));
}

/** Page texts of 40–120 words: headings, labels and fragments of a site's interface. */
export function generatedPages(count: number, seed = 2): string[] {
  const r = random(seed);
  return Array.from({ length: count }, () => {
    const words = Array.from({ length: 40 + Math.floor(r() * 81) }, () => pick(PAGE_WORDS, r));
    return `${pick(THINGS, r)} ${pick(PLACES, r)} | ${words.join(' ')}`;
  });
}

/** The model's word rows × row scales as one Float32 table, read back from the ONNX file. */
function dequantisedRows(model: Uint8Array, dimensions: number): Float32Array {
  const graph = onnxProto.onnx.ModelProto.decode(model).graph!;
  const init = (name: string) => graph.initializer!.find((t) => t.name === name)!.rawData!;
  const rows = new Int8Array(init('word_rows').slice().buffer);
  const scaleBytes = init('row_scales').slice();
  const scales = new Float32Array(scaleBytes.buffer, 0, scaleBytes.byteLength / 4);
  const table = new Float32Array(rows.length);
  for (let i = 0; i < rows.length; i++) table[i] = rows[i]! * scales[Math.floor(i / dimensions)]!;
  return table;
}

/** The baseline embedder: tokenize, sum rows, normalise, in plain JavaScript. */
function plainSif(tokenizer: GloveTokenizer, table: Float32Array, d: number): (texts: string[]) => Float32Array[] {
  return (texts) =>
    texts.map((text) => {
      const v = new Float32Array(d);
      for (const id of tokenizer.encode(text).slice(0, 512)) {
        const at = id * d;
        for (let i = 0; i < d; i++) v[i]! += table[at + i]!;
      }
      let sum = 0;
      for (let i = 0; i < d; i++) sum += v[i]! * v[i]!;
      const n = Math.sqrt(sum);
      if (n > 0) for (let i = 0; i < d; i++) v[i]! /= n;
      return v;
    });
}

/** Texts per second of each embedder; the two alternate so both see the same machine load. */
async function throughputs(a: (texts: string[]) => unknown, b: (texts: string[]) => unknown, texts: string[]): Promise<[number[], number[]]> {
  const rates: [number[], number[]] = [[], []];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    for (const [k, embed] of (i % 2 ? [[1, b], [0, a]] : [[0, a], [1, b]]) as [0 | 1, typeof a][]) {
      const t0 = performance.now();
      await embed(texts);
      const seconds = (performance.now() - t0) / 1000;
      if (i >= WARMUP) rates[k].push(texts.length / seconds);
    }
  }
  return rates;
}

export async function embedBench(): Promise<BenchResult[]> {
  const files = ensureGloveModel();
  const model = new Uint8Array(readFileSync(files.modelPath));
  const vocab = JSON.parse(readFileSync(files.vocabPath, 'utf8')) as GloveVocab;
  const embedder = await createGloveEmbedder({ model, vocab, preference: 'wasm' });
  const baseline = plainSif(embedder.tokenizer, dequantisedRows(model, vocab.dimensions), vocab.dimensions);
  const results: BenchResult[] = [];
  try {
    for (const [name, unit, texts] of [
      ['embed-default-wasm-tasks', 'sentences/s', generatedTasks(TASKS)],
      ['embed-default-wasm-pages', 'texts/s', generatedPages(PAGES)],
    ] as const) {
      // Both sides must compute the same vectors, or the comparison means nothing.
      const [ours, theirs] = [await embedder.embed(texts.slice(0, 50)), baseline(texts.slice(0, 50))];
      ours.forEach((v, i) => v.forEach((x, k) => {
        if (Math.abs(x - theirs[i]![k]!) > 1e-4) throw new Error(`${name}: the ONNX model and the JavaScript baseline disagree on "${texts[i]}"`);
      }));
      const tokens = texts.reduce((n, t) => n + Math.min(512, embedder.tokenizer.encode(t).length), 0) / texts.length;
      const data =
        `${texts.length} generated ${name.endsWith('tasks') ? 'web-task sentences' : 'page texts (interface words)'}, ` +
        `${tokens.toFixed(1)} known tokens per text on average, all embedded in one call (default batching: ≤ 512 texts, ≤ 16k padded tokens per run); model ${vocab.id} ` +
        `(${vocab.words.length} words, ${(model.byteLength / 1e6).toFixed(1)} MB), onnxruntime-web WASM, 1 thread, Node ${process.versions.node}; ` +
        `baseline: same tokenizer, SIF sum over a Float32 table of the same rows in plain JavaScript`;
      const [onnx, plain] = await throughputs((t) => embedder.embed(t), baseline, texts);
      results.push(result({ name, median: median(onnx), baseline: median(plain), unit, samples: RUNS, data }));
    }
  } finally {
    await embedder.dispose();
  }
  return results;
}
