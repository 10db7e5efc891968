import { describe, expect, it } from 'vitest';
import { loadWasm } from '../../bindings/node.js';
import { type DataType, DataTypes } from '../../engine/types/data-type.js';
import { call, col, lit } from './exprs.js';
import { LENGTHS, randomValues, rng } from './gen.js';
import { engineEvaluate, expectAgree } from './harness.js';

const B = DataTypes.BOOLEAN();
const I = DataTypes.INT();
const S = DataTypes.STRING();
const D = DataTypes.DOUBLE();

for (const debug of [false, true]) {
  describe(`CASE, IF, COALESCE, NULLIF, IN, BETWEEN (${debug ? 'debug' : 'release'} build)`, async () => {
    const w = await loadWasm({ debug });
    const lengths = debug ? [0, 1, 65, 1100] : LENGTHS;

    const types: DataType[] = [I, DataTypes.BIGINT(), D, S, B, DataTypes.DECIMAL(8, 2)];
    for (const t of types) {
      it(`${t.name}: CASE/IF/COALESCE/NULLIF agree with the reference`, () => {
        const r = rng(31 + t.name.length);
        for (const n of lengths) {
          for (const nullRate of [0, 0.3]) {
            const cols = [
              { type: B, values: randomValues(B, n, r, nullRate) },
              { type: B, values: randomValues(B, n, r, nullRate) },
              { type: t, values: randomValues(t, n, r, nullRate) },
              { type: t, values: randomValues(t, n, r, nullRate) },
              { type: t, values: randomValues(t, n, r, nullRate) },
            ];
            const [c1, c2, a, b, c] = [col(0, B), col(1, B), col(2, t), col(3, t), col(4, t)];
            expectAgree(w, [
              call('case', t, c1, a, c2, b, c),
              call('case', t, c1, a, c2, b),
              call('case', t, c1, a),
              call('if', t, c1, a, b),
              call('coalesce', t, a, b),
              call('coalesce', t, a, b, c),
              call('nullif', t, a, b),
              call('case', t, call('is_null', B, a), b, a),
            ], cols, n);
          }
        }
      });
    }

    it('CASE and COALESCE are lazy: an error in a branch not taken is not raised', () => {
      const x = col(0, I, 'x');
      const div = call('divide', I, lit(100, I), x);
      const exprs = [
        call('case', I, call('eq', B, x, lit(0, I)), lit(-1, I), div),
        call('case', I, call('ne', B, x, lit(0, I)), div, lit(0, I)),
        call('if', I, call('ne', B, x, lit(0, I)), div, lit(null, I)),
        call('coalesce', I, call('nullif', I, x, lit(0, I)), lit(7, I)),
        call('coalesce', I, x, div),
        call('case', I, call('gt', B, div, lit(10, I)), lit(1, I), lit(2, I)), // WHEN raises: x = 0 reaches it
      ];
      const cols = [{ type: I, values: [0, 5, null, 20, 0] }];
      expect(expectAgree(w, exprs.slice(0, 5), cols, 5).ok).toBe(true);
      const failing = engineEvaluate(w, [exprs[5]!], cols, 5);
      expect(failing.ok).toBe(false);
      expect((failing as { error: Error }).error.message).toBe('division by zero in (100 / x) at row 0 (100 / 0)');
      // The second WHEN only runs where the first is not TRUE.
      const guarded = call('case', I, call('eq', B, x, lit(0, I)), lit(0, I), call('gt', B, div, lit(10, I)), lit(1, I), lit(2, I));
      expect(expectAgree(w, [guarded], cols, 5).ok).toBe(true);
    });

    for (const t of [I, DataTypes.BIGINT(), D, S, DataTypes.DECIMAL(6, 1), DataTypes.DATE()]) {
      it(`${t.name}: IN with short and long literal lists (NULL and NaN in lists), IN with columns, BETWEEN`, () => {
        const r = rng(53 + t.name.length);
        for (const n of lengths) {
          for (const nullRate of [0, 0.25]) {
            const a = randomValues(t, n, r, nullRate, 'extreme');
            const lo = randomValues(t, n, r, nullRate);
            const hi = randomValues(t, n, r, nullRate);
            const cols = [{ type: t, values: a }, { type: t, values: lo }, { type: t, values: hi }];
            const pool = randomValues(t, 40, r, 0, 'extreme').concat(a.slice(0, 10).filter((v) => v !== null));
            const lits = pool.map((v) => lit(typeof v === 'bigint' ? v.toString() : (typeof v === 'number' && (Number.isNaN(v) || !Number.isFinite(v) || Object.is(v, -0))) ? String(v) : v as number | string, t));
            const x = col(0, t);
            expectAgree(w, [
              call('in', B, x, ...lits.slice(0, 3)),
              call('in', B, x, ...lits),
              call('in', B, x, ...lits.slice(0, 5), lit(null, t)),
              call('in', B, x, col(1, t), col(2, t), lits[0]!),
              call('between', B, x, col(1, t), col(2, t)),
              call('between', B, x, lits[0]!, lits[1]!),
            ], cols, n);
          }
        }
      });
    }

    it('IN over a DICT column and an empty string', () => {
      const r = rng(9);
      const vals = randomValues(S, 500, r, 0.2);
      expectAgree(w, [call('in', B, col(0, S), lit('', S), lit('abc', S), lit('日本語', S))], [{ type: S, values: vals, dict: true }], 500);
    });
  });
}
