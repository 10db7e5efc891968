// SUM/AVG/MIN/MAX/COUNT over DECIMAL columns through the SQL API against the BigInt reference
// (decimal-reference.ts): 64-bit DECIMAL(10, 2) and DECIMAL(18, 0), 128-bit DECIMAL(30, 4) and
// DECIMAL(38, 0) with values near ±10^37; lengths around the 64-row validity words; with and
// without NULLs; grouped (INT key: dense layout; STRING key: hashed) and global; batch sizes
// 1, 7 and 65536. Also the overflow error and the repro of the DECIMAL(10, 2) grouped SUM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal, Int32, Utf8, type Table } from 'apache-arrow';
import { TableEnvironment } from '../../engine/index.js';
import { arrowTable } from '../support/arrow-build.js';
import { arrowRows } from '../support/arrow-rows.js';
import { formatDecimal, type Row } from '../support/values.js';
import { rng } from './aggregate-fixtures.js';
import { referenceDecimalAggregate } from './decimal-reference.js';

interface DecimalCase { precision: number; scale: number; gen: (r: () => number, i: number) => bigint }

const CASES: DecimalCase[] = [
  { precision: 10, scale: 2, gen: (r) => BigInt(Math.floor((r() - 0.5) * 2e9)) },
  { precision: 18, scale: 0, gen: (r) => BigInt(Math.floor((r() - 0.5) * 2e15)) * 1000n + BigInt(Math.floor(r() * 1000)) },
  { precision: 30, scale: 4, gen: (r) => BigInt(Math.floor((r() - 0.5) * 2e15)) * 10n ** 14n + BigInt(Math.floor(r() * 1e14)) },
  // Every 20th value near ±10^37, signs alternating: sums need every bit of the high word but stay
  // below 10^38 (the reference would throw otherwise).
  { precision: 38, scale: 6, gen: (r, i) => i % 20 === 0
    ? ((i / 20) % 2 === 0 ? 1n : -1n) * (10n ** 37n - BigInt(Math.floor(r() * 1e15)))
    : BigInt(Math.floor((r() - 0.5) * 2e15)) * 10n ** 20n },
];
const LENGTHS = [0, 1, 63, 64, 65, 1000];

function dataOf(c: DecimalCase, n: number, nulls: boolean, seed: number): { table: Table; g: (number | null)[]; s: (string | null)[]; a: (bigint | null)[] } {
  const r = rng(seed);
  const a = Array.from({ length: n }, (_, i) => (nulls && r() < 0.25 ? null : c.gen(r, i)));
  const g = Array.from({ length: n }, () => (nulls && r() < 0.1 ? null : Math.floor(r() * 5)));
  const s = g.map((x) => (x === null ? null : `k${x * 7919}`));
  const table = arrowTable({
    g: { type: new Int32(), values: g },
    s: { type: new Utf8(), values: s },
    a: { type: new Decimal(c.scale, c.precision, 128), values: a.map((v) => (v === null ? null : formatDecimal(v, c.scale))) },
  });
  return { table, g, s, a };
}

const byKey = (x: Row, y: Row) => String(x[0]).localeCompare(String(y[0]));

