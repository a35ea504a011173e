import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransformerEmbedder, type TransformerEmbedder } from './transformer-embedder';
import { expectedEmbedding, TINY_DIM, TINY_TOKENIZER_JSON, tinyTransformerModel } from './testdata/tiny-transformer';

function expectVector(actual: Float32Array, expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((x, i) => expect(actual[i]).toBeCloseTo(x, 5));
}

describe('transformer embedder (tokenizer.json + ONNX export)', () => {
  let embedder: TransformerEmbedder;
  beforeAll(async () => {
    embedder = await createTransformerEmbedder({ id: 'tiny', model: tinyTransformerModel(), tokenizerJson: TINY_TOKENIZER_JSON, preference: 'wasm' });
  });
  afterAll(() => embedder?.dispose());

  it('tokenizes with the WordPiece tokenizer and its [CLS] … [SEP] template', () => {
    expect(embedder.tokenIds('Hello worlds')).toEqual([2, 4, 5, 6, 3]);
    expect(embedder.tokenIds('a DOGGY zebra')).toEqual([2, 8, 11, 12, 1, 3]); // zebra → [UNK]
    expect(embedder.dimensions).toBe(TINY_DIM);
    expect(embedder.id).toBe('tiny');
    expect(embedder.backend).toBe('wasm');
  });

  it('mean-pools the token states over the attention mask and normalises', async () => {
    const [v] = await embedder.embed(['Hello worlds']);
    expectVector(v!, expectedEmbedding([2, 4, 5, 6, 3]));
  });

  it('gives the same vectors in a padded batch as one by one, in input order', async () => {
    const texts = ['cat', 'Hello worlds', 'a doggy table book', 'dog'];
    const batched = await embedder.embed(texts);
    const expected = [[2, 10, 3], [2, 4, 5, 6, 3], [2, 8, 11, 12, 9, 7, 3], [2, 11, 3]];
    batched.forEach((v, i) => expectVector(v, expectedEmbedding(expected[i]!)));
    const small = await createTransformerEmbedder({ id: 'tiny', model: tinyTransformerModel(), tokenizerJson: TINY_TOKENIZER_JSON, preference: 'wasm', batchSize: 3 });
    try {
      (await small.embed(texts)).forEach((v, i) => expectVector(v, expectedEmbedding(expected[i]!)));
    } finally {
      await small.dispose();
    }
  });

  it('cuts long texts to maxLength, keeping [CLS] and [SEP]', async () => {
    const short = await createTransformerEmbedder({ id: 'tiny', model: tinyTransformerModel(), tokenizerJson: TINY_TOKENIZER_JSON, preference: 'wasm', maxLength: 4 });
    try {
      expect(short.tokenIds('hello world cat dog')).toEqual([2, 4, 5, 3]);
      expect(short.tokenIds('cat')).toEqual([2, 10, 3]);
      const [v] = await short.embed(['hello world cat dog']);
      expectVector(v!, expectedEmbedding([2, 4, 5, 3]));
    } finally {
      await short.dispose();
    }
  });

  it('gives the zero vector for an empty text', async () => {
    const [empty, blank, word] = await embedder.embed(['', '   ', 'cat']);
    expect(Array.from(empty!)).toEqual([0, 0, 0, 0]);
    expect(Array.from(blank!)).toEqual([0, 0, 0, 0]);
    expectVector(word!, expectedEmbedding([2, 10, 3]));
  });

  it('reads token_embeddings from exports without token_type_ids', async () => {
    const other = await createTransformerEmbedder({ id: 'tiny-te', model: tinyTransformerModel({ output: 'token_embeddings', tokenTypes: false }), tokenizerJson: TINY_TOKENIZER_JSON, preference: 'wasm' });
    try {
      const [v] = await other.embed(['book a table']);
      expectVector(v!, expectedEmbedding([2, 7, 8, 9, 3]));
    } finally {
      await other.dispose();
    }
  });

  it('rejects a model without token states and a broken tokenizer.json', async () => {
    await expect(createTransformerEmbedder({ id: 'x', model: tinyTransformerModel({ output: 'logits' }), tokenizerJson: TINY_TOKENIZER_JSON, preference: 'wasm' })).rejects.toMatchObject({
      code: 'model_corrupt',
      message: /no token output/,
    });
    await expect(createTransformerEmbedder({ id: 'x', model: tinyTransformerModel(), tokenizerJson: '{"model": ', preference: 'wasm' })).rejects.toMatchObject({
      code: 'model_corrupt',
      message: /tokenizer.json could not be read/,
    });
    await expect(createTransformerEmbedder({ id: 'x', model: new Uint8Array([1, 2, 3]), tokenizerJson: TINY_TOKENIZER_JSON, preference: 'wasm' })).rejects.toMatchObject({ code: 'model_corrupt' });
  });
});
