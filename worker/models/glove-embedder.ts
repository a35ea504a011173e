// The bundled offline text embedder: GloVe word vectors with SIF weighting and the
// common component removed, summed and normalised inside one small ONNX model that
// scripts/models/glove-model.ts generates at build time. Runs on WebGPU or WASM.
import { lengthSortedBatches, serialQueue } from './batching';
import type { TextEmbedder } from './embedder';
import { GloveTokenizer } from './glove-tokenizer';
import { type BackendPreference, createSession, errorText, ModelError, ort } from './ort';

/** The side file of the model (vocab.json): token id = index in `words` + 1. */
export interface GloveVocab {
  /** Model id, ending in a hash of the rows, words and tokenizer: vectors are stored under it. */
  id: string;
  dimensions: number;
  words: string[];
}

export interface GloveEmbedderOptions {
  model: Uint8Array;
  vocab: GloveVocab;
  preference?: BackendPreference;
  /** Tokens used per text; a page's text beyond this is left out. */
  maxTokens?: number;
  /** Texts per model run (at most). */
  batchSize?: number;
  /** Token positions per model run, padding included (at most). */
  batchTokens?: number;
}

export interface GloveEmbedder extends TextEmbedder {
  readonly tokenizer: GloveTokenizer;
}

const NAME = 'GloVe sentence embedder';
const INPUT = 'input_ids';
const OUTPUT = 'sentence_embedding';

export async function createGloveEmbedder(options: GloveEmbedderOptions): Promise<GloveEmbedder> {
  const vocab = checkVocab(options.vocab);
  const maxTokens = options.maxTokens ?? 512;
  // Large batches: a run costs ~0.1 ms of overhead and little else. 16k positions keep
  // one run's float tensors near 6 MB however long the texts.
  const batchSize = options.batchSize ?? 512;
  const batchTokens = options.batchTokens ?? 16_384;
  const tokenizer = new GloveTokenizer(vocab.words);
  const { session, backend, fallbackReason } = await createSession(NAME, options.model, options.preference ?? 'auto');
  const exclusive = serialQueue();

  if (!session.inputNames.includes(INPUT) || !session.outputNames.includes(OUTPUT)) {
    await session.release();
    throw new ModelError('model_corrupt', `${NAME}: the model has inputs [${session.inputNames.join(', ')}] and outputs [${session.outputNames.join(', ')}], expected ${INPUT} → ${OUTPUT}`);
  }

  async function run(ids: BigInt64Array, batch: number, sequence: number): Promise<Float32Array> {
    const feeds = { [INPUT]: new ort.Tensor('int64', ids, [batch, sequence]) };
    const out = (await exclusive(() => session.run(feeds)))[OUTPUT]!;
    return out.data as Float32Array;
  }

  // The vocabulary's last id must exist in the model and give a d-dimensional unit
  // vector: a vocabulary from another build fails here, not with wrong vectors later.
  try {
    const probe = await run(BigInt64Array.of(BigInt(vocab.words.length)), 1, 1);
    if (probe.length !== vocab.dimensions) throw new Error(`it gives ${probe.length}-d vectors, the vocabulary says ${vocab.dimensions}`);
  } catch (e) {
    await session.release();
    throw new ModelError('model_corrupt', `${NAME}: the model does not match its vocabulary of ${vocab.words.length} words (${errorText(e)})`);
  }

  let disposed = false;
  const embedder: GloveEmbedder = {
    id: vocab.id,
    dimensions: vocab.dimensions,
    backend,
    tokenizer,
    ...(fallbackReason ? { fallbackReason } : {}),

    async embed(texts) {
      if (disposed) throw new ModelError('inference_failed', `${NAME}: used after dispose()`);
      const d = vocab.dimensions;
      const tokenIds = texts.map((t) => tokenizer.encode(t, maxTokens));
      const vectors = texts.map(() => new Float32Array(d));
      // Texts without a known word keep the zero vector; the model would give it too.
      const withTokens = tokenIds.map((_, i) => i).filter((i) => tokenIds[i]!.length > 0);
      for (const batch of lengthSortedBatches(withTokens.map((i) => tokenIds[i]!.length), batchSize, batchTokens)) {
        const members = batch.map((b) => withTokens[b]!);
        const sequence = Math.max(...members.map((i) => tokenIds[i]!.length));
        const ids = new BigInt64Array(members.length * sequence); // 0 = padding
        members.forEach((i, row) => tokenIds[i]!.forEach((id, col) => (ids[row * sequence + col] = BigInt(id))));
        let out: Float32Array;
        try {
          out = await run(ids, members.length, sequence);
        } catch (e) {
          throw new ModelError('inference_failed', `${NAME}: ${errorText(e)}`);
        }
        members.forEach((i, row) => vectors[i]!.set(out.subarray(row * d, (row + 1) * d)));
      }
      return vectors;
    },

    async dispose() {
      if (disposed) return;
      disposed = true;
      await exclusive(() => session.release());
    },
  };
  return embedder;
}

function checkVocab(vocab: unknown): GloveVocab {
  const v = vocab as Partial<GloveVocab> | null;
  const ok =
    v !== null &&
    typeof v === 'object' &&
    typeof v.id === 'string' &&
    typeof v.dimensions === 'number' &&
    v.dimensions > 0 &&
    Array.isArray(v.words) &&
    v.words.length > 0 &&
    v.words.every((w) => typeof w === 'string');
  if (!ok) throw new ModelError('model_corrupt', `${NAME}: the vocabulary file is not {id, dimensions, words[]}`);
  return v as GloveVocab;
}
