import { $ } from '../../engine/index.js';
import { differentialSuite, type DiffCase } from './differential.js';
import { mainTable } from './tables.js';

// Hash aggregation: grouped and global, over int, string and multi-column keys with NULL keys.
// SUM runs over columns without extremes (no overflow); AVG over a DOUBLE column (Flink's
// AVG(INT) is an INT, DuckDB's a DOUBLE).
const cases: DiffCase[] = [
  {
    name: 'group by int key with NULLs: count, sum, min, max',
    sql: 'SELECT g, count(n) AS c, sum(n) AS s, min(n) AS lo, max(n) AS hi FROM t GROUP BY g',
    weir: (e) => e.from('t').groupBy($('g')).select($('g'), $('n').count().as('c'), $('n').sum().as('s'), $('n').min().as('lo'), $('n').max().as('hi')),
  },
  {
    name: 'count(*) per group',
    sql: 'SELECT g, count(*) AS c FROM t GROUP BY g',
    weir: (e) => e.from('t').groupBy($('g')).select($('g'), $('*').count().as('c')),
  },
  {
    name: 'group by string key: bigint sum, double sum and avg',
    sql: 'SELECT s, sum(b) AS sb, sum(y) AS sy, avg(y) AS ay FROM t GROUP BY s',
    weir: (e) => e.from('t').groupBy($('s')).select($('s'), $('b').sum().as('sb'), $('y').sum().as('sy'), $('y').avg().as('ay')),
  },
  {
    name: 'group by two keys',
    sql: 'SELECT g, f, count(*) AS c, max(s) AS ms FROM t GROUP BY g, f',
    weir: (e) => e.from('t').groupBy($('g'), $('f')).select($('g'), $('f'), $('*').count().as('c'), $('s').max().as('ms')),
  },
  {
    name: 'min / max of strings, dates and decimals',
    sql: 'SELECT g, min(s) AS a, max(s) AS b, min(d) AS c, max(d) AS e, min(m) AS mm, max(m) AS xm FROM t GROUP BY g',
    weir: (e) =>
      e.from('t').groupBy($('g')).select($('g'), $('s').min().as('a'), $('s').max().as('b'), $('d').min().as('c'), $('d').max().as('e'), $('m').min().as('mm'), $('m').max().as('xm')),
  },
  {
    name: 'sum of decimals',
    sql: 'SELECT g, sum(m) AS s FROM t GROUP BY g',
    weir: (e) => e.from('t').groupBy($('g')).select($('g'), $('m').sum().as('s')),
  },
  {
    name: 'min / max of doubles with NaN, -0 and infinities',
    sql: 'SELECT g, min(x) AS lo, max(x) AS hi FROM t GROUP BY g',
    weir: (e) => e.from('t').groupBy($('g')).select($('g'), $('x').min().as('lo'), $('x').max().as('hi')),
  },
  {
    name: 'min / max of int extremes',
    sql: 'SELECT f, min(i) AS lo, max(i) AS hi, count(i) AS c FROM t GROUP BY f',
    weir: (e) => e.from('t').groupBy($('f')).select($('f'), $('i').min().as('lo'), $('i').max().as('hi'), $('i').count().as('c')),
  },
  {
    name: 'count distinct',
    sql: 'SELECT g, count(DISTINCT s) AS ds FROM t GROUP BY g',
    weir: (e) => e.from('t').groupBy($('g')).select($('g'), $('s').count().distinct().as('ds')),
  },
  {
    name: 'global aggregate',
    sql: 'SELECT count(*) AS c, count(n) AS cn, sum(n) AS s, min(s) AS ms, max(y) AS my FROM t',
    weir: (e) => e.from('t').select($('*').count().as('c'), $('n').count().as('cn'), $('n').sum().as('s'), $('s').min().as('ms'), $('y').max().as('my')),
  },
  {
    name: 'global aggregate over no rows',
    sql: 'SELECT count(*) AS c, sum(n) AS s, min(s) AS m FROM t WHERE n > 5000',
    weir: (e) => e.from('t').filter($('n').isGreater(5000)).select($('*').count().as('c'), $('n').sum().as('s'), $('s').min().as('m')),
  },
  {
    // The WHERE is folded into the aggregate (one masked pass, HashAggregateExec where=...).
    name: 'global aggregate over WHERE double > literal (NaN, -0, infinities)',
    sql: 'SELECT count(*) AS c, count(i) AS ci, sum(y) AS sy, avg(y) AS ay, sum(n) AS sn, min(i) AS mi, max(b) AS mb FROM t WHERE x > 0',
    weir: (e) => e.from('t').filter($('x').isGreater(0)).select($('*').count().as('c'), $('i').count().as('ci'), $('y').sum().as('sy'), $('y').avg().as('ay'),
      $('n').sum().as('sn'), $('i').min().as('mi'), $('b').max().as('mb')),
  },
  {
    name: 'global aggregate over WHERE int <= literal and bigint <> literal',
    sql: 'SELECT count(*) AS c, sum(y) AS sy, max(i) AS mi, min(b) AS mb FROM t WHERE i <= 10',
    weir: (e) => e.from('t').filter($('i').isLessOrEqual(10)).select($('*').count().as('c'), $('y').sum().as('sy'), $('i').max().as('mi'), $('b').min().as('mb')),
  },
  {
    name: 'global aggregate over a conjunction of column <op> literal comparisons',
    sql: 'SELECT count(*) AS c, sum(y) AS sy, min(i) AS mi, max(b) AS mb FROM t WHERE x > 0 AND i <= 10 AND b <> 0',
    weir: (e) => e.from('t').filter($('x').isGreater(0).and($('i').isLessOrEqual(10)).and($('b').isNotEqual(0)))
      .select($('*').count().as('c'), $('y').sum().as('sy'), $('i').min().as('mi'), $('b').max().as('mb')),
  },
  {
    name: 'global aggregate over WHERE bigint <> literal',
    sql: 'SELECT count(*) AS c, count(x) AS cx, sum(n) AS sn FROM t WHERE b <> 0',
    weir: (e) => e.from('t').filter($('b').isNotEqual(0)).select($('*').count().as('c'), $('x').count().as('cx'), $('n').sum().as('sn')),
  },
  {
    name: 'grouped aggregate over no rows',
    sql: 'SELECT g, count(*) AS c FROM t WHERE n > 5000 GROUP BY g',
    weir: (e) => e.from('t').filter($('n').isGreater(5000)).groupBy($('g')).select($('g'), $('*').count().as('c')),
  },
  {
    name: 'filter, group, then filter on the aggregate (HAVING)',
    sql: 'SELECT g, sum(n) AS s FROM t WHERE n > -800 GROUP BY g HAVING sum(n) > 0',
    weir: (e) => e.from('t').filter($('n').isGreater(-800)).groupBy($('g')).select($('g'), $('n').sum().as('s')).filter($('s').isGreater(0)),
  },
  {
    name: 'DISTINCT rows',
    sql: 'SELECT DISTINCT g, f FROM t',
    weir: (e) => e.from('t').select($('g'), $('f')).distinct(),
  },
];

differentialSuite('aggregate vs DuckDB', () => ({ t: mainTable() }), cases);
