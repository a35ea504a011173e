// Recall@1 of the bundled embedder on the hand-written retrieval set (72 web tasks
// with paraphrases, 48 distractors: chance is 1/120).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGloveEmbedder, type GloveEmbedder } from './glove-embedder';
import { gloveUnavailable, loadGloveFiles } from './testdata/glove-files';
import { recallAt1, retrievalSet } from './testdata/recall';

describe.skipIf(gloveUnavailable)(`GloVe retrieval${gloveUnavailable ? ` (skipped: ${gloveUnavailable})` : ''}`, () => {
  let embedder: GloveEmbedder;
  beforeAll(async () => {
    const files = loadGloveFiles();
    embedder = await createGloveEmbedder({ model: files.model, vocab: files.vocab, preference: 'wasm' });
  }, 180_000);
  afterAll(() => embedder?.dispose());

  it('finds the task a paraphrase came from, far above chance', async () => {
    expect(retrievalSet.pairs.length).toBeGreaterThanOrEqual(60);
    const report = await recallAt1(embedder);
    console.log(
      `recall@1 of ${embedder.id}: ${report.recall.toFixed(3)} (${report.hits}/${report.queries}), ` +
        `corpus ${report.corpusSize}, chance ${report.chance.toFixed(4)}\n` +
        report.misses.map((m) => `  miss: "${m.query}" → "${m.got}"`).join('\n'),
    );
    expect(report.recall).toBeGreaterThanOrEqual(0.8);
    expect(report.recall).toBeGreaterThan(50 * report.chance);
  });
});
