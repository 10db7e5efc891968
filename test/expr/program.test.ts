import { describe, expect, it } from 'vitest';
import { Kind } from '../../bindings/column.js';
import { ExpressionProgram } from '../../bindings/expr-kernel.js';
import { loadWasm } from '../../bindings/node.js';
import { compileProgram } from '../../engine/runtime/expr/compile-program.js';
import { OP } from '../../engine/runtime/expr/opcodes.js';
import { DataTypes } from '../../engine/types/data-type.js';
import { evalScalar } from '../reference/scalar-eval.js';
import { call, col, lit } from './exprs.js';
import { LENGTHS, randomValues, rng } from './gen.js';
import { expectAgree, readColumn, writeColumn } from './harness.js';

const B = DataTypes.BOOLEAN();
const D = DataTypes.DOUBLE();
const I = DataTypes.INT();

function opcodes(spec: { code: readonly number[] }): number[] {
  return spec.code.filter((_, i) => i % 8 === 0);
}

for (const debug of [false, true]) {
  describe(`expression programs (${debug ? 'debug' : 'release'} build)`, async () => {
    const w = await loadWasm({ debug });
    const lengths = debug ? [0, 1, 65, 1100] : LENGTHS;

    it('filter keeps TRUE rows, with and without an incoming selection, and leaves the arena at its mark', () => {
      const r = rng(41);
      const v = col(0, D, 'v');
      const k = col(1, I, 'k');
      const pred = call('and', B, call('gt', B, v, lit(0.5, D)), call('ne', B, k, lit(3, I)));
      const program = ExpressionProgram.load(w, compileProgram([pred]));
      for (const n of lengths) {
        for (const nullRate of [0, 0.2]) {
          const vals = randomValues(D, n, r, nullRate).map((x) => (x === null ? null : (x as number) / 100 + 0.5));
          const keys = randomValues(I, n, r, nullRate).map((x) => (x === null ? null : Math.abs(x as number) % 5));
          const mark = w.fn.arena_mark!() >>> 0;
          const batch = { numRows: n, columns: [writeColumn(w, { type: D, values: vals }), writeColumn(w, { type: I, values: keys })] };
          const expected = (rows: number[]) => rows.filter((i) => evalScalar(pred, [vals[i]!, keys[i]!]) === true);
          const all = Array.from({ length: n }, (_, i) => i);
          const afterCall = w.fn.arena_mark!() >>> 0;
          const res = program.filter(batch);
          expect(Array.from(w.views.i32.subarray(res.selPtr >>> 2, (res.selPtr >>> 2) + res.count))).toEqual(expected(all));
          // An incoming selection: every third row.
          const sel = all.filter((i) => i % 3 !== 1);
          const selPtr = w.fn.arena_alloc!(Math.max(4, sel.length * 4)) >>> 0;
          w.views.i32.set(sel, selPtr >>> 2);
          const res2 = program.filter(batch, selPtr, sel.length);
          expect(Array.from(w.views.i32.subarray(res2.selPtr >>> 2, (res2.selPtr >>> 2) + res2.count))).toEqual(expected(sel));
          w.fn.arena_reset!(afterCall);
          expect(w.fn.arena_mark!() >>> 0).toBe(afterCall);
          w.fn.arena_reset!(mark);
        }
      }
      program.free();
    });

    it('an incoming selection spares the rows it excludes from errors', () => {
      const x = col(0, I, 'x');
      const pred = call('gt', B, call('divide', I, lit(10, I), x), lit(1, I));
      const program = ExpressionProgram.load(w, compileProgram([pred]));
      const mark = w.fn.arena_mark!() >>> 0;
      const batch = { numRows: 4, columns: [writeColumn(w, { type: I, values: [0, 2, 0, 20] })] };
      const selPtr = w.fn.arena_alloc!(8) >>> 0;
      w.views.i32.set([1, 3], selPtr >>> 2);
      const res = program.filter(batch, selPtr, 2);
      expect(Array.from(w.views.i32.subarray(res.selPtr >>> 2, (res.selPtr >>> 2) + res.count))).toEqual([1]);
      expect(() => program.filter(batch)).toThrow('division by zero in (10 / x) at row 0');
      expect(() => program.evaluate(batch, selPtr + 0, 2)).not.toThrow();
      w.fn.arena_reset!(mark);
      program.free();
    });

    it('evaluate over a selection gives dense outputs of the selected rows', () => {
      const r = rng(8);
      const n = 2500;
      const s = DataTypes.STRING();
      const cols = [{ type: I, values: randomValues(I, n, r, 0.2) }, { type: s, values: randomValues(s, n, r, 0.2) }];
      const sel = Array.from({ length: n }, (_, i) => i).filter(() => r() < 0.4);
      expectAgree(w, [call('plus', I, col(0, I), lit(1, I)), col(1, s), call('eq', B, col(1, s), lit('abc', s))], cols, n, { sel });
    });

    it('shares common subexpressions and evaluates several outputs in one program', () => {
      const a = col(0, I, 'a');
      const b = col(1, I, 'b');
      const sum = () => call('plus', I, a, b);
      const exprs = [sum(), call('times', I, sum(), lit(2, I)), call('gt', B, sum(), lit(10, I)), sum(), a];
      const spec = compileProgram(exprs);
      const ops = opcodes(spec);
      expect(ops.filter((o) => o === OP.ARITH_I32)).toHaveLength(2); // a + b once, times once
      expect(ops.filter((o) => o === OP.LOAD)).toHaveLength(2);
      expect(spec.outputs.map((o) => o.register)[0]).toBe(spec.outputs.map((o) => o.register)[3]);
      expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
      const r = rng(2);
      expectAgree(w, exprs, [{ type: I, values: randomValues(I, 1500, r, 0.1) }, { type: I, values: randomValues(I, 1500, r, 0.1) }], 1500);
    });

    it('literals use the scalar-operand forms (no constant register for v > 0.5)', () => {
      const spec = compileProgram([call('gt', B, col(0, D), lit(0.5, D))]);
      expect(spec.bodyStart).toBe(0);
      expect(opcodes(spec)).toEqual([OP.LOAD, OP.CMP_F64]);
    });

    it('reads validity bitmaps at a bit offset and DICT columns with NULL codes', () => {
      const r = rng(77);
      const s = DataTypes.STRING();
      for (const n of [1, 9, 70, 1500]) {
        for (const bitOffset of [0, 3, 8, 13]) {
          const vals = randomValues(I, n, r, 0.3);
          const strs = randomValues(s, n, r, 0.3);
          const cols = [{ type: I, values: vals, bitOffset }, { type: s, values: strs, dict: true, bitOffset }];
          expectAgree(w, [call('plus', I, col(0, I), lit(1, I)), col(0, I), call('is_null', B, col(1, s)), col(1, s)], cols, n);
        }
      }
    });

    it('outputs have no validity bitmap when no row is NULL, and one byte per BOOLEAN row', () => {
      const program = ExpressionProgram.load(w, compileProgram([call('gt', B, col(0, I), lit(0, I)), call('plus', I, col(0, I), lit(1, I))]));
      const mark = w.fn.arena_mark!() >>> 0;
      const batch = { numRows: 3, columns: [writeColumn(w, { type: I, values: [-1, 0, 5] })] };
      const [bools, ints] = program.evaluate(batch);
      expect(bools!.kind).toBe(Kind.BOOL);
      expect(bools!.validity).toBe(0);
      expect(Array.from(w.views.u8.subarray(bools!.values, bools!.values + 3))).toEqual([0, 0, 1]);
      expect(readColumn(w, ints!, I)).toEqual([0, 1, 6]);
      w.fn.arena_reset!(mark);
      program.free();
    });

    it('no leak: memory in use is stable across batches and back after free', () => {
      const before = w.inUseBytes();
      const s = DataTypes.STRING();
      const program = ExpressionProgram.load(w, compileProgram([call('plus', I, col(0, I), lit(1, I)), col(1, s)]));
      const r = rng(4);
      const cols = [{ type: I, values: randomValues(I, 3000, r, 0.1) }, { type: s, values: randomValues(s, 3000, r, 0.1) }];
      let inUse = 0;
      for (let round = 0; round < 5; round++) {
        const mark = w.fn.arena_mark!() >>> 0;
        const batch = { numRows: 3000, columns: cols.map((c) => writeColumn(w, c)) };
        program.evaluate(batch);
        w.fn.arena_reset!(mark);
        expect(w.fn.arena_mark!() >>> 0).toBe(mark);
        if (round === 1) inUse = w.inUseBytes();
        if (round > 1) expect(w.inUseBytes()).toBe(inUse);
      }
      program.free();
      w.fn.arena_trim!();
      expect(w.inUseBytes()).toBeLessThanOrEqual(Math.max(before, 1 << 20) + (1 << 20));
    });

    it('rejects a batch whose column has another kind than the program expects', () => {
      const program = ExpressionProgram.load(w, compileProgram([call('gt', B, col(0, D, 'v'), lit(0.5, D))]));
      const mark = w.fn.arena_mark!() >>> 0;
      const batch = { numRows: 2, columns: [writeColumn(w, { type: I, values: [1, 2] })] };
      expect(() => program.filter(batch)).toThrow(/expects column 0 \(v\) of another kind; the batch has I32/);
      expect(() => program.filter({ numRows: 0, columns: [] })).toThrow(/reads 1 input columns/);
      w.fn.arena_reset!(mark);
      program.free();
    });
  });
}
