// Differential: SUM and AVG of DECIMAL(15, 2) (64-bit in weir) and DECIMAL(31, 4) (128-bit)
// columns, grouped and global, against DuckDB on the same Arrow table. SUM compares exactly;
// DuckDB's AVG of a DECIMAL is a DOUBLE, so AVG (weir: DECIMAL(38, 6), rounded half up) compares
// within the rounding of both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal, Int32, type Table } from 'apache-arrow';
import { TableEnvironment } from '../../engine/index.js';
import { arrowTable } from '../support/arrow-build.js';
import { arrowRows } from '../support/arrow-rows.js';
import { duckdbQuery } from '../support/duckdb.js';
import { formatDecimal, type Row } from '../support/values.js';
import { rng } from './aggregate-fixtures.js';

function decimalTable(n: number, seed: number): Table {
  const r = rng(seed);
  const cents = (digits: number) => BigInt(Math.floor((r() - 0.5) * 10 ** Math.min(digits, 15))) * 10n ** BigInt(Math.max(0, digits - 15));
  return arrowTable({
    k: { type: new Int32(), values: Array.from({ length: n }, () => (r() < 0.05 ? null : Math.floor(r() * 40))) },
    m: { type: new Decimal(2, 15, 128), values: Array.from({ length: n }, () => (r() < 0.1 ? null : formatDecimal(cents(15), 2))) },
    w: { type: new Decimal(4, 31, 128), values: Array.from({ length: n }, () => (r() < 0.1 ? null : formatDecimal(cents(31) + BigInt(Math.floor(r() * 1e4)), 4))) },
  });
}

const SQL = {
  grouped: 'SELECT k, SUM(m), SUM(w), AVG(m), AVG(w), COUNT(m) FROM t GROUP BY k ORDER BY k NULLS FIRST',
  global: 'SELECT SUM(m), SUM(w), AVG(m), AVG(w), COUNT(m) FROM t',
};

/** Sums exactly; averages as numbers (weir's DECIMAL(38, 6) text vs DuckDB's DOUBLE). */
function expectSame(got: Row[], expected: Row[], avgCols: number[]): void {
  expect(got.length).toBe(expected.length);
  got.forEach((row, i) => {
    const exp = expected[i]!;
    row.forEach((v, c) => {
      if (!avgCols.includes(c) || v === null || exp[c] === null) return void expect(v, `row ${i} col ${c}`).toEqual(exp[c]);
      const a = Number(v);
      const b = Number(exp[c]);
      expect(Math.abs(a - b), `row ${i} col ${c}: ${String(v)} vs ${String(exp[c])}`).toBeLessThanOrEqual(Math.max(5e-7, Math.abs(b) * 1e-13));
    });
  });
}

describe('SUM/AVG over DECIMAL(15, 2) and DECIMAL(31, 4) against DuckDB', () => {
  let env: TableEnvironment;
  beforeAll(async () => { env = await TableEnvironment.create({ batchSize: 1000 }); });
  afterAll(() => env.close());

  for (const n of [0, 1, 65, 5000]) {
    it(`${n} rows`, async () => {
      const t = decimalTable(n, 17 + n);
      env.createTemporaryView(`t${n}`, t);
      for (const [shape, sql] of Object.entries(SQL)) {
        const got = arrowRows(await (await env.executeSql(sql.replace('FROM t', `FROM t${n}`))).toArrow());
        const expected = await duckdbQuery(sql, { t });
        const avgCols = shape === 'grouped' ? [3, 4] : [2, 3];
        expectSame(got, expected, avgCols);
      }
    });
  }
});
