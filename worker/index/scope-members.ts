// The slots of the stored vectors of each origin (or each cluster), so an exact search
// restricted to a rare origin reads only that origin's vectors instead of checking the
// scope of every vector in the store.

export class ScopeMembers {
  private readonly members = new Map<number, { slots: Int32Array; length: number }>();
  /** Where each slot is in its code's member list. */
  private positionOf = new Int32Array(64);

  add(slot: number, code: number): void {
    if (slot >= this.positionOf.length) {
      const grown = new Int32Array(Math.max(slot + 1, this.positionOf.length * 2));
      grown.set(this.positionOf);
      this.positionOf = grown;
    }
    let list = this.members.get(code);
    if (!list) {
      list = { slots: new Int32Array(4), length: 0 };
      this.members.set(code, list);
    }
    if (list.length === list.slots.length) {
      const grown = new Int32Array(list.slots.length * 2);
      grown.set(list.slots);
      list.slots = grown;
    }
    this.positionOf[slot] = list.length;
    list.slots[list.length++] = slot;
  }

  remove(slot: number, code: number): void {
    const list = this.members.get(code);
    if (!list) return;
    const at = this.positionOf[slot]!;
    const last = list.slots[--list.length]!;
    list.slots[at] = last;
    this.positionOf[last] = at;
    if (list.length === 0) this.members.delete(code);
  }

  /** The slots with this code (a view, valid until the next write), or an empty one. */
  of(code: number): Int32Array {
    const list = this.members.get(code);
    return list ? list.slots.subarray(0, list.length) : EMPTY;
  }
}

const EMPTY = new Int32Array(0);
