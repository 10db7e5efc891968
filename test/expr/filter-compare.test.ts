import { describe, expect, it } from 'vitest';
import { ExpressionProgram } from '../../bindings/expr-kernel.js';
import { loadWasm } from '../../bindings/node.js';
import type { ScalarFunction } from '../../engine/logical/expression.js';
import { compileProgram } from '../../engine/runtime/expr/compile-program.js';
import { OP } from '../../engine/runtime/expr/opcodes.js';
import { type DataType, DataTypes } from '../../engine/types/data-type.js';
import { type SqlValue, evalScalar } from '../reference/scalar-eval.js';
import { call, col, lit } from './exprs.js';
import { LENGTHS, randomValue, randomValues, rng } from './gen.js';
import { writeColumn } from './harness.js';

// `column <op> literal` filters take the fused one-pass kernel (wasm/assembly/expr/filter-compare.ts),
// over all rows or over an incoming selection (a later conjunct of a filter); these tests pin its
// results to the reference interpreter, with NULLs, sliced validity bitmaps, NaN, -0 and literals
// on either side.

const B = DataTypes.BOOLEAN();
const CMP: ScalarFunction[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'];
const TYPES: DataType[] = [DataTypes.INT(), DataTypes.DATE(), DataTypes.BIGINT(), DataTypes.TIMESTAMP(3), DataTypes.DOUBLE()];

function literalOf(v: SqlValue, type: DataType) {
  if (typeof v === 'bigint') return lit(v.toString(), type);
  if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return lit(String(v), type);
  return lit(v as number | string | boolean, type);
}

function opcodes(spec: { code: readonly number[]; bodyStart: number }): number[] {
  return spec.code.filter((_, i) => i % 8 === 0).slice(spec.bodyStart);
}

for (const debug of [false, true]) {
  describe(`fused column-literal filter (${debug ? 'debug' : 'release'} build)`, async () => {
    const w = await loadWasm({ debug });
    const lengths = debug ? [0, 1, 7, 65, 1100] : [...LENGTHS, 7, 8, 9, 4099];

    it('compiles `column <op> literal` to the LOAD, CMP shape the fused kernel recognises', () => {
      for (const type of TYPES) {
        const spec = compileProgram([call('gt', B, col(0, type), literalOf(randomValue(type, rng(1)), type))]);
        expect(opcodes(spec)).toHaveLength(2);
        expect(opcodes(spec)[0]).toBe(OP.LOAD);
      }
    });

    for (const type of TYPES) {
      it(`${type.name}: keeps exactly the rows where the comparison is TRUE`, () => {
        const r = rng(97 + type.name.length);
        for (const n of lengths) {
          for (const nullRate of [0, 0.3]) {
            for (const bitOffset of [0, 5]) {
              const values = randomValues(type, n, r, nullRate, 'extreme');
              // Literals drawn from the column, so that equality and ties happen.
              const pick = values.find((v) => v !== null) ?? randomValue(type, r, 'extreme');
              const k = literalOf(r() < 0.7 ? pick : randomValue(type, r, 'extreme'), type);
              for (const fn of CMP) {
                for (const litFirst of [false, true]) {
                  const pred = litFirst ? call(fn, B, k, col(0, type)) : call(fn, B, col(0, type), k);
                  const program = ExpressionProgram.load(w, compileProgram([pred]));
                  const mark = w.fn.arena_mark!() >>> 0;
                  try {
                    const batch = { numRows: n, columns: [writeColumn(w, { type, values, bitOffset })] };
                    const res = program.filter(batch);
                    const got = Array.from(w.views.i32.subarray(res.selPtr >>> 2, (res.selPtr >>> 2) + res.count));
                    const want = values.flatMap((v, i) => (evalScalar(pred, [v]) === true ? [i] : []));
                    expect(got, `${fn} n=${n} nulls=${nullRate} offset=${bitOffset} lit-first=${litFirst}`).toEqual(want);
                    // Over a selection (every third row, and a random subset).
                    for (const keepRow of [(i: number) => i % 3 === 1, () => r() < 0.4]) {
                      const sel = values.flatMap((_, i) => (keepRow(i) ? [i] : []));
                      const selPtr = w.fn.arena_alloc!(Math.max(1, sel.length) * 4) >>> 0;
                      w.views.i32.set(sel, selPtr >>> 2);
                      const sub = program.filter(batch, selPtr, sel.length);
                      const gotSel = Array.from(w.views.i32.subarray(sub.selPtr >>> 2, (sub.selPtr >>> 2) + sub.count));
                      expect(gotSel, `${fn} over a selection, n=${n} nulls=${nullRate}`).toEqual(sel.filter((i) => evalScalar(pred, [values[i]!]) === true));
                    }
                  } finally {
                    w.fn.arena_reset!(mark);
                    program.free();
                  }
                }
              }
            }
          }
        }
      });
    }

    it('DOUBLE: NaN is greater than every literal and -0 equals 0; a NaN literal still filters correctly', () => {
      const d = DataTypes.DOUBLE();
      const values: SqlValue[] = [NaN, -0, 0, Infinity, -Infinity, 1, -1, NaN, null, 0.5, -0, 2, 3, NaN, 0, 1, 7];
      for (const k of ['0', '-0', 'NaN', 'Infinity', '-Infinity', '1']) {
        for (const fn of CMP) {
          const pred = call(fn, B, col(0, d), lit(k, d));
          const program = ExpressionProgram.load(w, compileProgram([pred]));
          const mark = w.fn.arena_mark!() >>> 0;
          const res = program.filter({ numRows: values.length, columns: [writeColumn(w, { type: d, values })] });
          const got = Array.from(w.views.i32.subarray(res.selPtr >>> 2, (res.selPtr >>> 2) + res.count));
          expect(got, `${fn} ${k}`).toEqual(values.flatMap((v, i) => (evalScalar(pred, [v]) === true ? [i] : [])));
          w.fn.arena_reset!(mark);
          program.free();
        }
      }
    });
  });
}
