// A plain TypeScript hash aggregate (a Map from a canonical key string to per-group state), the
// independent reference the WASM kernel is checked against. Rows are folded in order, so float
// sums round exactly as the kernel's do.
import { Kind } from '../../bindings/column.js';
import type { AggregateFn } from '../../bindings/aggregate-kernel.js';
import type { Cell } from './batch-io.js';

/** One aggregate over JS columns. */
export interface RefAggregate {
  fn: AggregateFn;
  argKind?: Kind;
  arg?: readonly Cell[];
  filter?: readonly Cell[];
}

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
const utf8 = new TextEncoder();

/** Thrown by the reference when an integer sum leaves the i64 range. */
export class RefOverflow extends Error {
  constructor(readonly aggregate: number) {
    super(`overflow in aggregate ${aggregate}`);
  }
}

/** Canonical form of a cell for grouping and distinct sets: one zero, one NaN. */
export function canonical(v: Cell): string {
  if (v === null) return 'N';
  if (typeof v === 'bigint') return `i${v}`;
  if (typeof v === 'number') return Number.isNaN(v) ? 'fNaN' : `f${v === 0 ? 0 : v}`;
  if (typeof v === 'boolean') return `b${v}`;
  return `s${v}`;
}

/** The value a key cell is emitted as (integers of I32 columns stay numbers). */
function keyOut(v: Cell): Cell {
  if (typeof v === 'number') return Number.isNaN(v) ? NaN : v === 0 ? 0 : v;
  return v;
}

function less(a: Cell, b: Cell, kind: Kind | undefined): boolean {
  if (kind === Kind.UTF8 || kind === Kind.DICT) return Buffer.compare(Buffer.from(utf8.encode(a as string)), Buffer.from(utf8.encode(b as string))) < 0;
  if (typeof a === 'boolean') return !a && (b as boolean);
  return (a as number) < (b as number);
}

interface GroupState {
  key: Cell[];
  acc: unknown[];
}

/**
 * Aggregates rows `rows` (indexes into the columns) grouped by `keys`. 'single' gives final
 * values, 'partial' the state columns (avg: sum then count; NULL sum when the count is 0).
 */
export function referenceAggregate(keys: readonly (readonly Cell[])[], aggs: readonly RefAggregate[], rows: readonly number[],
  mode: 'single' | 'partial' = 'single'): Cell[][] {
  const groups = new Map<string, GroupState>();
  const init = (): unknown[] => aggs.map((a) => (a.fn === 'count_distinct' ? new Set<string>() : a.fn === 'avg' ? [null, 0n] : a.fn.startsWith('count') ? 0n : null));
  if (keys.length === 0) groups.set('', { key: [], acc: init() });
  for (const r of rows) {
    const id = keys.length === 1 ? canonical(keys[0]![r]!) : keys.map((k) => canonical(k[r]!)).join('\u0001');
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { key: keys.map((k) => keyOut(k[r]!)), acc: init() }));
    for (let i = 0; i < aggs.length; i++) {
      const a = aggs[i]!;
      if (a.filter && a.filter[r] !== true) continue;
      if (a.fn === 'count_star') { g.acc[i] = (g.acc[i] as bigint) + 1n; continue; }
      const v = a.arg![r]!;
      if (v === null) continue;
      g.acc[i] = step(a, g.acc[i], v, i);
    }
  }
  const out: Cell[][] = [];
  for (const g of groups.values()) {
    const row: Cell[] = [...g.key];
    aggs.forEach((a, i) => row.push(...finish(a, g.acc[i], mode)));
    out.push(row);
  }
  return out;
}

function addInt(s: bigint, v: bigint, i: number): bigint {
  const r = s + v;
  if (r < I64_MIN || r > I64_MAX) throw new RefOverflow(i);
  return r;
}

function step(a: RefAggregate, acc: unknown, v: Cell, i: number): unknown {
  switch (a.fn) {
    case 'count': return (acc as bigint) + 1n;
    case 'count_distinct': (acc as Set<string>).add(canonical(v)); return acc;
    case 'sum':
      if (a.argKind === Kind.F64) return ((acc as number | null) ?? 0) + (v as number);
      return addInt((acc as bigint | null) ?? 0n, BigInt(v as number | bigint), i);
    case 'avg': {
      const [s, c] = acc as [number | bigint | null, bigint];
      const sum = a.argKind === Kind.F64 ? ((s as number | null) ?? 0) + (v as number) : addInt((s as bigint | null) ?? 0n, BigInt(v as number | bigint), i);
      return [sum, c + 1n];
    }
    case 'min':
      if (acc === null) return v;
      if (typeof v === 'number') return v < (acc as number) || Number.isNaN(acc as number) ? v : acc;
      return less(v, acc as Cell, a.argKind) ? v : acc;
    case 'max':
      if (acc === null) return v;
      if (typeof v === 'number') return v > (acc as number) || Number.isNaN(v) ? v : acc;
      return less(acc as Cell, v, a.argKind) ? v : acc;
  }
  return acc;
}

function finish(a: RefAggregate, acc: unknown, mode: 'single' | 'partial'): Cell[] {
  switch (a.fn) {
    case 'count_distinct': return [BigInt((acc as Set<string>).size)];
    case 'avg': {
      const [s, c] = acc as [number | bigint | null, bigint];
      if (mode === 'partial') return [c === 0n ? null : s, c];
      return [c === 0n ? null : Number(s) / Number(c)];
    }
    default: return [acc as Cell];
  }
}

/** A row as a comparable string (exact: -0, NaN and bigint kept apart). */
export function rowKey(row: readonly Cell[]): string {
  return row.map((v) => (typeof v === 'number' && Object.is(v, -0) ? '-0' : `${typeof v}:${String(v)}`)).join('|');
}

/** Sorts rows by their key string so two results compare as multisets. */
export function sortRows(rows: Cell[][]): Cell[][] {
  return rows.map((r) => [rowKey(r), r] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((x) => x[1]);
}

/** Rows as sorted key strings: a cheap exact multiset comparison for big results. */
export function sortedKeys(rows: readonly Cell[][]): string[] {
  return rows.map(rowKey).sort();
}
