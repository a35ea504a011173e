// Generated web-task and page texts for the vector-index benchmark on real embeddings.
// Topics come from the embedder's own vocabulary, so texts of a topic share meaning
// and not only words: each topic is a seed word and its 40 nearest words by the
// embedder's vectors. A task is a verb and 2–5 topic words (sometimes one word of
// another topic); a page is 12–40 words, ~70% from the topic and the rest interface
// words. Topic sizes are Zipf-like, every text is distinct, and the queries are further
// texts drawn the same way (not in the set).
import { seededRandom } from '../worker/index/rng';
import { TopK } from '../worker/index/top-k';

export interface TopicTexts {
  texts: string[];
  queries: string[];
  topics: number;
}

const TOPIC_WORDS = 40;
const VERBS = [
  'find', 'buy', 'book', 'compare', 'search', 'order', 'cancel', 'check', 'download', 'subscribe',
  'apply', 'update', 'rate', 'track', 'reserve', 'sell', 'rent', 'review', 'share', 'open',
];
const INTERFACE_WORDS = (
  'home search sign in account cart checkout price reviews shipping returns menu settings profile ' +
  'password email notifications subscribe download help contact about privacy terms filters sort results page next previous'
).split(' ');

/**
 * `count` distinct texts plus `queries` more, over `topics` topics of `vocabulary`
 * (words in frequency order; `wordVectors` are their unit vectors from the embedder).
 */
export function topicTexts(vocabulary: string[], wordVectors: Float32Array[], count: number, queries: number, topics = 300, seed = 11): TopicTexts {
  const random = seededRandom(seed);
  const d = wordVectors[0]!.length;
  const usable = vocabulary.map((_, i) => i).filter((i) => i >= 100 && /^[a-z]{3,}$/.test(vocabulary[i]!) && wordVectors[i]!.some((x) => x !== 0));
  const seeds: number[] = [];
  const seedPool = usable.filter((i) => i < 5000);
  while (seeds.length < topics) {
    const w = seedPool[Math.floor(random() * seedPool.length)]!;
    if (!seeds.includes(w)) seeds.push(w);
  }
  const nearest = new TopK(TOPIC_WORDS);
  const topicWords = seeds.map((s) => {
    const v = wordVectors[s]!;
    nearest.reset(TOPIC_WORDS);
    for (const i of usable) {
      const u = wordVectors[i]!;
      let dot = 0;
      for (let j = 0; j < d; j++) dot += v[j]! * u[j]!;
      nearest.push(dot, i);
    }
    return nearest.drain().map(({ item }) => vocabulary[item]!);
  });
  const weights: number[] = [];
  let total = 0;
  for (let t = 0; t < topics; t++) weights.push((total += 1 / Math.sqrt(t + 1)));
  const pickTopic = () => {
    const u = random() * total;
    let t = 0;
    while (weights[t]! < u) t++;
    return t;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  // Words early in a topic's list (nearest the seed) come up more often.
  const topicWord = (t: number) => topicWords[t]![Math.floor(random() * random() * TOPIC_WORDS)]!;

  const text = (): string => {
    const t = pickTopic();
    if (random() < 0.5) {
      const words = [pick(VERBS)];
      const n = 2 + Math.floor(random() * 4);
      for (let i = 0; i < n; i++) words.push(topicWord(t));
      if (random() < 0.3) words.push(topicWord(pickTopic()));
      return words.join(' ');
    }
    const n = 12 + Math.floor(random() * 29);
    return Array.from({ length: n }, () => (random() < 0.7 ? topicWord(t) : pick(INTERFACE_WORDS))).join(' ');
  };

  const seen = new Set<string>();
  const draw = (n: number): string[] => {
    const out: string[] = [];
    let attempts = 0;
    while (out.length < n) {
      if (++attempts > n * 20) throw new Error(`topicTexts: only ${out.length} distinct texts after ${attempts} draws`);
      const t = text();
      if (seen.has(t)) continue;
      seen.add(t);
      out.push(t);
    }
    return out;
  };
  return { texts: draw(count), queries: draw(queries), topics };
}
