import { describe, expect, it } from 'vitest';
import type { MemoryItem, MemoryKind } from '../../shared/model';
import { diversified, type RankedItem } from './retrieval';

const ranked = (id: string, kind: MemoryKind, score: number): RankedItem => ({ item: { id, kind } as MemoryItem, similarity: score, score, scope: 'site+task' });

describe('the items retrieved for advice', () => {
  it('keep the best of each kind before more of one kind, in score order', () => {
    const list = [ranked('e1', 'episode', 0.95), ranked('e2', 'episode', 0.94), ranked('e3', 'episode', 0.93), ranked('k1', 'keyframe', 0.92), ranked('e4', 'episode', 0.91), ranked('w1', 'workflow', 0.8), ranked('i1', 'insight', 0.7)];
    expect(diversified(list, 5).map((r) => r.item.id)).toEqual(['e1', 'e2', 'k1', 'w1', 'i1']);
  });
  it('are the k best when k is smaller than the number of kinds', () => {
    const list = [ranked('e1', 'episode', 0.9), ranked('w1', 'workflow', 0.8), ranked('i1', 'insight', 0.7)];
    expect(diversified(list, 2).map((r) => r.item.id)).toEqual(['e1', 'w1']);
    expect(diversified([], 3)).toEqual([]);
  });
});
