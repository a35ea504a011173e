// The worker's vector index (worker/index) against a plain float32 JavaScript scan,
// both measured here in the same run on the same vectors and queries, in Node (the V8
// of the extension's worker). For each data set and size:
//   - top-10 latency (median over queries × passes; baseline: the float scan),
//   - speed-up (float-scan median ÷ index median),
//   - recall@10 against the float scan's exact top 10 (mean over queries),
//   - a filtered search (one origin of 50, 2% of the store) at 100k: latency and recall,
//   - build from records at 100k (median of runs; baseline: loading the same records
//     into an exact-only index, i.e. validation and int8 coding without the IVF).
// Data: clustered synthetic vectors (worker/index/clustered-data.ts, 100-d and 384-d)
// and real 100-d embeddings from the default GloVe embedder of generated task and page
// texts (bench/topic-texts.ts). Targets at 100k: median ≤ 3 ms, ≥ 20× the float scan,
// recall@10 ≥ 0.95 (at every size), build ≤ 10 s.
import { readFileSync } from 'node:fs';
import { ensureGloveModel } from '../scripts/models/glove-model';
import { clusteredData } from '../worker/index/clustered-data';
import { simdScorer } from '../worker/index/simd';
import { type IndexedVector, type SearchFilter, VectorIndex } from '../worker/index/vector-index';
import { createGloveEmbedder, type GloveVocab } from '../worker/models/glove-embedder';
import { type BenchResult, median, result } from './stats';
import { topicTexts } from './topic-texts';

const K = 10;
const QUERIES = 200;
const PASSES = 3;
const BUILD_RUNS = 3;
const FULL = 100_000;
const SMALL = 10_000;
const ORIGINS = 50;
const KINDS = ['episode', 'workflow', 'insight', 'keyframe'];

interface DataSet {
  tag: string;
  dimensions: number;
  /** FULL × d, unit rows. */
  vectors: Float32Array;
  /** QUERIES × d, unit rows, not in `vectors`. */
  queries: Float32Array;
  description: string;
}

/** The plain scan: one multiply-add loop per stored float32 vector, best k kept by insertion. */
function floatScan(vectors: Float32Array, n: number, d: number, query: Float32Array, k: number, accept?: (i: number) => boolean): number[] {
  const ids: number[] = [];
  const scores: number[] = [];
  for (let i = 0; i < n; i++) {
    if (accept && !accept(i)) continue;
    const o = i * d;
    let s = 0;
    for (let j = 0; j < d; j++) s += query[j]! * vectors[o + j]!;
    if (ids.length === k && s <= scores[k - 1]!) continue;
    let at = ids.length === k ? k - 1 : ids.length;
    while (at > 0 && scores[at - 1]! < s) {
      scores[at] = scores[at - 1]!;
      ids[at] = ids[at - 1]!;
      at--;
    }
    scores[at] = s;
    ids[at] = i;
  }
  return ids;
}

function scopeOf(i: number): { origin: string; kind: string } {
  return { origin: `https://site-${i % ORIGINS}.example`, kind: KINDS[(i >> 3) % KINDS.length]! };
}

function recordsOf(data: DataSet, n: number): IndexedVector[] {
  const d = data.dimensions;
  return Array.from({ length: n }, (_, i) => ({ id: String(i), vector: data.vectors.subarray(i * d, i * d + d), scope: scopeOf(i) }));
}

function overlap(found: string[], truth: number[]): number {
  const ids = new Set(found);
  return truth.filter((t) => ids.has(String(t))).length / truth.length;
}

function measureSearch(
  data: DataSet,
  n: number,
  index: VectorIndex,
  filter?: { index: SearchFilter; accept: (i: number) => boolean },
): { ours: number[]; baseline: number[]; recall: number } {
  const d = data.dimensions;
  const query = (q: number) => data.queries.subarray(q * d, q * d + d);
  const baseline: number[] = [];
  const truth: number[][] = [];
  for (let q = 0; q < QUERIES; q++) {
    const t0 = performance.now();
    truth.push(floatScan(data.vectors, n, d, query(q), K, filter?.accept));
    baseline.push(performance.now() - t0);
  }
  const ours: number[] = [];
  let recall = 0;
  for (let pass = 0; pass < PASSES; pass++) {
    for (let q = 0; q < QUERIES; q++) {
      const t0 = performance.now();
      const hits = index.search(query(q), K, filter?.index);
      ours.push(performance.now() - t0);
      if (pass === 0) recall += overlap(hits.map((h) => h.id), truth[q]!);
    }
  }
  return { ours, baseline, recall: recall / QUERIES };
}

function describeIndex(index: VectorIndex): string {
  const s = index.stats();
  return s.mode === 'exact' ? 'exact int8 scan' : `IVF, ${s.lists} lists, ${s.probes} probed`;
}

