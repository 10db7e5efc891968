import { describe, expect, it } from 'vitest';
import { loadWasm } from '../../bindings/node.js';
import type { ScalarFunction } from '../../engine/logical/expression.js';
import { type DataType, DataTypes } from '../../engine/types/data-type.js';
import { daysFromCivil, formatDate } from '../reference/scalar-eval-datetime.js';
import { call, col, lit } from './exprs.js';
import { LENGTHS, randomValues, rng } from './gen.js';
import { engineEvaluate, expectAgree } from './harness.js';

const I = DataTypes.INT();
const L = DataTypes.BIGINT();
const D = DataTypes.DOUBLE();
const DATE = DataTypes.DATE();
const FIELDS = ['year', 'month', 'day', 'hour', 'minute', 'second', 'dow', 'doy', 'quarter', 'week', 'epoch'];
const UNITS = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'];

for (const debug of [false, true]) {
  describe(`dates, times and math (${debug ? 'debug' : 'release'} build)`, async () => {
    const w = await loadWasm({ debug });
    const lengths = debug ? [0, 1, 65, 1100] : LENGTHS;

    for (const t of [DATE, DataTypes.TIMESTAMP(3), DataTypes.TIMESTAMP(6)]) {
      it(`${t.name}(${t.precision ?? ''}): extract_*, date_trunc_*, and adding days or milliseconds`, () => {
        const r = rng(97 + (t.precision ?? 0));
        for (const n of lengths) {
          for (const nullRate of [0, 0.2]) {
            const values = randomValues(t, n, r, nullRate, 'extreme');
            const steps = randomValues(I, n, r, nullRate);
            const cols = [{ type: t, values }, { type: I, values: steps }, { type: L, values: steps.map((s) => (s === null ? null : BigInt(s as number) * 86399999n)) }];
            const x = col(0, t);
            const exprs = [
              ...FIELDS.map((f) => call(`extract_${f}` as ScalarFunction, L, x)),
              call('extract_year', I, x),
              ...UNITS.map((u) => call(`date_trunc_${u}` as ScalarFunction, t, x)),
            ];
            if (t.name === 'DATE') exprs.push(call('date_add_days', DATE, x, col(1, I)), call('date_trunc_month', DataTypes.TIMESTAMP(3), x));
            else exprs.push(call('timestamp_add_millis', t, x, col(2, L)));
            expectAgree(w, exprs, cols, n);
          }
        }
      });
    }

    it('calendar edge cases: leap years, year ends, ISO weeks, dates before 1970', () => {
      const dates = [
        [2020, 2, 29], [2021, 1, 1], [2020, 12, 31], [2021, 1, 3], [2021, 1, 4], [2026, 12, 31], [1969, 12, 31], [1900, 3, 1],
        [1600, 2, 29], [1, 1, 1], [2004, 12, 27], [2005, 1, 2], [2008, 12, 29], [2010, 1, 3], [9999, 12, 31],
      ].map(([y, m, d]) => daysFromCivil(y!, m!, d!));
      const x = col(0, DATE);
      const out = expectAgree(w, [...FIELDS.map((f) => call(`extract_${f}` as ScalarFunction, f === 'epoch' ? L : I, x)), call('cast', DataTypes.STRING(), x)], [{ type: DATE, values: dates }], dates.length);
      expect(out.ok && out.columns[FIELDS.length]![0]).toBe('2020-02-29');
      expect(formatDate(daysFromCivil(2021, 1, 4))).toBe('2021-01-04');
    });

    it('date_add_days overflow is an error', () => {
      const out = engineEvaluate(w, [call('date_add_days', DATE, col(0, DATE, 'd'), lit(1, I))], [{ type: DATE, values: [2147483647] }], 1);
      expect((out as { error: Error }).error.message).toBe('integer overflow in DATE_ADD_DAYS(d, 1) at row 0 (2147483647 + 1)');
    });

    const MATH: ScalarFunction[] = ['floor', 'ceil', 'sqrt', 'ln', 'exp', 'sign', 'round'];
    it('DOUBLE: floor, ceil, sqrt, ln, exp, sign, round, power (NaN, -0, Infinity included)', () => {
      const r = rng(101);
      for (const n of lengths) {
        for (const nullRate of [0, 0.2]) {
          const values = randomValues(D, n, r, nullRate, r() < 0.5 ? 'small' : 'extreme');
          const digits = randomValues(I, n, r, nullRate).map((v) => (v === null ? null : (v as number) % 5));
          const cols = [{ type: D, values }, { type: I, values: digits }, { type: D, values: values.map((v) => (v === null ? null : (v as number) / 7)) }];
          const x = col(0, D);
          expectAgree(w, [
            ...MATH.map((f) => call(f, D, x)),
            call('round', D, x, lit(2, I)), call('round', D, x, lit(-1, I)), call('round', D, x, col(1, I)),
            call('power', D, x, col(2, D)), call('power', D, x, lit(2, I)),
          ], cols, n, { tolerance: 1e-15 });
        }
      }
    });

    it('ROUND is HALF_UP on the shortest decimal (2.675 → 2.68, -2.5 → -3)', () => {
      const out = engineEvaluate(w, [call('round', D, col(0, D), lit(2, I)), call('round', D, col(0, D))], [{ type: D, values: [2.675, -2.5, 1.005, 0.125, -0.0049] }], 5);
      expect(out).toEqual({ ok: true, columns: [[2.68, -2.5, 1.01, 0.13, -0], [3, -3, 1, 0, -0]] });
    });

    for (const t of [I, L, DataTypes.DECIMAL(9, 3), DataTypes.DECIMAL(12, 0)] as DataType[]) {
      it(`${t.name}: floor, ceil, sign, round with literal digits`, () => {
        const r = rng(7 + t.name.length);
        const n = debug ? 200 : 1000;
        const values = randomValues(t, n, r, 0.2, 'small');
        const x = col(0, t);
        const dec = t.name === 'DECIMAL';
        const whole = dec ? DataTypes.DECIMAL(t.precision!, 0) : t;
        expectAgree(w, [
          call('floor', whole, x), call('ceil', whole, x), call('sign', t, x),
          call('round', t, x), call('round', t, x, lit(1, I)), call('round', t, x, lit(-1, I)),
          call('round', dec ? DataTypes.DECIMAL(t.precision!, 1) : t, x, lit(1, I)),
          call('sqrt', D, x), call('ln', D, x), call('exp', D, call('cast', D, x)),
        ], [{ type: t, values }], n, { tolerance: 1e-15 });
      });
    }
  });
}
