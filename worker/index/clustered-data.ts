// Synthetic embeddings with neighbour structure, for tests and benchmarks (never used
// at run time). Uniform random vectors have no near neighbours, so every approximate
// index looks broken on them; real sentence embeddings instead form topics, and within
// a topic vary along a few directions. This generator imitates that:
//   - `topics` centres drawn uniformly on the unit sphere;
//   - topic sizes Zipf-like (weight ∝ 1/(rank+1)^0.5), so some topics are crowded;
//   - each topic has its own random `topicRank`-dimensional subspace;
//   - a point is normalise(centre + spread·(Gaussian in the topic's subspace)
//                                 + noise·(isotropic Gaussian)),
//     with both Gaussians scaled to unit expected length;
//   - queries are drawn from the same distribution and are not in the set.
// With the defaults a point's cosine to its topic centre is ≈ 0.7, to another point of
// its topic ≈ 0.5 and to other topics ≈ 0 — near neighbours are the nearby points of
// the same topic.
import { gaussian, seededRandom } from './rng';

export interface ClusteredDataOptions {
  dimensions: number;
  count: number;
  queries: number;
  topics?: number;
  topicRank?: number;
  spread?: number;
  noise?: number;
  seed?: number;
}

export interface ClusteredData {
  dimensions: number;
  /** count × dimensions, unit rows. */
  vectors: Float32Array;
  /** queries × dimensions, unit rows. */
  queries: Float32Array;
  /** Topic of each vector. */
  topicOf: Int32Array;
  /** Words describing how it was made, for benchmark reports. */
  description: string;
}

export function clusteredData(options: ClusteredDataOptions): ClusteredData {
  const { dimensions: d, count, queries } = options;
  const topics = options.topics ?? 300;
  const rank = options.topicRank ?? 8;
  const spread = options.spread ?? 0.8;
  const noise = options.noise ?? 0.5;
  const seed = options.seed ?? 7;
  const random = seededRandom(seed);
  const normal = gaussian(random);

  const centres = new Float32Array(topics * d);
  for (let t = 0; t < topics; t++) normaliseRow(fillNormal(centres, t * d, d, normal, 1), t * d, d);
  // Subspace bases: rank columns per topic, each of unit expected length.
  const bases = new Float32Array(topics * rank * d);
  fillNormal(bases, 0, bases.length, normal, 1 / Math.sqrt(d));
  const cumulative = new Float64Array(topics);
  let total = 0;
  for (let t = 0; t < topics; t++) cumulative[t] = total += 1 / Math.sqrt(t + 1);

  const z = new Float64Array(rank);
  const draw = (out: Float32Array, row: number): number => {
    const u = random() * total;
    let t = 0;
    while (t < topics - 1 && cumulative[t]! < u) t++;
    const o = row * d;
    for (let r = 0; r < rank; r++) z[r] = (normal() * spread) / Math.sqrt(rank);
    const noiseScale = noise / Math.sqrt(d);
    for (let j = 0; j < d; j++) {
      let x = centres[t * d + j]! + normal() * noiseScale;
      for (let r = 0; r < rank; r++) x += z[r]! * bases[(t * rank + r) * d + j]!;
      out[o + j] = x;
    }
    normaliseRow(out, o, d);
    return t;
  };

  const vectors = new Float32Array(count * d);
  const topicOf = new Int32Array(count);
  for (let i = 0; i < count; i++) topicOf[i] = draw(vectors, i);
  const queryRows = new Float32Array(queries * d);
  for (let i = 0; i < queries; i++) draw(queryRows, i);
  const description =
    `clustered synthetic, ${count} × ${d}-d: ${topics} topic centres, Zipf-like sizes, ` +
    `centre + ${spread}·Gaussian in a ${rank}-d topic subspace + ${noise}·isotropic noise, normalised; ` +
    `${queries} queries from the same distribution (seed ${seed})`;
  return { dimensions: d, vectors, queries: queryRows, topicOf, description };
}

function fillNormal(out: Float32Array, offset: number, length: number, normal: () => number, scale: number): Float32Array {
  for (let i = 0; i < length; i++) out[offset + i] = normal() * scale;
  return out;
}

function normaliseRow(out: Float32Array, offset: number, d: number): void {
  let s = 0;
  for (let j = 0; j < d; j++) s += out[offset + j]! * out[offset + j]!;
  const inverse = 1 / Math.sqrt(s);
  for (let j = 0; j < d; j++) out[offset + j]! *= inverse;
}
