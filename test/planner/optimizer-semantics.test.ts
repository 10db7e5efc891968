import { describe, expect, it } from 'vitest';
import { $, lit } from '../../engine/api/expressions.js';
import type { Table } from '../../engine/api/table.js';
import { MemoryCatalog } from '../../engine/logical/catalog.js';
import type { LiteralValue } from '../../engine/logical/expression.js';
import type { LogicalPlan } from '../../engine/logical/plan.js';
import { optimize } from '../../engine/optimizer/optimize.js';
import { DataTypes } from '../../engine/types/data-type.js';
import { interpret, type Row } from './support/reference-interpreter.js';
import { planningEnv, schema } from './support/planning-env.js';

// The optimizer must not change results: every query runs through a row-at-a-time reference
// interpreter before and after optimize(), over generated tables with NULLs and duplicate keys.

const tables = {
  t: { schema: schema({ k: DataTypes.INT(), v: DataTypes.DOUBLE(), s: DataTypes.STRING(), n: DataTypes.BIGINT(false) }), rowCount: 40 },
  u: { schema: schema({ k2: DataTypes.INT(), w: DataTypes.INT(), tag: DataTypes.STRING() }), rowCount: 12 },
};
const env = planningEnv(tables);
const catalog = new MemoryCatalog(tables);

function generate(seed: number): Record<string, Row[]> {
  let x = seed >>> 0 || 1;
  const rnd = (n: number) => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x % n; };
  const maybe = <T>(v: T): T | null => (rnd(6) === 0 ? null : v);
  const t: Row[] = Array.from({ length: 40 }, (_, i) => [maybe(rnd(7) - 2), maybe(rnd(1000) / 8 - 20), maybe(['a', 'b', 'c', ''][rnd(4)]!), String(i * 3 - 50)]);
  const u: Row[] = Array.from({ length: 12 }, () => [maybe(rnd(9) - 3), maybe(rnd(5)), maybe(['x', 'y'][rnd(2)]!)]);
  return { t, u };
}

/** Rows as sorted canonical strings (a multiset), doubles rounded to absorb summation order. */
function canonical(rows: readonly Row[], ordered: boolean): string[] {
  const text = rows.map((r) => JSON.stringify(r.map((v: LiteralValue) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(10)) : v))));
  return ordered ? text : text.sort();
}

const t = () => env.from('t');
const u = () => env.from('u');
const queries: [string, () => Table, boolean][] = [
  ['filter over projection', () => t().select($('k').plus(1).as('k1'), $('v'), $('s')).filter($('k1').isGreater(1).and($('s').isNotEqual('a'))), false],
  ['stacked filters and constants', () => t().filter($('v').isGreater(0)).filter(lit(true).and($('k').isNotNull())).filter($('s').like('%')), false],
  ['inner join with where', () => t().join(u(), $('k').isEqual($('k2'))).where($('w').isGreater(1).and($('v').isLess(50))).select($('s'), $('tag'), $('v')), false],
  ['cross join narrowed by where', () => t().join(u()).where($('k').isEqual($('k2')).and($('n').isGreater($('w')))).select($('n'), $('w')), false],
  ['left join, where on both sides', () => t().leftOuterJoin(u(), $('k').isEqual($('k2')).and($('w').isLess(3))).where($('s').isEqual('b').and($('tag').isNull())), false],
  ['right join', () => t().rightOuterJoin(u(), $('k').isEqual($('k2')).and($('v').isGreater(10))).where($('w').isNotNull()), false],
  ['full join', () => t().fullOuterJoin(u(), $('k').isEqual($('k2'))).where($('k').isNull().or($('k2').isNull())).select($('n'), $('w')), false],
  ['group by with having on key and aggregate', () => t().groupBy($('k'), $('s')).select($('k'), $('s'), $('v').sum().as('sv'), $('n').count().as('c'))
    .filter($('k').isGreater(0).and($('c').isGreater(1))), false],
  ['aggregates with filter clauses and distinct', () => t().groupBy($('s')).select($('s'), $('k').count().distinct().as('dk'),
    $('v').max().filter($('k').isGreater(0)).as('mx'), $('k').avg().as('ak'), $('*').count().as('rows')), false],
  ['global aggregate over a pruned join', () => t().join(u(), $('k').isEqual($('k2'))).select($('w').sum().as('sw'), $('*').count().as('c')), false],
  ['union all then filter', () => t().select($('k'), $('s')).unionAll(u().select($('w'), $('tag'))).filter($('k').isLessOrEqual(2)), false],
  ['union distinct', () => t().select($('s')).union(u().select($('tag'))), false],
  ['distinct', () => t().select($('k'), $('s')).distinct(), false],
  ['top-N after projection', () => t().orderBy($('n').desc()).select($('n'), $('v').times(2).as('v2')).limit(3, 5), true],
  ['sort by expression, nulls last', () => t().orderBy($('k').abs().asc().nullsLast(), $('n')).select($('n')), true],
  ['always false', () => t().filter(lit(1).isGreater(2)).select($('k')), false],
  ['projection pruning through aggregate', () => t().groupBy($('k')).select($('k'), $('v').sum().as('a'), $('n').max().as('b')).select($('b')), false],
];

describe('optimize() keeps results', () => {
  for (const seed of [1, 2, 3]) {
    const data = generate(seed);
    it.each(queries)(`%s (seed ${seed})`, (_, query, ordered) => {
      const plan: LogicalPlan = query().plan;
      const optimized = optimize(plan, catalog);
      expect(optimized.schema).toEqual(plan.schema);
      expect(canonical(interpret(optimized, data), ordered)).toEqual(canonical(interpret(plan, data), ordered));
    });
  }
});