function benchDataSet(data: DataSet): BenchResult[] {
  const results: BenchResult[] = [];
  const all = recordsOf(data, FULL);
  const node = `Node ${process.versions.node}`;

  // Build at 100k: the index as the worker rebuilds it on start, against an exact-only load.
  const builds: number[] = [];
  const loads: number[] = [];
  let full: VectorIndex | undefined;
  for (let run = 0; run < BUILD_RUNS; run++) {
    let t0 = performance.now();
    VectorIndex.build(data.dimensions, all, { approximateFrom: Number.MAX_SAFE_INTEGER });
    loads.push(performance.now() - t0);
    full = undefined; // let the previous index go before building the next
    t0 = performance.now();
    full = VectorIndex.build(data.dimensions, all);
    builds.push(performance.now() - t0);
  }
  const built = full!;
  results.push(
    result({
      name: `index-${data.tag} build-100k`,
      median: median(builds),
      baseline: median(loads),
      unit: 'ms',
      samples: BUILD_RUNS,
      data: `${data.description}; ${describeIndex(built)}, trained with the ${simdScorer() ? 'WebAssembly SIMD' : 'plain JS'} kernel; baseline: loading the same records into an exact-only index (validation, int8 coding, scopes); ${node}`,
      max: 10_000,
    }),
  );

  for (const n of [SMALL, FULL]) {
    const index = n === FULL ? built : VectorIndex.build(data.dimensions, all.slice(0, n));
    const size = `${n / 1000}k`;
    const { ours, baseline, recall } = measureSearch(data, n, index);
    const where = `${data.description}; first ${n} vectors, ${QUERIES} queries × ${PASSES} passes; ${describeIndex(index)}; ${node}`;
    const latency = median(ours);
    const scan = median(baseline);
    results.push(
      result({ name: `index-${data.tag}-${size} top-10`, median: latency, baseline: scan, unit: 'ms', samples: ours.length, data: `${where}; baseline: plain float32 scan`, ...(n === FULL ? { max: 3 } : {}) }),
      result({ name: `index-${data.tag}-${size} speedup vs f32 scan`, median: scan / latency, baseline: 1, unit: '×', samples: ours.length, data: `${where}; float32-scan median ÷ index median`, ...(n === FULL ? { min: 20 } : {}) }),
      result({ name: `index-${data.tag}-${size} recall@10`, median: recall, baseline: 1, unit: 'recall', samples: QUERIES, data: `${where}; mean overlap with the float32 scan's exact top 10`, min: 0.95 }),
    );
  }

  // A selective filter at 100k: one origin of 50 (2%), checked inside both scans.
  const origin = 'https://site-7.example';
  const filtered = measureSearch(data, FULL, built, { index: { origin }, accept: (i) => i % ORIGINS === 7 });
  const where = `${data.description}; 100k vectors, filter origin = 1 of ${ORIGINS} (2%), ${QUERIES} queries × ${PASSES} passes; ${node}`;
  results.push(
    result({ name: `index-${data.tag}-100k top-10 filtered`, median: median(filtered.ours), baseline: median(filtered.baseline), unit: 'ms', samples: filtered.ours.length, data: `${where}; baseline: plain float32 scan with the same filter` }),
    result({ name: `index-${data.tag}-100k filtered recall@10`, median: filtered.recall, baseline: 1, unit: 'recall', samples: QUERIES, data: `${where}; mean overlap with the filtered float32 scan's top 10`, min: 0.95 }),
  );
  return results;
}

function syntheticData(dimensions: number): DataSet {
  const generated = clusteredData({ dimensions, count: FULL, queries: QUERIES });
  return { tag: `${dimensions}d`, dimensions, vectors: generated.vectors, queries: generated.queries, description: generated.description };
}

async function gloveData(): Promise<DataSet> {
  const files = ensureGloveModel();
  const model = new Uint8Array(readFileSync(files.modelPath));
  const vocab = JSON.parse(readFileSync(files.vocabPath, 'utf8')) as GloveVocab;
  const embedder = await createGloveEmbedder({ model, vocab, preference: 'wasm' });
  try {
    const words = vocab.words.slice(0, 20_000);
    const generated = topicTexts(words, await embedder.embed(words), FULL, QUERIES);
    const d = embedder.dimensions;
    const pack = async (texts: string[]) => {
      const out = new Float32Array(texts.length * d);
      (await embedder.embed(texts)).forEach((v, i) => {
        if (!v.some((x) => x !== 0)) throw new Error(`no known word in generated text "${texts[i]}"`);
        out.set(v, i * d);
      });
      return out;
    };
    return {
      tag: 'glove-100d',
      dimensions: d,
      vectors: await pack(generated.texts),
      queries: await pack(generated.queries),
      description:
        `default embedder ${vocab.id} (GloVe SIF, ${d}-d, onnxruntime-web WASM) on ${FULL} generated task and page texts ` +
        `over ${generated.topics} topics (a seed word and its 40 nearest words each) + ${QUERIES} query texts drawn the same way`,
    };
  } finally {
    await embedder.dispose();
  }
}

export async function indexBench(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const dimensions of [100, 384]) results.push(...benchDataSet(syntheticData(dimensions)));
  results.push(...benchDataSet(await gloveData()));
  return results;
}
