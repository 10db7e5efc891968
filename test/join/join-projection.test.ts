import { describe, expect, it } from 'vitest';
import { $, TableEnvironment } from '../../engine/index.js';
import { differentialSuite, type DiffCase } from '../differential/differential.js';
import { joinTables } from '../differential/tables.js';
import { Float64, Int32, Utf8 } from 'apache-arrow';
import { arrowTable } from '../support/arrow-build.js';
import { SeededRandom } from '../../bench/prng.js';

// The join's output projection (prune-join-output.ts): the join gathers only the columns its
// consumer reads. The plans must say so, and the results must not change, for every join type,
// with a filtered probe side (a selection vector) and with a join above a join.

const cases: DiffCase[] = [
  {
    name: 'sum of a build column only (the keys are not emitted)',
    sql: 'SELECT sum(rv) AS s FROM l JOIN r ON lk = rk',
    weir: (e) => e.from('l').join(e.from('r'), $('lk').isEqual($('rk'))).select($('rv').sum().as('s')),
  },
  {
    name: 'count(*) reads no column',
    sql: 'SELECT count(*) AS c FROM l JOIN r ON lk = rk',
    weir: (e) => e.from('l').join(e.from('r'), $('lk').isEqual($('rk'))).select($('*').count().as('c')),
  },
  {
    name: 'left join emitting the build side only',
    sql: 'SELECT rv, ry FROM l LEFT JOIN r ON lk = rk',
    weir: (e) => e.from('l').leftOuterJoin(e.from('r'), $('lk').isEqual($('rk'))).select($('rv'), $('ry')),
  },
  {
    name: 'right join emitting the probe side only (unmatched build rows get NULLs)',
    sql: 'SELECT lv FROM l RIGHT JOIN r ON lk = rk',
    weir: (e) => e.from('l').rightOuterJoin(e.from('r'), $('lk').isEqual($('rk'))).select($('lv')),
  },
  {
    name: 'full join, columns in another order than the join emits them',
    sql: 'SELECT ry, lv, rv FROM l FULL JOIN r ON lk = rk',
    weir: (e) => e.from('l').fullOuterJoin(e.from('r'), $('lk').isEqual($('rk'))).select($('ry'), $('lv'), $('rv')),
  },
  {
    name: 'a column read twice and through an expression',
    sql: 'SELECT rv, rv + lv AS t, rv AS rv2 FROM l JOIN r ON lk = rk',
    weir: (e) => e.from('l').join(e.from('r'), $('lk').isEqual($('rk'))).select($('rv'), $('rv').plus($('lv')).as('t'), $('rv').as('rv2')),
  },
  {
    name: 'filtered probe side (probed through its selection vector)',
    sql: 'SELECT sum(rv) AS s, count(lx) AS c FROM l JOIN r ON lk = rk WHERE lx > 0',
    weir: (e) => e.from('l').filter($('lx').isGreater(0)).join(e.from('r'), $('lk').isEqual($('rk'))).select($('rv').sum().as('s'), $('lx').count().as('c')),
  },
  {
    name: 'group by over a join with a residual condition',
    sql: 'SELECT ry, sum(lv) AS s FROM l JOIN r ON lk = rk AND lv < rv GROUP BY ry',
    weir: (e) => e.from('l').join(e.from('r'), $('lk').isEqual($('rk')).and($('lv').isLess($('rv')))).groupBy($('ry')).select($('ry'), $('lv').sum().as('s')),
  },
  {
    name: 'a join above a join keeps the lower keys it joins on',
    sql: 'SELECT lv, y2 FROM l JOIN r ON lk = rk JOIN (SELECT rk AS k2, ry AS y2 FROM r) r2 ON rk = k2',
    weir: (e) =>
      e.from('l')
        .join(e.from('r'), $('lk').isEqual($('rk')))
        .join(e.from('r').select($('rk').as('k2'), $('ry').as('y2')), $('rk').isEqual($('k2')))
        .select($('lv'), $('y2')),
  },
];

for (const keyType of ['int32', 'utf8'] as const) {
  differentialSuite(`join output projection on ${keyType} keys vs DuckDB`, () => joinTables(keyType), cases);
}

/**
 * A fact table `f(fk, fv)` and a dimension `dim(dk, attr, w, name)` keyed by unique, shuffled,
 * dense INT keys with gaps: the inner join reads its build values by key (perfect hash join).
 * Some fk are NULL or miss the dimension.
 */
