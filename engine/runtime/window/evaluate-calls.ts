import * as arrow from 'apache-arrow';
import type { WindowCallExec } from '../../physical/exec-plan.js';
import { toArrowType } from '../../types/arrow-types.js';
import type { DataType } from '../../types/data-type.js';
import { frameBounds, type RangeKey } from './frame-bounds.js';
import type { RowLayout } from './row-layout.js';

/**
 * What one window call produces: the rows of an input column to take (value-preserving calls:
 * LAG, LEAD, FIRST_VALUE, LAST_VALUE, MIN, MAX; -1 is NULL, and LAG/LEAD's `fromDefault` rows
 * take the default column's value of the same row instead), or computed values as an Arrow column.
 */
export type CallResult =
  | { readonly kind: 'take'; readonly column: number; readonly rows: Int32Array; readonly defaultColumn?: number; readonly fromDefault?: Uint8Array }
  | { readonly kind: 'values'; readonly data: arrow.Data };

/** A numeric reading of an Arrow column: numbers for 32-bit ints, floats and dates; bigints for 64-bit ints, timestamps and decimals (unscaled). */
function numericReader(data: arrow.Data): (i: number) => number | bigint {
  const type = data.type as arrow.DataType;
  if (arrow.DataType.isDecimal(type)) {
    const words = data.values as Uint32Array, n = type.bitWidth / 32;
    return (i) => {
      let x = 0n;
      for (let w = n - 1; w >= 0; w--) x = (x << 32n) | BigInt(words[i * n + w]!);
      return BigInt.asIntN(type.bitWidth, x);
    };
  }
  const values = data.values as ArrayLike<number | bigint>;
  return (i) => values[i]!;
}

/** Compares two values of one column for MIN/MAX (numbers, bigints, strings, booleans). */
function valueReader(data: arrow.Data): (i: number) => number | bigint | string | boolean {
  const type = data.type as arrow.DataType;
  if (arrow.DataType.isUtf8(type) || arrow.DataType.isDictionary(type) || arrow.DataType.isBool(type)) {
    const v = arrow.makeVector(data);
    return (i) => v.get(i) as string | boolean;
  }
  return numericReader(data);
}

/** Evaluates `call` over sorted rows whose columns are `columns` (Arrow Data of the sorted input). */
export function evaluateCall(
  call: WindowCallExec,
  type: DataType,
  columns: readonly arrow.Data[],
  layout: RowLayout,
  rangeKey: RangeKey | undefined,
): CallResult {
  const n = layout.partitionStart.length;
  const { partitionStart: ps, partitionEnd: pe, peerStart } = layout;
  const longs = (f: (i: number) => bigint | null) => buildColumn(type, n, f);
  switch (call.fn) {
    case 'row_number': return { kind: 'values', data: longs((i) => BigInt(i - ps[i]! + 1)) };
    case 'rank': return { kind: 'values', data: longs((i) => BigInt(peerStart[i]! - ps[i]! + 1)) };
    case 'dense_rank': {
      const dense = new Int32Array(n);
      for (let i = 0; i < n; i++) dense[i] = i === ps[i] ? 1 : dense[i - 1]! + (peerStart[i] === i ? 1 : 0);
      return { kind: 'values', data: longs((i) => BigInt(dense[i]!)) };
    }
    case 'lag': case 'lead': {
      const off = call.offset ?? 1;
      const rows = new Int32Array(n), fromDefault = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const j = call.fn === 'lag' ? i - off : i + off;
        const inside = j >= ps[i]! && j < pe[i]!;
        rows[i] = inside ? j : call.args[1] !== undefined ? i : -1;
        fromDefault[i] = !inside && call.args[1] !== undefined ? 1 : 0;
      }
      return call.args[1] !== undefined
        ? { kind: 'take', column: call.args[0]!, rows, defaultColumn: call.args[1], fromDefault }
        : { kind: 'take', column: call.args[0]!, rows };
    }
    default:
      break;
  }
  const { lo, hi } = frameBounds(call.frame, layout, rangeKey);
  const arg = call.args[0] === undefined ? undefined : columns[call.args[0]]!;
  const valid = (i: number) => arg === undefined || arg.getValid(i);
  switch (call.fn) {
    case 'first_value': case 'last_value': {
      const rows = new Int32Array(n);
      for (let i = 0; i < n; i++) rows[i] = lo[i]! > hi[i]! ? -1 : call.fn === 'first_value' ? lo[i]! : hi[i]!;
      return { kind: 'take', column: call.args[0]!, rows };
    }
    case 'min': case 'max': {
      const read = valueReader(arg!);
      const better = (a: number, b: number) => (call.fn === 'min' ? read(a) < read(b) : read(a) > read(b));
      const rows = new Int32Array(n).fill(-1);
      for (let i = 0; i < n; i++) {
        // Running frames extend the previous row's answer; others scan their frame.
        const running = i > ps[i]! && lo[i] === lo[i - 1] && hi[i]! >= hi[i - 1]!;
        let best = running ? rows[i - 1]! : -1;
        for (let j = running ? hi[i - 1]! + 1 : lo[i]!; j <= hi[i]!; j++) {
          if (valid(j) && (best < 0 || better(j, best))) best = j;
        }
        rows[i] = best;
      }
      return { kind: 'take', column: call.args[0]!, rows };
    }
    case 'count_star': case 'count': {
      const counts = prefixCounts(n, valid);
      return { kind: 'values', data: longs((i) => BigInt(lo[i]! > hi[i]! ? 0 : counts[hi[i]! + 1]! - counts[lo[i]!]!)) };
    }
    case 'sum': case 'avg': {
      const read = numericReader(arg!);
      const counts = prefixCounts(n, valid);
      const exact = !arrow.DataType.isFloat(arg!.type);
      const sums = frameSums(n, lo, hi, ps, (j) => (valid(j) ? read(j) : undefined), exact);
      const argScale = arrow.DataType.isDecimal(arg!.type) ? (arg!.type as arrow.Decimal).scale : 0;
      return {
        kind: 'values',
        data: buildColumn(type, n, (i) => {
          const count = lo[i]! > hi[i]! ? 0 : counts[hi[i]! + 1]! - counts[lo[i]!]!;
          if (count === 0) return null;
          const s = sums[i]!;
          return call.fn === 'sum' ? s : average(s, count, type, argScale);
        }),
      };
    }
  }
  throw new Error(`window function ${call.fn} is not evaluated here`);
}

