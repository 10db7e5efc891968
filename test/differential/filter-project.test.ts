import { $, DataTypes, lit, caseWhen, coalesce } from '../../engine/index.js';
import { differentialSuite, type DiffCase } from './differential.js';
import { mainTable } from './tables.js';

// Filters (selection with SQL three-valued logic) and projections (scalar expressions).
const cases: DiffCase[] = [
  { name: 'scan all columns', sql: 'SELECT * FROM t', weir: (e) => e.from('t'), signedZero: true, floatTolerance: 0 },
  { name: 'int comparison', sql: 'SELECT n, s FROM t WHERE n > 10', weir: (e) => e.from('t').filter($('n').isGreater(10)).select($('n'), $('s')) },
  { name: 'int extremes equality', sql: 'SELECT i FROM t WHERE i = 2147483647 OR i = -2147483648', weir: (e) => e.from('t').filter($('i').isEqual(2147483647).or($('i').isEqual(-2147483648))).select($('i')) },
  { name: 'bigint range', sql: 'SELECT b FROM t WHERE b BETWEEN -500000 AND 500000', weir: (e) => e.from('t').filter($('b').between(-500000, 500000)).select($('b')) },
  { name: 'string equality with empty string', sql: "SELECT s, n FROM t WHERE s = ''", weir: (e) => e.from('t').filter($('s').isEqual('')).select($('s'), $('n')) },
  { name: 'string inequality', sql: "SELECT s FROM t WHERE s <> 'a'", weir: (e) => e.from('t').filter($('s').isNotEqual('a')).select($('s')) },
  { name: 'IS NULL / IS NOT NULL', sql: 'SELECT g, n FROM t WHERE g IS NULL OR n IS NOT NULL AND s IS NULL', weir: (e) => e.from('t').filter($('g').isNull().or($('n').isNotNull().and($('s').isNull()))).select($('g'), $('n')) },
  { name: 'three-valued AND / OR / NOT', sql: 'SELECT n, f FROM t WHERE NOT (n > 0 AND f) OR (n < -900 OR NOT f)', weir: (e) => e.from('t').filter($('n').isGreater(0).and($('f')).not().or($('n').isLess(-900).or($('f').not()))).select($('n'), $('f')) },
  { name: 'boolean column as predicate', sql: 'SELECT n FROM t WHERE f', weir: (e) => e.from('t').filter($('f')).select($('n')) },
  { name: 'IN list', sql: 'SELECT g, n FROM t WHERE g IN (1, 2, 3) OR n IN (0, 5)', weir: (e) => e.from('t').filter($('g').in(1, 2, 3).or($('n').in(0, 5))).select($('g'), $('n')) },
  { name: 'LIKE', sql: "SELECT s FROM t WHERE s LIKE 'a%' OR s LIKE '%_x%'", weir: (e) => e.from('t').filter($('s').like('a%').or($('s').like('%_x%'))).select($('s')) },
  { name: 'double comparison (no NaN)', sql: 'SELECT y FROM t WHERE y >= 0', weir: (e) => e.from('t').filter($('y').isGreaterOrEqual(0)).select($('y')) },
  { name: 'double comparison with NaN, -0 and infinities', sql: 'SELECT x FROM t WHERE x > 0 OR x <= -1', weir: (e) => e.from('t').filter($('x').isGreater(0).or($('x').isLessOrEqual(-1))).select($('x')) },
  { name: 'date comparison', sql: "SELECT d FROM t WHERE d >= DATE '2000-01-01'", weir: (e) => e.from('t').filter($('d').isGreaterOrEqual(lit('2000-01-01', DataTypes.DATE()))).select($('d')) },
  { name: 'decimal comparison', sql: 'SELECT m FROM t WHERE m > 0', weir: (e) => e.from('t').filter($('m').isGreater(0)).select($('m')) },
  { name: 'integer arithmetic', sql: 'SELECT n + 1 AS a, n - b AS c, n * 3 AS p, -n AS z FROM t', weir: (e) => e.from('t').select($('n').plus(1).as('a'), $('n').minus($('b')).as('c'), $('n').times(3).as('p'), $('n').negate().as('z')) },
  { name: 'integer modulo', sql: 'SELECT n % 7 AS r FROM t', weir: (e) => e.from('t').select($('n').mod(7).as('r')) },
  { name: 'double arithmetic', sql: 'SELECT y * 2 + 1 AS a, y / 4 AS q FROM t', weir: (e) => e.from('t').select($('y').times(2).plus(1).as('a'), $('y').dividedBy(4).as('q')) },
  { name: 'CASE', sql: "SELECT CASE WHEN n > 0 THEN 'pos' WHEN n < 0 THEN 'neg' ELSE 'zero or null' END AS c FROM t", weir: (e) => e.from('t').select(caseWhen($('n').isGreater(0), 'pos').when($('n').isLess(0), 'neg').otherwise('zero or null').as('c')) },
  { name: 'COALESCE', sql: 'SELECT coalesce(g, n, 0) AS c FROM t', weir: (e) => e.from('t').select(coalesce($('g'), $('n'), 0).as('c')) },
  { name: 'CAST int to bigint and double', sql: 'SELECT CAST(n AS BIGINT) AS a, CAST(n AS DOUBLE) AS b FROM t', weir: (e) => e.from('t').select($('n').cast(DataTypes.BIGINT()).as('a'), $('n').cast(DataTypes.DOUBLE()).as('b')) },
  { name: 'string functions', sql: 'SELECT upper(s) AS u, lower(s) AS l, length(s) AS n FROM t', weir: (e) => e.from('t').select($('s').upperCase().as('u'), $('s').lowerCase().as('l'), $('s').charLength().as('n')) },
  { name: 'filter then project', sql: 'SELECT n * 2 AS n2 FROM t WHERE n % 2 = 0 AND n > -500', weir: (e) => e.from('t').filter($('n').mod(2).isEqual(0)).filter($('n').isGreater(-500)).select($('n').times(2).as('n2')) },
  { name: 'filter keeps nothing', sql: 'SELECT n FROM t WHERE n > 5000', weir: (e) => e.from('t').filter($('n').isGreater(5000)).select($('n')) },
];

differentialSuite('filter and project vs DuckDB', () => ({ t: mainTable() }), cases);
