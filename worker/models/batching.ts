// Shared by the embedders: texts are grouped by token count so a batch pads little,
// and one session runs one batch at a time (onnxruntime-web sessions are not re-entrant).

/**
 * Indices of the items, shortest first, in batches of at most `maxBatch` items and
 * `maxPadded` positions once padded to the batch's longest (which bounds the memory
 * of one run); an item longer than `maxPadded` goes alone.
 */
export function lengthSortedBatches(lengths: number[], maxBatch: number, maxPadded = Infinity): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a]! - lengths[b]! || a - b);
  const batches: number[][] = [];
  let batch: number[] = [];
  for (const i of order) {
    // Sorted ascending: this item is the batch's longest once added.
    if (batch.length > 0 && (batch.length >= maxBatch || (batch.length + 1) * lengths[i]! > maxPadded)) {
      batches.push(batch);
      batch = [];
    }
    batch.push(i);
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** Runs the tasks given to it one after another, in call order. */
export function serialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** Scales v to unit length in place; the zero vector stays zero. */
export function normalizeInPlace(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  const norm = Math.sqrt(sum);
  if (norm > 1e-12) for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return v;
}
