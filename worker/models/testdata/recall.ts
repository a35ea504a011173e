// Recall@1 of an embedder on the hand-written retrieval set: each paraphrase is a
// query, the corpus is every original task plus the distractors, and a hit is the
// paraphrase's own task ranking first by cosine similarity.
import type { TextEmbedder } from '../embedder';
import set from './retrieval-set.json';

export interface RetrievalSet {
  pairs: { task: string; paraphrase: string }[];
  distractors: string[];
}

export const retrievalSet: RetrievalSet = set;

export interface RecallReport {
  recall: number;
  hits: number;
  queries: number;
  corpusSize: number;
  /** Recall@1 of a random ranking. */
  chance: number;
  misses: { query: string; expected: string; got: string }[];
}

export async function recallAt1(embedder: TextEmbedder, data: RetrievalSet = retrievalSet): Promise<RecallReport> {
  const corpus = [...data.pairs.map((p) => p.task), ...data.distractors];
  const corpusVectors = await embedder.embed(corpus);
  const queryVectors = await embedder.embed(data.pairs.map((p) => p.paraphrase));
  const misses: RecallReport['misses'] = [];
  queryVectors.forEach((q, i) => {
    let best = -1;
    let bestScore = -Infinity;
    corpusVectors.forEach((c, j) => {
      let score = 0;
      for (let k = 0; k < q.length; k++) score += q[k]! * c[k]!;
      if (score > bestScore) [best, bestScore] = [j, score];
    });
    if (best !== i) misses.push({ query: data.pairs[i]!.paraphrase, expected: corpus[i]!, got: corpus[best]! });
  });
  const queries = data.pairs.length;
  return { recall: (queries - misses.length) / queries, hits: queries - misses.length, queries, corpusSize: corpus.length, chance: 1 / corpus.length, misses };
}
