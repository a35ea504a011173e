// How the worker gets its models: the bundled files from the extension's own origin,
// transformers from the URLs the user configured (downloaded once, then cached).
import type { BackendPreference, EmbedderConfig } from '../shared/worker-api';
import type { TextEmbedder } from './models/embedder';
import { loadBundledGloveEmbedder } from './models/model-files';
import { downloadTransformerEmbedder } from './models/transformer-embedder';
import type { Ocr } from './ocr/ocr';
import { createThreadedOcr } from './ocr/threaded-ocr';

export function loadDefaultEmbedder(preference: BackendPreference): Promise<TextEmbedder> {
  return loadBundledGloveEmbedder(preference);
}

export function loadTransformerEmbedder(
  config: Extract<EmbedderConfig, { kind: 'transformer' }>,
  preference: BackendPreference,
  onFraction: (fraction: number) => void,
): Promise<TextEmbedder> {
  return downloadTransformerEmbedder({
    modelUrl: config.modelUrl,
    tokenizerUrl: config.tokenizerUrl,
    ...(config.maxLength ? { maxLength: config.maxLength } : {}),
    preference,
    onProgress: (p) => {
      if (p.total) onFraction(p.loaded / p.total);
    },
  });
}

/** PaddleOCR PP-OCRv4 in a thread of its own; its files are fetched when the first screenshot is read. */
export async function loadOcr(preference: BackendPreference): Promise<Ocr> {
  return createThreadedOcr(preference);
}
