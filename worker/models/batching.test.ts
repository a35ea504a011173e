import { describe, expect, it } from 'vitest';
import { lengthSortedBatches, normalizeInPlace, serialQueue } from './batching';

describe('lengthSortedBatches', () => {
  it('puts every item in exactly one batch, shortest first, within both limits', () => {
    const lengths = [5, 1, 9, 3, 3, 7, 2, 8, 4, 6];
    const batches = lengthSortedBatches(lengths, 3, 16);
    expect(batches.flat().sort((a, b) => a - b)).toEqual(lengths.map((_, i) => i));
    expect(batches.flat().map((i) => lengths[i])).toEqual([...lengths].sort((a, b) => a - b));
    for (const b of batches) {
      expect(b.length).toBeLessThanOrEqual(3);
      expect(b.length * Math.max(...b.map((i) => lengths[i]!))).toBeLessThanOrEqual(16);
    }
    expect(batches.map((b) => b.map((i) => lengths[i]))).toEqual([[1, 2, 3], [3, 4, 5], [6, 7], [8], [9]]);
  });

  it('gives an item longer than the padded limit a batch of its own', () => {
    expect(lengthSortedBatches([100, 2, 2], 8, 10)).toEqual([[1, 2], [0]]);
    expect(lengthSortedBatches([], 8)).toEqual([]);
  });
});

describe('serialQueue', () => {
  it('runs tasks one at a time in call order, also after a failure', async () => {
    const run = serialQueue();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) => () =>
      new Promise<string>((resolve, reject) => {
        log.push(`start ${name}`);
        setTimeout(() => {
          log.push(`end ${name}`);
          if (fail) reject(new Error(name));
          else resolve(name);
        }, ms);
      });
    const results = await Promise.allSettled([run(task('a', 20)), run(task('b', 1, true)), run(task('c', 1))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});

describe('normalizeInPlace', () => {
  it('scales to unit length and leaves the zero vector alone', () => {
    const [x, y] = normalizeInPlace(Float32Array.of(3, 4));
    expect(x).toBeCloseTo(0.6, 6);
    expect(y).toBeCloseTo(0.8, 6);
    expect(Array.from(normalizeInPlace(new Float32Array(3)))).toEqual([0, 0, 0]);
  });
});
