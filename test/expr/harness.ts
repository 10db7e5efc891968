/**
 * Test helpers of the expression evaluator: columns written into and read back from linear memory,
 * and a runner that evaluates expressions with the engine and with the reference interpreter.
 */
import { expect } from 'vitest';
import { type ColumnDesc, Kind, writeDescs } from '../../bindings/column.js';
import { ExpressionProgram } from '../../bindings/expr-kernel.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';
import type { ScalarExpr } from '../../engine/logical/expression.js';
import type { DataType } from '../../engine/types/data-type.js';
import { compileProgram } from '../../engine/runtime/expr/compile-program.js';
import { type SqlValue, ScalarEvalError, evalScalar } from '../reference/scalar-eval.js';

/** Test data of one input column. */
export interface TestColumn {
  readonly type: DataType;
  readonly values: readonly SqlValue[];
  /** Write a STRING column dictionary-encoded. */
  readonly dict?: boolean;
  /** With `dict`: the dictionary to use (may hold NULL entries and entries no row uses). */
  readonly dictionary?: readonly (string | null)[];
  /** Bit offset of row 0 in the validity bitmap (a sliced column). */
  readonly bitOffset?: number;
}

export function kindOfType(t: DataType): Kind {
  switch (t.name) {
    case 'BOOLEAN': case 'NULL': return Kind.BOOL;
    case 'TINYINT': case 'SMALLINT': case 'INT': case 'DATE': return Kind.I32;
    case 'DECIMAL': return (t.precision ?? 18) > 18 ? Kind.I128 : Kind.I64;
    case 'BIGINT': case 'TIMESTAMP': return Kind.I64;
    case 'FLOAT': case 'DOUBLE': return Kind.F64;
    case 'STRING': return Kind.UTF8;
  }
}

function alloc(w: WasmInstance, bytes: number): number {
  return w.fn.arena_alloc!(Math.max(8, bytes)) >>> 0;
}

function writeUtf8(w: WasmInstance, strings: readonly (string | null)[]): { values: number; data: number } {
  const enc = strings.map((s) => new TextEncoder().encode(s ?? ''));
  const total = enc.reduce((n, b) => n + b.length, 0);
  const values = alloc(w, (strings.length + 1) * 4);
  const data = alloc(w, total);
  const i32 = w.views.i32;
  const u8 = w.views.u8;
  let off = 0;
  i32[values >>> 2] = 0;
  enc.forEach((b, i) => {
    u8.set(b, data + off);
    off += b.length;
    i32[(values >>> 2) + i + 1] = off;
  });
  return { values, data };
}

