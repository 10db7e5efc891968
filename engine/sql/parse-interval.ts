/** Interval literals, interval qualifiers and the time units of EXTRACT, FLOOR ... TO and TIMESTAMPADD. */
import type { IntervalLiteral, IntervalQualifier, TimeUnit } from './ast.js';
import type { Cursor } from './cursor.js';

/** Units an interval literal may use, singular. Flink also accepts the plurals (`MINUTES`). */
const INTERVAL_UNITS: readonly TimeUnit[] = ['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND'];

const DAY_TIME_UNITS: readonly TimeUnit[] = ['DAY', 'HOUR', 'MINUTE', 'SECOND'];

/** Every time unit, singular. */
const TIME_UNITS: readonly TimeUnit[] = [
  'MILLENNIUM', 'CENTURY', 'DECADE', 'YEAR', 'QUARTER', 'MONTH', 'WEEK', 'DAY', 'HOUR', 'MINUTE', 'SECOND',
  'MILLISECOND', 'MICROSECOND', 'NANOSECOND', 'DOW', 'DOY', 'ISODOW', 'ISOYEAR', 'EPOCH',
];

/** The singular unit for `word` (`DAYS` gives `DAY`, `SQL_TSI_HOUR` gives `HOUR`), or undefined. */
function unitOf(word: string, allowed: readonly TimeUnit[]): TimeUnit | undefined {
  let w = word.startsWith('SQL_TSI_') ? word.slice('SQL_TSI_'.length) : word;
  if (w === 'FRAC_SECOND') w = 'MICROSECOND';
  if (allowed.includes(w as TimeUnit)) return w as TimeUnit;
  if (w.endsWith('S') && allowed.includes(w.slice(0, -1) as TimeUnit)) return w.slice(0, -1) as TimeUnit;
  if (w === 'CENTURIES') return allowed.includes('CENTURY') ? 'CENTURY' : undefined;
  if (w === 'MILLENNIA') return allowed.includes('MILLENNIUM') ? 'MILLENNIUM' : undefined;
  return undefined;
}

/** Parses a time unit (`HOUR`, `DAYS`, `SQL_TSI_MINUTE`, ...) for EXTRACT, FLOOR/CEIL ... TO, TIMESTAMPADD/DIFF. */
export function parseTimeUnit(c: Cursor, context: string): TimeUnit {
  const t = c.peek();
  const unit = t.kind === 'word' ? unitOf(t.upper, TIME_UNITS) : undefined;
  if (unit === undefined) throw c.expected(`a time unit (YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, ...) in ${context}`);
  c.next();
  return unit;
}

/** Parses `INTERVAL [+|-] 'value' qualifier` (a bare number is accepted for the value too). */
export function parseIntervalLiteral(c: Cursor): IntervalLiteral {
  const first = c.next();
  let sign: 1 | -1 = 1;
  if (c.acceptOperator('-')) sign = -1;
  else c.acceptOperator('+');
  const value = c.peek();
  if (value.kind !== 'string' && value.kind !== 'number') throw c.expected("a quoted interval value (INTERVAL '10' MINUTE)");
  c.next();
  const qualifier = parseIntervalQualifier(c);
  return { kind: 'interval_literal', sign, value: value.text, qualifier, span: c.spanFrom(first) };
}

/** Parses `unit [(p)] [TO unit [(p)]]`. */
export function parseIntervalQualifier(c: Cursor): IntervalQualifier {
  const first = c.peek();
  const start = parseIntervalUnit(c);
  let precision: number | undefined;
  let fractionalPrecision: number | undefined;
  if (c.acceptOperator('(')) {
    precision = parseSmallInteger(c);
    if (start === 'SECOND' && c.acceptOperator(',')) fractionalPrecision = parseSmallInteger(c);
    c.expectOperator(')');
  }
  let end: TimeUnit | undefined;
  if (c.acceptKeyword('TO')) {
    const endToken = c.peek();
    end = parseIntervalUnit(c);
    const yearToMonth = start === 'YEAR' && end === 'MONTH';
    const dayTime = DAY_TIME_UNITS.indexOf(start) >= 0 && DAY_TIME_UNITS.indexOf(end) > DAY_TIME_UNITS.indexOf(start);
    if (!yearToMonth && !dayTime) {
      throw c.errorAt(`invalid interval qualifier ${start} TO ${end}: use YEAR TO MONTH or a range within DAY TO SECOND`, endToken);
    }
    if (end === 'SECOND' && c.acceptOperator('(')) {
      fractionalPrecision = parseSmallInteger(c);
      c.expectOperator(')');
    }
  }
  return {
    kind: 'interval_qualifier',
    start,
    ...(end !== undefined ? { end } : {}),
    ...(precision !== undefined ? { precision } : {}),
    ...(fractionalPrecision !== undefined ? { fractionalPrecision } : {}),
    span: c.spanFrom(first),
  };
}

function parseIntervalUnit(c: Cursor): TimeUnit {
  const t = c.peek();
  const unit = t.kind === 'word' ? unitOf(t.upper, INTERVAL_UNITS) : undefined;
  if (unit === undefined) throw c.expected('an interval unit (YEAR, MONTH, DAY, HOUR, MINUTE or SECOND)');
  c.next();
  return unit;
}

function parseSmallInteger(c: Cursor): number {
  const t = c.peek();
  if (t.kind !== 'number' || !/^\d+$/.test(t.text)) throw c.expected('an integer precision');
  c.next();
  return Number(t.text);
}
