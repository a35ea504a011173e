// One list of stored vectors: int8 codes back to back in one Int8Array, with each
// vector's scale, slot (its record number in the index) and scope codes alongside,
// so a scan reads memory in order and filters without leaving the list.

export class PostingList {
  codes: Int8Array;
  scales: Float32Array;
  slots: Int32Array;
  origins: Int32Array;
  kinds: Int32Array;
  clusters: Int32Array;
  length = 0;

  constructor(
    readonly dimensions: number,
    capacity = 8,
  ) {
    const c = Math.max(1, capacity);
    this.codes = new Int8Array(c * dimensions);
    this.scales = new Float32Array(c);
    this.slots = new Int32Array(c);
    this.origins = new Int32Array(c);
    this.kinds = new Int32Array(c);
    this.clusters = new Int32Array(c);
  }

  get capacity(): number {
    return this.scales.length;
  }

  /** Makes room for `extra` more vectors (doubling, so appends are amortised O(d)). */
  reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.capacity) return;
    let c = this.capacity;
    while (c < needed) c *= 2;
    this.resize(c);
  }

  private resize(capacity: number): void {
    const n = this.length;
    const d = this.dimensions;
    const codes = new Int8Array(capacity * d);
    codes.set(this.codes.subarray(0, n * d));
    this.codes = codes;
    this.scales = copyInto(new Float32Array(capacity), this.scales, n);
    this.slots = copyInto(new Int32Array(capacity), this.slots, n);
    this.origins = copyInto(new Int32Array(capacity), this.origins, n);
    this.kinds = copyInto(new Int32Array(capacity), this.kinds, n);
    this.clusters = copyInto(new Int32Array(capacity), this.clusters, n);
  }

  /** Appends a vector copied from `codes[offset..offset+d)`; returns its position. */
  append(codes: Int8Array, offset: number, scale: number, slot: number, origin: number, kind: number, cluster: number): number {
    this.reserve(1);
    const at = this.length++;
    const d = this.dimensions;
    this.codes.set(codes.subarray(offset, offset + d), at * d);
    this.scales[at] = scale;
    this.slots[at] = slot;
    this.origins[at] = origin;
    this.kinds[at] = kind;
    this.clusters[at] = cluster;
    return at;
  }

  /**
   * Removes the vector at `position` by moving the last one into its place.
   * Returns the slot of the vector that moved (now at `position`), or -1 if none did.
   */
  removeAt(position: number): number {
    const last = --this.length;
    if (position === last) return -1;
    const d = this.dimensions;
    this.codes.copyWithin(position * d, last * d, last * d + d);
    this.scales[position] = this.scales[last]!;
    const moved = this.slots[last]!;
    this.slots[position] = moved;
    this.origins[position] = this.origins[last]!;
    this.kinds[position] = this.kinds[last]!;
    this.clusters[position] = this.clusters[last]!;
    return moved;
  }

  /** Frees unused capacity beyond the current length plus a little headroom. */
  shrinkToFit(): void {
    const target = Math.max(1, this.length + (this.length >> 3));
    if (target < this.capacity) this.resize(target);
  }
}

function copyInto<T extends Float32Array | Int32Array>(to: T, from: T, n: number): T {
  to.set(from.subarray(0, n));
  return to;
}