for (const batchSize of [1, 7, 65536]) {
  describe(`aggregates over DECIMAL at batch size ${batchSize}`, () => {
    let env: TableEnvironment;
    beforeAll(async () => { env = await TableEnvironment.create({ batchSize }); });
    afterAll(() => env.close());
    const rows = async (sql: string) => arrowRows(await (await env.executeSql(sql)).toArrow());

    for (const c of CASES) {
      it(`DECIMAL(${c.precision}, ${c.scale}): SUM, AVG, MIN, MAX, COUNT equal the BigInt reference`, async () => {
        for (const n of LENGTHS) {
          for (const nulls of [false, true]) {
            const d = dataOf(c, n, nulls, 7 * n + (nulls ? 1 : 0) + c.precision);
            const t = `t${c.precision}_${n}_${nulls ? 'n' : 'v'}`;
            env.createTemporaryView(t, d.table);
            const aggs = 'SUM(a), AVG(a), MIN(a), MAX(a), COUNT(a), COUNT(*)';
            const global = referenceDecimalAggregate(d.a.map(() => 0), d.a, c.scale).get(0)
              ?? [null, null, null, null, 0n, 0n];
            const where = `n=${n} nulls=${nulls}`;
            expect(await rows(`SELECT ${aggs} FROM ${t}`), where).toEqual([global]);
            for (const key of ['g', 's'] as const) {
              const ref = referenceDecimalAggregate<string | number | null>(d[key], d.a, c.scale);
              const expected = [...ref].map(([k, v]) => [k, ...v] as Row).sort(byKey);
              const got = (await rows(`SELECT ${key}, ${aggs} FROM ${t} GROUP BY ${key}`)).sort(byKey);
              expect(got, `${where} GROUP BY ${key}`).toEqual(expected);
            }
          }
        }
      });
    }

    it('a grouped SUM over DECIMAL(10, 2) is a DECIMAL(38, 2) (the reported repro)', async () => {
      const result = await (await env.executeSql(
        "SELECT g, SUM(a) FROM (VALUES ('x', CAST(1.25 AS DECIMAL(10,2))), ('y', CAST(2 AS DECIMAL(10,2)))) AS t(g,a) GROUP BY g")).toArrow();
      expect(String(result.schema.fields[1]!.type)).toBe('Decimal[38e+2]');
      expect(arrowRows(result).sort(byKey)).toEqual([['x', '1.25'], ['y', '2']]);
    });

    it('AVG rounds half away from zero at scale max(6, s)', async () => {
      const values = ['0.0000001', '0', '0.0000002', '-0.0000001', '0', '-0.0000002'];
      env.createTemporaryView('h', arrowTable({
        g: { type: new Int32(), values: [1, 1, 2, 3, 3, 4] },
        a: { type: new Decimal(7, 20, 128), values },
      }));
      // AVG(DECIMAL(20, 7)) keeps scale 7: 0.00000005 rounds up to 0.0000001, -0.00000005 down to -0.0000001.
      expect((await rows('SELECT g, AVG(a) FROM h GROUP BY g')).sort(byKey))
        .toEqual([[1, '0.0000001'], [2, '0.0000002'], [3, '-0.0000001'], [4, '-0.0000002']]);
      expect(String((await (await env.executeSql('SELECT AVG(a) FROM h')).toArrow()).schema.fields[0]!.type)).toBe('Decimal[38e+7]');
      env.createTemporaryView('h2', arrowTable({
        g: { type: new Int32(), values: [1, 1, 2, 2, 3, 3, 3] },
        a: { type: new Decimal(0, 12, 128), values: ['1', '0', '-1', '0', '1', '1', '0'] },
      }));
      expect((await rows('SELECT g, AVG(a) FROM h2 GROUP BY g')).sort(byKey))
        .toEqual([[1, '0.5'], [2, '-0.5'], [3, '0.666667']]);
    });

    it('a SUM beyond 38 digits fails with "SUM overflowed DECIMAL(38, s)", grouped and global', async () => {
      const big = '9' + '0'.repeat(33) + '.0000'; // 9 * 10^37 at scale 4: two of them overflow
      env.createTemporaryView('o', arrowTable({
        g: { type: new Int32(), values: [1, 1, 2] },
        a: { type: new Decimal(4, 38, 128), values: [big, big, '1'] },
      }));
      await expect(rows('SELECT g, SUM(a) FROM o GROUP BY g')).rejects.toThrow('SUM overflowed DECIMAL(38, 4)');
      await expect(rows('SELECT SUM(a) FROM o')).rejects.toThrow('SUM overflowed DECIMAL(38, 4)');
      await expect(rows('SELECT AVG(a) FROM o')).rejects.toThrow('SUM overflowed DECIMAL(38, 4)');
      expect(await rows('SELECT MAX(a), MIN(a), COUNT(a) FROM o')).toEqual([['9' + '0'.repeat(33), '1', 3n]]);
      // AVG(DECIMAL(38, 0)) is a DECIMAL(38, 6): an average of 10^37 does not fit it.
      env.createTemporaryView('o2', arrowTable({ a: { type: new Decimal(0, 38, 128), values: ['1' + '0'.repeat(37), '1' + '0'.repeat(31)] } }));
      await expect(rows('SELECT AVG(a) FROM o2')).rejects.toThrow('AVG overflowed DECIMAL(38, 6)');
      expect(await rows('SELECT SUM(a) FROM o2')).toEqual([[String(10n ** 37n + 10n ** 31n)]]);
    });
  });
}
