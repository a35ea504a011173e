// The scoring maths of retrieval and credit: similarity above the floor mapped onto
// 0..1, recency halving every 14 days, a rank score that weighs the three, the
// utility update Q ← Q + α(r − Q), and the keep score pruning goes by.
import { describe, expect, it } from 'vitest';
import { MEMORY_DESIGNS } from './memory-designs';
import type { MemoryItem } from './model';
import { keepScore, NEUTRAL_UTILITY, normalizedSimilarity, rankScore, RECENCY_HALF_LIFE_DAYS, recencyWeight, updatedUtility, UTILITY_RATE } from './ranking';

const DAY = 86_400_000;
const NOW = 1_700_000_000_000;

const design = (similarity: number, recency: number, utility: number, floor = 0.4) => ({ retrieval: { k: 5, floor, weights: { similarity, recency, utility } } });
const kept = (utility: number, counters: MemoryItem['counters'], ageDays = 0) => ({ utility, counters, updatedAt: NOW - ageDays * DAY });

describe('normalizedSimilarity', () => {
  it('maps the span from the floor to 1 onto 0..1', () => {
    expect(normalizedSimilarity(0.7, 0.4)).toBeCloseTo(0.5, 10);
    expect(normalizedSimilarity(0.4, 0.4)).toBe(0);
    expect(normalizedSimilarity(1, 0.4)).toBe(1);
    expect(normalizedSimilarity(0, -1)).toBeCloseTo(0.5, 10);
  });

  it('gives 0 below the floor and never more than 1', () => {
    expect(normalizedSimilarity(0.39, 0.4)).toBe(0);
    expect(normalizedSimilarity(-0.5, 0.4)).toBe(0);
    expect(normalizedSimilarity(1.2, 0.4)).toBe(1);
    expect(normalizedSimilarity(1, 1)).toBe(1);
  });
});

describe('recencyWeight', () => {
  it('halves every half-life and is 1 for an item changed now', () => {
    expect(RECENCY_HALF_LIFE_DAYS).toBe(14);
    expect(recencyWeight(NOW, NOW)).toBe(1);
    expect(recencyWeight(NOW - 14 * DAY, NOW)).toBeCloseTo(0.5, 10);
    expect(recencyWeight(NOW - 28 * DAY, NOW)).toBeCloseTo(0.25, 10);
    expect(recencyWeight(NOW - 7 * DAY, NOW)).toBeCloseTo(Math.SQRT1_2, 10);
  });

  it('treats a timestamp from the future as now', () => {
    expect(recencyWeight(NOW + 3 * DAY, NOW)).toBe(1);
  });
});

describe('rankScore', () => {
  it('is the weighted mean of normalised similarity, recency and utility', () => {
    const item = { updatedAt: NOW - 14 * DAY, utility: 0.8 };
    // similarity 0.7 over floor 0.4 → 0.5; recency 0.5; utility 0.8.
    expect(rankScore(0.7, item, design(0.6, 0.15, 0.25), NOW)).toBeCloseTo(0.6 * 0.5 + 0.15 * 0.5 + 0.25 * 0.8, 10);
    // Weights that do not sum to 1 are normalised.
    expect(rankScore(0.7, item, design(6, 1.5, 2.5), NOW)).toBeCloseTo(rankScore(0.7, item, design(0.6, 0.15, 0.25), NOW), 10);
  });

  it('ranks by whichever part carries the weight', () => {
    const useful = { updatedAt: NOW - 60 * DAY, utility: 0.9 };
    const recent = { updatedAt: NOW, utility: 0.1 };
    expect(rankScore(0.8, useful, design(0, 0, 1), NOW)).toBeGreaterThan(rankScore(0.8, recent, design(0, 0, 1), NOW));
    expect(rankScore(0.8, useful, design(0, 1, 0), NOW)).toBeLessThan(rankScore(0.8, recent, design(0, 1, 0), NOW));
    expect(rankScore(0.9, recent, design(1, 0, 0), NOW)).toBeGreaterThan(rankScore(0.6, recent, design(1, 0, 0), NOW));
  });

  it('clamps utility to 0..1 and scores a hit below the floor on recency and utility alone', () => {
    const now = { updatedAt: NOW };
    expect(rankScore(0.7, { ...now, utility: 1.7 }, design(0, 0, 1), NOW)).toBe(1);
    expect(rankScore(0.7, { ...now, utility: -2 }, design(0, 0, 1), NOW)).toBe(0);
    expect(rankScore(0.1, { ...now, utility: 0.5 }, design(0.5, 0.25, 0.25), NOW)).toBeCloseTo(0.25 + 0.125, 10);
  });

  it('stays within 0..1 for every shipped design', () => {
    for (const d of MEMORY_DESIGNS) {
      expect(rankScore(1, { updatedAt: NOW, utility: 1 }, d, NOW)).toBeCloseTo(1, 10);
      expect(rankScore(-1, { updatedAt: 0, utility: 0 }, d, NOW)).toBeCloseTo(0, 5);
    }
  });
});

describe('updatedUtility', () => {
  it('moves by Q + 0.3(r − Q)', () => {
    expect(UTILITY_RATE).toBe(0.3);
    expect(updatedUtility(0.5, 1)).toBeCloseTo(0.65, 10);
    expect(updatedUtility(0.5, 0)).toBeCloseTo(0.35, 10);
    expect(updatedUtility(0.65, 0)).toBeCloseTo(0.455, 10);
    expect(updatedUtility(0.2, 1, 1)).toBe(1);
  });

  it('approaches the reward without passing it', () => {
    let q = NEUTRAL_UTILITY;
    for (let i = 0; i < 30; i++) {
      const next = updatedUtility(q, 1);
      expect(next).toBeGreaterThan(q);
      expect(next).toBeLessThanOrEqual(1);
      q = next;
    }
    expect(q).toBeGreaterThan(0.99);
  });
});

describe('keepScore', () => {
  it('orders items by how much they helped per use', () => {
    const helped = keepScore(kept(0.9, { retrieved: 5, helped: 5, hurt: 0 }), NOW);
    const untried = keepScore(kept(NEUTRAL_UTILITY, { retrieved: 0, helped: 0, hurt: 0 }), NOW);
    const hurt = keepScore(kept(0.1, { retrieved: 6, helped: 0, hurt: 6 }), NOW);
    expect(helped).toBeGreaterThan(untried);
    expect(untried).toBeGreaterThan(hurt);
    expect(untried).toBeCloseTo(0.5, 10);
  });

  it('counts the rate of help, not the number of uses', () => {
    const often = keepScore(kept(0.5, { retrieved: 20, helped: 4, hurt: 16 }), NOW);
    const rarely = keepScore(kept(0.5, { retrieved: 2, helped: 2, hurt: 0 }), NOW);
    expect(rarely).toBeGreaterThan(often);
  });

  it('fades with age but keeps a quarter of the score however old the item is', () => {
    const record = { retrieved: 4, helped: 3, hurt: 1 };
    const fresh = keepScore(kept(0.7, record, 0), NOW);
    const month = keepScore(kept(0.7, record, 30), NOW);
    const ancient = keepScore(kept(0.7, record, 5_000), NOW);
    expect(month).toBeLessThan(fresh);
    expect(ancient).toBeLessThan(month);
    expect(ancient).toBeCloseTo(fresh * 0.25, 5);
  });
});
