// Top-k cosine search over the memory's embeddings, in the worker (TypeScript, no
// browser API; the IVF build uses a small WebAssembly SIMD kernel where it compiles).
// Vectors are kept as int8 codes with one scale per vector, in contiguous lists. Small
// stores are scanned exactly; from `approximateFrom` vectors on, an inverted-file index
// (IVF) scans only the lists whose centroids are nearest the query. Either way the scan
// scores float query × int8 codes, keeps the best k + max(k, 16), and re-ranks those with
// a second int8 code of what the first one missed (~15 bits in all), so the order and
// scores match a float32 cosine to ~1e-5.
//
// Memory: 2 bytes per dimension, ~50 bytes of bookkeeping per vector, and its id
// (384-d: ~820 bytes a vector; its float32 copy alone would be 1,536). A write costs
// O(√lists·d); a store that doubled (or halved) since training is retrained before its
// next search (~2 s at 100k × 384-d), or earlier when the caller calls `train()`.
import { assignRow, assignRows, type IvfCentroids, probeLists, recenter, type RowSource, trainCentroids } from './ivf';
import { PostingList } from './posting-list';
import { dotInt8 } from './dot';
import { checkVector, dequantizeInto, quantizeInto, RESIDUAL_STEPS } from './quantize';
import { seededRandom, sampleIndices } from './rng';
import { scanList, scanListFiltered, scanSlots } from './scan';
import { ANY, type CompiledFilter, ScopeCodes, type SearchFilter, UNSET, type VectorScope } from './scope-filter';
import { ScopeMembers } from './scope-members';
import { TopK } from './top-k';

export type { SearchFilter, VectorScope } from './scope-filter';

export interface IndexedVector {
  id: string;
  /** L2-normalised (any other norm is normalised on the way in; all zeros = similar to nothing). */
  vector: Float32Array;
  scope: VectorScope;
}

export interface SearchHit {
  id: string;
  /** Cosine similarity (within ~1e-5 of the float32 value). */
  score: number;
}

export interface VectorIndexOptions {
  /**
   * Size from which searches use the IVF index instead of an exact scan. Default 10,000:
   * below it an exact scan takes ~1 ms at 100-d and ~3.5 ms at 384-d, while IVF recall
   * on a small, sparse store drops (0.935 at 2,700 × 384-d clustered vectors, against
   * 0.96–0.99 at 10k).
   */
  approximateFrom?: number;
  /** IVF lists; by default about 3·√size at training time (≈ 950 at 100k). */
  lists?: number;
  /** Lists scanned per search; by default 16 (1/64 of the lists past 1,024). */
  probes?: number;
  /** Training sample size per list. Default 16. */
  samplePerList?: number;
  /** Seed of the training sample and k-means starts, for reproducible builds. Default 1. */
  seed?: number;
}

export type IndexMode = 'exact' | 'approximate';

const DEFAULTS = { approximateFrom: 10_000, samplePerList: 16, seed: 1 };
/** listOf value of a zero vector, which is in no list. */
const NO_LIST = -1;
/** An exact scan goes through a scope's members when they are under 1/GATHER_COST of the store. */
const GATHER_COST = 4;
/** Candidates beyond k carried into the re-rank (at least k more). */
const RERANK_EXTRA = 16;

export class VectorIndex {
  readonly dimensions: number;
  private readonly approximateFrom: number;
  private readonly listsOption: number | undefined;
  private readonly probesOption: number | undefined;
  private readonly samplePerList: number;
  private readonly random: () => number;

  private readonly scopes = new ScopeCodes();
  /** Slots by origin and by cluster, for exact scans of a rare scope. */
  private readonly byOrigin = new ScopeMembers();
  private readonly byCluster = new ScopeMembers();
  private readonly slotOf = new Map<string, number>();
  private ids: (string | undefined)[] = [];
  private freeSlots: number[] = [];
  /** Where each slot's vector is: lists[listOf[slot]] at position posOf[slot]. */
  private listOf = new Int32Array(64);
  private posOf = new Int32Array(64);
  /** Second-stage codes by slot, read only to re-rank the best candidates. */
  private residuals: Int8Array;
  private residualScales = new Float32Array(64);
  /** One list while exact; the IVF lists once trained. */
  private lists: PostingList[];
  private ivf: IvfCentroids | null = null;
  private approximate = false;
  /** The IVF lists need (re)training before the next approximate search. */
  private stale = false;
  private trainedSize = 0;

  // Per-search scratch, reused so a search allocates almost nothing.
  private readonly query: Float32Array;
  private readonly codes: Int8Array;
  private readonly top = new TopK(16);
  private readonly probeTop = new TopK(16);
  private probeOrder = new Int32Array(16);