function dimensionTables(): Record<string, ReturnType<typeof arrowTable>> {
  const rnd = new SeededRandom(31);
  const keys = Array.from({ length: 300 }, (_, i) => i + 1000).filter((k) => k % 7 !== 0);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = rnd.nextRange(0, i);
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
  }
  const facts = 2000;
  const fk = Array.from({ length: facts }, () => (rnd.chance(0.05) ? null : rnd.nextRange(990, 1310)));
  return {
    f: arrowTable({
      fk: { type: new Int32(), values: fk },
      fv: { type: new Int32(), values: fk.map((_, i) => i % 97) },
    }),
    dim: arrowTable({
      dk: { type: new Int32(), values: keys },
      attr: { type: new Int32(), values: keys.map((k) => (k * 31) % 1000) },
      w: { type: new Float64(), values: keys.map((k) => k / 4) },
      name: { type: new Utf8(), values: keys.map((k) => `n${k}`) },
    }),
  };
}

const dimensionCases: DiffCase[] = [
  {
    name: 'sum of a dimension attribute',
    sql: 'SELECT sum(attr) AS s, count(*) AS c FROM f JOIN dim ON fk = dk',
    weir: (e) => e.from('f').join(e.from('dim'), $('fk').isEqual($('dk'))).select($('attr').sum().as('s'), $('*').count().as('c')),
  },
  {
    name: 'probe and dimension columns, filtered probe side',
    sql: 'SELECT fv, w, attr FROM f JOIN dim ON fk = dk WHERE fv > 10',
    weir: (e) => e.from('f').filter($('fv').isGreater(10)).join(e.from('dim'), $('fk').isEqual($('dk'))).select($('fv'), $('w'), $('attr')),
  },
  {
    name: 'a string dimension column (gathered through pairs)',
    sql: 'SELECT name, attr FROM f JOIN dim ON fk = dk',
    weir: (e) => e.from('f').join(e.from('dim'), $('fk').isEqual($('dk'))).select($('name'), $('attr')),
  },
  {
    name: 'group by a dimension attribute',
    sql: 'SELECT attr, sum(fv) AS s FROM f JOIN dim ON fk = dk GROUP BY attr',
    weir: (e) => e.from('f').join(e.from('dim'), $('fk').isEqual($('dk'))).groupBy($('attr')).select($('attr'), $('fv').sum().as('s')),
  },
];

differentialSuite('joins with a dense unique dimension key vs DuckDB', dimensionTables, dimensionCases);

describe('join output projection in the physical plan', () => {
  const plan = async (build: (e: TableEnvironment) => ReturnType<TableEnvironment['from']>): Promise<string> => {
    const env = await TableEnvironment.create();
    const { l, r } = joinTables('int32');
    env.createTemporaryView('l', l);
    env.createTemporaryView('r', r);
    // The positions below are those of the joins in the order written.
    await env.executeSql("SET 'table.optimizer.join-reorder-enabled' = 'false'");
    try {
      const text = build(env).explain();
      return text.slice(text.indexOf('== Physical Plan =='));
    } finally {
      env.close();
    }
  };

  it('an aggregate over a join reads only the summed build column', async () => {
    const text = await plan((e) => e.from('l').join(e.from('r'), $('lk').isEqual($('rk'))).select($('rv').sum().as('s')));
    expect(text).toContain('projection=[rv@2] [rv: INT]');
    expect(text).toContain('SUM(rv@0)');
  });

  it('a projection of plain columns becomes the join projection itself', async () => {
    const text = await plan((e) => e.from('l').join(e.from('r'), $('lk').isEqual($('rk'))).select($('ry'), $('lv')));
    expect(text.split('\n')[1]).toMatch(/^HashJoinExec: .*projection=\[ry@3, lv@1\] \[ry: STRING, lv: INT\]$/);
  });

  it('a join above a join prunes the lower join to its key and the emitted column', async () => {
    const text = await plan((e) =>
      e.from('l')
        .join(e.from('r'), $('lk').isEqual($('rk')))
        .join(e.from('r').select($('rk').as('k2'), $('ry').as('y2')), $('rk').isEqual($('k2')))
        .select($('lv'), $('y2')));
    const lower = text.split('\n').find((line) => line.startsWith('    HashJoinExec') || line.startsWith('  HashJoinExec: type=inner, on=[lk'));
    expect(lower).toMatch(/projection=\[lv@1, rk@2\] \[lv: INT, rk: INT\]$/);
  });
});
