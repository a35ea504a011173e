// Model files shipped inside the extension (the build writes them to `models/`),
// fetched from the extension's own origin. In a dedicated worker `chrome` is
// undefined, so URLs are built from self.location.origin.
import { createGloveEmbedder, type GloveEmbedder, type GloveVocab } from './glove-embedder';
import { type BackendPreference, errorText, ModelError } from './ort';

export const GLOVE_FILES = { model: 'models/glove/model.onnx', vocab: 'models/glove/vocab.json' } as const;

/** Bytes of a file the extension ships; ModelError('model_missing') if it cannot be had. */
export async function fetchBundledFile(path: string, origin: string = self.location.origin): Promise<Uint8Array> {
  const url = new URL(path, origin).href;
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new ModelError('model_missing', `The bundled model file ${path} could not be read (${errorText(e)}). Rebuild the extension with npm run build.`);
  }
  if (!response.ok) {
    throw new ModelError('model_missing', `The bundled model file ${path} is missing (HTTP ${response.status}). Rebuild the extension with npm run build.`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

/** The built-in text embedder, from the files the extension ships. */
export async function loadBundledGloveEmbedder(preference: BackendPreference = 'auto', origin?: string): Promise<GloveEmbedder> {
  const [model, vocabBytes] = await Promise.all([fetchBundledFile(GLOVE_FILES.model, origin), fetchBundledFile(GLOVE_FILES.vocab, origin)]);
  let vocab: GloveVocab;
  try {
    vocab = JSON.parse(new TextDecoder().decode(vocabBytes)) as GloveVocab;
  } catch (e) {
    throw new ModelError('model_corrupt', `The bundled file ${GLOVE_FILES.vocab} is not JSON (${errorText(e)})`);
  }
  return createGloveEmbedder({ model, vocab, preference });
}
