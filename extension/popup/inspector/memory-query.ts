// What the Memory view shows: the items that pass the filters (site, kind, outcome,
// date, pinned) and the search (words in the text, or close in meaning by the
// embedder's scores), in the chosen order. Pure, so it is tested without a browser.
import type { MemoryItem, MemoryKind } from '../../../shared/model';
import { plainText } from './marked-text';

export type OutcomeFilter = 'any' | 'success' | 'failure' | 'other';
export type DateFilter = 'any' | 'day' | 'week' | 'month' | 'older';
export type PinnedFilter = 'any' | 'pinned' | 'unpinned';
export type SortKey = 'relevance' | 'utility' | 'recent' | 'use';

export interface MemoryQuery {
  text: string;
  site: string;
  kind: MemoryKind | 'any';
  outcome: OutcomeFilter;
  date: DateFilter;
  pinned: PinnedFilter;
  sort: SortKey;
}

export const EMPTY_QUERY: MemoryQuery = { text: '', site: 'any', kind: 'any', outcome: 'any', date: 'any', pinned: 'any', sort: 'recent' };

/** One row of the result: the item, and how it matched the search. */
export interface MemoryMatch {
  item: MemoryItem;
  /** Cosine similarity from the semantic search, when it found the item. */
  score?: number;
  /** Every word of the search is in the item's text. */
  textMatch: boolean;
}

const DAY = 24 * 60 * 60 * 1000;
const SINCE: Record<Exclude<DateFilter, 'any' | 'older'>, number> = { day: DAY, week: 7 * DAY, month: 30 * DAY };

/** How the run(s) an item came from ended: an episode's or keyframe's outcome, an insight's source; a workflow is a success. */
export function outcomeOf(item: MemoryItem): string | undefined {
  const data = item.data ?? {};
  if (item.kind === 'workflow') return 'success';
  const outcome = data.outcome ?? data.from;
  if (typeof outcome === 'string') return outcome;
  if (typeof outcome === 'object' && outcome !== null && typeof (outcome as { status?: unknown }).status === 'string') return (outcome as { status: string }).status;
  return undefined;
}

/** The sites items are scoped to, for the site filter. */
export function sitesOf(items: readonly MemoryItem[]): string[] {
  return [...new Set(items.map((i) => i.scope.origin).filter((o): o is string => !!o))].sort();
}

function words(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Every word of the search occurs in the item's title, when-to-use or text. */
export function matchesText(item: MemoryItem, search: string): boolean {
  const wanted = words(search);
  if (wanted.length === 0) return true;
  const haystack = plainText(`${item.title}\n${item.whenToUse}\n${item.text}`).toLowerCase();
  return wanted.every((w) => haystack.includes(w));
}

function passesFilters(item: MemoryItem, q: MemoryQuery, now: number): boolean {
  if (q.site !== 'any' && item.scope.origin !== q.site) return false;
  if (q.kind !== 'any' && item.kind !== q.kind) return false;
  if (q.outcome !== 'any') {
    const o = outcomeOf(item);
    if (q.outcome === 'other' ? o === 'success' || o === 'failure' : o !== q.outcome) return false;
  }
  if (q.date === 'older' && now - item.createdAt <= SINCE.month) return false;
  if (q.date !== 'any' && q.date !== 'older' && now - item.createdAt > SINCE[q.date]) return false;
  if (q.pinned === 'pinned' && !item.pinned) return false;
  if (q.pinned === 'unpinned' && item.pinned) return false;
  return true;
}

/** A text match ranks above any meaning-only match; among each, by similarity. */
function relevance(m: MemoryMatch): number {
  return (m.textMatch ? 2 : 0) + (m.score ?? 0);
}

const ORDER: Record<SortKey, (a: MemoryMatch, b: MemoryMatch) => number> = {
  relevance: (a, b) => relevance(b) - relevance(a),
  utility: (a, b) => b.item.utility - a.item.utility,
  recent: (a, b) => b.item.updatedAt - a.item.updatedAt,
  use: (a, b) => b.item.counters.retrieved - a.item.counters.retrieved,
};

/**
 * The items to show. With search text, an item is shown when it contains every word
 * or the semantic search found it (`scores`, by item id); without, every item is.
 * Ties keep the newest first, so the order is stable.
 */
export function runQuery(items: readonly MemoryItem[], q: MemoryQuery, scores: ReadonlyMap<string, number> = new Map(), now = Date.now()): MemoryMatch[] {
  const searching = q.text.trim() !== '';
  const out: MemoryMatch[] = [];
  for (const item of items) {
    if (!passesFilters(item, q, now)) continue;
    const textMatch = searching && matchesText(item, q.text);
    const score = scores.get(item.id);
    if (searching && !textMatch && score === undefined) continue;
    out.push({ item, textMatch, ...(score !== undefined ? { score } : {}) });
  }
  const sort = q.sort === 'relevance' && !searching ? 'recent' : q.sort;
  return out.sort((a, b) => ORDER[sort](a, b) || b.item.updatedAt - a.item.updatedAt || a.item.id.localeCompare(b.item.id));
}