/** Writes a column into the arena. */
export function writeColumn(w: WasmInstance, col: TestColumn): ColumnDesc {
  const n = col.values.length;
  const bitOffset = col.bitOffset ?? 0;
  let validity = 0;
  if (col.values.some((v) => v === null)) {
    validity = alloc(w, Math.ceil((n + bitOffset) / 8) + 8);
    const u8 = w.views.u8;
    u8.fill(0xa5, validity, validity + Math.ceil((n + bitOffset) / 8) + 8); // garbage around the bits
    col.values.forEach((v, i) => {
      const bit = bitOffset + i;
      if (v === null) u8[validity + (bit >> 3)]! &= ~(1 << (bit & 7));
      else u8[validity + (bit >> 3)]! |= 1 << (bit & 7);
    });
  }
  const kind = kindOfType(col.type);
  if (kind === Kind.UTF8) {
    if (col.dict) {
      const dictValues = col.dictionary ?? [...new Set(col.values.filter((v) => v !== null) as string[])];
      const d = writeUtf8(w, dictValues);
      let dictValidity = 0;
      if (dictValues.some((v) => v === null)) {
        dictValidity = alloc(w, Math.ceil(dictValues.length / 8));
        dictValues.forEach((v, i) => { if (v !== null) w.views.u8[dictValidity + (i >> 3)]! |= 1 << (i & 7); });
      }
      const dictDesc = writeDescs(w, [{ kind: Kind.UTF8, validity: dictValidity, validityOffset: 0, values: d.values, data: d.data, length: dictValues.length }]);
      const codes = alloc(w, n * 4);
      const i32 = w.views.i32;
      // Codes under NULL are garbage (out of range), as a producer may leave them.
      col.values.forEach((v, i) => { i32[(codes >>> 2) + i] = v === null ? 0x7fff0000 : dictValues.indexOf(v as string); });
      return { kind: Kind.DICT, validity, validityOffset: bitOffset, values: codes, data: dictDesc, length: n };
    }
    const u = writeUtf8(w, col.values as (string | null)[]);
    return { kind, validity, validityOffset: bitOffset, values: u.values, data: u.data, length: n };
  }
  const width = kind === Kind.BOOL ? 1 : kind === Kind.I32 ? 4 : kind === Kind.I128 ? 16 : 8;
  const values = alloc(w, n * width);
  const dv = w.views.dataView;
  col.values.forEach((v, i) => {
    const p = values + i * width;
    if (v === null) {
      // Leave garbage under NULL: the evaluator must not depend on it.
      if (kind === Kind.I32) dv.setInt32(p, 0, true);
      return;
    }
    switch (kind) {
      case Kind.BOOL: dv.setUint8(p, v ? 1 : 0); break;
      case Kind.I32: dv.setInt32(p, v as number, true); break;
      case Kind.I64: dv.setBigInt64(p, v as bigint, true); break;
      case Kind.F64: dv.setFloat64(p, v as number, true); break;
      case Kind.I128: {
        const u = BigInt.asUintN(128, v as bigint);
        dv.setBigUint64(p, BigInt.asUintN(64, u), true);
        dv.setBigUint64(p + 8, u >> 64n, true);
        break;
      }
    }
  });
  return { kind, validity, validityOffset: bitOffset, values, data: 0, length: n };
}

function readUtf8Row(w: WasmInstance, offsets: number, data: number, i: number): string {
  const i32 = w.views.i32;
  const a = i32[(offsets >>> 2) + i]!;
  const b = i32[(offsets >>> 2) + i + 1]!;
  return new TextDecoder().decode(w.views.u8.slice(data + a, data + b));
}

/** Reads `desc` back as reference values of `type`. */
export function readColumn(w: WasmInstance, desc: ColumnDesc, type: DataType): SqlValue[] {
  const out: SqlValue[] = [];
  const dv = w.views.dataView;
  const u8 = w.views.u8;
  for (let i = 0; i < desc.length; i++) {
    if (desc.validity) {
      const bit = desc.validityOffset + i;
      if (((u8[desc.validity + (bit >> 3)]! >> (bit & 7)) & 1) === 0) { out.push(null); continue; }
    }
    if (type.name === 'NULL') { out.push(null); continue; }
    switch (desc.kind) {
      case Kind.BOOL: out.push(type.name === 'BOOLEAN' ? u8[desc.values + i] === 1 : u8[desc.values + i]!); break;
      case Kind.I32: out.push(dv.getInt32(desc.values + i * 4, true)); break;
      case Kind.I64: out.push(dv.getBigInt64(desc.values + i * 8, true)); break;
      case Kind.F64: out.push(dv.getFloat64(desc.values + i * 8, true)); break;
      case Kind.I128: {
        const p = desc.values + i * 16;
        out.push(BigInt.asIntN(128, (dv.getBigUint64(p + 8, true) << 64n) | dv.getBigUint64(p, true)));
        break;
      }
      case Kind.UTF8: out.push(readUtf8Row(w, desc.values, desc.data, i)); break;
      case Kind.DICT: {
        const code = dv.getInt32(desc.values + i * 4, true);
        const dictOffsets = dv.getUint32(desc.data + 12, true);
        const dictData = dv.getUint32(desc.data + 16, true);
        out.push(readUtf8Row(w, dictOffsets, dictData, code));
        break;
      }
      default: throw new Error(`readColumn: kind ${desc.kind}`);
    }
  }
  return out;
}

