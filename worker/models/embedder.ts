// The one text-embedder interface of the worker. Every implementation (the bundled
// GloVe model, downloaded transformers) returns L2-normalised vectors, so cosine
// similarity is a dot product. Vectors from different models are not comparable:
// the store keeps them per model id.
import type { ExecutionBackend } from './ort';

export interface TextEmbedder {
  /** Stable model id; changes whenever the vectors it produces would change. */
  readonly id: string;
  readonly dimensions: number;
  /** Where the model runs (WebGPU when an adapter exists and the model loads there). */
  readonly backend: ExecutionBackend;
  /** Why WebGPU was not used, when it was wanted. */
  readonly fallbackReason?: string;
  /**
   * One vector per text, in order, L2-normalised. An empty text gives the zero vector,
   * and so does, with the GloVe model, a text without a known word (only punctuation,
   * numbers above twenty, unknown words): it is similar to nothing, and callers can
   * tell by its norm of 0.
   */
  embed(texts: string[]): Promise<Float32Array[]>;
  /** Releases the model; the embedder cannot be used afterwards. */
  dispose(): Promise<void>;
}
