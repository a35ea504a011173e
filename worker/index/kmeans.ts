// Spherical k-means (cosine): centroids are unit-length means of their members.
// Used on samples only; the IVF build never runs it over the whole store.
import { nearestRows } from './dot';
import { sampleIndices } from './rng';

export interface KMeansOptions {
  iterations: number;
  random: () => number;
}

export interface KMeansResult {
  /** k × d, unit length. */
  centroids: Float32Array;
  k: number;
  /** Cluster of each input row. */
  assignment: Int32Array;
}

/**
 * Clusters the `n` unit rows of `points` (row-major, d wide) into at most `k` clusters.
 * Starts from k distinct random rows; an emptied cluster is re-seeded with the row that
 * fits its own centroid worst, so every centroid stays in use.
 */
export function sphericalKMeans(points: Float32Array, n: number, d: number, k: number, options: KMeansOptions): KMeansResult {
  const clusters = Math.max(1, Math.min(k, n));
  const centroids = new Float32Array(clusters * d);
  const seeds = sampleIndices(n, clusters, options.random);
  for (let c = 0; c < clusters; c++) centroids.set(points.subarray(seeds[c]! * d, seeds[c]! * d + d), c * d);

  const assignment = new Int32Array(n).fill(-1);
  const best = new Int32Array(n);
  const bestScore = new Float32Array(n);
  const sums = new Float64Array(clusters * d);
  const counts = new Int32Array(clusters);
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    nearestRows(points, 0, n, centroids, clusters, d, best, bestScore);
    let changed = 0;
    for (let i = 0; i < n; i++) {
      if (best[i] !== assignment[i]) changed++;
      assignment[i] = best[i]!;
    }
    recomputeCentroids(points, n, d, assignment, clusters, centroids, sums, counts);
    reseedEmpty(points, d, counts, centroids, bestScore, assignment);
    // Fewer than 0.5% of rows moved: further rounds change little.
    if (changed * 200 < n) break;
  }
  // Final assignment against the final centroids.
  nearestRows(points, 0, n, centroids, clusters, d, assignment, bestScore);
  return { centroids, k: clusters, assignment };
}

function recomputeCentroids(
  points: Float32Array,
  n: number,
  d: number,
  assignment: Int32Array,
  k: number,
  centroids: Float32Array,
  sums: Float64Array,
  counts: Int32Array,
): void {
  sums.fill(0);
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const c = assignment[i]!;
    counts[c]!++;
    const so = c * d;
    const po = i * d;
    for (let j = 0; j < d; j++) sums[so + j]! += points[po + j]!;
  }
  for (let c = 0; c < k; c++) {
    if (counts[c] === 0) continue;
    const so = c * d;
    let norm = 0;
    for (let j = 0; j < d; j++) norm += sums[so + j]! * sums[so + j]!;
    // Members that cancel out exactly leave the old centroid in place.
    if (norm === 0) continue;
    const inverse = 1 / Math.sqrt(norm);
    for (let j = 0; j < d; j++) centroids[so + j] = sums[so + j]! * inverse;
  }
}

function reseedEmpty(points: Float32Array, d: number, counts: Int32Array, centroids: Float32Array, bestScore: Float32Array, assignment: Int32Array): void {
  const empty: number[] = [];
  for (let c = 0; c < counts.length; c++) if (counts[c] === 0) empty.push(c);
  if (empty.length === 0) return;
  // The worst-fitting rows, one per empty cluster.
  const order = Array.from(bestScore.keys()).sort((a, b) => bestScore[a]! - bestScore[b]!);
  let next = 0;
  for (const c of empty) {
    while (next < order.length && counts[assignment[order[next]!]!]! <= 1) next++;
    if (next >= order.length) return;
    const row = order[next++]!;
    counts[assignment[row]!]!--;
    assignment[row] = c;
    counts[c] = 1;
    centroids.set(points.subarray(row * d, row * d + d), c * d);
  }
}
