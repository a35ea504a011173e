// Scoring maths of retrieval and credit (MemRL / ReMe): a memory item's rank combines
// how similar it is to the query, how recently it was confirmed, and how useful it
// has been; its utility moves toward the outcomes of the runs it was shown in.
import type { MemoryDesign, MemoryItem } from './model';

/** Days after which an item's recency weight has halved. */
export const RECENCY_HALF_LIFE_DAYS = 14;
/** Step size of the utility update Q ← Q + α(r − Q). */
export const UTILITY_RATE = 0.3;
/** Utility of an item nobody has used yet: neither trusted nor distrusted. */
export const NEUTRAL_UTILITY = 0.5;

const DAY_MS = 86_400_000;

/** Similarity above the floor, mapped onto 0..1. */
export function normalizedSimilarity(similarity: number, floor: number): number {
  if (similarity < floor) return 0;
  return floor >= 1 ? 1 : Math.min(1, (similarity - floor) / (1 - floor));
}

/** exp decay with a half-life: 1 now, 0.5 after RECENCY_HALF_LIFE_DAYS. */
export function recencyWeight(updatedAt: number, now: number): number {
  const ageDays = Math.max(0, now - updatedAt) / DAY_MS;
  return Math.pow(0.5, ageDays / RECENCY_HALF_LIFE_DAYS);
}

export function rankScore(similarity: number, item: Pick<MemoryItem, 'updatedAt' | 'utility'>, design: Pick<MemoryDesign, 'retrieval'>, now: number): number {
  const w = design.retrieval.weights;
  const total = w.similarity + w.recency + w.utility || 1;
  const utility = Math.min(1, Math.max(0, item.utility));
  return (w.similarity * normalizedSimilarity(similarity, design.retrieval.floor) + w.recency * recencyWeight(item.updatedAt, now) + w.utility * utility) / total;
}

/** The utility after one more outcome: reward 1 for a success, 0 for a failure. */
export function updatedUtility(utility: number, reward: number, rate = UTILITY_RATE): number {
  return utility + rate * (reward - utility);
}

/**
 * How much an item is worth keeping under a size budget: its utility per use so far,
 * fading with age. Pruning removes the lowest first (pinned items never).
 */
export function keepScore(item: Pick<MemoryItem, 'utility' | 'counters' | 'updatedAt'>, now: number): number {
  const uses = item.counters.retrieved;
  const helpedRate = uses > 0 ? (item.counters.helped + 1) / (uses + 2) : NEUTRAL_UTILITY;
  return (0.5 * item.utility + 0.5 * helpedRate) * (0.25 + 0.75 * recencyWeight(item.updatedAt, now));
}
