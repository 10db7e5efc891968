import { $ } from '../../engine/index.js';
import { differentialSuite, type DiffCase } from './differential.js';
import { mainTable } from './tables.js';

// Sort, top-N, limit and union. Ordered cases select only their sort keys (or sort by every
// selected column), so rows that tie are identical and the expected order is unique. NULL order
// is spelled out in SQL: weir follows Flink (NULLS FIRST ascending, NULLS LAST descending),
// DuckDB defaults to NULLS LAST.
const cases: DiffCase[] = [
  {
    name: 'order by int ascending (NULLs first)',
    sql: 'SELECT n FROM t ORDER BY n ASC NULLS FIRST',
    weir: (e) => e.from('t').select($('n')).orderBy($('n')),
    ordered: true,
  },
  {
    name: 'order by int descending (NULLs last)',
    sql: 'SELECT n FROM t ORDER BY n DESC NULLS LAST',
    weir: (e) => e.from('t').select($('n')).orderBy($('n').desc()),
    ordered: true,
  },
  {
    name: 'order by string (UTF-8 byte order)',
    sql: 'SELECT s FROM t ORDER BY s ASC NULLS FIRST',
    weir: (e) => e.from('t').select($('s')).orderBy($('s')),
    ordered: true,
  },
  {
    name: 'order by two keys, mixed directions and explicit NULL placement',
    sql: 'SELECT g, s FROM t ORDER BY g DESC NULLS FIRST, s ASC NULLS LAST',
    weir: (e) => e.from('t').select($('g'), $('s')).orderBy($('g').desc().nullsFirst(), $('s').asc().nullsLast()),
    ordered: true,
  },
  {
    name: 'order by double with NaN, -0 and infinities',
    sql: 'SELECT x FROM t WHERE x IS NOT NULL ORDER BY x',
    weir: (e) => e.from('t').filter($('x').isNotNull()).select($('x')).orderBy($('x')),
    ordered: true,
  },
  {
    name: 'order by bigint, date and decimal',
    sql: 'SELECT b, d, m FROM t ORDER BY b ASC NULLS FIRST, d ASC NULLS FIRST, m ASC NULLS FIRST',
    weir: (e) => e.from('t').select($('b'), $('d'), $('m')).orderBy($('b'), $('d'), $('m')),
    ordered: true,
  },
  {
    name: 'top-N',
    sql: 'SELECT n, s FROM t ORDER BY n DESC NULLS LAST, s ASC NULLS FIRST LIMIT 10',
    weir: (e) => e.from('t').select($('n'), $('s')).orderBy($('n').desc(), $('s')).limit(10),
    ordered: true,
  },
  {
    name: 'top-N with offset',
    sql: 'SELECT n FROM t ORDER BY n ASC NULLS FIRST LIMIT 20 OFFSET 15',
    weir: (e) => e.from('t').select($('n')).orderBy($('n')).limit(15, 20),
    ordered: true,
  },
  {
    name: 'limit without order keeps the row count',
    sql: 'SELECT count(*) AS c FROM (SELECT n FROM t LIMIT 17)',
    weir: (e) => e.from('t').select($('n')).limit(17).select($('*').count().as('c')),
  },
  {
    name: 'union all',
    sql: 'SELECT g, s FROM t WHERE n > 0 UNION ALL SELECT g, s FROM t WHERE n < 100',
    weir: (e) => e.from('t').filter($('n').isGreater(0)).select($('g'), $('s')).unionAll(e.from('t').filter($('n').isLess(100)).select($('g'), $('s'))),
  },
  {
    name: 'union (distinct)',
    sql: 'SELECT g FROM t WHERE n > 0 UNION SELECT g FROM t WHERE f',
    weir: (e) => e.from('t').filter($('n').isGreater(0)).select($('g')).union(e.from('t').filter($('f')).select($('g'))),
  },
];

differentialSuite('sort, limit and union vs DuckDB', () => ({ t: mainTable() }), cases);
