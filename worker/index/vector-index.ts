// Top-k cosine search over the memory's embeddings, in the worker. Vectors are kept as
// int8 codes (one scale per vector). Small stores are scanned exactly; from
// `approximateFrom` vectors on, an inverted-file index (IVF) scans only the lists
// nearest the query. Both paths score with the same float-query × int8 dot product,
// so the candidates an IVF search returns are ranked exactly as an exact scan would.
import { assignRows, type IvfCentroids, nearestList, probeLists, type RowSource, trainCentroids } from './ivf';
import { PostingList } from './posting-list';
import { dotInt8 } from './dot';
import { checkVector, dequantizeInto, quantizeInto, quantizeResidualInto } from './quantize';
import { seededRandom, sampleIndices } from './rng';
import { scanList, scanListFiltered } from './scan';
import { type CompiledFilter, ScopeCodes, type SearchFilter, type VectorScope } from './scope-filter';
import { TopK } from './top-k';

export type { SearchFilter, VectorScope } from './scope-filter';

export interface IndexedVector {
  id: string;
  /** L2-normalised (a vector of another length is normalised on the way in). */
  vector: Float32Array;
  scope: VectorScope;
}

export interface SearchHit {
  id: string;
  /** Cosine similarity, from the int8 codes (within ~1e-3 of the float value). */
  score: number;
}

export interface VectorIndexOptions {
  /** Size from which searches use the IVF index instead of an exact scan. Default 10,000. */
  approximateFrom?: number;
  /** IVF lists; by default about 3·√size at training time (≈ 950 at 100k). */
  lists?: number;
  /** Lists scanned per search; by default 3% of the lists, at least 8. */
  probes?: number;
  /** Training sample size per list. Default 24. */
  samplePerList?: number;
  /** Seed of the training sample and k-means starts, for reproducible builds. Default 1. */
  seed?: number;
}

export type IndexMode = 'exact' | 'approximate';

const DEFAULTS = { approximateFrom: 10_000, samplePerList: 24, seed: 1 };
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
    const scale = quantizeInto(vector, norm, this.codes, 0);
    this.residualScales[slot] = quantizeResidualInto(vector, norm, this.codes, 0, scale, this.residuals, slot * this.dimensions);
    const code = this.scopes.add(scope);
    // The nearest centroid by dot product is the same for the vector and its unit form.
    const list = this.ivf ? nearestList(this.ivf, vector) : 0;
    this.listOf[slot] = list;
    this.posOf[slot] = this.lists[list]!.append(this.codes, 0, scale, slot, code.origin, code.kind, code.cluster);

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
    const compiled = this.scopes.compile(filter, this.size);
    if (k === 0 || compiled.matching === 0) return [];
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
    for (const list of this.lists) this.scanOne(list, compiled);
    return this.rerank(wanted);
  }

  /**
   * Trains the IVF lists now if the index is approximate and they are missing or stale
   * (otherwise the next search does it). Call when idle after many writes.
   */
  train(): void {
    if (!this.approximate || !this.stale) return;
    const n = this.size;
    const d = this.dimensions;
    const lists = Math.min(n, this.listsOption ?? defaultLists(n));
    const source = this.rowSource();

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
    this.trainedSize = n;
    this.stale = false;
  }

  /** How the index is laid out now (for the memory inspector and benchmarks). */
  stats(): { size: number; mode: IndexMode; lists: number; probes: number; trainedSize: number; stale: boolean } {
    const lists = this.ivf?.lists ?? 1;
    return { size: this.size, mode: this.mode, lists, probes: this.ivf ? this.probesFor(lists, this.size) : 1, trainedSize: this.trainedSize, stale: this.stale };
  }

  /**
   * Lists to scan: the configured probes, widened for a filter in proportion to how
   * few vectors pass it, so a filtered search still meets ~probes lists' worth of
   * matching candidates. Returns `lists` when that amounts to scanning everything.
   */
  private probesFor(lists: number, matching: number): number {
    const base = Math.min(lists, this.probesOption ?? defaultProbes(lists));
    if (matching >= this.size) return base;
    const widened = Math.ceil((base * this.size) / Math.max(1, matching));
    // Past half the lists, probe selection plus scattered reads cost more than a scan.
    return widened * 2 > lists ? lists : widened;
  }

  private scanProbed(ivf: IvfCentroids, probes: number, filter: CompiledFilter): void {
    if (this.probeOrder.length < probes) this.probeOrder = new Int32Array(probes);
    const count = probeLists(ivf, this.query, probes, this.probeTop, this.probeOrder);
    for (let i = 0; i < count; i++) this.scanOne(this.lists[this.probeOrder[i]!]!, filter);
  }

  private scanOne(list: PostingList, filter: CompiledFilter): void {
    if (filter.matching === this.size) scanList(list, this.query, this.top);
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
    const list = this.lists[this.listOf[slot]!]!;
    const position = this.posOf[slot]!;
    this.scopes.release({ origin: list.origins[position]!, kind: list.kinds[position]!, cluster: list.clusters[position]! });
    const moved = list.removeAt(position);
    if (moved >= 0) this.posOf[moved] = position;
  }

  private toExact(): void {
    const d = this.dimensions;
    const merged = new PostingList(d, this.size);
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
    const listOfRow = new Int32Array(this.size);
    const posOfRow = new Int32Array(this.size);
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

/** ~3·√n lists: ~100 vectors per list at 10k, ~1,050 at 1M… balanced against probe cost. */
export function defaultLists(n: number): number {
  return Math.max(1, Math.round(3 * Math.sqrt(n)));
}

/** 3% of the lists, at least 8. */
export function defaultProbes(lists: number): number {
  return Math.min(lists, Math.max(8, Math.ceil(lists * 0.03)));
}

/** Moves each centroid to the unit mean of the vectors its list actually holds. */
function recenter(ivf: IvfCentroids, lists: PostingList[]): void {
  const d = ivf.dimensions;
  const sum = new Float64Array(d);
  lists.forEach((list, l) => {
    if (list.length === 0) return;
    sum.fill(0);
    for (let p = 0; p < list.length; p++) {
      const scale = list.scales[p]!;
      const o = p * d;
      for (let j = 0; j < d; j++) sum[j]! += list.codes[o + j]! * scale;
    }
    let norm = 0;
    for (let j = 0; j < d; j++) norm += sum[j]! * sum[j]!;
    if (norm === 0) return;
    const inverse = 1 / Math.sqrt(norm);
    for (let j = 0; j < d; j++) ivf.centroids[l * d + j] = sum[j]! * inverse;
  });
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
