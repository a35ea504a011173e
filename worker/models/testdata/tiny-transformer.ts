// A sentence-transformer-shaped model small enough to check by hand: the "hidden
// state" of a token is its row of a 4-wide table. Padded positions (mask 0) get +7 in
// every component and token type 1 gets +100, so an embedder that pools over padding
// or sends wrong token types gives visibly wrong vectors. The tokenizer.json is a
// BERT-style WordPiece one, as all-MiniLM-L6-v2 ships.
import { DataType, encodeModel, int64s, node, scalar, tensor, valueInfo } from '../../../scripts/models/onnx-graph';

export const TINY_VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'hello', 'world', '##s', 'book', 'a', 'table', 'cat', 'dog', '##gy'];
export const TINY_DIM = 4;

/** Row of token id `id`: distinct, non-zero values (the padding row too). */
export function tinyRow(id: number): number[] {
  return [1 + id, (id * 7) % 5 - 2, id % 3 === 0 ? 3 : -1, 0.5 * id - 2];
}

export interface TinyModelShape {
  /** Name of the token output. */
  output?: 'last_hidden_state' | 'token_embeddings' | 'logits';
  tokenTypes?: boolean;
}

export function tinyTransformerModel({ output = 'last_hidden_state', tokenTypes = true }: TinyModelShape = {}): Uint8Array {
  const table = Float32Array.from(TINY_VOCAB.flatMap((_, id) => tinyRow(id)));
  const nodes = [
    node('Gather', ['table', 'input_ids'], ['rows'], { axis: 0 }),
    node('Cast', ['attention_mask'], ['mask_f'], { to: DataType.FLOAT }),
    node('Sub', ['one', 'mask_f'], ['is_pad']),
    node('Mul', ['is_pad', 'seven'], ['pad_poison']),
    node('Unsqueeze', ['pad_poison', 'last_axis'], ['pad_poison_3d']),
    node('Add', ['rows', 'pad_poison_3d'], [tokenTypes ? 'masked_rows' : output]),
  ];
  if (tokenTypes) {
    nodes.push(
      node('Cast', ['token_type_ids'], ['types_f'], { to: DataType.FLOAT }),
      node('Mul', ['types_f', 'hundred'], ['type_poison']),
      node('Unsqueeze', ['type_poison', 'last_axis'], ['type_poison_3d']),
      node('Add', ['masked_rows', 'type_poison_3d'], [output]),
    );
  }
  const ids = (name: string) => valueInfo(name, DataType.INT64, ['batch', 'sequence']);
  return encodeModel({
    name: 'tiny_sentence_transformer',
    nodes,
    initializers: [
      tensor('table', DataType.FLOAT, [TINY_VOCAB.length, TINY_DIM], table),
      scalar('one', 1),
      scalar('seven', 7),
      int64s('last_axis', [2]),
      ...(tokenTypes ? [scalar('hundred', 100)] : []),
    ],
    inputs: [ids('input_ids'), ids('attention_mask'), ...(tokenTypes ? [ids('token_type_ids')] : [])],
    outputs: [valueInfo(output, DataType.FLOAT, ['batch', 'sequence', TINY_DIM])],
  });
}

const special = (id: number) => ({ id, content: TINY_VOCAB[id], single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });

export const TINY_TOKENIZER_JSON = JSON.stringify({
  version: '1.0',
  truncation: null,
  padding: null,
  added_tokens: [0, 1, 2, 3].map(special),
  normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
  pre_tokenizer: { type: 'BertPreTokenizer' },
  post_processor: {
    type: 'TemplateProcessing',
    single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
    pair: [
      { SpecialToken: { id: '[CLS]', type_id: 0 } },
      { Sequence: { id: 'A', type_id: 0 } },
      { SpecialToken: { id: '[SEP]', type_id: 0 } },
      { Sequence: { id: 'B', type_id: 1 } },
      { SpecialToken: { id: '[SEP]', type_id: 1 } },
    ],
    special_tokens: {
      '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] },
      '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] },
    },
  },
  decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
  model: {
    type: 'WordPiece',
    unk_token: '[UNK]',
    continuing_subword_prefix: '##',
    max_input_chars_per_word: 100,
    vocab: Object.fromEntries(TINY_VOCAB.map((w, i) => [w, i])),
  },
});

/** The expected embedding: mean of the rows of `ids`, L2-normalised, in float64. */
export function expectedEmbedding(ids: number[]): number[] {
  const mean = new Array<number>(TINY_DIM).fill(0);
  for (const id of ids) tinyRow(id).forEach((x, i) => (mean[i]! += x / ids.length));
  const length = Math.hypot(...mean);
  return mean.map((x) => x / length);
}
