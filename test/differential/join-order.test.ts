/**
 * Join reordering and semi-join push-down against DuckDB: the same SQL on both engines over small
 * TPC-H tables and over join inputs with NULL and duplicate keys, with weir at batch sizes 1, 7
 * and 8,192, each with `table.optimizer.join-reorder-enabled` on and off. Both weir plans must
 * give DuckDB's rows.
 */
import type * as arrow from 'apache-arrow';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { toArrowTables } from '../../bench/tpch/arrow-tables.js';
import { generateTpchData } from '../../bench/tpch/generate.js';
import { TPCH_QUERIES } from '../../bench/tpch/queries.js';
import { TableEnvironment } from '../../engine/index.js';
import { arrowRows } from '../support/arrow-rows.js';
import { expectSameRows } from '../support/compare.js';
import { duckdbQuery } from '../support/duckdb.js';
import { generateTable } from '../support/generate.js';
import type { Row } from '../support/values.js';

const BATCH_SIZES = [1, 7, 8192] as const;

const tpchSql = (id: string) => TPCH_QUERIES.find((q) => q.id === id)!.sql;

interface Case {
  readonly name: string;
  readonly sql: string;
  /** The SQL orders every row (compare in order). */
  readonly ordered?: boolean;
}

const cases: Case[] = [
  { name: 'TPC-H Q3', sql: tpchSql('Q3'), ordered: true },
  { name: 'TPC-H Q5', sql: tpchSql('Q5'), ordered: true },
  { name: 'TPC-H Q5 without the date range', sql: tpchSql('Q5').replace(/AND o_orderdate >= .*\n.*\n/, '\n') },
  { name: 'TPC-H Q10', sql: tpchSql('Q10'), ordered: true },
  { name: 'TPC-H Q18 (quantity over 150)', sql: tpchSql('Q18').replace('> 300', '> 150'), ordered: true },
  {
    name: 'customers of suppliers in their nation, FROM order scrambled',
    sql: `SELECT n_name, COUNT(*) AS c FROM supplier, customer, region, nation
      WHERE s_nationkey = c_nationkey AND c_nationkey = n_nationkey AND n_regionkey = r_regionkey AND r_name <> 'ASIA'
      AND c_custkey < 40 GROUP BY n_name`,
  },
  { name: 'implied equality through a middle input', sql: 'SELECT ak, av, bv, cv FROM a, b, c WHERE ak = bk AND bk = ck' },
  { name: 'a class with two columns of one input', sql: 'SELECT * FROM a JOIN b ON ak = bk AND av = bk JOIN c ON bv = ck' },
  { name: 'cross join in FROM connected by WHERE', sql: 'SELECT av, bv, cv FROM a, b, c WHERE ak = ck AND bv = cv' },
  { name: 'residual predicate over two inputs', sql: 'SELECT av, bv, dv FROM a, b, d WHERE ak = bk AND bv = dk AND av < dv' },
  { name: 'inner joins under a left join', sql: 'SELECT * FROM d LEFT JOIN (SELECT ak, av, cv FROM a, b, c WHERE ak = bk AND bv = ck) s ON dk = ak' },
  { name: 'left join between inner joins', sql: 'SELECT * FROM a LEFT JOIN b ON ak = bk JOIN c ON av = ck JOIN d ON cv = dk' },
  { name: 'IN subquery on one input of a join', sql: 'SELECT ak, bv, cv FROM a, b, c WHERE ak = bk AND bv = ck AND av IN (SELECT dv FROM d)' },
  { name: 'NOT IN subquery with NULLs', sql: 'SELECT ak, bv FROM a, b WHERE ak = bk AND av NOT IN (SELECT dv FROM d WHERE dv IS NOT NULL)' },
  { name: 'NOT EXISTS correlated with one input', sql: 'SELECT ak, bv FROM a, b WHERE ak = bk AND NOT EXISTS (SELECT * FROM d WHERE dk = av)' },
  { name: 'EXISTS correlated with both inputs', sql: 'SELECT ak, bv FROM a, b WHERE ak = bk AND EXISTS (SELECT * FROM d WHERE dk = av AND dv = bv)' },
  { name: 'IN on the padded side of a left join', sql: 'SELECT * FROM a LEFT JOIN b ON ak = bk WHERE bv IN (SELECT dv FROM d)' },
];

/** Join inputs a, b, c, d: INT keys from a small range (duplicates) with NULLs, of different sizes. */
function joinInputs(): Record<string, arrow.Table> {
  const table = (name: string, rows: number, seed: number) => generateTable({
    rows,
    seed,
    columns: [
      { name: `${name}k`, type: 'int32', min: 0, max: 9, special: false, nullRate: 0.15 },
      { name: `${name}v`, type: 'int32', min: 0, max: 9, special: false, nullRate: 0.15 },
    ],
  });
  return { a: table('a', 160, 11), b: table('b', 60, 12), c: table('c', 12, 13), d: table('d', 30, 14) };
}

describe('join order and semi-join push-down vs DuckDB', () => {
  let data: Record<string, arrow.Table>;
  const expected = new Map<string, Promise<Row[]>>();
  const reference = (c: Case) => {
    let rows = expected.get(c.name);
    if (!rows) expected.set(c.name, (rows = duckdbQuery(c.sql, data)));
    return rows;
  };
  beforeAll(() => {
    const tpch = toArrowTables(generateTpchData({ scaleFactor: 0.002 }), 'decimal');
    data = { region: tpch.region, nation: tpch.nation, supplier: tpch.supplier, customer: tpch.customer, orders: tpch.orders, lineitem: tpch.lineitem, ...joinInputs() };
  });
  for (const batchSize of BATCH_SIZES) {
    for (const reorder of [true, false]) {
      describe(`batch size ${batchSize}, join reordering ${reorder ? 'on' : 'off'}`, () => {
        let env: TableEnvironment;
        beforeAll(async () => {
          env = await TableEnvironment.create({ batchSize });
          for (const [name, table] of Object.entries(data)) env.createTemporaryView(name, table);
          await env.executeSql(`SET 'table.optimizer.join-reorder-enabled' = '${reorder}'`);
        });
        afterAll(() => env?.close());
        for (const c of cases) {
          it(c.name, async () => {
            const actual = arrowRows(await env.sqlQuery(c.sql).execute().toArrow());
            expectSameRows(actual, await reference(c), { ordered: c.ordered ?? false });
          });
        }
      });
    }
  }
});
