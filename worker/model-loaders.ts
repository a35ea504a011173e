// How the worker gets its models: the bundled files from the extension's own origin,
// transformers from the URLs the user configured (downloaded once, then cached).
import type { BackendPreference, EmbedderConfig } from '../shared/worker-api';
import type { TextEmbedder } from './models/embedder';
import { fetchBundledFile, loadBundledGloveEmbedder } from './models/model-files';
import { downloadTransformerEmbedder } from './models/transformer-embedder';
import { createOcr, type Ocr } from './ocr/ocr';

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

/** PaddleOCR PP-OCRv4; its files are fetched when the first screenshot is read. */
export async function loadOcr(preference: BackendPreference): Promise<Ocr> {
  return createOcr({
    det: () => fetchBundledFile('models/ocr/det.onnx'),
    rec: () => fetchBundledFile('models/ocr/rec.onnx'),
    keys: async () => new TextDecoder().decode(await fetchBundledFile('models/ocr/keys.txt')),
    preference,
  });
}
