import { $, DataTypes, lit } from '../../engine/index.js';
import { differentialSuite, type DiffCase } from './differential.js';
import { mainTable } from './tables.js';

// Dictionary-encoded strings (weir groups, filters and sorts them by code where it can) and
// timestamps in milliseconds and microseconds.
const cases: DiffCase[] = [
  { name: 'filter a dictionary column', sql: "SELECT ds, n FROM t WHERE ds = '' OR ds > 'm'", weir: (e) => e.from('t').filter($('ds').isEqual('').or($('ds').isGreater('m'))).select($('ds'), $('n')) },
  { name: 'LIKE on a dictionary column', sql: "SELECT ds FROM t WHERE ds LIKE '%a%'", weir: (e) => e.from('t').filter($('ds').like('%a%')).select($('ds')) },
  { name: 'group by a dictionary column', sql: 'SELECT ds, count(*) AS c, sum(n) AS s, max(s) AS m FROM t GROUP BY ds', weir: (e) => e.from('t').groupBy($('ds')).select($('ds'), $('*').count().as('c'), $('n').sum().as('s'), $('s').max().as('m')) },
  { name: 'group by dictionary and int keys', sql: 'SELECT ds, g, count(*) AS c FROM t GROUP BY ds, g', weir: (e) => e.from('t').groupBy($('ds'), $('g')).select($('ds'), $('g'), $('*').count().as('c')) },
  { name: 'min / max of a dictionary column', sql: 'SELECT g, min(ds) AS a, max(ds) AS b FROM t GROUP BY g', weir: (e) => e.from('t').groupBy($('g')).select($('g'), $('ds').min().as('a'), $('ds').max().as('b')) },
  { name: 'order by a dictionary column', sql: 'SELECT ds FROM t ORDER BY ds DESC NULLS LAST', weir: (e) => e.from('t').select($('ds')).orderBy($('ds').desc()), ordered: true },
  { name: 'string functions on a dictionary column', sql: "SELECT upper(ds) AS u, ds || '!' AS c FROM t", weir: (e) => e.from('t').select($('ds').upperCase().as('u'), $('ds').concat('!').as('c')) },
  { name: 'timestamp filter', sql: "SELECT ts FROM t WHERE ts >= TIMESTAMP '2000-01-01 00:00:00'", weir: (e) => e.from('t').filter($('ts').isGreaterOrEqual(lit('2000-01-01 00:00:00', DataTypes.TIMESTAMP(3)))).select($('ts')) },
  { name: 'timestamp min / max per group', sql: 'SELECT g, min(ts) AS a, max(ts) AS b, min(tu) AS c, max(tu) AS d FROM t GROUP BY g', weir: (e) => e.from('t').groupBy($('g')).select($('g'), $('ts').min().as('a'), $('ts').max().as('b'), $('tu').min().as('c'), $('tu').max().as('d')) },
  { name: 'order by timestamp', sql: 'SELECT tu FROM t ORDER BY tu ASC NULLS FIRST', weir: (e) => e.from('t').select($('tu')).orderBy($('tu')), ordered: true },
  { name: 'extract from timestamps', sql: 'SELECT extract(year FROM ts) AS y, extract(hour FROM ts) AS h, extract(minute FROM tu) AS m, extract(second FROM tu) AS s FROM t', weir: (e) => e.from('t').select($('ts').extract('YEAR').as('y'), $('ts').extract('HOUR').as('h'), $('tu').extract('MINUTE').as('m'), $('tu').extract('SECOND').as('s')) },
  { name: 'truncate timestamps to day and hour', sql: "SELECT date_trunc('day', ts) AS d, date_trunc('hour', tu) AS h FROM t", weir: (e) => e.from('t').select($('ts').floor('DAY').as('d'), $('tu').floor('HOUR').as('h')) },
  { name: 'group by timestamp truncated to year', sql: "SELECT date_trunc('year', ts) AS yr, count(*) AS c FROM t GROUP BY 1", weir: (e) => e.from('t').addColumns($('ts').floor('YEAR').as('yr')).groupBy($('yr')).select($('yr'), $('*').count().as('c')) },
];

differentialSuite('dictionary strings and timestamps vs DuckDB', () => ({ t: mainTable() }), cases);
