import { $, DataTypes, coalesce, ifThenElse } from '../../engine/index.js';
import { generateTable } from '../support/generate.js';
import { differentialSuite, type DiffCase } from './differential.js';

// DECIMAL above 18 digits (I128) against DuckDB over DECIMAL(15, 2), DECIMAL(31, 4) and
// DECIMAL(38, 10) columns. weir follows Flink's result types; where they have fewer fraction
// digits than DuckDB's, the DuckDB SQL spells out the rounding (HALF_UP, as DuckDB's ROUND on a
// DECIMAL): Flink's (38, 10) + (31, 4) is a (38, 9) whose operands are first rounded to 9 digits
// by the planner's casts, and (38, 10) * INT is a (38, 6) rounded from the exact product.
// DuckDB casts a DECIMAL to an integer by rounding where Flink truncates: TRUNC spells that out;
// DuckDB types DECIMAL(15, 2) * DECIMAL(15, 2) as DECIMAL(18, 4) (Flink: (30, 4)): a cast widens it.
const D = DataTypes.DECIMAL;
const cases: DiffCase[] = [
  {
    name: 'products and sums that widen past 18 digits',
    sql: 'SELECT CAST(a AS DECIMAL(30, 2)) * a AS p, a * k AS q, b + b AS r, b - a AS s, b * a AS t, ROUND(c * k, 6) AS u, ROUND(c, 9) + ROUND(b, 9) AS v, -c AS w, abs(c) AS x FROM w',
    weir: (e) => e.from('w').select(
      $('a').times($('a')).as('p'), $('k').times($('a')).as('q'), $('b').plus($('b')).as('r'), $('b').minus($('a')).as('s'),
      $('b').times($('a')).as('t'), $('c').times($('k')).as('u'), $('c').plus($('b')).as('v'), $('c').negate().as('w'), $('c').abs().as('x'),
    ),
  },
  {
    name: 'comparisons across scales and widths',
    sql: 'SELECT a < b AS p, b = c AS q, c >= a AS r, c BETWEEN a AND b AS s, c IS DISTINCT FROM b AS t, b IN (1.5, -2.25, 0) AS u, c <> 0 AS v FROM w',
    weir: (e) => e.from('w').select(
      $('a').isLess($('b')).as('p'), $('b').isEqual($('c')).as('q'), $('c').isGreaterOrEqual($('a')).as('r'), $('c').between($('a'), $('b')).as('s'),
      $('c').isDistinctFrom($('b')).as('t'), $('b').in(1.5, -2.25, 0).as('u'), $('c').isNotEqual(0).as('v'),
    ),
  },
  {
    name: 'filters on wide decimals',
    sql: 'SELECT c FROM w WHERE c > b AND CAST(a AS DECIMAL(30, 2)) * a > 100',
    weir: (e) => e.from('w').filter($('c').isGreater($('b')).and($('a').times($('a')).isGreater(100))).select($('c')),
  },
  {
    name: 'casts to and from wide decimals',
    sql: 'SELECT CAST(c AS DECIMAL(15, 2)) AS p, CAST(a AS DECIMAL(38, 10)) AS q, CAST(b AS VARCHAR) AS r, CAST(CAST(c AS VARCHAR) AS DECIMAL(38, 10)) AS s, CAST(trunc(c) AS BIGINT) AS t, CAST(k AS DECIMAL(30, 3)) AS u, CAST(b AS DOUBLE) AS v FROM w',
    weir: (e) => e.from('w').select(
      $('c').cast(D(15, 2)).as('p'), $('a').cast(D(38, 10)).as('q'), $('b').cast(DataTypes.STRING()).as('r'),
      $('c').cast(DataTypes.STRING()).cast(D(38, 10)).as('s'), $('c').cast(DataTypes.BIGINT()).as('t'), $('k').cast(D(30, 3)).as('u'),
      $('b').cast(DataTypes.DOUBLE()).as('v'),
    ),
    floatTolerance: 1e-12,
  },
  {
    name: 'CASE and COALESCE over wide decimals',
    sql: 'SELECT coalesce(c, b) AS p, CASE WHEN a > 0 THEN b ELSE c END AS q FROM w',
    weir: (e) => e.from('w').select(coalesce($('c'), $('b')).as('p'), ifThenElse($('a').isGreater(0), $('b'), $('c')).as('q')),
  },
];

differentialSuite('DECIMAL(p > 18) vs DuckDB', () => ({
  w: generateTable({
    rows: 300,
    seed: 383,
    columns: [
      { name: 'a', type: 'decimal', precision: 15, scale: 2, special: false },
      { name: 'b', type: 'decimal', precision: 31, scale: 4, special: false },
      { name: 'c', type: 'decimal', precision: 38, scale: 10, special: false },
      { name: 'k', type: 'int32', special: false },
    ],
  }),
}), cases);
