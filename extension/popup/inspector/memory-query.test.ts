import { describe, expect, it } from 'vitest';
import type { MemoryItem } from '../../../shared/model';
import { EMPTY_QUERY, type MemoryQuery, matchesText, outcomeOf, runQuery, sitesOf } from './memory-query';

const NOW = 1_000 * 24 * 60 * 60 * 1000;
const DAY = 24 * 60 * 60 * 1000;

function item(id: string, over: Partial<MemoryItem> = {}): MemoryItem {
  return {
    id,
    kind: 'insight',
    title: `Item ${id}`,
    text: '',
    whenToUse: '',
    scope: { origin: 'https://a.example' },
    provenance: [],
    counters: { retrieved: 0, helped: 0, hurt: 0 },
    utility: 0.5,
    pinned: false,
    createdAt: NOW - DAY / 2,
    updatedAt: NOW - DAY / 2,
    version: 1,
    ...over,
  };
}

const items = [
  item('ep', { kind: 'episode', data: { outcome: { status: 'failure', judgedBy: 'check', reason: '' } }, utility: 0.2, counters: { retrieved: 9, helped: 1, hurt: 3 }, updatedAt: NOW - 10 }),
  item('wf', { kind: 'workflow', title: 'Subscribe {name} to the newsletter', utility: 0.9, pinned: true, scope: { origin: 'https://b.example' }, updatedAt: NOW - 20 }),
  item('in', { kind: 'insight', text: 'Do not click \uE000Special offers\uE001 on the form', data: { from: 'success' }, createdAt: NOW - 3 * DAY, updatedAt: NOW - 30 }),
  item('kf', { kind: 'keyframe', data: { outcome: 'interrupted' }, createdAt: NOW - 40 * DAY, updatedAt: NOW - 40 * DAY, counters: { retrieved: 2, helped: 0, hurt: 0 } }),
];
const q = (over: Partial<MemoryQuery>): MemoryQuery => ({ ...EMPTY_QUERY, ...over });
const ids = (over: Partial<MemoryQuery>, scores?: Map<string, number>) => runQuery(items, q(over), scores, NOW).map((m) => m.item.id);

describe('outcomeOf and sitesOf', () => {
  it('reads the outcome wherever the kind keeps it', () => {
    expect(items.map(outcomeOf)).toEqual(['failure', 'success', 'success', 'interrupted']);
    expect(outcomeOf(item('x'))).toBeUndefined();
    expect(sitesOf(items)).toEqual(['https://a.example', 'https://b.example']);
  });
});

describe('runQuery filters', () => {
  it('shows everything, newest first, with no filter', () => expect(ids({})).toEqual(['ep', 'wf', 'in', 'kf']));
  it('by site', () => expect(ids({ site: 'https://b.example' })).toEqual(['wf']));
  it('by kind', () => expect(ids({ kind: 'keyframe' })).toEqual(['kf']));
  it('by outcome', () => {
    expect(ids({ outcome: 'success' })).toEqual(['wf', 'in']);
    expect(ids({ outcome: 'failure' })).toEqual(['ep']);
    expect(ids({ outcome: 'other' })).toEqual(['kf']);
  });
  it('by date learned', () => {
    expect(ids({ date: 'day' })).toEqual(['ep', 'wf']);
    expect(ids({ date: 'week' })).toEqual(['ep', 'wf', 'in']);
    expect(ids({ date: 'older' })).toEqual(['kf']);
  });
  it('by pinned', () => {
    expect(ids({ pinned: 'pinned' })).toEqual(['wf']);
    expect(ids({ pinned: 'unpinned' })).toEqual(['ep', 'in', 'kf']);
  });
});

describe('runQuery sort and search', () => {
  it('sorts by utility, by use and by recency', () => {
    expect(ids({ sort: 'utility' })).toEqual(['wf', 'in', 'kf', 'ep']);
    expect(ids({ sort: 'use' })).toEqual(['ep', 'kf', 'wf', 'in']);
    expect(ids({ sort: 'recent' })).toEqual(['ep', 'wf', 'in', 'kf']);
  });

  it('finds every word, across page-derived spans, case-insensitively', () => {
    expect(matchesText(items[2]!, 'special OFFERS')).toBe(true);
    expect(matchesText(items[2]!, 'special newsletter')).toBe(false);
    expect(ids({ text: 'newsletter' })).toEqual(['wf']);
  });

  it('adds what the semantic search found; text matches rank first by relevance, then similarity', () => {
    const scores = new Map([
      ['kf', 0.8],
      ['ep', 0.5],
    ]);
    expect(ids({ text: 'newsletter', sort: 'relevance' }, scores)).toEqual(['wf', 'kf', 'ep']);
    const matches = runQuery(items, q({ text: 'newsletter', sort: 'relevance' }), scores, NOW);
    expect(matches.map((m) => [m.textMatch, m.score])).toEqual([
      [true, undefined],
      [false, 0.8],
      [false, 0.5],
    ]);
    // Filters still apply to what the search found.
    expect(ids({ text: 'newsletter', kind: 'episode' }, scores)).toEqual(['ep']);
  });

  it('falls back to recency when asked for relevance without a search', () => expect(ids({ sort: 'relevance' })).toEqual(['ep', 'wf', 'in', 'kf']));
});
