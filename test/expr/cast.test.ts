import { describe, expect, it } from 'vitest';
import { loadWasm } from '../../bindings/node.js';
import { type DataType, DataTypes } from '../../engine/types/data-type.js';
import { formatValue } from '../reference/scalar-eval-cast.js';
import type { SqlValue } from '../reference/scalar-eval-values.js';
import { call, col, lit } from './exprs.js';
import { randomValues, rng, STRING_POOL } from './gen.js';
import { engineEvaluate, expectAgree } from './harness.js';

const S = DataTypes.STRING();
const NUMERIC: DataType[] = [
  DataTypes.TINYINT(), DataTypes.SMALLINT(), DataTypes.INT(), DataTypes.BIGINT(), DataTypes.FLOAT(), DataTypes.DOUBLE(),
  DataTypes.DECIMAL(5, 2), DataTypes.DECIMAL(18, 4), DataTypes.DECIMAL(10, 0), DataTypes.BOOLEAN(),
];
const ALL: DataType[] = [...NUMERIC, DataTypes.DATE(), DataTypes.TIMESTAMP(3), DataTypes.TIMESTAMP(6), S];

function castable(from: DataType, to: DataType): boolean {
  const temporal = (t: DataType) => t.name === 'DATE' || t.name === 'TIMESTAMP';
  if (from.name === 'STRING' || to.name === 'STRING') return true;
  if (temporal(from) || temporal(to)) return temporal(from) && temporal(to);
  return true;
}

