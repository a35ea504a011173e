// A sentence-transformer ONNX export (all-MiniLM-L6-v2, bge-small, …) as a text
// embedder: tokenized with its own tokenizer.json by @huggingface/tokenizers, run on
// onnxruntime-web, mean-pooled over the attention mask and L2-normalised, which is
// what sentence-transformers does for these models.
import { Tokenizer } from '@huggingface/tokenizers';
import { lengthSortedBatches, normalizeInPlace, serialQueue } from './batching';
import type { TextEmbedder } from './embedder';
import { type DownloadProgress, downloadModelFile } from './model-download';
import { type BackendPreference, createSession, errorText, ModelError, ort } from './ort';

export interface TransformerEmbedderOptions {
  /** Stable id the vectors are stored under. */
  id: string;
  model: Uint8Array;
  /** Text of the model's tokenizer.json. */
  tokenizerJson: string;
  /** Text of tokenizer_config.json, when the model has one. */
  tokenizerConfigJson?: string;
  preference?: BackendPreference;
  /** Tokens per text, special tokens included; longer texts are cut. */
  maxLength?: number;
  /** Texts per model run (at most). */
  batchSize?: number;
  /** Token positions per model run, padding included (at most). */
  batchTokens?: number;
}

export interface TransformerEmbedder extends TextEmbedder {
  /** Token ids the model sees for a text, special tokens and truncation included. */
  tokenIds(text: string): number[];
}

const TOKEN_OUTPUTS = ['last_hidden_state', 'token_embeddings'];
const KNOWN_INPUTS = new Set(['input_ids', 'attention_mask', 'token_type_ids']);

export async function createTransformerEmbedder(options: TransformerEmbedderOptions): Promise<TransformerEmbedder> {
  const name = `Text embedder ${options.id}`;
  const maxLength = options.maxLength ?? 256;
  const batchSize = options.batchSize ?? 16;
  const batchTokens = options.batchTokens ?? 4096;
  const tokenizer = parseTokenizer(name, options.tokenizerJson, options.tokenizerConfigJson);
  const padId = padIdOf(options.tokenizerJson);

  const { session, backend, fallbackReason } = await createSession(name, options.model, options.preference ?? 'auto');
  const fail = async (message: string): Promise<never> => {
    await session.release();
    throw new ModelError('model_corrupt', `${name}: ${message}`);
  };
  const unknownInput = session.inputNames.find((n) => !KNOWN_INPUTS.has(n));
  if (!session.inputNames.includes('input_ids') || unknownInput) {
    return fail(`inputs [${session.inputNames.join(', ')}] are not those of a sentence-transformer (input_ids, attention_mask, token_type_ids)`);
  }
  const output = TOKEN_OUTPUTS.find((n) => session.outputNames.includes(n));
  if (!output) return fail(`no token output (${TOKEN_OUTPUTS.join(' or ')}) among [${session.outputNames.join(', ')}]`);
  // Exports take int64 ids; a few web exports take int32.
  const int32Inputs = new Set(session.inputMetadata.filter((m) => m.isTensor && m.type === 'int32').map((m) => m.name));
  const exclusive = serialQueue();

  function tokenIds(text: string): number[] {
    const ids = tokenizer.encode(text).ids;
    if (ids.length <= maxLength) return ids;
    // Keep the special tokens around the text (e.g. [CLS] … [SEP]) and cut the text.
    const content = tokenizer.encode(text, { add_special_tokens: false }).ids;
    const prefix = prefixLength(ids, content);
    const suffix = ids.slice(prefix + content.length);
    return [...ids.slice(0, prefix), ...content.slice(0, Math.max(0, maxLength - prefix - suffix.length)), ...suffix].slice(0, maxLength);
  }

  function feed(inputName: string, values: number[], dims: number[]): ort.Tensor {
    return int32Inputs.has(inputName) ? new ort.Tensor('int32', Int32Array.from(values), dims) : new ort.Tensor('int64', BigInt64Array.from(values, BigInt), dims);
  }

  /** Mean-pooled, normalised vectors of token-id rows (padded here to one length). */
  async function pooled(rows: number[][]): Promise<Float32Array[]> {
    const sequence = Math.max(...rows.map((r) => r.length));
    const ids: number[] = [];
    const mask: number[] = [];
    for (const r of rows) {
      for (let t = 0; t < sequence; t++) {
        ids.push(t < r.length ? r[t]! : padId);
        mask.push(t < r.length ? 1 : 0);
      }
    }
    const dims = [rows.length, sequence];
    const feeds: Record<string, ort.Tensor> = { input_ids: feed('input_ids', ids, dims) };
    if (session.inputNames.includes('attention_mask')) feeds.attention_mask = feed('attention_mask', mask, dims);
    if (session.inputNames.includes('token_type_ids')) feeds.token_type_ids = feed('token_type_ids', new Array<number>(ids.length).fill(0), dims);
    let hidden: ort.Tensor;
    try {
      hidden = (await exclusive(() => session.run(feeds)))[output!] as ort.Tensor;
    } catch (e) {
      throw new ModelError('inference_failed', `${name}: ${errorText(e)}`);
    }
    if (hidden.type !== 'float32' || hidden.dims.length !== 3 || hidden.dims[0] !== rows.length || hidden.dims[1] !== sequence) {
      throw new ModelError('model_corrupt', `${name}: ${output} is ${hidden.type} [${hidden.dims.join(', ')}], expected float32 [${rows.length}, ${sequence}, dim]`);
    }
    const d = hidden.dims[2]!;
    const data = hidden.data as Float32Array;
    return rows.map((r, b) => {
      const v = new Float32Array(d);
      for (let t = 0; t < r.length; t++) {
        const at = (b * sequence + t) * d;
        for (let i = 0; i < d; i++) v[i]! += data[at + i]!;
      }
      for (let i = 0; i < d; i++) v[i]! /= r.length;
      return normalizeInPlace(v);
    });
  }

  // One probe run tells the width of the vectors and checks the output's shape.
  let dimensions: number;
  try {
    dimensions = (await pooled([tokenIds('hello')]))[0]!.length;
  } catch (e) {
    await session.release();
    throw e instanceof ModelError ? e : new ModelError('model_corrupt', `${name}: ${errorText(e)}`);
  }

  let disposed = false;
  return {
    id: options.id,
    dimensions,
    backend,
    ...(fallbackReason ? { fallbackReason } : {}),
    tokenIds,

    async embed(texts) {
      if (disposed) throw new ModelError('inference_failed', `${name}: used after dispose()`);
      const vectors: Float32Array[] = texts.map(() => new Float32Array(dimensions));
      // An empty text has nothing to say: the zero vector, like the GloVe embedder.
      const nonEmpty = texts.map((_, i) => i).filter((i) => texts[i]!.trim() !== '');
      const rows = nonEmpty.map((i) => tokenIds(texts[i]!));
      for (const batch of lengthSortedBatches(rows.map((r) => r.length), batchSize, batchTokens)) {
        const out = await pooled(batch.map((b) => rows[b]!));
        batch.forEach((b, k) => (vectors[nonEmpty[b]!] = out[k]!));
      }
      return vectors;
    },

    async dispose() {
      if (disposed) return;
      disposed = true;
      await exclusive(() => session.release());
    },
  };
}