/** The outcome of evaluating expressions: output columns, or the error raised. */
export type Outcome = { ok: true; columns: SqlValue[][] } | { ok: false; error: Error };

/** Evaluates with the engine (one program, one call); `sel` evaluates the selected rows only. */
export function engineEvaluate(w: WasmInstance, exprs: readonly ScalarExpr[], cols: readonly TestColumn[], numRows: number, sel?: readonly number[]): Outcome {
  const program = ExpressionProgram.load(w, compileProgram(exprs));
  const mark = w.fn.arena_mark!() >>> 0;
  try {
    const batch = { numRows, columns: cols.map((c) => writeColumn(w, c)) };
    let selPtr = 0;
    if (sel) {
      selPtr = alloc(w, sel.length * 4);
      w.views.i32.set(sel, selPtr >>> 2);
    }
    const inner = w.fn.arena_mark!() >>> 0;
    let descs: ColumnDesc[];
    try {
      descs = program.evaluate(batch, selPtr, sel ? sel.length : numRows);
    } catch (error) {
      expect(w.fn.arena_mark!() >>> 0).toBe(inner);
      return { ok: false, error: error as Error };
    }
    for (const d of descs) expect(d.length).toBe(sel ? sel.length : numRows);
    return { ok: true, columns: descs.map((d, i) => readColumn(w, d, exprs[i]!.type)) };
  } finally {
    w.fn.arena_reset!(mark);
    program.free();
  }
}

/** Evaluates with the reference interpreter, row by row. */
export function referenceEvaluate(exprs: readonly ScalarExpr[], cols: readonly TestColumn[], rows: readonly number[]): Outcome {
  const columns: SqlValue[][] = exprs.map(() => []);
  try {
    for (const r of rows) {
      const row = cols.map((c) => c.values[r]!);
      exprs.forEach((e, k) => columns[k]!.push(evalScalar(e, row)));
    }
    return { ok: true, columns };
  } catch (error) {
    if (error instanceof ScalarEvalError) return { ok: false, error };
    throw error;
  }
}

/** Whether two values are the same (doubles: NaN = NaN, -0 ≠ 0; optional relative tolerance). */
export function sameValue(a: SqlValue, b: SqlValue, tolerance = 0): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
    if (tolerance > 0 && a !== b) return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
    return Object.is(a, b);
  }
  return a === b;
}

/** Asserts that the engine and the reference agree (both fail, or equal outputs). */
export function expectAgree(w: WasmInstance, exprs: readonly ScalarExpr[], cols: readonly TestColumn[], numRows: number, options: { sel?: readonly number[]; tolerance?: number } = {}): Outcome {
  const rows = options.sel ?? Array.from({ length: numRows }, (_, i) => i);
  const expected = referenceEvaluate(exprs, cols, rows);
  const actual = engineEvaluate(w, exprs, cols, numRows, options.sel);
  const label = exprs.map((e) => JSON.stringify(e)).join('; ').slice(0, 300);
  if (!expected.ok) {
    expect(actual.ok, `engine should fail like the reference (${expected.error.message}) for ${label}`).toBe(false);
    return actual;
  }
  if (!actual.ok) throw new Error(`engine failed (${actual.error.message}) where the reference succeeded: ${label}`);
  for (let k = 0; k < exprs.length; k++) {
    const e = expected.columns[k]!;
    const a = actual.columns[k]!;
    for (let i = 0; i < e.length; i++) {
      if (!sameValue(a[i]!, e[i]!, options.tolerance)) {
        const row = cols.map((c) => c.values[rows[i]!]);
        throw new Error(`output ${k} row ${i}: engine ${String(a[i])} (${typeof a[i]}), reference ${String(e[i])}; inputs ${row.map(String).join(', ')}; ${label}`);
      }
    }
  }
  return actual;
}
