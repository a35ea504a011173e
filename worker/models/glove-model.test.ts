// The generator's cache: files are written once and regenerated only when their key
// (generator sources, package version, options) changes. Uses a small vocabulary.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_GLOVE_OPTIONS, ensureGloveModel, zipfProbabilities } from '../../scripts/models/glove-model';
import { gloveUnavailable } from './testdata/glove-files';

describe('Zipf estimate of word probability', () => {
  it('falls as 1/rank and sums to 1 over the whole list', () => {
    const p = zipfProbabilities([0, 1, 9, 99], 1000);
    expect(p[0]! / p[1]!).toBeCloseTo(2, 10);
    expect(p[0]! / p[3]!).toBeCloseTo(100, 10);
    const all = zipfProbabilities(Array.from({ length: 1000 }, (_, i) => i), 1000);
    expect(all.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });
});

describe.skipIf(gloveUnavailable)(`GloVe model cache${gloveUnavailable ? ` (skipped: ${gloveUnavailable})` : ''}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-glove-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const small = { ...DEFAULT_GLOVE_OPTIONS, vocabSize: 2000 };

  it('generates once, then reuses the files until the options change', () => {
    const first = ensureGloveModel(dir, small);
    expect(first.generated).toBe(true);
    expect(first.stats.vocabSize).toBe(2000);
    const vocab = JSON.parse(readFileSync(first.vocabPath, 'utf8')) as { id: string; words: string[] };
    expect(vocab.words).toHaveLength(2000);
    expect(vocab.words.slice(0, 3)).toEqual(['the', 'of', 'to']); // ',' and '.' are not emitted
    expect(vocab.id).toMatch(/^glove-sif-100d-2k-[0-9a-f]{8}$/);
    const written = statSync(first.modelPath).mtimeMs;

    const second = ensureGloveModel(dir, small);
    expect(second.generated).toBe(false);
    expect(statSync(second.modelPath).mtimeMs).toBe(written);

    const third = ensureGloveModel(dir, { ...small, sifA: 1e-4 });
    expect(third.generated).toBe(true);
    const other = JSON.parse(readFileSync(third.vocabPath, 'utf8')) as { id: string };
    expect(other.id).not.toBe(vocab.id); // other weights, other id: stored vectors are not mixed
  }, 60_000);
});
