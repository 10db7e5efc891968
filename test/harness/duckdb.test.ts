import { Float64, Int32, Int64, Utf8 } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { arrowTable } from '../support/arrow-build.js';
import { arrowRows } from '../support/arrow-rows.js';
import { compareRows, expectSameRows } from '../support/compare.js';
import { duckdbQuery } from '../support/duckdb.js';
import { generateJoinTables, generateTable, type ColumnSpec, type GenType } from '../support/generate.js';
import type { Row, Value } from '../support/values.js';

const TYPES: GenType[] = ['bool', 'int8', 'int16', 'int32', 'int64', 'float32', 'float64', 'utf8', 'dict-utf8', 'decimal', 'date32', 'timestamp-ms', 'timestamp-us'];
const columns: ColumnSpec[] = TYPES.map((type) => ({ name: type.replace('-', '_'), type }));

describe('duckdbQuery', () => {
  it('loads every generated type exactly (NaN, -0, extremes, nulls, empty strings)', async () => {
    const table = generateTable({ rows: 300, seed: 11, columns });
    const rows = await duckdbQuery('SELECT * FROM t', { t: table });
    // DuckDB returns the table in insertion order; compare exactly, -0 included.
    expectSameRows(rows, arrowRows(table), { ordered: true, floatTolerance: 0, signedZero: true });
  });

  it('returns typed values: number for INT, bigint for BIGINT and sums, text for DECIMAL, days for DATE, micros for TIMESTAMP', async () => {
    const rows = await duckdbQuery(
      "SELECT 1::INTEGER, 2::BIGINT, sum(x), 1.50::DECIMAL(10, 2), DATE '1970-01-03', TIMESTAMP '1970-01-01 00:00:01.5', 'é', NULL, true, 'NaN'::DOUBLE FROM t",
      { t: arrowTable({ x: { type: new Int32(), values: [1, 2] } }) },
    );
    expect(rows).toEqual([[1, 2n, 3n, '1.5', 2, 1_500_000n, 'é', null, true, NaN]]);
  });

  it('answers aggregates like a plain reference over the same rows', async () => {
    const table = generateTable({
      rows: 1000,
      seed: 12,
      columns: [
        { name: 'k', type: 'utf8', distinct: 20 },
        { name: 'v', type: 'int32', special: false },
      ],
    });
    const expected = new Map<Value, { n: number; s: number }>();
    for (const [k, v] of arrowRows(table)) {
      const acc = expected.get(k!) ?? { n: 0, s: 0 };
      if (v !== null) {
        acc.n++;
        acc.s += v as number;
      }
      expected.set(k!, acc);
    }
    const reference: Row[] = [...expected].map(([k, a]) => [k, BigInt(a.n), a.n === 0 ? null : BigInt(a.s)]);
    const actual = await duckdbQuery('SELECT k, count(v), sum(v) FROM t GROUP BY k', { t: table });
    expectSameRows(actual, reference);
  });

  it('joins generated tables like a nested-loop reference (nulls never match)', async () => {
    const { left, right } = generateJoinTables({ seed: 13, leftRows: 120, rightRows: 80, keyType: 'utf8' });
    const reference: Row[] = [];
    for (const l of arrowRows(left)) {
      for (const r of arrowRows(right)) if (l[0] !== null && l[0] === r[0]) reference.push([l[1]!, r[1]!]);
    }
    expect(reference.length).toBeGreaterThan(0);
    const actual = await duckdbQuery('SELECT lv, rv FROM l JOIN r ON lk = rk', { l: left, r: right });
    expectSameRows(actual, reference);
    const anti = await duckdbQuery('SELECT count(*) FROM l WHERE lk NOT IN (SELECT rk FROM r WHERE rk IS NOT NULL)', { l: left, r: right });
    expect((anti[0]![0] as bigint) > 0n).toBe(true);
  });

  it('keeps int64 keys exact in joins', async () => {
    const { left, right } = generateJoinTables({ seed: 14, leftRows: 50, rightRows: 50, keyType: 'int64' });
    const rows = await duckdbQuery('SELECT lk FROM l JOIN r ON lk = rk', { l: left, r: right });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => typeof r[0] === 'bigint')).toBe(true);
  });

  it('quotes table and column names and loads empty tables', async () => {
    const t = arrowTable({ 'my col': { type: new Utf8(), values: [] }, select: { type: new Float64(), values: [] } });
    expect(await duckdbQuery('SELECT count(*) FROM "odd ""name"""', { 'odd "name"': t })).toEqual([[0n]]);
  });

  it('detects a wrong answer (the harness can fail)', async () => {
    const t = arrowTable({ x: { type: new Int64(), values: [1n, 2n, null] } });
    const rows = await duckdbQuery('SELECT x FROM t', { t });
    expect(compareRows(rows, [[1n], [3n], [null]])).toContain('only in expected (1):\n    (3n)');
  });

  it('names the column of an unsupported type', async () => {
    await expect(duckdbQuery("SELECT INTERVAL '1 day' AS iv")).rejects.toThrow(/result column 'iv'.*INTERVAL/);
  });
});