  constructor(dimensions: number, options: VectorIndexOptions = {}) {
    if (!Number.isInteger(dimensions) || dimensions <= 0) throw new RangeError(`dimensions must be a positive integer, got ${dimensions}`);
    this.dimensions = dimensions;
    this.approximateFrom = positiveInteger('approximateFrom', options.approximateFrom ?? DEFAULTS.approximateFrom);
    this.listsOption = options.lists === undefined ? undefined : positiveInteger('lists', options.lists);
    this.probesOption = options.probes === undefined ? undefined : positiveInteger('probes', options.probes);
    this.samplePerList = positiveInteger('samplePerList', options.samplePerList ?? DEFAULTS.samplePerList);
    this.random = seededRandom(options.seed ?? DEFAULTS.seed);
    this.lists = [new PostingList(dimensions)];
    this.query = new Float32Array(dimensions);
    this.codes = new Int8Array(dimensions);
    this.residuals = new Int8Array(64 * dimensions);
  }

  /** An index holding `records` (later duplicates of an id win), trained if large enough. */
  static build(dimensions: number, records: Iterable<IndexedVector>, options: VectorIndexOptions = {}): VectorIndex {
    const index = new VectorIndex(dimensions, options);
    if (Array.isArray(records)) index.lists[0]!.reserve(records.length);
    for (const record of records) index.upsert(record);
    index.train();
    return index;
  }

  get size(): number {
    return this.slotOf.size;
  }

  get mode(): IndexMode {
    return this.approximate ? 'approximate' : 'exact';
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Adds a vector or replaces the one stored under the same id. */
  upsert(record: IndexedVector): void {
    const { id, vector, scope } = record;
    if (typeof id !== 'string' || id === '') throw new TypeError('a vector needs a non-empty string id');
    const norm = checkVector(id, vector, this.dimensions);
    checkScope(id, scope);
    let slot = this.slotOf.get(id);
    if (slot === undefined) {
      slot = this.freeSlots.pop() ?? this.ids.length;
      if (slot === this.ids.length) this.ids.push(undefined);
      this.ensureSlotCapacity(slot + 1);
      this.ids[slot] = id;
      this.slotOf.set(id, slot);
    } else {
      this.detach(slot);
    }
    if (norm === 0) {
      // The embedder's vector for a text without a known word: similar to nothing, so
      // it is held (has, remove, size) but never scanned or counted in a scope.
      this.listOf[slot] = NO_LIST;
    } else {
      const scale = quantizeInto(vector, norm, this.codes, 0, this.residuals, slot * this.dimensions);
      this.residualScales[slot] = scale / RESIDUAL_STEPS;
      const code = this.scopes.add(scope);
      if (code.origin !== UNSET) this.byOrigin.add(slot, code.origin);
      if (code.cluster !== UNSET) this.byCluster.add(slot, code.cluster);
      // While stale, training reassigns every vector before the next search anyway.
      // (The best list by dot product is the same for the vector and its unit form.)
      const list = this.ivf && !this.stale ? assignRow(this.ivf, vector) : 0;
      this.listOf[slot] = list;
      this.posOf[slot] = this.lists[list]!.append(this.codes, 0, scale, slot, code.origin, code.kind, code.cluster);
    }

    if (!this.approximate && this.size >= this.approximateFrom) {
      this.approximate = true;
      this.stale = true;
    } else if (this.ivf && this.size >= 2 * this.trainedSize) {
      // Lists trained on half the data are too few and skewed toward old topics.
      this.stale = true;
    }
  }

  /** Removes a vector; false if the id was not stored. */
  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.detach(slot);
    this.slotOf.delete(id);
    this.ids[slot] = undefined;
    this.freeSlots.push(slot);
    if (this.approximate && this.size < this.approximateFrom / 2) {
      // Hysteresis: back to exact only well below the threshold, so a store hovering
      // around it does not retrain on every other write.
      this.toExact();
    } else if (this.ivf && this.size * 2 <= this.trainedSize) {
      this.stale = true;
    }
    return true;
  }

