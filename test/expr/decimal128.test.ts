/**
 * DECIMAL(p > 18) in the expression VM (I128 registers): every kernel against the BigInt reference
 * interpreter, over columns and literals, with NULLs, values near ±10^37 and the precision bound,
 * halves that round, scale changes, and overflow / division by zero that must fail as the
 * reference does (with an ExpressionError naming the expression, never a trap).
 */
import { describe, expect, it } from 'vitest';
import { loadWasm } from '../../bindings/node.js';
import type { ScalarExpr, ScalarFunction } from '../../engine/logical/expression.js';
import { decimalType, MIN_ADJUSTED_SCALE } from '../../engine/logical/type-coercion.js';
import { type DataType, DataTypes } from '../../engine/types/data-type.js';
import type { SqlValue } from '../reference/scalar-eval-values.js';
import { call, col, lit } from './exprs.js';
import { rng } from './gen.js';
import { engineEvaluate, expectAgree } from './harness.js';

const D = (p: number, s: number) => DataTypes.DECIMAL(p, s);
const D15_2 = D(15, 2);
const D20_2 = D(20, 2);
const D31_4 = D(31, 4);
const D38_0 = D(38, 0);
const D38_10 = D(38, 10);
const LENGTHS = [0, 1, 63, 64, 65, 1000];

/** A decimal view of a numeric type, as the catalog takes it (INT → (10, 0), BIGINT → (19, 0)). */
function decOf(t: DataType): { p: number; s: number } {
  if (t.name === 'DECIMAL') return { p: t.precision!, s: t.scale! };
  return { p: t.name === 'BIGINT' ? 19 : 10, s: 0 };
}

/** Flink's result type of decimal arithmetic (engine/logical/function-catalog.ts arithmetic()). */
function arithType(fn: ScalarFunction, a: DataType, b: DataType): DataType {
  const x = decOf(a);
  const y = decOf(b);
  switch (fn) {
    case 'plus': case 'minus': {
      const s = Math.max(x.s, y.s);
      return decimalType(Math.max(x.p - x.s, y.p - y.s) + s + 1, s, true);
    }
    case 'mod': {
      const s = Math.max(x.s, y.s);
      return decimalType(Math.min(x.p - x.s, y.p - y.s) + s, s, true);
    }
    case 'times': return decimalType(x.p + y.p, x.s + y.s, true);
    default: {
      const s = Math.max(MIN_ADJUSTED_SCALE, x.s + y.p + 1);
      return decimalType(x.p - x.s + y.s + s, s, true);
    }
  }
}

function randBig(r: () => number, below: bigint): bigint {
  if (below <= 1n) return 0n;
  let v = 0n;
  for (let i = 0; i < 5; i++) v = (v << 32n) | BigInt(Math.floor(r() * 4294967296));
  return v % below;
}

type Spread = 'small' | 'full' | 'edge';

/**
 * A random unscaled value of DECIMAL(p, s): 'small' below 10^(p/2 - 1) (products and sums stay in
 * range), 'full' any digit count, 'edge' near ±10^p and ±10^37, halves (…5 at the last places).
 */
function decValue(t: DataType, r: () => number, spread: Spread): bigint {
  const p = t.precision!;
  const sign = r() < 0.5 ? -1n : 1n;
  if (spread === 'small') return sign * randBig(r, 10n ** BigInt(Math.max(1, Math.floor(p / 2) - 1)));
  if (spread === 'full') return sign * randBig(r, 10n ** BigInt(Math.floor(r() * (p + 1))));
  const lim = 10n ** BigInt(p);
  const choices = [lim - 1n, lim - 1n - randBig(r, 1000n), 10n ** BigInt(Math.min(37, p - 1)), 5n * 10n ** BigInt(Math.max(0, p - 3)),
    randBig(r, 10n ** BigInt(p - 1)) * 10n + 5n, 0n, 1n, 5n, 15n, 25n];
  return sign * choices[Math.floor(r() * choices.length)]!;
}

