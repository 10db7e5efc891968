import { describe, expect, it } from 'vitest';
import { MemoryCatalog } from '../../engine/logical/catalog.js';
import type { LiteralValue } from '../../engine/logical/expression.js';
import { formatLogicalPlan } from '../../engine/logical/format-plan.js';
import { optimize } from '../../engine/optimizer/optimize.js';
import { DataTypes } from '../../engine/types/data-type.js';
import { interpret, type Row } from './support/reference-interpreter.js';
import { planningEnv, schema, type PlanningTable } from './support/planning-env.js';

// Semi-join push-down and join reordering must not change results: each query runs through the
// row-at-a-time reference interpreter as written, optimized with join reordering on, and
// optimized with it off, over generated tables with NULL and duplicate keys. The catalog's row
// counts differ from table to table so that the reordering really happens.

const tables: Record<string, PlanningTable> = {
  a: { schema: schema({ ak: DataTypes.INT(), av: DataTypes.INT(), ax: DataTypes.DOUBLE(), sa: DataTypes.STRING() }), rowCount: 5000 },
  b: { schema: schema({ bk: DataTypes.INT(), bv: DataTypes.INT() }), rowCount: 300 },
  c: { schema: schema({ ck: DataTypes.INT(), cv: DataTypes.INT(), cx: DataTypes.DOUBLE(), sc: DataTypes.STRING() }), rowCount: 10 },
  d: { schema: schema({ dk: DataTypes.INT(), dv: DataTypes.INT() }), rowCount: 40 },
};
const env = planningEnv(tables);
const catalog = new MemoryCatalog(tables);

function generate(seed: number): Record<string, Row[]> {
  let x = seed >>> 0 || 1;
  const rnd = (n: number) => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x % n; };
  const maybe = <T>(v: T): T | null => (rnd(7) === 0 ? null : v);
  const key = () => maybe(rnd(6));
  const dbl = () => maybe<LiteralValue>([0, '-0', 1.5, 2][rnd(4)]!); // LiteralValue spells -0 as a string
  const str = () => maybe(['p', 'q', ''][rnd(3)]!);
  return {
    a: Array.from({ length: 24 }, () => [key(), key(), dbl(), str()]),
    b: Array.from({ length: 14 }, () => [key(), key()]),
    c: Array.from({ length: 9 }, () => [key(), key(), dbl(), str()]),
    d: Array.from({ length: 11 }, () => [key(), key()]),
  };
}

/** Rows as sorted canonical strings (a multiset). */
function canonical(rows: readonly Row[]): string[] {
  return rows.map((r) => JSON.stringify(r)).sort();
}

/** [name, SQL, whether reordering must change the plan]. */
const queries: [string, string, boolean][] = [
  ['implied equality a = c through b', 'SELECT * FROM a, b, c WHERE ak = bk AND bk = ck', true],
  ['four inputs with a residual over two of them', 'SELECT av, bv, cv, dv FROM a, b, c, d WHERE ak = bk AND bk = ck AND cv = dv AND av < dv', true],
  ['a class with two columns of one input', 'SELECT * FROM a JOIN b ON ak = bk AND av = bk JOIN c ON bv = ck', true],
  ['cross join in FROM, connected by WHERE', 'SELECT ak, bv, cv FROM a, b, c WHERE ak = ck AND bv = cv', true],
  ['an input no predicate relates (a cross product stays)', 'SELECT * FROM a, b, c, d WHERE ak = bk AND bk = ck', true],
  ['OR across inputs', 'SELECT ak, bk, ck FROM a, b, c WHERE (ak = bk OR av = bv) AND bk = ck', true],
  ['DOUBLE and STRING keys', 'SELECT ak, ck, dk FROM a, c, d WHERE ax = cx AND sa = sc AND cv = dk', true],
  ['outer join as a barrier', 'SELECT * FROM a LEFT JOIN b ON ak = bk JOIN c ON av = ck JOIN d ON cv = dk', false],
  ['inner joins under a right join', 'SELECT * FROM d RIGHT JOIN (SELECT * FROM a, b, c WHERE ak = bk AND bv = ck) s ON dk = av', true],
  ['grouped over reordered joins', 'SELECT cv, COUNT(*) AS n, SUM(av) AS s FROM a, b, c WHERE ak = bk AND bk = ck GROUP BY cv', true],
  ['IN subquery on one input', 'SELECT * FROM a, b, c WHERE ak = bk AND bv = ck AND av IN (SELECT dv FROM d)', false],
  ['NOT IN subquery (NULL-aware)', 'SELECT * FROM a, b WHERE ak = bk AND bv NOT IN (SELECT dv FROM d)', false],
  ['NOT EXISTS correlated with one input', 'SELECT * FROM a, b WHERE ak = bk AND NOT EXISTS (SELECT * FROM d WHERE dk = av AND dv > 2)', false],
  ['EXISTS correlated with both inputs', 'SELECT * FROM a, b WHERE ak = bk AND EXISTS (SELECT * FROM d WHERE dk = av AND dv = bv)', false],
  ['uncorrelated EXISTS', 'SELECT * FROM a, b WHERE ak = bk AND EXISTS (SELECT * FROM d WHERE dv > 4)', false],
  ['IN on the padded side of a left join', 'SELECT * FROM a LEFT JOIN b ON ak = bk WHERE bv IN (SELECT dv FROM d)', false],
  ['IN on the preserved side of a left join', 'SELECT * FROM a LEFT JOIN b ON ak = bk WHERE av IN (SELECT dv FROM d)', false],
  ['IN on the preserved side of a right join', 'SELECT * FROM a RIGHT JOIN b ON ak = bk WHERE bv IN (SELECT dk FROM d)', false],
  ['IN over a HAVING subquery, then more joins', `SELECT ak, SUM(bv) AS s FROM a, b, c WHERE ak = bk AND bv = ck
    AND ak IN (SELECT dk FROM d GROUP BY dk HAVING COUNT(*) > 1) GROUP BY ak`, false],
];

describe('semi-join push-down and join reordering keep results', () => {
  for (const seed of [1, 2, 3, 4]) {
    const data = generate(seed);
    it.each(queries)(`%s (seed ${seed})`, (_, sql) => {
      const plan = env.sqlQuery(sql).plan;
      const expected = canonical(interpret(plan, data));
      for (const joinReorder of [true, false]) {
        const optimized = optimize(plan, catalog, { joinReorder });
        expect(optimized.schema).toEqual(plan.schema);
        expect(canonical(interpret(optimized, data)), `joinReorder=${joinReorder}`).toEqual(expected);
      }
    });
  }

  it.each(queries.filter(([, , reorders]) => reorders))('reordering changes the plan of: %s', (_, sql) => {
    const plan = env.sqlQuery(sql).plan;
    expect(formatLogicalPlan(optimize(plan, catalog))).not.toBe(formatLogicalPlan(optimize(plan, catalog, { joinReorder: false })));
  });
});