  /**
   * The k stored vectors most similar to `query` that pass `filter`, best first.
   * An approximate search that cannot fill k hits (a rare scope, say) falls back to an
   * exact scan of the matching vectors, so it never returns fewer than exist.
   */
  search(query: Float32Array, k: number, filter?: SearchFilter): SearchHit[] {
    const norm = checkVector('(query)', query, this.dimensions);
    if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer, got ${k}`);
    const compiled = this.scopes.compile(filter);
    // A zero query (a text without a known word) is similar to nothing.
    if (k === 0 || compiled.matching === 0 || norm === 0) return [];
    const q = this.query;
    for (let j = 0; j < this.dimensions; j++) q[j] = query[j]! / norm;
    if (this.approximate && this.stale) this.train();

    const wanted = Math.min(k, compiled.matching);
    // Candidates kept for the re-rank: int8 rounding can swap near-ties, so keep extra.
    const pool = Math.min(compiled.matching, k + Math.max(k, RERANK_EXTRA));
    this.top.reset(pool);
    const ivf = this.ivf;
    if (ivf !== null) {
      const probes = this.probesFor(ivf.lists, compiled.matching);
      if (probes < ivf.lists) {
        this.scanProbed(ivf, probes, compiled);
        if (this.top.size >= wanted) return this.rerank(wanted);
        this.top.reset(pool);
      }
    }
    this.scanAll(compiled);
    return this.rerank(wanted);
  }

  /**
   * Trains the IVF lists now if the index is approximate and they are missing or stale
   * (otherwise the next search does it). Call when idle after many writes.
   */
  train(): void {
    if (!this.approximate || !this.stale) return;
    const source = this.rowSource();
    const n = source.count;
    // Only zero vectors: nothing to train on yet (stays stale, retried next search).
    if (n === 0) return;
    const d = this.dimensions;
    const lists = Math.max(1, Math.min(n, this.listsOption ?? defaultLists(n)));

    const sampleSize = Math.min(n, lists * this.samplePerList);
    const rows = sampleIndices(n, sampleSize, this.random);
    const sample = new Float32Array(sampleSize * d);
    for (let i = 0; i < sampleSize; i++) source.readRow(rows[i]!, sample, i * d);
    const ivf = trainCentroids(sample, sampleSize, d, lists, this.random);

    const listOfRow = assignRows(ivf, source);
    const counts = new Int32Array(ivf.lists);
    for (let r = 0; r < n; r++) counts[listOfRow[r]!]!++;
    const next = Array.from(counts, (c) => new PostingList(d, c));
    const old = this.lists;
    let r = 0;
    for (const list of old) {
      for (let p = 0; p < list.length; p++, r++) {
        const l = listOfRow[r]!;
        const slot = list.slots[p]!;
        this.listOf[slot] = l;
        this.posOf[slot] = next[l]!.append(list.codes, p * d, list.scales[p]!, slot, list.origins[p]!, list.kinds[p]!, list.clusters[p]!);
      }
    }
    this.lists = next;
    recenter(ivf, next);
    this.ivf = ivf;
    this.trainedSize = this.size;
    this.stale = false;
  }

  /** How the index is laid out now (for the memory inspector and benchmarks). */
  stats(): { size: number; mode: IndexMode; lists: number; probes: number; trainedSize: number; stale: boolean } {
    const lists = this.ivf?.lists ?? 1;
    return { size: this.size, mode: this.mode, lists, probes: this.ivf ? this.probesFor(lists, this.scopes.total) : 1, trainedSize: this.trainedSize, stale: this.stale };
  }

  /**
   * Lists to scan: the configured probes, widened for a filter in proportion to how
   * few vectors pass it, so a filtered search still meets ~probes lists' worth of
   * matching candidates. Returns `lists` when that amounts to scanning everything.
   */
  private probesFor(lists: number, matching: number): number {
    const base = Math.min(lists, this.probesOption ?? defaultProbes(lists));
    const searchable = this.scopes.total;
    if (matching >= searchable) return base;
    const widened = Math.ceil((base * searchable) / Math.max(1, matching));
    // Past half the lists, probe selection plus scattered reads cost more than a scan.
    return widened * 2 > lists ? lists : widened;
  }

  private scanProbed(ivf: IvfCentroids, probes: number, filter: CompiledFilter): void {
    if (this.probeOrder.length < probes) this.probeOrder = new Int32Array(probes);
    const count = probeLists(ivf, this.query, probes, this.probeTop, this.probeOrder);
    for (let i = 0; i < count; i++) this.scanOne(this.lists[this.probeOrder[i]!]!, filter);
  }

  /** Every vector that passes the filter: through its origin's or cluster's members when few. */
  private scanAll(filter: CompiledFilter): void {
    let members: Int32Array | null = null;
    if (filter.origin !== ANY) members = this.byOrigin.of(filter.origin);
    if (filter.cluster !== ANY) {
      const inCluster = this.byCluster.of(filter.cluster);
      if (members === null || inCluster.length < members.length) members = inCluster;
    }
    // Random reads cost several sequential scope checks each.
    if (members !== null && members.length * GATHER_COST < this.scopes.total) {
      scanSlots(members, this.lists, this.listOf, this.posOf, this.query, filter, this.top);
      return;
    }
    for (const list of this.lists) this.scanOne(list, filter);
  }

  private scanOne(list: PostingList, filter: CompiledFilter): void {
    if (filter.unconstrained) scanList(list, this.query, this.top);
    else scanListFiltered(list, this.query, filter, this.top);
  }

  /** Adds the residual term to each candidate's int8 score and keeps the best k. */
  private rerank(k: number): SearchHit[] {
    const d = this.dimensions;
    const candidates = this.top.drain();
    for (const c of candidates) c.score += this.residualScales[c.item]! * dotInt8(this.query, this.residuals, c.item * d, d);
    candidates.sort((a, b) => b.score - a.score);
    const hits: SearchHit[] = [];
    for (let i = 0; i < k && i < candidates.length; i++) {
      const { item, score } = candidates[i]!;
      hits.push({ id: this.ids[item]!, score: Math.max(-1, Math.min(1, score)) });
    }
    return hits;
  }

  /** Takes a slot's vector out of its list and its scope out of the counts. */
  private detach(slot: number): void {
    if (this.listOf[slot] === NO_LIST) return;
    const list = this.lists[this.listOf[slot]!]!;
    const position = this.posOf[slot]!;
    const origin = list.origins[position]!;
    const cluster = list.clusters[position]!;
    this.scopes.release({ origin, kind: list.kinds[position]!, cluster });
    if (origin !== UNSET) this.byOrigin.remove(slot, origin);
    if (cluster !== UNSET) this.byCluster.remove(slot, cluster);
    const moved = list.removeAt(position);
    if (moved >= 0) this.posOf[moved] = position;
  }

  private toExact(): void {
    const d = this.dimensions;
    const merged = new PostingList(d, this.scopes.total);
    for (const list of this.lists) {
      for (let p = 0; p < list.length; p++) {
        const slot = list.slots[p]!;
        this.listOf[slot] = 0;
        this.posOf[slot] = merged.append(list.codes, p * d, list.scales[p]!, slot, list.origins[p]!, list.kinds[p]!, list.clusters[p]!);
      }
    }
    this.lists = [merged];
    this.ivf = null;
    this.approximate = false;
    this.stale = false;
    this.trainedSize = 0;
  }

  /** Stored vectors as float rows, numbered in list order. */
  private rowSource(): RowSource {
    const d = this.dimensions;
    const listOfRow = new Int32Array(this.scopes.total);
    const posOfRow = new Int32Array(this.scopes.total);
    let r = 0;
    this.lists.forEach((list, l) => {
      for (let p = 0; p < list.length; p++, r++) {
        listOfRow[r] = l;
        posOfRow[r] = p;
      }
    });
    const lists = this.lists;
    return {
      count: r,
      readRow(row, out, outOffset) {
        const list = lists[listOfRow[row]!]!;
        const p = posOfRow[row]!;
        dequantizeInto(list.codes, p * d, list.scales[p]!, d, out, outOffset);
      },
    };
  }

  private ensureSlotCapacity(slots: number): void {
    if (slots <= this.listOf.length) return;
    const capacity = Math.max(slots, this.listOf.length * 2);
    const listOf = new Int32Array(capacity);
    listOf.set(this.listOf);
    const posOf = new Int32Array(capacity);
    posOf.set(this.posOf);
    this.listOf = listOf;
    this.posOf = posOf;
    const residuals = new Int8Array(capacity * this.dimensions);
    residuals.set(this.residuals);
    this.residuals = residuals;
    const residualScales = new Float32Array(capacity);
    residualScales.set(this.residualScales);
    this.residualScales = residualScales;
  }
}

/**
 * ~3·√n lists (300 at 10k, 950 at 100k): a search scores every list centroid and then
 * the vectors of the probed lists, and 3·√n keeps both parts small.
 */
export function defaultLists(n: number): number {
  return Math.max(1, Math.round(3 * Math.sqrt(n)));
}

/**
 * 16 lists, or 1/64 of them past ~1,000 lists. On clustered data this keeps recall@10
 * near 0.96 at 10k vectors (300 lists of ~33) and above 0.99 at 100k (950 of ~105).
 */
export function defaultProbes(lists: number): number {
  return Math.min(lists, Math.max(16, Math.ceil(lists / 64)));
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

function checkScope(id: string, scope: VectorScope): void {
  if (typeof scope !== 'object' || scope === null) throw new TypeError(`vector "${id}" needs a scope object (origin, kind, cluster; each optional)`);
  for (const field of ['origin', 'kind', 'cluster'] as const) {
    const value = scope[field];
    if (value !== undefined && typeof value !== 'string') throw new TypeError(`vector "${id}": scope.${field} must be a string, got ${typeof value}`);
  }
}
