import { describe, expect, it } from 'vitest';
import { loadWasm } from '../../bindings/node.js';
import type { ScalarFunction } from '../../engine/logical/expression.js';
import { type DataType, DataTypes } from '../../engine/types/data-type.js';
import { call, col, lit } from './exprs.js';
import { LENGTHS, randomValue, randomValues, rng } from './gen.js';
import { expectAgree } from './harness.js';

const CMP: ScalarFunction[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'is_distinct_from', 'is_not_distinct_from'];
const TYPES: DataType[] = [
  DataTypes.BOOLEAN(), DataTypes.INT(), DataTypes.SMALLINT(), DataTypes.BIGINT(), DataTypes.DOUBLE(), DataTypes.STRING(),
  DataTypes.DECIMAL(9, 2), DataTypes.DATE(), DataTypes.TIMESTAMP(3), DataTypes.TIMESTAMP(6),
];
const B = DataTypes.BOOLEAN();

function literalOf(v: unknown, type: DataType) {
  if (typeof v === 'bigint') return lit(v.toString(), type);
  if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return lit(String(v), type);
  return lit(v as number | string | boolean, type);
}

for (const debug of [false, true]) {
  describe(`comparisons and logic (${debug ? 'debug' : 'release'} build)`, async () => {
    const w = await loadWasm({ debug });
    const lengths = debug ? [0, 1, 65, 1100] : LENGTHS;

    for (const type of TYPES) {
      it(`${type.name}${type.precision ? `(${type.precision})` : ''}: comparisons with columns and literals on either side`, () => {
        const r = rng(11 + type.name.length);
        for (const n of lengths) {
          for (const nullRate of [0, 0.3]) {
            const a = randomValues(type, n, r, nullRate, 'extreme');
            // Half of b copies a, so equality happens often.
            const b = randomValues(type, n, r, nullRate, 'extreme').map((v, i) => (r() < 0.5 ? a[i]! : v));
            const cols = [{ type, values: a }, { type, values: b }, { type, values: a, dict: true }];
            const k = literalOf(randomValue(type, r, 'extreme'), type);
            const exprs = CMP.flatMap((fn) => [
              call(fn, B, col(0, type), col(1, type)),
              call(fn, B, col(0, type), k),
              call(fn, B, k, col(1, type)),
            ]);
            expectAgree(w, exprs, type.name === 'STRING' ? cols : cols.slice(0, 2), n);
            if (type.name === 'STRING') expectAgree(w, CMP.map((fn) => call(fn, B, col(2, type), k)), cols, n);
          }
        }
      });
    }

    it('DOUBLE: NaN equals NaN and is the greatest, -0 equals 0', () => {
      const d = DataTypes.DOUBLE();
      const vals = [NaN, -0, 0, Infinity, -Infinity, 1, NaN, null];
      const a = vals.flatMap((x) => vals.map(() => x));
      const b = vals.flatMap(() => vals);
      const out = expectAgree(w, CMP.map((fn) => call(fn, B, col(0, d), col(1, d))), [{ type: d, values: a }, { type: d, values: b }], a.length);
      expect(out.ok).toBe(true);
      const nanLit = CMP.slice(0, 6).map((fn) => call(fn, B, col(0, d), lit('NaN', d)));
      expectAgree(w, nanLit, [{ type: d, values: a }], a.length);
    });

    it('mixed comparison types are aligned (INT vs BIGINT, DECIMAL scales, DATE vs TIMESTAMP)', () => {
      const r = rng(3);
      const n = 300;
      const i = DataTypes.INT(); const l = DataTypes.BIGINT(); const d2 = DataTypes.DECIMAL(9, 2); const d4 = DataTypes.DECIMAL(12, 4);
      const dt = DataTypes.DATE(); const ts = DataTypes.TIMESTAMP(3);
      const cols = [
        { type: i, values: randomValues(i, n, r, 0.1) }, { type: l, values: randomValues(l, n, r, 0.1) },
        { type: d2, values: randomValues(d2, n, r, 0.1) }, { type: d4, values: randomValues(d4, n, r, 0.1) },
        { type: dt, values: randomValues(dt, n, r, 0.1) }, { type: ts, values: randomValues(ts, n, r, 0.1) },
      ];
      expectAgree(w, [
        call('lt', B, col(0, i), col(1, l)), call('eq', B, col(2, d2), col(3, d4)), call('ge', B, col(2, d2), col(0, i)),
        call('le', B, col(4, dt), col(5, ts)), call('gt', B, col(2, d2), lit('15', DataTypes.DECIMAL(2, 1))),
        call('lt', B, col(0, i), lit(2.5, DataTypes.DOUBLE())),
      ], cols, n);
    });

    it('AND, OR (n-ary), NOT, IS [NOT] NULL, IS TRUE/FALSE: three-valued', () => {
      const r = rng(17);
      for (const n of lengths) {
        for (const nullRate of [0, 0.35]) {
          const cols = [0, 1, 2].map(() => ({ type: B, values: randomValues(B, n, r, nullRate) }));
          const [x, y, z] = [col(0, B), col(1, B), col(2, B)];
          expectAgree(w, [
            call('and', B, x, y), call('or', B, x, y), call('and', B, x, y, z), call('or', B, x, y, z),
            call('not', B, x), call('is_null', B, x), call('is_not_null', B, y), call('is_true', B, z), call('is_false', B, z),
            call('and', B, x, lit(null, B)), call('or', B, lit(null, B), y), call('and', B, call('not', B, x), call('or', B, y, z)),
          ], cols, n);
        }
      }
    });

    it('IS NULL of every kind', () => {
      const r = rng(23);
      const types = [DataTypes.INT(), DataTypes.DOUBLE(), DataTypes.STRING(), DataTypes.BIGINT()];
      const cols = types.map((t) => ({ type: t, values: randomValues(t, 130, r, 0.3) }));
      expectAgree(w, types.map((t, i) => call('is_null', B, col(i, t))), cols, 130);
    });

    it('the right side of AND/OR only fails on rows that reach it', () => {
      const t = DataTypes.INT();
      const x = col(0, t, 'x');
      const safe = call('and', B, call('ne', B, x, lit(0, t)), call('gt', B, call('divide', t, lit(10, t), x), lit(1, t)));
      const safeOr = call('or', B, call('eq', B, x, lit(0, t)), call('gt', B, call('divide', t, lit(10, t), x), lit(1, t)));
      const out = expectAgree(w, [safe, safeOr], [{ type: t, values: [0, 5, 20, null, 0] }], 5);
      expect(out.ok).toBe(true);
      const unsafe = call('and', B, call('gt', B, call('divide', t, lit(10, t), x), lit(1, t)), call('ne', B, x, lit(0, t)));
      expect(expectAgree(w, [unsafe], [{ type: t, values: [0, 5] }], 2).ok).toBe(false);
    });
  });
}
