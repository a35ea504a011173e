// Retrieval for the coach: scopes searched from narrow to wide (this site and this
// kind of task, this site, this kind of task anywhere, everything), nothing below the
// design's similarity floor, and the hits ranked by similarity, recency and utility.
import type { MemoryDesign, MemoryItem, MemoryKind } from '../../shared/model';
import { rankScore } from '../../shared/ranking';
import type { SearchFilter, SearchHit } from '../../shared/worker-api';
import type { Memory } from '../memory';

/** Candidates searched per scope: k of them times this, and never fewer than MIN_CANDIDATES. */
const CANDIDATES_PER_SLOT = 3;
const MIN_CANDIDATES = 12;

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
    // A wider pool than k: the ranking (utility, recency) and the mix of kinds choose among them.
    const hits: SearchHit[] = await memory.search(query.text, { k: Math.max(k * CANDIDATES_PER_SLOT, MIN_CANDIDATES), floor: sameTask ? -1 : floor, filter });
    for (const h of hits) {
      if (found.has(h.item.id)) continue;
      const similarity = sameTask ? Math.max(h.score, SAME_TASK_SIMILARITY) : h.score;
      found.set(h.item.id, { item: h.item, similarity, score: rankScore(similarity, h.item, design, now), scope });
    }
  }
  return diversified([...found.values()].sort((a, b) => b.score - a.score), k);
}

/**
 * The k best, but the best of each kind first: each kind plays its own part in the
 * advice (a workflow to follow, a lesson and what to avoid, a similar run, a known
 * screen), so five episodes of the same task must not crowd out its workflow.
 */
export function diversified(ranked: readonly RankedItem[], k: number): RankedItem[] {
  const firsts = new Map<MemoryKind, RankedItem>();
  for (const r of ranked) if (!firsts.has(r.item.kind)) firsts.set(r.item.kind, r);
  const chosen = new Set([...firsts.values()].slice(0, k));
  for (const r of ranked) {
    if (chosen.size >= k) break;
    chosen.add(r);
  }
  return ranked.filter((r) => chosen.has(r));
}
