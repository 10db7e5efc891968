/**
 * The hand-written baseline: each workload as a plain JavaScript loop over the typed arrays,
 * with the techniques a careful JS programmer would use (a dense array when the key range is
 * small, an open-addressing hash table over typed arrays otherwise, a heap for top-N,
 * TypedArray.prototype.sort for the full sort, a Map for string keys).
 */
import type { BenchData, FactColumns } from '../data.js';
import type { WorkloadId } from '../workloads.js';
import { groupChecksum, scalarChecksum, sequenceChecksum } from '../checksum.js';
import { query } from './bench-system.js';
import type { BenchSystem, PreparedQuery } from './bench-system.js';
import { IntHashTable } from './int-hash-table.js';

interface Groups {
  readonly columns: ArrayLike<number | string>[];
}

function w1(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (x > 0.5) s += x;
  }
  return s;
}

function w2(k: Int32Array, v: Float64Array): Groups {
  let lo = 2147483647;
  let hi = -2147483648;
  for (let i = 0; i < k.length; i++) {
    const x = k[i]!;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const width = k.length === 0 ? 0 : hi - lo + 1;
  const count = new Float64Array(width);
  const sum = new Float64Array(width);
  const min = new Float64Array(width).fill(Infinity);
  const max = new Float64Array(width).fill(-Infinity);
  for (let i = 0; i < k.length; i++) {
    const g = k[i]! - lo;
    const x = v[i]!;
    count[g]!++;
    sum[g]! += x;
    if (x < min[g]!) min[g] = x;
    if (x > max[g]!) max[g] = x;
  }
  const keys: number[] = [];
  const cols: number[][] = [[], [], [], []];
  for (let g = 0; g < width; g++) {
    if (count[g] === 0) continue;
    keys.push(g + lo);
    cols[0]!.push(count[g]!);
    cols[1]!.push(sum[g]!);
    cols[2]!.push(min[g]!);
    cols[3]!.push(max[g]!);
  }
  return { columns: [keys, ...cols] };
}

function w2b(g: Int32Array, v: Float64Array): Groups {
  const table = new IntHashTable(1 << 16);
  let count = new Float64Array(1 << 16);
  let sum = new Float64Array(1 << 16);
  for (let i = 0; i < g.length; i++) {
    const id = table.findOrInsert(g[i]!);
    if (id >= count.length) {
      const c2 = new Float64Array(count.length * 2);
      c2.set(count);
      count = c2;
      const s2 = new Float64Array(sum.length * 2);
      s2.set(sum);
      sum = s2;
    }
    count[id]!++;
    sum[id]! += v[i]!;
  }
  const n = table.size;
  return { columns: [table.keysInOrder(), count.subarray(0, n), sum.subarray(0, n)] };
}

function w3(t: FactColumns, dk: Int32Array, attr: Int32Array): number {
  const table = new IntHashTable(dk.length);
  const payload = new Int32Array(dk.length);
  for (let i = 0; i < dk.length; i++) payload[table.findOrInsert(dk[i]!)] = attr[i]!;
  let s = 0;
  const fk = t.fk;
  for (let i = 0; i < fk.length; i++) {
    const id = table.find(fk[i]!);
    if (id >= 0) s += payload[id]!;
  }
  return s;
}

function w4a(v: Float64Array, n: number): Float64Array {
  // A min-heap of the n largest values seen so far.
  const heap = new Float64Array(n);
  let size = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (size < n) {
      let j = size++;
      while (j > 0) {
        const p = (j - 1) >> 1;
        if (heap[p]! <= x) break;
        heap[j] = heap[p]!;
        j = p;
      }
      heap[j] = x;
    } else if (x > heap[0]!) {
      let j = 0;
      for (;;) {
        const l = 2 * j + 1;
        if (l >= size) break;
        const r = l + 1;
        const c = r < size && heap[r]! < heap[l]! ? r : l;
        if (heap[c]! >= x) break;
        heap[j] = heap[c]!;
        j = c;
      }
      heap[j] = x;
    }
  }
  return heap.subarray(0, size).sort().reverse();
}

function w6(s: readonly string[]): Groups {
  const counts = new Map<string, number>();
  for (let i = 0; i < s.length; i++) {
    const key = s[i]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return { columns: [[...counts.keys()], [...counts.values()]] };
}

/** The plain-JS system over the generated columns; `strings` is `t.s` as a JS string array. */
export function plainJsSystem(data: BenchData, strings: readonly string[]): BenchSystem {
  const { t, d } = data;
  const groups = (g: Groups): string => groupChecksum(g.columns);
  const queries: Record<WorkloadId, PreparedQuery> = {
    W1: query(() => w1(t.v), scalarChecksum),
    W2: query(() => w2(t.k, t.v), groups),
    W2b: query(() => w2b(t.g, t.v), groups),
    W3: query(() => w3(t, d.dk, d.attr), scalarChecksum),
    W4a: query(() => w4a(t.v, 100), sequenceChecksum),
    W4b: query(() => t.v.slice().sort(), sequenceChecksum),
    W6: query(() => w6(strings), groups),
  };
  return {
    name: 'plain-js',
    jsonFields: {},
    prepare: (id) => queries[id],
    close: () => undefined,
  };
}