function prefixCounts(n: number, valid: (i: number) => boolean): Int32Array {
  const c = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) c[i + 1] = c[i]! + (valid(i) ? 1 : 0);
  return c;
}

/**
 * The sum over each row's frame. Exact values (integers, decimals) use prefix sums; doubles are
 * summed in row order over each frame (a running frame continues the previous row's sum), so a
 * frame's sum does not pick up rounding from rows outside it.
 */
function frameSums(
  n: number, lo: Int32Array, hi: Int32Array, ps: Int32Array,
  value: (j: number) => number | bigint | undefined, exact: boolean,
): (number | bigint)[] {
  const out: (number | bigint)[] = new Array(n);
  if (exact) {
    const prefix: bigint[] = [0n];
    for (let j = 0; j < n; j++) {
      const v = value(j);
      prefix.push(prefix[j]! + (v === undefined ? 0n : BigInt(v)));
    }
    for (let i = 0; i < n; i++) out[i] = lo[i]! > hi[i]! ? 0n : prefix[hi[i]! + 1]! - prefix[lo[i]!]!;
    return out;
  }
  for (let i = 0; i < n; i++) {
    const running = i > ps[i]! && lo[i] === lo[i - 1] && hi[i]! >= hi[i - 1]!;
    let s = running ? (out[i - 1] as number) : 0;
    for (let j = running ? hi[i - 1]! + 1 : lo[i]!; j <= hi[i]!; j++) {
      const v = value(j);
      if (v !== undefined) s += v as number;
    }
    out[i] = s;
  }
  return out;
}

/** AVG with Flink's result types: integer types divide (truncating), DECIMAL rounds half up at its scale, floats divide. */
function average(sum: number | bigint, count: number, type: DataType, argScale: number): number | bigint {
  if (type.name === 'DOUBLE' || type.name === 'FLOAT') return Number(sum) / count;
  const s = BigInt(sum);
  if (type.name !== 'DECIMAL') return s / BigInt(count);
  const num = s * 10n ** BigInt((type.scale ?? 0) - argScale);
  const c = BigInt(count);
  const q = num / c, r = num % c;
  const twice = (r < 0n ? -r : r) * 2n;
  return twice >= c ? q + (num < 0n ? -1n : 1n) : q;
}

/** An Arrow column of `type` from one value per row (null: NULL); decimals are unscaled bigints. */
export function buildColumn(type: DataType, n: number, value: (i: number) => number | bigint | null): arrow.Data {
  const arrowType = toArrowType(type);
  const validity = new Uint8Array((n + 7) >> 3);
  let nullCount = 0;
  let store: (i: number, v: number | bigint) => void;
  let data: ArrayBufferView;
  switch (type.name) {
    case 'TINYINT': { const a = new Int8Array(n); data = a; store = (i, v) => { a[i] = Number(v); }; break; }
    case 'SMALLINT': { const a = new Int16Array(n); data = a; store = (i, v) => { a[i] = Number(v); }; break; }
    case 'INT': case 'DATE': { const a = new Int32Array(n); data = a; store = (i, v) => { a[i] = Number(v); }; break; }
    case 'BIGINT': case 'TIMESTAMP': { const a = new BigInt64Array(n); data = a; store = (i, v) => { a[i] = BigInt(v); }; break; }
    case 'FLOAT': { const a = new Float32Array(n); data = a; store = (i, v) => { a[i] = Number(v); }; break; }
    case 'DOUBLE': { const a = new Float64Array(n); data = a; store = (i, v) => { a[i] = Number(v); }; break; }
    case 'DECIMAL': {
      const a = new Uint32Array(4 * n);
      data = a;
      store = (i, v) => {
        let x = BigInt.asUintN(128, BigInt(v));
        for (let w = 0; w < 4; w++) { a[4 * i + w] = Number(x & 0xffffffffn); x >>= 32n; }
      };
      break;
    }
    default:
      throw new Error(`window results of type ${type.name} are not built here`);
  }
  for (let i = 0; i < n; i++) {
    const v = value(i);
    if (v === null) { nullCount++; continue; }
    validity[i >> 3]! |= 1 << (i & 7);
    store(i, v);
  }
  return arrow.makeData({ type: arrowType, length: n, nullCount, nullBitmap: nullCount > 0 ? validity : null, data } as never);
}
