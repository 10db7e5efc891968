import { VmKind } from '../../../bindings/expr-program-spec.js';
import type { Call, Literal, ScalarExpr } from '../../logical/expression.js';
import type { DataType } from '../../types/data-type.js';
import { comparisonType, emitComparison } from './lower-compare.js';
import { literalAs } from './lower-cast.js';
import type { Lowering } from './lowering.js';
import { CMP, IN_FLAGS, OP } from './opcodes.js';
import { vmKindOf } from './vm-types.js';



function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * The sorted constant-pool list of IN, or undefined when an item is not a literal convertible to
 * the comparison type at compile time (IN then becomes a chain of OR'ed equalities).
 */
function literalList(items: readonly ScalarExpr[], t: DataType): { bytes: Uint8Array; count: number; flags: number } | undefined {
  const kind = vmKindOf(t);
  // BOOL and I128 (DECIMAL(p > 18)) lists become OR'ed equalities.
  if (kind === VmKind.BOOL || kind === VmKind.I128 || items.some((i) => i.kind !== 'literal')) return undefined;
  let flags = 0;
  const values: Uint8Array[] = [];
  for (const item of items as Literal[]) {
    const bytes = literalAs(item, t);
    if (bytes === undefined) return undefined;
    if (bytes === null) { flags |= IN_FLAGS.HAS_NULL; continue; }
    values.push(bytes);
  }
  const dv = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (kind === VmKind.STR) {
    const strs = values.map((b) => b.subarray(4));
    const unique = [...new Map(strs.map((s) => [Array.from(s).join(','), s])).values()].sort(compareBytes);
    const total = unique.reduce((n, s) => n + s.length, 0);
    const out = new Uint8Array(4 * (unique.length + 1) + total);
    let off = 0;
    unique.forEach((s, k) => {
      dv(out).setUint32(4 * k, off, true);
      out.set(s, 4 * (unique.length + 1) + off);
      off += s.length;
    });
    dv(out).setUint32(4 * unique.length, off, true);
    return { bytes: out, count: unique.length, flags };
  }
  if (kind === VmKind.I32) {
    const nums = [...new Set(values.map((b) => dv(b).getInt32(0, true)))].sort((a, b) => a - b);
    const out = new Uint8Array(4 * nums.length);
    nums.forEach((v, k) => dv(out).setInt32(4 * k, v, true));
    return { bytes: out, count: nums.length, flags };
  }
  if (kind === VmKind.I64) {
    const nums = [...new Set(values.map((b) => dv(b).getBigInt64(0, true)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const out = new Uint8Array(8 * nums.length);
    nums.forEach((v, k) => dv(out).setBigInt64(8 * k, v, true));
    return { bytes: out, count: nums.length, flags };
  }
  const doubles = values.map((b) => dv(b).getFloat64(0, true));
  if (doubles.some((d) => Number.isNaN(d))) flags |= IN_FLAGS.HAS_NAN;
  const nums = [...new Set(doubles.filter((d) => !Number.isNaN(d)).map((d) => d + 0))].sort((a, b) => a - b);
  const out = new Uint8Array(8 * nums.length);
  nums.forEach((v, k) => dv(out).setFloat64(8 * k, v, true));
  return { bytes: out, count: nums.length, flags };
}

/** in (value, items...) and between (value, low, high). */
export function lowerSet(lw: Lowering, e: Call, guard: number): number {
  const context = lw.context(e);
  const [x, ...rest] = e.args as [ScalarExpr, ...ScalarExpr[]];
  if (e.fn === 'between') {
    const ge = emitComparison(lw, CMP.GE, x, rest[0]!, guard, context);
    const le = emitComparison(lw, CMP.LE, x, rest[1]!, guard, context);
    return lw.b.emit(OP.AND, lw.b.newRegister(VmKind.BOOL), -1, ge, le, 0, 0, 0, context);
  }
  const t = rest.reduce((acc, item) => comparisonType(acc, item.type), x.type);
  const list = literalList(rest, t);
  if (list && list.count > 0) {
    const offset = lw.b.poolOffset(list.bytes.length > 0 ? list.bytes : new Uint8Array(8));
    const kind = vmKindOf(t);
    return lw.b.emit(OP.IN, lw.b.newRegister(VmKind.BOOL), -1, lw.lowerAs(x, t, guard), offset, list.count, list.flags, kind, context);
  }
  // x IN (a, b, ...) = x = a OR x = b OR ...
  let acc = emitComparison(lw, CMP.EQ, x, rest[0]!, guard, context);
  for (const item of rest.slice(1)) {
    const eq = emitComparison(lw, CMP.EQ, x, item, guard, context);
    acc = lw.b.emit(OP.OR, lw.b.newRegister(VmKind.BOOL), -1, acc, eq, 0, 0, 0, context);
  }
  return acc;
}

