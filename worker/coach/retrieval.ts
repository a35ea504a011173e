// Retrieval for the coach: scopes searched from narrow to wide (this site and this
// kind of task, this site, this kind of task anywhere, everything), nothing below the
// design's similarity floor, and the hits ranked by similarity, recency and utility.
import type { MemoryDesign, MemoryItem, MemoryKind } from '../../shared/model';
import { rankScore } from '../../shared/ranking';
import type { SearchFilter, SearchHit } from '../../shared/worker-api';
import type { Memory } from '../memory';

/** How similar an item of the same site and task template counts as, at least. */
export const SAME_TASK_SIMILARITY = 0.9;

export interface RankedItem {
  item: MemoryItem;
  similarity: number;
  score: number;
  /** Which scope it was found in. */
  scope: 'site+task' | 'site' | 'task' | 'anywhere';
}

export interface RetrievalQuery {
  text: string;
  origin: string;
  cluster: string;
  kinds?: MemoryKind[];
}

export async function retrieve(memory: Pick<Memory, 'search'>, query: RetrievalQuery, design: Pick<MemoryDesign, 'retrieval'>, now = Date.now()): Promise<RankedItem[]> {
  const { k, floor } = design.retrieval;
  const kind = query.kinds ? { kind: query.kinds } : {};
  const scopes: [RankedItem['scope'], SearchFilter][] = [
    ['site+task', { origin: query.origin, cluster: query.cluster, ...kind }],
    ['site', { origin: query.origin, ...kind }],
    ['task', { cluster: query.cluster, ...kind }],
    ['anywhere', { ...kind }],
  ];
  const found = new Map<string, RankedItem>();
  for (const [scope, filter] of scopes) {
    if (found.size >= k) break;
    // The same site and the same task template: relevant by identity, whatever the wording.
    const sameTask = scope === 'site+task';
    const hits: SearchHit[] = await memory.search(query.text, { k, floor: sameTask ? -1 : floor, filter });
    for (const h of hits) {
      if (found.has(h.item.id)) continue;
      const similarity = sameTask ? Math.max(h.score, SAME_TASK_SIMILARITY) : h.score;
      found.set(h.item.id, { item: h.item, similarity, score: rankScore(similarity, h.item, design, now), scope });
    }
  }
  return [...found.values()].sort((a, b) => b.score - a.score).slice(0, k);
}
