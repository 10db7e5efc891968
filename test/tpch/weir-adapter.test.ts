import { tableFromArrays, type Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { canonicalRows, resultChecksum } from '../../bench/tpch/checksum.js';
import { duckdbTpchSystem } from '../../bench/tpch/duckdb-system.js';
import { generateTpchData } from '../../bench/tpch/generate.js';
import { missingSql, preparedOn, weirTpchSystem, type SqlTableEnvironment } from '../../bench/tpch/weir-system.js';

function fakeEnv(methods: Partial<SqlTableEnvironment>): SqlTableEnvironment {
  return { createTemporaryView: () => {}, close: () => {}, ...methods } as SqlTableEnvironment;
}

const answer: Table = tableFromArrays({ revenue: Float64Array.of(12.345) });

describe('TPC-H weir adapter', () => {
  it('says what is missing until the SQL layer exists', () => {
    expect(missingSql({})).toMatch(/does not export TableEnvironment/);
    const withoutSql = { TableEnvironment: class { static create = async () => ({}) as SqlTableEnvironment } };
    expect(missingSql(withoutSql)).toMatch(/no sqlQuery\(\) or executeSql\(\)/);
    const withSql = { TableEnvironment: class { static create = async () => ({}) as SqlTableEnvironment; sqlQuery() {} } };
    expect(missingSql(withSql)).toBeUndefined();
  });

  it('runs through sqlQuery, and plans without reading the result', async () => {
    const log: string[] = [];
    const env = fakeEnv({
      sqlQuery: (sql: string) => {
        log.push(`sqlQuery ${sql}`);
        return { execute: () => (log.push('execute'), { toArrow: async () => (log.push('toArrow'), answer) }) };
      },
    });
    const q = preparedOn(env, 'SELECT 1');
    await q.plan!();
    expect(log).toEqual(['sqlQuery SELECT 1', 'execute']);
    const result = await q.run();
    expect(log.slice(2)).toEqual(['sqlQuery SELECT 1', 'execute', 'toArrow']);
    expect(resultChecksum(await q.columns(result))).toBe(resultChecksum([[12.35]]));
  });

  it('falls back to executeSql, without a planning hook', async () => {
    const env = fakeEnv({ executeSql: async () => ({ toArrow: async () => answer }) });
    const q = preparedOn(env, 'SELECT 1');
    expect(q.plan).toBeUndefined();
    expect(resultChecksum(await q.columns(await q.run()))).toBe(resultChecksum([[12.345]]));
  });

  // The adapter's job is registering the tables and reading results; whether weir answers the six
  // queries as DuckDB does is what the benchmark checks (checksums), so this test uses a join over
  // decimal, date and text columns rather than a TPC-H query.
  it('either reports weir unavailable with a reason, or reads decimals, dates and text as DuckDB does', async () => {
    const data = generateTpchData({ scaleFactor: 0.01 });
    const weir = await weirTpchSystem(data);
    if ('unavailable' in weir) {
      expect(weir.unavailable).toMatch(/sqlQuery|executeSql|TableEnvironment|engine/);
      return;
    }
    const duckdb = await duckdbTpchSystem(data);
    try {
      const sql =
        'SELECT o_orderkey, o_orderdate, o_totalprice, c_name, c_acctbal FROM orders, customer ' +
        'WHERE o_custkey = c_custkey AND o_orderkey < 200 ORDER BY o_orderkey';
      const rows = [];
      for (const system of [duckdb, weir]) {
        const q = system.prepare({ id: 'Q1', title: 'adapter check', sql });
        rows.push(canonicalRows(await q.columns(await q.run())));
      }
      expect(rows[0]).toHaveLength(55); // keys 1..8, 33..40, ..., 193..199
      expect(rows[1]).toEqual(rows[0]);
    } finally {
      duckdb.close();
      await weir.close();
    }
  });
});
