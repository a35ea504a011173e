import { describe, expect, it } from 'vitest';
import { clusteredData } from './clustered-data';
import { bruteForce, dot, matches, recall, row, toRecords } from './test-helpers';
import { type IndexedVector, VectorIndex } from './vector-index';

const D = 48;
/** Largest difference between an index score and the float cosine (int8 + residual). */
const SCORE_TOLERANCE = 1e-4;

const ORIGINS = ['https://shop.example', 'https://mail.example', 'https://news.example', 'https://bank.example'];
const KINDS = ['episode', 'workflow', 'insight', 'keyframe'];

function scopeOf(i: number): { origin: string; kind: string; cluster: string } {
  return { origin: ORIGINS[i % 4]!, kind: KINDS[(i >> 2) % 4]!, cluster: `c${i % 7}` };
}

function dataset(count: number, queries: number, seed = 3) {
  const data = clusteredData({ dimensions: D, count, queries, topics: 60, seed });
  return { records: toRecords(data.vectors, D, scopeOf), queries: Array.from({ length: queries }, (_, q) => row(data.queries, D, q)) };
}

function unit(values: number[]): Float32Array {
  const v = Float32Array.from(values);
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

function meanRecall(index: VectorIndex, records: IndexedVector[], queries: Float32Array[], k: number): number {
  let total = 0;
  for (const q of queries) total += recall(index.search(q, k), bruteForce(records, q, k));
  return total / queries.length;
}

describe('VectorIndex, exact mode', () => {
  const { records, queries } = dataset(3000, 40);
  const index = VectorIndex.build(D, records);

  it('is exact below the threshold and ranks as a float32 scan does', () => {
    expect(index.mode).toBe('exact');
    expect(index.size).toBe(3000);
    for (const q of queries) {
      const hits = index.search(q, 10);
      const truth = bruteForce(records, q, 10);
      expect(hits).toHaveLength(10);
      hits.forEach((hit, i) => {
        // Same item at each rank, or a near-tie with the true item at that rank.
        expect(Math.abs(hit.score - truth[i]!.score)).toBeLessThan(SCORE_TOLERANCE);
        const exact = dot(records[Number(hit.id.slice(1))]!.vector, q);
        expect(Math.abs(hit.score - exact)).toBeLessThan(SCORE_TOLERANCE);
      });
      expect(recall(hits, truth)).toBe(1);
    }
  });

  it('returns hits best first, at most k, and all of them when k exceeds the size', () => {
    const small = VectorIndex.build(D, records.slice(0, 5));
    const hits = small.search(queries[0]!, 10);
    expect(hits.map((h) => h.id).sort()).toEqual(['v0', 'v1', 'v2', 'v3', 'v4']);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    expect(small.search(queries[0]!, 0)).toEqual([]);
    expect(new VectorIndex(D).search(queries[0]!, 5)).toEqual([]);
  });

  it("gives a vector's own id first with cosine ≈ 1, and normalises a query that is not unit length", () => {
    const target = records[123]!;
    const scaled = target.vector.map((x) => x * 3.5);
    const [first] = index.search(scaled, 1);
    expect(first!.id).toBe(target.id);
    expect(first!.score).toBeCloseTo(1, 4);
  });
});

describe('VectorIndex, approximate mode', () => {
  const { records, queries } = dataset(24_000, 60);
  const index = VectorIndex.build(D, records);

  it('switches to IVF past the threshold and keeps recall@10 ≥ 0.95 on clustered data', () => {
    expect(index.mode).toBe('approximate');
    const stats = index.stats();
    expect(stats.lists).toBeGreaterThan(100);
    expect(stats.probes).toBeLessThan(stats.lists / 4);
    expect(meanRecall(index, records, queries, 10)).toBeGreaterThanOrEqual(0.95);
  });

  it('scores candidates exactly (same scores as the float cosine)', () => {
    for (const q of queries.slice(0, 10)) {
      for (const hit of index.search(q, 10)) {
        expect(Math.abs(hit.score - dot(records[Number(hit.id.slice(1))]!.vector, q))).toBeLessThan(SCORE_TOLERANCE);
      }
    }
  });

  it('filters by origin, kind (one or several) and cluster with the right results', () => {
    const filters = [
      { origin: ORIGINS[1]! },
      { kind: 'insight' },
      { kind: ['episode', 'keyframe'] },
      { cluster: 'c3' },
      { origin: ORIGINS[2]!, kind: 'workflow' },
      { origin: ORIGINS[0]!, kind: ['episode', 'insight'], cluster: 'c5' },
    ];
    for (const filter of filters) {
      let total = 0;
      for (const q of queries.slice(0, 30)) {
        const hits = index.search(q, 10, filter);
        const truth = bruteForce(records, q, 10, filter);
        expect(hits).toHaveLength(10);
        for (const hit of hits) {
          const scope = records[Number(hit.id.slice(1))]!.scope;
          if (filter.origin) expect(scope.origin).toBe(filter.origin);
          if (filter.cluster) expect(scope.cluster).toBe(filter.cluster);
          if (filter.kind) expect(([] as string[]).concat(filter.kind)).toContain(scope.kind);
        }
        total += recall(hits, truth);
      }
      expect(total / 30, JSON.stringify(filter)).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('finds every member of a rare scope, even far from the query', () => {
    const rare = new VectorIndex(D, { approximateFrom: 1000 });
    for (const r of records.slice(0, 5000)) rare.upsert(r);
    // Three vectors of a scope of their own, in different topics.
    const picked = [17, 2500, 4999];
    for (const i of picked) rare.upsert({ ...records[i]!, scope: { origin: 'https://rare.example', kind: 'workflow' } });
    expect(rare.mode).toBe('approximate');
    const hits = rare.search(queries[0]!, 10, { origin: 'https://rare.example' });
    expect(hits.map((h) => h.id).sort()).toEqual(picked.map((i) => `v${i}`).sort());
    // A scope of 40: the top 10 of those 40 exactly.
    const forty = records.slice(0, 5000).filter((_, i) => i % 125 === 1);
    for (const r of forty) rare.upsert({ ...r, scope: { ...r.scope, cluster: 'forty' } });
    const all = forty.map((r) => ({ ...r, scope: { ...r.scope, cluster: 'forty' } }));
    for (const q of queries.slice(0, 5)) {
      expect(rare.search(q, 10, { cluster: 'forty' }).map((h) => h.id)).toEqual(bruteForce(all, q, 10).map((h) => h.id));
    }
  });

  it('falls back to an exact scan when the probed lists hold fewer than k matches', () => {
    const data = clusteredData({ dimensions: D, count: 6000, queries: 1, topics: 60, seed: 21 });
    const query = row(data.queries, D, 0);
    // The query's own topic: the vector nearest to it.
    let nearest = 0;
    for (let i = 1; i < 6000; i++) if (dot(row(data.vectors, D, i), query) > dot(row(data.vectors, D, nearest), query)) nearest = i;
    const home = data.topicOf[nearest]!;
    // ~40% of vectors are "far": every vector of every third topic other than the query's.
    const far = (i: number) => data.topicOf[i]! !== home && data.topicOf[i]! % 3 === 0;
    const recs = toRecords(data.vectors, D, (i) => ({ kind: far(i) ? 'far' : 'near' }));
    const index = VectorIndex.build(D, recs, { approximateFrom: 1000, probes: 1 });
    const hits = index.search(query, 10, { kind: 'far' });
    expect(hits.map((h) => h.id)).toEqual(bruteForce(recs, query, 10, { kind: 'far' }).map((h) => h.id));
  });

  it('returns nothing for a scope or kind it has never seen', () => {
    expect(index.search(queries[0]!, 10, { origin: 'https://unknown.example' })).toEqual([]);
    expect(index.search(queries[0]!, 10, { kind: ['nope', 'never'] })).toEqual([]);
    expect(index.search(queries[0]!, 10, { kind: [] })).toEqual([]);
  });
});

describe('VectorIndex, writes', () => {
  for (const mode of ['exact', 'approximate'] as const) {
    it(`upsert replaces an existing id (${mode})`, () => {
      const { records, queries } = dataset(1200, 5, 11);
      const index = VectorIndex.build(D, records, { approximateFrom: mode === 'exact' ? 10_000 : 500 });
      expect(index.mode).toBe(mode);
      const old = records[42]!.vector;
      const replacement = records[900]!.vector.map((x, j) => x + (j % 2 ? 0.01 : -0.01));
      index.upsert({ id: 'v42', vector: replacement, scope: { origin: 'https://new.example' } });
      expect(index.size).toBe(1200);
      const byNew = index.search(replacement, 2);
      expect(byNew.map((h) => h.id)).toContain('v42');
      const byOld = index.search(old, 1200);
      const v42 = byOld.find((h) => h.id === 'v42')!;
      expect(v42.score).toBeCloseTo(dot(old, replacement) / Math.hypot(...replacement), 3);
      // The scope moved with it.
      expect(index.search(queries[0]!, 5, { origin: 'https://new.example' }).map((h) => h.id)).toEqual(['v42']);
      expect(index.search(queries[0]!, 1200, { origin: records[42]!.scope.origin }).some((h) => h.id === 'v42')).toBe(false);
    });

    it(`remove removes for good (${mode})`, () => {
      const { records } = dataset(1200, 1, 12);
      const index = VectorIndex.build(D, records, { approximateFrom: mode === 'exact' ? 10_000 : 500 });
      const removed = records.filter((_, i) => i % 3 === 0);
      for (const r of removed) expect(index.remove(r.id)).toBe(true);
      expect(index.remove('v0')).toBe(false);
      expect(index.remove('never-stored')).toBe(false);
      expect(index.size).toBe(800);
      expect(index.mode).toBe(mode);
      const gone = new Set(removed.map((r) => r.id));
      for (const r of removed.slice(0, 50)) {
        expect(index.has(r.id)).toBe(false);
        // Queried with its own vector, over everything left: never comes back.
        expect(index.search(r.vector, 800).some((h) => gone.has(h.id))).toBe(false);
        // Nor through its scope (an exact scan of that origin's or cluster's members).
        for (const filter of [{ origin: r.scope.origin! }, { cluster: r.scope.cluster! }, { origin: r.scope.origin!, cluster: r.scope.cluster! }]) {
          const hits = index.search(r.vector, 800, filter);
          expect(hits.some((h) => gone.has(h.id))).toBe(false);
          expect(new Set(hits.map((h) => h.id)).size).toBe(hits.length);
          expect(hits.length).toBe(records.filter((x, i) => i % 3 !== 0 && matches(x.scope, filter)).length);
        }
      }
      for (const r of records.filter((_, i) => i % 3 !== 0).slice(0, 30)) expect(index.search(r.vector, 1)[0]!.id).toBe(r.id);
    });
  }

  it('is exact up to 9,999 vectors by default and approximate from 10,000', () => {
    const { records } = dataset(10_000, 1, 16);
    const index = new VectorIndex(D);
    records.slice(0, 9999).forEach((r) => index.upsert(r));
    expect(index.mode).toBe('exact');
    index.upsert(records[9999]!);
    expect(index.mode).toBe('approximate');
  });

  it('switches mode at the threshold, and back only below half of it', () => {
    const { records, queries } = dataset(400, 5, 13);
    const index = new VectorIndex(D, { approximateFrom: 300 });
    records.slice(0, 299).forEach((r) => index.upsert(r));
    expect(index.mode).toBe('exact');
    index.upsert(records[299]!);
    expect(index.mode).toBe('approximate');
    expect(index.stats().stale).toBe(true);
    index.search(queries[0]!, 10);
    expect(index.stats()).toMatchObject({ stale: false, trainedSize: 300 });
    for (let i = 299; i >= 150; i--) index.remove(`v${i}`);
    expect(index.size).toBe(150);
    expect(index.mode).toBe('approximate');
    index.remove('v149');
    expect(index.mode).toBe('exact');
    const left = records.slice(0, 149);
    for (const q of queries) expect(index.search(q, 10).map((h) => h.id)).toEqual(bruteForce(left, q, 10).map((h) => h.id));
  });

  it('retrains once the store has doubled since training, and keeps new vectors findable', () => {
    const { records, queries } = dataset(12_000, 30, 14);
    const index = VectorIndex.build(D, records.slice(0, 5000), { approximateFrom: 2000 });
    expect(index.stats()).toMatchObject({ trainedSize: 5000, stale: false });
    for (const r of records.slice(5000, 9999)) index.upsert(r);
    // Not yet doubled: the new vectors went into their nearest lists.
    expect(index.stats().stale).toBe(false);
    expect(meanRecall(index, records.slice(0, 9999), queries, 10)).toBeGreaterThanOrEqual(0.95);
    for (const r of records.slice(9999)) index.upsert(r);
    expect(index.stats().stale).toBe(true);
    expect(meanRecall(index, records, queries, 10)).toBeGreaterThanOrEqual(0.95);
    expect(index.stats()).toMatchObject({ trainedSize: 12_000, stale: false });
  });

  it('rebuilt from its records, gives the same results', () => {
    const { records, queries } = dataset(6000, 20, 15);
    for (const approximateFrom of [10_000, 2000]) {
      const live = new VectorIndex(D, { approximateFrom });
      for (const r of records) live.upsert(r);
      for (let i = 0; i < 6000; i += 5) live.remove(`v${i}`);
      for (let i = 1; i < 6000; i += 50) live.upsert({ ...records[i]!, vector: records[(i + 7) % 6000]!.vector });
      const current: IndexedVector[] = [];
      records.forEach((r, i) => {
        if (i % 5 === 0) return;
        current.push(i % 50 === 1 ? { ...r, vector: records[(i + 7) % 6000]!.vector } : r);
      });
      const rebuilt = VectorIndex.build(D, current, { approximateFrom });
      expect(rebuilt.size).toBe(live.size);
      expect(rebuilt.mode).toBe(live.mode);
      for (const q of queries) {
        const a = live.search(q, 10);
        const b = rebuilt.search(q, 10);
        if (live.mode === 'exact') {
          expect(b).toEqual(a);
        } else {
          // Lists are trained afresh, so near the edges a probe can differ; what both
          // return is scored identically, and both agree with the float ranking.
          const scores = new Map(a.map((h) => [h.id, h.score]));
          for (const h of b) if (scores.has(h.id)) expect(h.score).toBeCloseTo(scores.get(h.id)!, 6);
          expect(recall(b, a)).toBeGreaterThanOrEqual(0.8);
          expect(recall(b, bruteForce(current, q, 10))).toBeGreaterThanOrEqual(0.8);
        }
      }
    }
  });
});

describe('VectorIndex, bad input', () => {
  const index = new VectorIndex(4);
  const good = unit([1, 2, 3, 4]);

  it('rejects a vector of the wrong length, naming the id and the expected dimensions', () => {
    expect(() => index.upsert({ id: 'memory-7', vector: unit([1, 2, 3]), scope: {} })).toThrow(RangeError);
    expect(() => index.upsert({ id: 'memory-7', vector: unit([1, 2, 3]), scope: {} })).toThrow(/"memory-7" has 3 dimensions; the index expects 4/);
  });

  it('rejects non-finite vectors', () => {
    expect(() => index.upsert({ id: 'nan', vector: Float32Array.of(1, Number.NaN, 0, 0), scope: {} })).toThrow(/"nan" has a non-finite value \(NaN\) at dimension 1 of 4/);
    expect(() => index.upsert({ id: 'inf', vector: Float32Array.of(1, 0, Infinity, 0), scope: {} })).toThrow(RangeError);
  });

  it('holds a zero vector (a text without known words) but never returns it, and a zero query finds nothing', () => {
    for (const approximateFrom of [1000, 3]) {
      const z = new VectorIndex(4, { approximateFrom });
      z.upsert({ id: 'zero', vector: new Float32Array(4), scope: { kind: 'episode' } });
      expect(z.search(good, 5)).toEqual([]);
      expect(z.search(good, 5, { kind: 'episode' })).toEqual([]);
      z.upsert({ id: 'a', vector: good, scope: { kind: 'episode' } });
      z.upsert({ id: 'b', vector: unit([4, 3, 2, 1]), scope: { kind: 'insight' } });
      z.upsert({ id: 'c', vector: unit([-1, -2, -3, -4]), scope: { kind: 'episode' } });
      expect(z.size).toBe(4);
      expect(z.has('zero')).toBe(true);
      expect(z.search(good, 10).map((h) => h.id)).toEqual(['a', 'b', 'c']);
      expect(z.search(good, 10, { kind: 'episode' }).map((h) => h.id)).toEqual(['a', 'c']);
      expect(z.search(new Float32Array(4), 10)).toEqual([]);
      // Replaced by a real vector, it is found; removed, it is gone.
      z.upsert({ id: 'zero', vector: unit([1, 2, 3, 5]), scope: {} });
      expect(z.search(unit([1, 2, 3, 5]), 1)[0]!.id).toBe('zero');
      expect(z.remove('zero')).toBe(true);
      expect(z.search(good, 10).map((h) => h.id)).toEqual(['a', 'b', 'c']);
    }
  });

  it('rejects other array types, empty ids and non-string scopes', () => {
    expect(() => index.upsert({ id: 'arr', vector: [1, 0, 0, 0] as unknown as Float32Array, scope: {} })).toThrow(/"arr" must be a Float32Array of 4 dimensions/);
    expect(() => index.upsert({ id: '', vector: good, scope: {} })).toThrow(TypeError);
    expect(() => index.upsert({ id: 'x', vector: good, scope: { origin: 5 as unknown as string } })).toThrow(/scope.origin must be a string/);
  });

  it('rejects bad queries and k', () => {
    expect(() => index.search(unit([1, 2]), 3)).toThrow(/query.* has 2 dimensions; the index expects 4/);
    expect(() => index.search(Float32Array.of(0, Number.NaN, 0, 0), 3)).toThrow(RangeError);
    expect(() => index.search(good, -1)).toThrow(/k must be a non-negative integer/);
    expect(() => index.search(good, 2.5)).toThrow(RangeError);
  });

  it('rejects bad construction', () => {
    expect(() => new VectorIndex(0)).toThrow(RangeError);
    expect(() => new VectorIndex(4, { approximateFrom: -1 })).toThrow(/approximateFrom/);
    expect(() => new VectorIndex(4, { probes: 0 })).toThrow(/probes/);
    expect(() => VectorIndex.build(4, [{ id: 'a', vector: good, scope: {} }, { id: 'b', vector: unit([1, 2, 3]), scope: {} }])).toThrow(/"b" has 3 dimensions/);
  });

  it('leaves the index unchanged after a rejected write', () => {
    const kept = new VectorIndex(4);
    kept.upsert({ id: 'a', vector: good, scope: { kind: 'episode' } });
    expect(() => kept.upsert({ id: 'a', vector: Float32Array.of(Number.NaN, 0, 0, 0), scope: {} })).toThrow(RangeError);
    expect(kept.size).toBe(1);
    expect(kept.search(good, 1, { kind: 'episode' })[0]).toMatchObject({ id: 'a' });
  });
});
