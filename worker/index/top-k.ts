// The k best (score, item) pairs seen so far: a min-heap on typed arrays, reused
// between searches so a scan allocates nothing per candidate.

export class TopK {
  private scores: Float64Array;
  private items: Int32Array;
  private capacity = 0;
  /** Number of pairs held (≤ capacity). */
  size = 0;

  constructor(initialCapacity = 16) {
    this.scores = new Float64Array(Math.max(1, initialCapacity));
    this.items = new Int32Array(Math.max(1, initialCapacity));
  }

  /** Empties the heap and sets how many pairs it keeps. */
  reset(capacity: number): void {
    if (capacity > this.scores.length) {
      this.scores = new Float64Array(capacity);
      this.items = new Int32Array(capacity);
    }
    this.capacity = capacity;
    this.size = 0;
  }

  /** A score must beat this to enter once the heap is full (−∞ until then). */
  get floor(): number {
    return this.size < this.capacity ? -Infinity : this.scores[0]!;
  }

  push(score: number, item: number): void {
    const scores = this.scores;
    const items = this.items;
    if (this.size < this.capacity) {
      // Sift up from the new leaf.
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (scores[parent]! <= score) break;
        scores[i] = scores[parent]!;
        items[i] = items[parent]!;
        i = parent;
      }
      scores[i] = score;
      items[i] = item;
      return;
    }
    if (this.capacity === 0 || score <= scores[0]!) return;
    // Replace the root (the worst kept) and sift down.
    const n = this.size;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && scores[right]! < scores[left]! ? right : left;
      if (scores[child]! >= score) break;
      scores[i] = scores[child]!;
      items[i] = items[child]!;
      i = child;
    }
    scores[i] = score;
    items[i] = item;
  }

  /** The pairs best first; empties the heap. */
  drain(): { item: number; score: number }[] {
    const out: { item: number; score: number }[] = [];
    for (let i = 0; i < this.size; i++) out.push({ item: this.items[i]!, score: this.scores[i]! });
    out.sort((a, b) => b.score - a.score || a.item - b.item);
    this.size = 0;
    return out;
  }
}
