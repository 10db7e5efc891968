import * as arrow from 'apache-arrow';
import type { FrameBound, WindowFrame } from '../../logical/plan.js';
import type { RowLayout } from './row-layout.js';

/** The order key of a RANGE frame with offsets: one numeric value per row (NULL rows flagged). */
export interface RangeKey {
  readonly value: (i: number) => number;
  readonly valid: (i: number) => boolean;
  readonly ascending: boolean;
}

/** A RANGE order key over an Arrow column of numbers, dates or timestamps. */
export function rangeKey(data: arrow.Data, ascending: boolean): RangeKey {
  const values = data.values as ArrayLike<number | bigint>;
  return { value: (i) => Number(values[i]!), valid: (i) => data.getValid(i), ascending };
}

/**
 * The frame of every row: `lo[i]..hi[i]` inclusive (empty when lo > hi), within the row's
 * partition. ROWS frames count rows; RANGE frames take peers for CURRENT ROW and compare the order
 * key with the offset for n PRECEDING / FOLLOWING (a NULL key's frame is its NULL peers).
 */
export function frameBounds(frame: WindowFrame, layout: RowLayout, key?: RangeKey): { lo: Int32Array; hi: Int32Array } {
  const n = layout.partitionStart.length;
  const lo = new Int32Array(n), hi = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    lo[i] = bound(frame.start, true, i, frame.units, layout, key);
    hi[i] = bound(frame.end, false, i, frame.units, layout, key);
  }
  return { lo, hi };
}

function bound(b: FrameBound, isStart: boolean, i: number, units: 'rows' | 'range', l: RowLayout, key?: RangeKey): number {
  const ps = l.partitionStart[i]!, pe = l.partitionEnd[i]!;
  switch (b.kind) {
    case 'unbounded_preceding': return ps;
    case 'unbounded_following': return pe - 1;
    case 'current_row':
      if (units === 'rows') return i;
      return isStart ? l.peerStart[i]! : l.peerEnd[i]! - 1;
    case 'preceding':
    case 'following': {
      const off = b.offset ?? 0;
      if (units === 'rows') {
        const j = b.kind === 'preceding' ? i - off : i + off;
        return isStart ? Math.max(ps, j) : Math.min(pe - 1, j);
      }
      if (!key || !key.valid(i)) return isStart ? l.peerStart[i]! : l.peerEnd[i]! - 1;
      // The frame edge in key terms; the order direction decides which way "preceding" goes.
      const sign = (b.kind === 'preceding' ? -1 : 1) * (key.ascending ? 1 : -1);
      const edge = key.value(i) + sign * off;
      return isStart ? firstAtOrAfter(edge, ps, pe, key) : lastAtOrBefore(edge, ps, pe, key);
    }
  }
}

/** Whether `v` comes at or after `edge` in the key's order. */
function atOrAfter(v: number, edge: number, key: RangeKey): boolean {
  return key.ascending ? v >= edge : v <= edge;
}

/** The first row of [ps, pe) whose non-null key is at or after `edge`. */
function firstAtOrAfter(edge: number, ps: number, pe: number, key: RangeKey): number {
  let lo = ps, hi = pe;
  while (lo < hi && !key.valid(lo)) lo++;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (!key.valid(mid) || atOrAfter(key.value(mid), edge, key)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The last row of [ps, pe) whose non-null key is at or before `edge`. */
function lastAtOrBefore(edge: number, ps: number, pe: number, key: RangeKey): number {
  let lo = ps, hi = pe;
  while (lo < hi && !key.valid(lo)) lo++;
  let end = pe;
  while (end > lo && !key.valid(end - 1)) end--;
  hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = key.value(mid);
    if (key.ascending ? v > edge : v < edge) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}
