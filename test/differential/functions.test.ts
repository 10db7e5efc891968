import { $, DataTypes, concat, lit } from '../../engine/index.js';
import { differentialSuite, type DiffCase } from './differential.js';
import { mainTable } from './tables.js';

// Scalar functions. Where Flink's semantics (which weir follows) differ from DuckDB's defaults,
// the SQL spells out Flink's: CONCAT is NULL when any argument is NULL (DuckDB's ||), INT / INT
// is integer division truncating toward zero (DuckDB's //), DAYOFWEEK counts Sunday as 1.
const cases: DiffCase[] = [
  {
    name: 'substring, trim, replace, position',
    sql: "SELECT substring(s, 2, 3) AS a, trim(s) AS b, ltrim(s) AS c, rtrim(s) AS d, replace(s, 'a', 'xy') AS e, position('a' IN s) AS f FROM t",
    weir: (e) =>
      e.from('t').select(
        $('s').substring(2, 3).as('a'),
        $('s').trim().as('b'),
        $('s').trimLeading().as('c'),
        $('s').trimTrailing().as('d'),
        $('s').replace('a', 'xy').as('e'),
        lit('a').position($('s')).as('f'),
      ),
  },
  {
    name: 'concat (NULL if any argument is NULL)',
    sql: "SELECT s || '-' || CAST(n AS VARCHAR) AS c FROM t",
    weir: (e) => e.from('t').select(concat($('s'), '-', $('n').cast(DataTypes.STRING())).as('c')),
  },
  {
    name: 'integer division truncates toward zero',
    sql: 'SELECT n // 7 AS q, b // -3 AS r FROM t',
    weir: (e) => e.from('t').select($('n').dividedBy(7).as('q'), $('b').dividedBy(-3).as('r')),
  },
  { name: 'abs and sign of doubles', sql: 'SELECT abs(y) AS a, sign(y) AS s FROM t', weir: (e) => e.from('t').select($('y').abs().as('a'), $('y').sign().as('s')) },
  { name: 'floor and ceil of doubles', sql: 'SELECT floor(y) AS f, ceil(y) AS c FROM t', weir: (e) => e.from('t').select($('y').floor().as('f'), $('y').ceil().as('c')) },
  { name: 'round of doubles', sql: 'SELECT round(y) AS r0, round(y, 1) AS r1 FROM t', weir: (e) => e.from('t').select($('y').round().as('r0'), $('y').round(1).as('r1')) },
  { name: 'power and sqrt', sql: 'SELECT power(y, 2) AS p, sqrt(abs(y)) AS q FROM t', weir: (e) => e.from('t').select($('y').power(2).as('p'), $('y').abs().sqrt().as('q')) },
  { name: 'ln and exp', sql: 'SELECT ln(abs(y) + 1) AS l, exp(y / 1000) AS e FROM t', weir: (e) => e.from('t').select($('y').abs().plus(1).ln().as('l'), $('y').dividedBy(1000).exp().as('e')) },
  {
    name: 'abs of int and bigint',
    sql: 'SELECT abs(n) AS a, abs(b) AS c FROM t',
    weir: (e) => e.from('t').select($('n').abs().as('a'), $('b').abs().as('c')),
  },
  { name: 'extract year', sql: 'SELECT extract(year FROM d) AS y FROM t', weir: (e) => e.from('t').select($('d').extract('YEAR').as('y')) },
  {
    name: 'extract date fields',
   
    sql: 'SELECT extract(year FROM d) AS y, extract(quarter FROM d) AS q, extract(month FROM d) AS m, extract(day FROM d) AS dd, extract(dow FROM d) + 1 AS w, extract(doy FROM d) AS j FROM t',
    weir: (e) =>
      e.from('t').select($('d').extract('YEAR').as('y'), $('d').extract('QUARTER').as('q'), $('d').extract('MONTH').as('m'), $('d').extract('DAY').as('dd'), $('d').extract('DOW').as('w'), $('d').extract('DOY').as('j')),
  },
  {
    name: 'truncate dates to year, quarter and month',
   
    sql: "SELECT CAST(date_trunc('year', d) AS DATE) AS y, CAST(date_trunc('quarter', d) AS DATE) AS q, CAST(date_trunc('month', d) AS DATE) AS m FROM t",
    weir: (e) => e.from('t').select($('d').floor('YEAR').as('y'), $('d').floor('QUARTER').as('q'), $('d').floor('MONTH').as('m')),
  },
  {
    name: 'casts between numbers, strings and dates',
    sql: 'SELECT CAST(n AS VARCHAR) AS a, CAST(d AS VARCHAR) AS b, CAST(m AS VARCHAR) AS c, CAST(b AS DOUBLE) AS e, CAST(n AS DECIMAL(10, 2)) AS f FROM t',
    weir: (e) =>
      e.from('t').select(
        $('n').cast(DataTypes.STRING()).as('a'),
        $('d').cast(DataTypes.STRING()).as('b'),
        $('m').cast(DataTypes.STRING()).as('c'),
        $('b').cast(DataTypes.DOUBLE()).as('e'),
        $('n').cast(DataTypes.DECIMAL(10, 2)).as('f'),
      ),
  },
  {
    name: 'TRY_CAST of strings to INT is NULL when not a number',
    sql: 'SELECT s, TRY_CAST(s AS INTEGER) AS i FROM t',
    weir: (e) => e.from('t').select($('s'), $('s').tryCast(DataTypes.INT()).as('i')),
  },
  {
    name: 'IS DISTINCT FROM and NULLIF',
    sql: 'SELECT g IS DISTINCT FROM n AS a, g IS NOT DISTINCT FROM 3 AS b, nullif(g, 3) AS c FROM t',
    weir: (e) => e.from('t').select($('g').isDistinctFrom($('n')).as('a'), $('g').isNotDistinctFrom(3).as('b'), $('g').nullIf(3).as('c')),
  },
  {
    name: 'IS TRUE / IS FALSE on NULL booleans',
    sql: 'SELECT f IS TRUE AS a, f IS FALSE AS b, f IS NOT TRUE AS c FROM t',
    weir: (e) => e.from('t').select($('f').isTrue().as('a'), $('f').isFalse().as('b'), $('f').isNotTrue().as('c')),
  },
  {
    name: 'decimal arithmetic',
    sql: 'SELECT m + m AS a, m * 2 AS b, m - 1 AS c FROM t',
    weir: (e) => e.from('t').select($('m').plus($('m')).as('a'), $('m').times(2).as('b'), $('m').minus(1).as('c')),
  },
  {
    name: 'INT overflow is an error',
    sql: 'SELECT i + i AS x FROM t',
    weir: (e) => e.from('t').select($('i').plus($('i')).as('x')),
    bothFail: true,
  },
];

differentialSuite('scalar functions vs DuckDB', () => ({ t: mainTable() }), cases);