export interface TransformerSource {
  /** URL of the ONNX export (e.g. …/onnx/model.onnx or model_quantized.onnx). */
  modelUrl: string;
  /** URL of its tokenizer.json. */
  tokenizerUrl: string;
  maxLength?: number;
  preference?: BackendPreference;
  /** Bytes of both files together; total is undefined while a size is unknown. */
  onProgress?: (progress: DownloadProgress) => void;
}

/**
 * A transformer embedder from two URLs, downloaded once and cached. Its id names the
 * model file and a hash of its bytes: a different file at the same URL is another model.
 */
export async function downloadTransformerEmbedder(source: TransformerSource): Promise<TransformerEmbedder> {
  const progress = new Map<string, DownloadProgress>();
  const report = (url: string) => (p: DownloadProgress) => {
    progress.set(url, p);
    const all = [...progress.values()];
    const known = progress.size === 2 && all.every((x) => x.total !== undefined);
    source.onProgress?.({ loaded: all.reduce((s, x) => s + x.loaded, 0), total: known ? all.reduce((s, x) => s + x.total!, 0) : undefined });
  };
  const [model, tokenizerBytes] = await Promise.all([
    downloadModelFile(source.modelUrl, { onProgress: report(source.modelUrl) }),
    downloadModelFile(source.tokenizerUrl, { onProgress: report(source.tokenizerUrl) }),
  ]);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', model));
  const hash = Array.from(digest.subarray(0, 6), (b) => b.toString(16).padStart(2, '0')).join('');
  const url = new URL(source.modelUrl);
  return createTransformerEmbedder({
    id: `transformer:${url.host}${url.pathname}@${hash}`,
    model,
    tokenizerJson: new TextDecoder().decode(tokenizerBytes),
    ...(source.maxLength ? { maxLength: source.maxLength } : {}),
    ...(source.preference ? { preference: source.preference } : {}),
  });
}

function parseTokenizer(name: string, tokenizerJson: string, configJson: string | undefined): Tokenizer {
  try {
    return new Tokenizer(JSON.parse(tokenizerJson) as object, configJson ? (JSON.parse(configJson) as object) : {});
  } catch (e) {
    throw new ModelError('model_corrupt', `${name}: tokenizer.json could not be read (${errorText(e)})`);
  }
}

/** The padding id tokenizer.json names; any id works under the mask, 0 when none is named. */
function padIdOf(tokenizerJson: string): number {
  const padding = (JSON.parse(tokenizerJson) as { padding?: { pad_id?: unknown } | null }).padding;
  return typeof padding?.pad_id === 'number' ? padding.pad_id : 0;
}

/** Where `content` starts inside `ids` (the number of leading special tokens). */
function prefixLength(ids: number[], content: number[]): number {
  for (let p = 0; p + content.length <= ids.length; p++) {
    if (content.every((id, i) => ids[p + i] === id)) return p;
  }
  return 0;
}
