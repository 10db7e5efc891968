/**
 * An open-addressing hash table from int32 keys to dense group ids 0..size-1, over typed
 * arrays with linear probing: the hash table a careful JS programmer writes instead of a Map.
 * Used by the plain-JS baseline only.
 */
export class IntHashTable {
  private keys: Int32Array;
  private ids: Int32Array;
  private mask: number;
  private order: Int32Array;
  /** Number of distinct keys inserted. */
  size = 0;

  /** A table sized for about `expected` keys; it doubles when it gets half full. */
  constructor(expected: number) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.keys = new Int32Array(cap);
    this.ids = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    this.order = new Int32Array(cap >> 1);
  }

  private static slot(key: number, mask: number): number {
    let h = Math.imul(key, 0x9e3779b1);
    h ^= h >>> 15;
    return h & mask;
  }

  /** The id of `key`, or -1 when absent. */
  find(key: number): number {
    const mask = this.mask;
    let s = IntHashTable.slot(key, mask);
    for (;;) {
      const id = this.ids[s]!;
      if (id < 0 || this.keys[s] === key) return id;
      s = (s + 1) & mask;
    }
  }

  /** The id of `key`, inserting it with the next id when absent. */
  findOrInsert(key: number): number {
    const mask = this.mask;
    let s = IntHashTable.slot(key, mask);
    for (;;) {
      const id = this.ids[s]!;
      if (id < 0) break;
      if (this.keys[s] === key) return id;
      s = (s + 1) & mask;
    }
    const id = this.size++;
    this.keys[s] = key;
    this.ids[s] = id;
    this.order[id] = key;
    if (this.size * 2 >= this.ids.length) this.grow();
    return id;
  }

  /** The keys indexed by id. */
  keysInOrder(): Int32Array {
    return this.order.subarray(0, this.size);
  }

  private grow(): void {
    const cap = this.ids.length * 2;
    const mask = cap - 1;
    const keys = new Int32Array(cap);
    const ids = new Int32Array(cap).fill(-1);
    for (let s = 0; s < this.ids.length; s++) {
      const id = this.ids[s]!;
      if (id < 0) continue;
      let t = IntHashTable.slot(this.keys[s]!, mask);
      while (ids[t]! >= 0) t = (t + 1) & mask;
      keys[t] = this.keys[s]!;
      ids[t] = id;
    }
    const order = new Int32Array(cap >> 1);
    order.set(this.order.subarray(0, this.size));
    this.keys = keys;
    this.ids = ids;
    this.mask = mask;
    this.order = order;
  }
}