for (const debug of [false, true]) {
  describe(`CAST and TRY_CAST (${debug ? 'debug' : 'release'} build)`, async () => {
    const w = await loadWasm({ debug });
    const n = debug ? 300 : 1000;

    for (const from of ALL) {
      it(`from ${from.name}${from.precision ? `(${from.precision})` : ''} to every type`, () => {
        const r = rng(61 + from.name.length + (from.precision ?? 0));
        const values = randomValues(from, n, r, 0.1, 'extreme');
        for (const to of ALL) {
          if (!castable(from, to)) continue;
          const x = col(0, from);
          // TRY_CAST always compares value by value; CAST must fail exactly when the reference does.
          expectAgree(w, [call('try_cast', to, x)], [{ type: from, values }], n);
          expectAgree(w, [call('cast', to, x)], [{ type: from, values: values.slice(0, 64) }], Math.min(64, n));
        }
      });
    }

    it('from STRING: rendered values read back, malformed text fails, spaces are trimmed', () => {
      const r = rng(7);
      for (const to of ALL) {
        const rendered = randomValues(to, 200, r, 0, 'extreme').map((v) => formatValue(v, to));
        const text = [...rendered, ...STRING_POOL, ' 12 ', '+7', '-0', '1e3', '1.5e-2', '.5', '5.', 'TRUE', 'no', ' yes ', '2020-02-29',
          '2021-02-29', '2020-1-5', '2020-01-01 12:34:56.789123', '2020-01-01T00:00', '1970-01-01 24:00:00', '99999999999999999999',
          '-9223372036854775808', '9223372036854775808', '1.23456789012345678901234567890', 'NaN', '-Infinity', '0x10', '1_000'];
        expectAgree(w, [call('try_cast', to, col(0, S))], [{ type: S, values: text }], text.length);
      }
    });

    it('DOUBLE and FLOAT render with the shortest digits in Java layout', () => {
      const r = rng(13);
      const d = DataTypes.DOUBLE();
      const special = [0.1, 0.2, 0.3, 1 / 3, 2 / 3, 1e7, 9999999.999, 1e-3, 0.00099999, 123456789012345680000, 5e-324, 2.2250738585072014e-308,
        1.7976931348623157e308, 9007199254740993, 4.35, 100, 1e21, 1e22, 1e23, 123e-20, -0, 0, NaN, Infinity, -Infinity, 2 ** 53, 2 ** 60];
      const randomBits = Array.from({ length: debug ? 200 : 2000 }, () => {
        const b = new DataView(new ArrayBuffer(8));
        b.setUint32(0, Math.floor(r() * 2 ** 32));
        b.setUint32(4, Math.floor(r() * 2 ** 32));
        return b.getFloat64(0);
      });
      const scaled = Array.from({ length: 500 }, () => Math.round(r() * 1e6) / 10 ** Math.floor(r() * 8));
      const values = [...special, ...randomBits, ...scaled];
      const out = engineEvaluate(w, [call('cast', S, col(0, d)), call('cast', S, call('cast', DataTypes.FLOAT(), col(0, d)))], [{ type: d, values }], values.length);
      expect(out.ok).toBe(true);
      const [doubles, floats] = (out as { columns: SqlValue[][] }).columns;
      values.forEach((v, i) => {
        expect(doubles![i], `double ${v}`).toBe(formatValue(v, d));
        expect(floats![i], `float ${Math.fround(v)}`).toBe(formatValue(Math.fround(v), DataTypes.FLOAT()));
      });
    });

    it('DOUBLE parses correctly rounded, long and hard inputs included', () => {
      const r = rng(19);
      const d = DataTypes.DOUBLE();
      const texts: string[] = ['0.1', '1e23', '8.98846567431158e307', '2.2250738585072011e-308', '2.2250738585072012e-308', '4.9e-324',
        '2.4703282292062327e-324', '2.4703282292062328e-324', '1.7976931348623158e308', '1.7976931348623159e308', '1e309', '1e-400',
        '9007199254740993', '9007199254740992.5', '0.30000000000000004', '123456789012345678901234567890', '-0.0', '00012.500',
        '1.00000000000000011102230246251565404236316680908203125', '1.00000000000000011102230246251565404236316680908203124',
        '1.00000000000000011102230246251565404236316680908203126'];
      for (let k = 0; k < (debug ? 200 : 2000); k++) {
        const b = new DataView(new ArrayBuffer(8));
        b.setUint32(0, Math.floor(r() * 2 ** 32));
        b.setUint32(4, Math.floor(r() * 2 ** 32));
        const x = b.getFloat64(0);
        if (!Number.isFinite(x)) continue;
        texts.push(String(x), x.toExponential(20), x.toPrecision(19));
      }
      const out = engineEvaluate(w, [call('cast', d, col(0, S))], [{ type: S, values: texts }], texts.length);
      expect(out.ok).toBe(true);
      const parsed = (out as { columns: SqlValue[][] }).columns[0]!;
      texts.forEach((t, i) => expect(Object.is(parsed[i], Number(t)) || (Number.isNaN(parsed[i] as number) && Number.isNaN(Number(t))), `${t} → ${parsed[i]}`).toBe(true));
    });

    it('a failing CAST names the value, the target type, the expression and the row', () => {
      const bad = engineEvaluate(w, [call('cast', DataTypes.INT(), col(0, S, 's'))], [{ type: S, values: ['12', 'abc'] }], 2);
      expect((bad as { error: Error }).error.message).toBe("cannot cast 'abc' to INT in CAST(s AS INT) at row 1");
      const big = engineEvaluate(w, [call('cast', DataTypes.TINYINT(), col(0, DataTypes.INT(), 'i'))], [{ type: DataTypes.INT(), values: [300] }], 1);
      expect((big as { error: Error }).error.message).toBe('cannot cast 300 to TINYINT in CAST(i AS TINYINT) at row 0');
      const nan = engineEvaluate(w, [call('cast', DataTypes.BIGINT(), col(0, DataTypes.DOUBLE(), 'd'))], [{ type: DataTypes.DOUBLE(), values: [1.5, NaN] }], 2);
      expect((nan as { error: Error }).error.message).toBe('cannot cast NaN to BIGINT in CAST(d AS BIGINT) at row 1');
      const dec = engineEvaluate(w, [call('cast', DataTypes.DECIMAL(4, 2), col(0, DataTypes.DECIMAL(8, 3), 'x'))], [{ type: DataTypes.DECIMAL(8, 3), values: [12345n, 123456n] }], 2);
      expect((dec as { error: Error }).error.message).toBe('cannot cast 123.456 to DECIMAL(4, 2): numeric overflow in CAST(x AS DECIMAL(4, 2)) at row 1');
    });

    it('literal casts fold at compile time and agree', () => {
      expectAgree(w, [
        call('cast', DataTypes.BIGINT(), lit(5, DataTypes.INT())),
        call('cast', DataTypes.DOUBLE(), lit('1234', DataTypes.DECIMAL(6, 2))),
        call('cast', DataTypes.INT(), lit('42', S)),
        call('try_cast', DataTypes.INT(), lit('x', S)),
        call('cast', S, lit(2.5, DataTypes.DOUBLE())),
      ], [{ type: S, values: ['a', 'b'] }], 2);
    });
  });
}
