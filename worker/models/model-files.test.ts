// Loading the bundled model files from the extension's origin, with fetch answering
// from the generated files (as the extension serves them) or failing as it might.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ensureGloveModel } from '../../scripts/models/glove-model';
import { fetchBundledFile, GLOVE_FILES, loadBundledGloveEmbedder } from './model-files';
import { gloveUnavailable } from './testdata/glove-files';

const ORIGIN = 'chrome-extension://abcdefghijklmnop';

function serve(files: Record<string, Uint8Array<ArrayBuffer> | string>): void {
  vi.stubGlobal('fetch', async (url: string) => {
    const path = new URL(url).pathname.slice(1);
    const body = files[path];
    return body === undefined ? new Response('', { status: 404 }) : new Response(body);
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('bundled model files', () => {
  it('reads a file from the extension origin', async () => {
    serve({ 'models/ocr/keys.txt': 'a\nb\n' });
    expect(new TextDecoder().decode(await fetchBundledFile('models/ocr/keys.txt', ORIGIN))).toBe('a\nb\n');
  });

  it('says a missing file is missing and how to get it', async () => {
    serve({});
    await expect(fetchBundledFile(GLOVE_FILES.model, ORIGIN)).rejects.toMatchObject({
      code: 'model_missing',
      message: 'The bundled model file models/glove/model.onnx is missing (HTTP 404). Rebuild the extension with npm run build.',
    });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(loadBundledGloveEmbedder('wasm', ORIGIN)).rejects.toMatchObject({ code: 'model_missing', message: /Failed to fetch/ });
  });

  it.skipIf(gloveUnavailable)('loads the built-in embedder from the generated files', async () => {
    const files = ensureGloveModel();
    const model = new Uint8Array(readFileSync(files.modelPath));
    serve({ [GLOVE_FILES.model]: model, [GLOVE_FILES.vocab]: readFileSync(files.vocabPath, 'utf8') });
    const embedder = await loadBundledGloveEmbedder('wasm', ORIGIN);
    try {
      const [v] = await embedder.embed(['Book a table for two']);
      expect(v).toHaveLength(100);
      expect(embedder.id).toMatch(/^glove-sif-100d-/);
    } finally {
      await embedder.dispose();
    }
    serve({ [GLOVE_FILES.model]: model, [GLOVE_FILES.vocab]: '<html>not json' });
    await expect(loadBundledGloveEmbedder('wasm', ORIGIN)).rejects.toMatchObject({ code: 'model_corrupt', message: /vocab.json is not JSON/ });
  }, 120_000);
});
