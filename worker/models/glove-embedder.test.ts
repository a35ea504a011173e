import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GLOVE_OPTIONS, readVocabulary, sifRows } from '../../scripts/models/glove-model';
import { findGloveSource } from '../../scripts/models/glove-reader';
import { createGloveEmbedder, type GloveEmbedder, type GloveVocab } from './glove-embedder';
import { ModelError } from './ort';
import { gloveUnavailable, loadGloveFiles } from './testdata/glove-files';

const dot = (a: Float32Array, b: ArrayLike<number>) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (a: Float32Array) => Math.sqrt(dot(a, a));

const TEXTS = [
  'Book a table for two at an Italian restaurant tomorrow at 7pm',
  'Log in to github.com/login and open the settings page',
  'Add AA batteries to my shopping cart',
  'Cancel my subscription',
  'Compare prices of the latest smartphone models before buying one online this week',
];

describe.skipIf(gloveUnavailable)(`GloVe embedder${gloveUnavailable ? ` (skipped: ${gloveUnavailable})` : ''}`, () => {
  let files: ReturnType<typeof loadGloveFiles>;
  let embedder: GloveEmbedder;

  beforeAll(async () => {
    files = loadGloveFiles();
    if (files.generated) console.log(`generated the GloVe model in ${files.generationMs} ms`);
    embedder = await createGloveEmbedder({ model: files.model, vocab: files.vocab, preference: 'auto' });
  }, 180_000);
  afterAll(() => embedder?.dispose());

  it('describes itself and falls back to WASM without a WebGPU adapter', () => {
    expect(embedder.id).toBe(files.vocab.id);
    expect(embedder.id).toMatch(/^glove-sif-100d-75k-[0-9a-f]{8}$/);
    expect(embedder.dimensions).toBe(100);
    expect(embedder.backend).toBe('wasm');
    expect(embedder.fallbackReason).toMatch(/no WebGPU adapter/);
  });

  it('gives unit vectors, and zero vectors for texts without a known word', async () => {
    const vectors = await embedder.embed([...TEXTS, '', '  !!! ... ', '12345 67890']);
    expect(vectors).toHaveLength(TEXTS.length + 3);
    for (const v of vectors.slice(0, TEXTS.length)) expect(norm(v)).toBeCloseTo(1, 5);
    for (const v of vectors.slice(TEXTS.length)) expect(norm(v)).toBe(0);
    expect(await embedder.embed([])).toEqual([]);
  });

  it('matches SIF with the common component removed, computed in float64 from the source vectors', async () => {
    const { header, entries } = readVocabulary(findGloveSource()!.path, DEFAULT_GLOVE_OPTIONS.vocabSize);
    expect(entries.map((e) => e.word)).toEqual(files.vocab.words);
    const { rows, component } = sifRows(entries, header, DEFAULT_GLOVE_OPTIONS);
    const vectors = await embedder.embed(TEXTS);
    TEXTS.forEach((text, t) => {
      const expected = new Float64Array(100);
      for (const id of embedder.tokenizer.encode(text)) rows[id - 1]!.forEach((x, i) => (expected[i]! += x));
      const length = Math.hypot(...expected);
      // int8 rows: the direction is kept to well within a thousandth.
      expect(dot(vectors[t]!, expected) / length).toBeGreaterThan(0.999);
      // The common component is gone from every sentence vector.
      expect(Math.abs(dot(vectors[t]!, component))).toBeLessThan(0.01);
    });
  }, 60_000);

  it('gives the same vector for a text alone or padded in a batch, in input order', async () => {
    const alone = await Promise.all(TEXTS.map(async (t) => (await embedder.embed([t]))[0]!));
    const small = await createGloveEmbedder({ model: files.model, vocab: files.vocab, preference: 'wasm', batchSize: 2 });
    try {
      for (const batched of [await embedder.embed(TEXTS), await small.embed([...TEXTS].reverse()).then((v) => v.reverse())]) {
        batched.forEach((v, i) => v.forEach((x, k) => expect(x).toBeCloseTo(alone[i]![k]!, 6)));
      }
    } finally {
      await small.dispose();
    }
  });

  it('uses at most maxTokens tokens of a long text', async () => {
    const capped = await createGloveEmbedder({ model: files.model, vocab: files.vocab, preference: 'wasm', maxTokens: 4 });
    try {
      const text = 'Book a table tomorrow evening in Paris';
      expect(capped.tokenizer.tokenize(text)).toEqual(['book', 'table', 'tomorrow', 'evening', 'in', 'paris']);
      const [cut] = await capped.embed([text]);
      const [firstFour, whole] = await embedder.embed(['book table tomorrow evening', text]);
      expect(dot(cut!, firstFour!)).toBeCloseTo(1, 5);
      expect(dot(cut!, whole!)).toBeLessThan(0.999);
    } finally {
      await capped.dispose();
    }
  });

  it('rejects a vocabulary that does not belong to the model', async () => {
    const tooLong: GloveVocab = { ...files.vocab, words: [...files.vocab.words, 'extra'] };
    await expect(createGloveEmbedder({ model: files.model, vocab: tooLong, preference: 'wasm' })).rejects.toMatchObject({ code: 'model_corrupt', message: /does not match its vocabulary/ });
    const wrongSize: GloveVocab = { ...files.vocab, dimensions: 384 };
    await expect(createGloveEmbedder({ model: files.model, vocab: wrongSize, preference: 'wasm' })).rejects.toMatchObject({ code: 'model_corrupt' });
    await expect(createGloveEmbedder({ model: files.model, vocab: { id: 'x' } as GloveVocab, preference: 'wasm' })).rejects.toMatchObject({ code: 'model_corrupt', message: /not \{id, dimensions, words/ });
  });

  it('reports a missing or corrupt model file as a ModelError', async () => {
    const vocab = files.vocab;
    await expect(createGloveEmbedder({ model: new Uint8Array(), vocab, preference: 'wasm' })).rejects.toMatchObject({ code: 'model_missing' });
    const corrupt = files.model.slice(0, 1000);
    const error = await createGloveEmbedder({ model: corrupt, vocab, preference: 'wasm' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ code: 'model_corrupt' });
  });

  it('refuses to embed after dispose()', async () => {
    const e = await createGloveEmbedder({ model: files.model, vocab: files.vocab, preference: 'wasm' });
    await e.dispose();
    await expect(e.embed(['hello'])).rejects.toMatchObject({ code: 'inference_failed' });
  });
});
