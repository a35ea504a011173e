// The bundled GloVe embedder for a test file: built and loaded once before its tests
// (a few seconds), released after them. What `useGloveEmbedder` returns stands for it
// from the start, so a file can hand it to its setup at the top.
import { afterAll, beforeAll } from 'vitest';
import type { TextEmbedder } from '../embedder';
import { createGloveEmbedder } from '../glove-embedder';
import { loadGloveFiles } from './glove-files';

export function useGloveEmbedder(): TextEmbedder {
  let loaded: TextEmbedder | undefined;
  beforeAll(async () => {
    const { model, vocab } = loadGloveFiles();
    loaded = await createGloveEmbedder({ model, vocab, preference: 'wasm' });
  }, 120_000);
  afterAll(() => loaded?.dispose());
  const glove = (): TextEmbedder => {
    if (!loaded) throw new Error('the GloVe embedder is used before its beforeAll loaded it');
    return loaded;
  };
  return {
    get id() {
      return glove().id;
    },
    get dimensions() {
      return glove().dimensions;
    },
    get backend() {
      return glove().backend;
    },
    embed: (texts) => glove().embed(texts),
    // Released after the file's tests, not by a test.
    dispose: async () => undefined,
  };
}
