import { describe, expect, it } from 'vitest';
import { loadWasm } from '../../bindings/node.js';
import type { ScalarFunction } from '../../engine/logical/expression.js';
import { type DataType, DataTypes } from '../../engine/types/data-type.js';
import { literalValue } from '../reference/scalar-eval-values.js';
import { call, col, lit } from './exprs.js';
import { LENGTHS, randomValue, randomValues, rng } from './gen.js';
import { engineEvaluate, expectAgree } from './harness.js';

const ARITH: ScalarFunction[] = ['plus', 'minus', 'times', 'divide', 'mod'];
const TYPES: DataType[] = [
  DataTypes.TINYINT(), DataTypes.SMALLINT(), DataTypes.INT(), DataTypes.BIGINT(), DataTypes.DOUBLE(), DataTypes.FLOAT(),
];

/** A literal of `type` for a reference value. */
function literalOf(v: unknown, type: DataType) {
  if (typeof v === 'bigint') return lit(v.toString(), type);
  if (typeof v === 'number' && !Number.isFinite(v) || Object.is(v, -0)) return lit(String(v), type);
  return lit(v as number, type);
}

for (const debug of [false, true]) {
  describe(`arithmetic (${debug ? 'debug' : 'release'} build)`, async () => {
    const w = await loadWasm({ debug });
    const lengths = debug ? [0, 1, 65, 1100] : LENGTHS;

    for (const type of TYPES) {
      it(`${type.name}: + - * / % agree with the reference, columns and literals, with and without nulls`, () => {
        const r = rng(type.name.length * 7 + (debug ? 1 : 0));
        for (const n of lengths) {
          for (const nullRate of [0, 0.2]) {
            const a = randomValues(type, n, r, nullRate);
            // Divisors without zero for the value comparison; zero is covered by the error tests.
            const b = randomValues(type, n, r, nullRate).map((v) => (v === 0 || v === 0n ? (typeof v === 'bigint' ? 7n : 7) : v));
            const cols = [{ type, values: a }, { type, values: b }];
            for (const fn of ARITH) {
              const x = col(0, type);
              const y = col(1, type);
              const k = literalOf(randomValue(type, r), type);
              const nonZero = literalOf(type.name === 'BIGINT' ? 3n : 3, type);
              expectAgree(w, [call(fn, type, x, y)], cols, n);
              expectAgree(w, [call(fn, type, x, fn === 'divide' || fn === 'mod' ? nonZero : k)], cols, n);
              expectAgree(w, [call(fn, type, k, y)], cols, n);
            }
            expectAgree(w, [call('negate', type, col(0, type)), call('abs', type, col(1, type))], cols, n);
          }
        }
      });

      it(`${type.name}: extreme values fail exactly when the reference does`, () => {
        const r = rng(99 + type.name.length);
        for (let round = 0; round < (debug ? 6 : 30); round++) {
          const n = 1 + Math.floor(r() * 70);
          const a = randomValues(type, n, r, 0.1, 'extreme');
          const b = randomValues(type, n, r, 0.1, 'extreme');
          const cols = [{ type, values: a }, { type, values: b }];
          for (const fn of [...ARITH, 'negate', 'abs'] as ScalarFunction[]) {
            const args = fn === 'negate' || fn === 'abs' ? [col(0, type)] : [col(0, type), col(1, type)];
            expectAgree(w, [call(fn, type, ...args)], cols, n);
          }
        }
      });
    }

    it('DECIMAL arithmetic rescales and rounds HALF_UP like BigDecimal', () => {
      const r = rng(5);
      const d1 = DataTypes.DECIMAL(10, 2);
      const d2 = DataTypes.DECIMAL(8, 3);
      for (const n of lengths) {
        for (const nullRate of [0, 0.25]) {
          const a = randomValues(d1, n, r, nullRate);
          const b = randomValues(d2, n, r, nullRate).map((v) => (v === 0n ? 1234n : v));
          const i = randomValues(DataTypes.INT(), n, r, nullRate);
          const cols = [{ type: d1, values: a }, { type: d2, values: b }, { type: DataTypes.INT(), values: i }];
          const x = col(0, d1);
          const y = col(1, d2);
          expectAgree(w, [
            call('plus', DataTypes.DECIMAL(12, 3), x, y),
            call('minus', DataTypes.DECIMAL(12, 3), x, y),
            call('times', DataTypes.DECIMAL(18, 5), x, y),
            call('times', DataTypes.DECIMAL(18, 2), x, y),
            call('divide', DataTypes.DECIMAL(18, 6), x, y),
            call('mod', DataTypes.DECIMAL(10, 3), x, y),
            call('plus', DataTypes.DECIMAL(13, 2), x, col(2, DataTypes.INT())),
            call('times', DataTypes.DECIMAL(12, 3), x, lit('15', DataTypes.DECIMAL(2, 1))),
            call('negate', d1, x),
            call('abs', d2, y),
          ], cols, n);
        }
      }
    });

    it('reports integer overflow with the expression, the row and the operands', () => {
      const t = DataTypes.INT();
      const expr = call('plus', t, col(0, t, 'a'), col(1, t, 'b'));
      const values = Array.from({ length: 40 }, (_, i) => i);
      const out = engineEvaluate(w, [expr], [{ type: t, values: [...values.slice(0, 17), 2147483647, ...values.slice(18)] }, { type: t, values: values.map(() => 1) }], 40);
      expect(out.ok).toBe(false);
      expect((out as { error: Error }).error.message).toBe('integer overflow in (a + b) at row 17 (2147483647 + 1)');
      const big = DataTypes.BIGINT();
      const mul = engineEvaluate(w, [call('times', big, col(0, big, 'x'), lit('3', big))], [{ type: big, values: [1n, 2n ** 62n] }], 2);
      expect((mul as { error: Error }).error.message).toBe('integer overflow in (x * 3) at row 1 (4611686018427387904 * 3)');
      const neg = engineEvaluate(w, [call('negate', DataTypes.TINYINT(), col(0, DataTypes.TINYINT(), 't'))], [{ type: DataTypes.TINYINT(), values: [5, -128] }], 2);
      expect((neg as { error: Error }).error.message).toBe('integer overflow in -t at row 1 (-128)');
    });

    it('reports division by zero, and DOUBLE division by zero gives Infinity or NaN', () => {
      const t = DataTypes.INT();
      const out = engineEvaluate(w, [call('divide', t, col(0, t, 'x'), col(1, t, 'y'))], [{ type: t, values: [4, 5, 6] }, { type: t, values: [2, 1, 0] }], 3);
      expect((out as { error: Error }).error.message).toBe('division by zero in (x / y) at row 2 (6 / 0)');
      const mod = engineEvaluate(w, [call('mod', DataTypes.BIGINT(), col(0, DataTypes.BIGINT(), 'x'), lit('0', DataTypes.BIGINT()))], [{ type: DataTypes.BIGINT(), values: [4n] }], 1);
      expect((mod as { error: Error }).error.message).toMatch(/^division by zero in \(x % 0\) at row 0/);
      const dec = DataTypes.DECIMAL(10, 2);
      const ddiv = engineEvaluate(w, [call('divide', DataTypes.DECIMAL(18, 6), col(0, dec, 'd'), col(1, dec, 'e'))], [{ type: dec, values: [100n] }, { type: dec, values: [0n] }], 1);
      expect((ddiv as { error: Error }).error.message).toMatch(/^division by zero in \(d \/ e\) at row 0/);
      const d = DataTypes.DOUBLE();
      const ok = engineEvaluate(w, [call('divide', d, col(0, d), col(1, d))], [{ type: d, values: [1, -1, 0] }, { type: d, values: [0, 0, 0] }], 3);
      expect(ok).toEqual({ ok: true, columns: [[Infinity, -Infinity, NaN]] });
    });

    it('ignores errors on NULL rows and on rows that a NULL operand makes NULL', () => {
      const t = DataTypes.INT();
      expectAgree(w, [call('divide', t, col(0, t), col(1, t))], [{ type: t, values: [1, null, 3] }, { type: t, values: [null, 0, 1] }], 3);
      expectAgree(w, [call('plus', t, col(0, t), col(1, t))], [{ type: t, values: [2147483647, 5] }, { type: t, values: [null, 1] }], 2);
    });

    it('literal encodings: NaN, -0, Infinity and big decimals', () => {
      const d = DataTypes.DOUBLE();
      const exprs = ['NaN', '-0', 'Infinity', '-Infinity', 2.5].map((v) => call('plus', d, col(0, d), lit(v, d)));
      expectAgree(w, exprs, [{ type: d, values: [1, -0, 0, NaN, null] }], 5);
      expect(literalValue('-0', d)).toBe(-0);
    });
  });
}