function decValues(t: DataType, n: number, r: () => number, nullRate: number, spread: Spread): SqlValue[] {
  return Array.from({ length: n }, () => (r() < nullRate ? null : decValue(t, r, spread)));
}

function nonZero(vs: SqlValue[]): SqlValue[] {
  return vs.map((v) => (v === 0n ? 7n : v));
}

const PAIRS: [DataType, DataType][] = [[D31_4, D31_4], [D38_10, D15_2], [D15_2, D15_2], [D20_2, D38_0], [D15_2, D31_4], [D38_10, D38_10]];
const ARITH: ScalarFunction[] = ['plus', 'minus', 'times', 'divide', 'mod'];

for (const debug of [false, true]) {
  describe(`DECIMAL(p > 18) in the expression VM (${debug ? 'debug' : 'release'} build)`, async () => {
    const w = await loadWasm({ debug });
    const lengths = debug ? [0, 1, 65, 1000] : LENGTHS;

    it('+ - * / % agree with the reference over columns and literals, with and without NULLs', () => {
      const r = rng(11 + (debug ? 1 : 0));
      for (const [ta, tb] of PAIRS) {
        for (const n of lengths) {
          for (const nullRate of [0, 0.2]) {
            const cols = [{ type: ta, values: decValues(ta, n, r, nullRate, 'small') }, { type: tb, values: nonZero(decValues(tb, n, r, nullRate, 'small')) }];
            for (const fn of ARITH) {
              const t = arithType(fn, ta, tb);
              if ((t.precision ?? 0) <= 18 && (ta.precision ?? 0) <= 18 && (tb.precision ?? 0) <= 18) continue;
              const k = lit((decValue(tb, r, 'small') || 3n).toString(), tb);
              const j = lit(decValue(ta, r, 'small').toString(), ta);
              expectAgree(w, [call(fn, t, col(0, ta), col(1, tb))], cols, n);
              expectAgree(w, [call(fn, t, col(0, ta), k)], cols, n);
              expectAgree(w, [call(fn, t, j, col(1, tb))], cols, n);
            }
          }
        }
      }
    });

    it('values near ±10^37 and the precision bound fail exactly when the reference does', () => {
      const r = rng(23 + (debug ? 1 : 0));
      for (let round = 0; round < (debug ? 8 : 40); round++) {
        const n = 1 + Math.floor(r() * 70);
        for (const [ta, tb] of PAIRS) {
          const spread: Spread = round % 2 === 0 ? 'edge' : 'full';
          // No NULLs: aligning an operand's scale fails on its own row even where the other is NULL.
          const cols = [{ type: ta, values: decValues(ta, n, r, 0, spread) }, { type: tb, values: decValues(tb, n, r, 0, spread) }];
          for (const fn of ARITH) {
            // GAP (as for I64 decimals): MOD aligns both operands to the larger scale first, which
            // overflows for a 38-digit operand that the reference divides exactly.
            if (fn === 'mod' && ta.scale !== tb.scale) continue;
            expectAgree(w, [call(fn, arithType(fn, ta, tb), col(0, ta), col(1, tb))], cols, n);
          }
          expectAgree(w, [call('negate', ta, col(0, ta)), call('abs', tb, col(1, tb))], cols, n);
        }
      }
    });

    it('rounds halves away from zero when a product or quotient drops digits', () => {
      // DECIMAL(38, 10) * DECIMAL(38, 10) is DECIMAL(38, 6): 14 digits are rounded off HALF_UP.
      const t = arithType('times', D38_10, D38_10);
      expect(t).toMatchObject({ precision: 38, scale: 6 });
      const a = [5000n, -5000n, 4999n, 15000n, 25000n, -25000n, 123456789n * 10n ** 10n + 5n * 10n ** 3n];
      const b = a.map(() => 10n ** 10n); // 1.0000000000
      const cols = [{ type: D38_10, values: a }, { type: D38_10, values: b }];
      const out = expectAgree(w, [call('times', t, col(0, D38_10), col(1, D38_10))], cols, a.length);
      expect(out.ok && out.columns[0]).toEqual([1n, -1n, 0n, 2n, 3n, -3n, 123456789000001n]);
      const q = expectAgree(w, [call('divide', arithType('divide', D31_4, D31_4), col(0, D31_4), col(1, D31_4))],
        [{ type: D31_4, values: [10000n, -20000n, 5n] }, { type: D31_4, values: [30000n, 30000n, 30000n] }], 3);
      expect(q.ok).toBe(true);
    });

    it('negation, ABS, comparisons, BETWEEN, IN and IS [NOT] DISTINCT FROM', () => {
      const r = rng(37 + (debug ? 1 : 0));
      const B = DataTypes.BOOLEAN();
      for (const n of lengths) {
        for (const spread of ['small', 'full', 'edge'] as Spread[]) {
          const a = decValues(D38_10, n, r, 0.2, spread);
          const b = a.map((v, i) => (i % 3 === 0 ? v : decValue(D38_10, r, spread)));
          const c = decValues(D20_2, n, r, 0.2, spread);
          const cols = [{ type: D38_10, values: a }, { type: D38_10, values: b }, { type: D20_2, values: c }];
          const x = col(0, D38_10);
          const y = col(1, D38_10);
          const z = col(2, D20_2);
          const exprs: ScalarExpr[] = [call('negate', D38_10, x), call('abs', D38_10, x)];
          for (const fn of ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'is_distinct_from', 'is_not_distinct_from'] as ScalarFunction[]) {
            exprs.push(call(fn, B, x, y));
            exprs.push(call(fn, B, z, lit('1234567', D20_2)));
            exprs.push(call(fn, B, lit('-15000000000', D38_10), x));
          }
          exprs.push(call('between', B, x, lit('-10000000000000000', D38_10), y));
          exprs.push(call('in', B, z, lit('0', D20_2), lit('1500', D20_2), lit(c.find((v) => v !== null)?.toString() ?? '1', D20_2), lit(null, D20_2)));
          expectAgree(w, exprs, cols, n);
        }
      }
    });

    it('CASE, COALESCE, IF and NULLIF select 128-bit values', () => {
      const r = rng(41 + (debug ? 1 : 0));
      const B = DataTypes.BOOLEAN();
      for (const n of lengths) {
        const a = decValues(D31_4, n, r, 0.3, 'full');
        const b = decValues(D31_4, n, r, 0.3, 'full');
        const cols = [{ type: D31_4, values: a }, { type: D31_4, values: b }];
        const x = col(0, D31_4);
        const y = col(1, D31_4);
        expectAgree(w, [
          call('case', D31_4, call('gt', B, x, y), x, call('lt', B, x, y), y, lit('-10000', D31_4)),
          call('coalesce', D31_4, x, y, lit('0', D31_4)),
          call('if', D31_4, call('is_null', B, x), y, x),
          call('nullif', D31_4, x, y),
        ], cols, n);
      }
    });

    it('casts between I128 and I64 decimals, integers, DOUBLE and STRING', () => {
      const r = rng(53 + (debug ? 1 : 0));
      const S = DataTypes.STRING();
      for (const n of lengths) {
        for (const spread of ['small', 'full', 'edge'] as Spread[]) {
          const a = decValues(D38_10, n, r, 0.2, spread);
          const cols = [{ type: D38_10, values: a }, { type: D15_2, values: decValues(D15_2, n, r, 0.2, spread) },
            { type: DataTypes.BIGINT(), values: a.map((v) => (v === null ? null : BigInt.asIntN(64, v as bigint))) }];
          const x = col(0, D38_10);
          const narrow = col(1, D15_2);
          const big = col(2, DataTypes.BIGINT());
          const cast = (e: ScalarExpr, t: DataType, fn: ScalarFunction = 'cast') => call(fn, t, e);
          for (const fn of ['cast', 'try_cast'] as ScalarFunction[]) {
            expectAgree(w, [cast(x, D(20, 2), fn)], cols, n);
            expectAgree(w, [cast(x, D(38, 12), fn)], cols, n);
            expectAgree(w, [cast(x, D15_2, fn)], cols, n);
            expectAgree(w, [cast(x, DataTypes.BIGINT(), fn)], cols, n);
            expectAgree(w, [cast(x, DataTypes.INT(), fn)], cols, n);
            expectAgree(w, [cast(narrow, D(30, 6), fn), cast(narrow, D(19, 0), fn), cast(big, D(25, 3), fn), cast(big, D(38, 0), fn)], cols, n);
            expectAgree(w, [cast(cast(x, S), D38_10, fn), cast(cast(x, S), D(30, 3), fn)], cols, n);
          }
          expectAgree(w, [cast(x, S), cast(cast(x, DataTypes.DOUBLE()), D38_10)], cols, n, { tolerance: 1e-12 });
          expectAgree(w, [cast(x, DataTypes.DOUBLE()), cast(x, DataTypes.BOOLEAN())], cols, n, { tolerance: 1e-15 });
        }
      }
    });

    it('parses text with signs, points and exponents, and fails (or is NULL) on bad text', () => {
      const S = DataTypes.STRING();
      const texts = ['0', '-0.5', '1.005', '  12345678901234567890.125  ', '1e20', '-1.5E-3', '.5', '5.', '99999999999999999999999999.9999999999',
        '999999999999999999999999999999999999999', '123456789012345678901234567890123456789012', '0.000000000000000000000000000000000000000000000000006',
        '1e37', '1e38', 'abc', '', '1.2.3', '--1', '1e', '+7', '0000000000000000000000000000000000000000000001.25'];
      for (const t of [D38_10, D38_0, D(30, 2), D20_2]) {
        for (const text of texts) {
          const cols = [{ type: S, values: [text, null] }];
          expectAgree(w, [call('try_cast', t, col(0, S))], cols, 2);
          expectAgree(w, [call('cast', t, col(0, S))], cols, 2);
        }
      }
    });

    it('ROUND, FLOOR, CEIL and SIGN of wide decimals', () => {
      const r = rng(67 + (debug ? 1 : 0));
      for (const n of lengths) {
        for (const spread of ['small', 'full', 'edge'] as Spread[]) {
          const cols = [{ type: D38_10, values: decValues(D38_10, n, r, 0.2, spread) }];
          const x = col(0, D38_10);
          const roundType = (d: number) => (d >= 10 ? D38_10 : decimalType(Math.min(38, 38 - 10 + Math.max(d, 0) + 1), Math.max(d, 0), true));
          const exprs: ScalarExpr[] = [call('floor', roundType(0), x), call('ceil', roundType(0), x), call('sign', D38_10, x)];
          for (const d of [0, 2, 9, 10, 12, -3]) exprs.push(call('round', roundType(d), x, lit(d, DataTypes.INT())));
          expectAgree(w, exprs, cols, n);
        }
      }
    });

    it('overflow raises an ExpressionError naming the expression and the operands', () => {
      const big = (10n ** 37n).toString();
      const cols = [{ type: D38_0, values: [1n, 11n] }];
      const t = arithType('times', D38_0, D38_0);
      const out = engineEvaluate(w, [call('times', t, col(0, D38_0, 'x'), lit(big, D38_0))], cols, 2);
      expect(out.ok).toBe(false);
      if (!out.ok) {
        expect(out.error.name).toBe('ExpressionError');
        expect(out.error.message).toMatch(/overflow in \(x \* 10{37}\) at row 1 \(11 \* 10{37}\)/);
      }
      const div = engineEvaluate(w, [call('divide', arithType('divide', D38_0, D38_0), col(0, D38_0, 'x'), lit('0', D38_0))], cols, 2);
      expect(!div.ok && div.error.message).toMatch(/division by zero in \(x \/ 0\) at row 0/);
      const narrow = engineEvaluate(w, [call('cast', D15_2, col(0, D38_10, 'x'))], [{ type: D38_10, values: [10n ** 30n] }], 1);
      expect(!narrow.ok && narrow.error.message).toMatch(/cannot cast 100000000000000000000\.0000000000 to DECIMAL\(15, 2\): numeric overflow in CAST\(x AS DECIMAL\(15, 2\)\) at row 0/);
    });
  });
}
