import { $ } from '../../engine/index.js';
import { differentialSuite, type DiffCase } from './differential.js';
import { joinTables } from './tables.js';

// Hash joins of l(lk, lv, lx) and r(rk, rv, ry): duplicate keys on both sides, keys missing on
// either side, NULL keys (never equal).
/**
 * HashJoinOperator.finish() asks every join for unmatched build rows, and the join kernel
 * refuses for joins that do not track matches (inner, and left with the build side right).
 */
const unmatchedGap = { error: /does not track matched build rows/, note: 'finish() scans unmatched build rows of an inner/left join' };

const cases: DiffCase[] = [
  {
    name: 'inner join',
    knownGap: unmatchedGap,
    sql: 'SELECT lk, lv, rv, ry FROM l JOIN r ON lk = rk',
    weir: (e) => e.from('l').join(e.from('r'), $('lk').isEqual($('rk'))).select($('lk'), $('lv'), $('rv'), $('ry')),
  },
  {
    name: 'left outer join',
    knownGap: unmatchedGap,
    sql: 'SELECT lk, lv, rk, rv FROM l LEFT JOIN r ON lk = rk',
    weir: (e) => e.from('l').leftOuterJoin(e.from('r'), $('lk').isEqual($('rk'))).select($('lk'), $('lv'), $('rk'), $('rv')),
  },
  {
    name: 'right outer join',
    sql: 'SELECT lk, lv, rk, rv FROM l RIGHT JOIN r ON lk = rk',
    weir: (e) => e.from('l').rightOuterJoin(e.from('r'), $('lk').isEqual($('rk'))).select($('lk'), $('lv'), $('rk'), $('rv')),
  },
  {
    name: 'full outer join',
    sql: 'SELECT lk, lv, rk, rv FROM l FULL JOIN r ON lk = rk',
    weir: (e) => e.from('l').fullOuterJoin(e.from('r'), $('lk').isEqual($('rk'))).select($('lk'), $('lv'), $('rk'), $('rv')),
  },
  {
    name: 'inner join with a residual condition',
    knownGap: unmatchedGap,
    sql: 'SELECT lv, rv FROM l JOIN r ON lk = rk AND lv < rv',
    weir: (e) => e.from('l').join(e.from('r'), $('lk').isEqual($('rk')).and($('lv').isLess($('rv')))).select($('lv'), $('rv')),
  },
  {
    name: 'join then aggregate',
    knownGap: unmatchedGap,
    sql: 'SELECT ry, count(*) AS c, sum(lv) AS s FROM l JOIN r ON lk = rk GROUP BY ry',
    weir: (e) => e.from('l').join(e.from('r'), $('lk').isEqual($('rk'))).groupBy($('ry')).select($('ry'), $('*').count().as('c'), $('lv').sum().as('s')),
  },
  {
    name: 'filter below the join',
    knownGap: unmatchedGap,
    sql: 'SELECT lv, rv FROM l JOIN r ON lk = rk WHERE lx > 0 AND ry <> \'\'',
    weir: (e) => e.from('l').join(e.from('r'), $('lk').isEqual($('rk'))).filter($('lx').isGreater(0).and($('ry').isNotEqual(''))).select($('lv'), $('rv')),
  },
];

for (const keyType of ['int32', 'int64', 'utf8', 'dict-utf8'] as const) {
  differentialSuite(`join on ${keyType} keys vs DuckDB`, () => joinTables(keyType), cases);
}
