import type { Literal } from '../../logical/expression.js';
import { makeLiteral, parseDate, parseDecimal, parseTimestampMillis } from '../../logical/literal.js';
import { DataTypes } from '../../types/data-type.js';
import type { IntervalLiteral, NumericLiteral, TimeUnit, TypedLiteral } from '../ast.js';
import { SqlValidationError } from './sql-validation-error.js';

const INT_MAX = 2n ** 31n - 1n;
const BIGINT_MAX = 2n ** 63n - 1n;

/**
 * The literal of a numeric token, typed as Flink types it: an integer is INT when it fits 32
 * bits, else BIGINT, else DECIMAL(digits, 0); `1.50` is DECIMAL(3, 2); `1e3` is DOUBLE.
 * `negative` folds a leading minus into the literal (so -2147483648 is still an INT).
 */
export function numericLiteral(n: NumericLiteral, negative = false): Literal {
  const text = n.text;
  const sign = negative ? '-' : '';
  if (/[eE]/.test(text)) return makeLiteral(Number(sign + text), DataTypes.DOUBLE(false));
  const dot = text.indexOf('.');
  if (dot < 0) {
    const v = BigInt(sign + text);
    const abs = v < 0n ? -v : v;
    if (v >= -INT_MAX - 1n && v <= INT_MAX) return makeLiteral(Number(v), DataTypes.INT(false));
    if (v >= -BIGINT_MAX - 1n && v <= BIGINT_MAX) return makeLiteral(v.toString(), DataTypes.BIGINT(false));
    const digits = abs.toString().length;
    if (digits > 38) throw new SqlValidationError(`numeric literal ${sign}${text} is out of range (more than 38 digits)`, n.span);
    return makeLiteral(v.toString(), DataTypes.DECIMAL(digits, 0, false));
  }
  const scale = text.length - dot - 1;
  const intDigits = text.slice(0, dot).replace(/^0+/, '').length;
  const precision = Math.max(intDigits + scale, 1);
  if (precision > 38) throw new SqlValidationError(`numeric literal ${sign}${text} is out of range (more than 38 digits)`, n.span);
  const unscaled = parseDecimal(sign + text, precision, scale)!;
  return makeLiteral(unscaled, DataTypes.DECIMAL(precision, scale, false));
}

/** `DATE '…'` and `TIMESTAMP '…'` as literals; TIME and TIMESTAMP_LTZ are not supported yet. */
export function typedLiteral(t: TypedLiteral): Literal {
  if (t.type === 'DATE') {
    const days = parseDate(t.value);
    if (days === undefined) throw new SqlValidationError(`'${t.value}' is not a DATE; write it as 'yyyy-MM-dd'`, t.span);
    return makeLiteral(days, DataTypes.DATE(false));
  }
  if (t.type === 'TIMESTAMP') {
    const ms = parseTimestampMillis(t.value);
    if (ms === undefined) throw new SqlValidationError(`'${t.value}' is not a TIMESTAMP; write it as 'yyyy-MM-dd HH:mm:ss[.SSS]'`, t.span);
    return makeLiteral(ms, DataTypes.TIMESTAMP(3, false));
  }
  throw new SqlValidationError(`${t.type} literals are not implemented yet`, t.span);
}

/** An interval value: a number of months (YEAR TO MONTH) or of milliseconds (DAY TO SECOND). */
export type IntervalValue = { readonly months: number } | { readonly millis: number };

/** Milliseconds of each day-time unit. */
export const UNIT_MILLIS: Partial<Record<TimeUnit, number>> = {
  WEEK: 7 * 86_400_000, DAY: 86_400_000, HOUR: 3_600_000, MINUTE: 60_000, SECOND: 1000, MILLISECOND: 1,
};

const DAY_TIME: readonly TimeUnit[] = ['DAY', 'HOUR', 'MINUTE', 'SECOND'];

/**
 * The value of an interval literal: `INTERVAL '10' MINUTE`, `INTERVAL '1-6' YEAR TO MONTH`,
 * `INTERVAL '2 03:04:05.250' DAY TO SECOND`.
 */
export function intervalValue(i: IntervalLiteral): IntervalValue {
  const q = i.qualifier;
  const fail = (): never => {
    throw new SqlValidationError(`'${i.value}' is not a valid INTERVAL ${q.start}${q.end ? ` TO ${q.end}` : ''}`, i.span);
  };
  const text = i.value.trim();
  const negative = text.startsWith('-');
  const body = negative || text.startsWith('+') ? text.slice(1) : text;
  const sign = i.sign * (negative ? -1 : 1);
  if (q.start === 'YEAR' || q.start === 'MONTH' || q.start === 'QUARTER') {
    const parts = body.split('-');
    if (parts.some((p) => !/^\d+$/.test(p))) fail();
    const nums = parts.map(Number);
    if (q.start === 'YEAR' && q.end === 'MONTH') {
      if (nums.length !== 2) fail();
      return { months: sign * (nums[0]! * 12 + nums[1]!) };
    }
    if (nums.length !== 1 || q.end !== undefined) fail();
    return { months: sign * nums[0]! * (q.start === 'YEAR' ? 12 : q.start === 'QUARTER' ? 3 : 1) };
  }
  if (q.end === undefined) {
    if (!/^\d+(\.\d+)?$/.test(body)) fail();
    const unit = UNIT_MILLIS[q.start] ?? fail();
    return { millis: sign * Math.round(Number(body) * unit) };
  }
  const from = DAY_TIME.indexOf(q.start), to = DAY_TIME.indexOf(q.end);
  if (from < 0 || to <= from) fail();
  const parts = body.split(/[ :]/);
  if (parts.length !== to - from + 1 || parts.some((p, k) => !(k === parts.length - 1 ? /^\d+(\.\d+)?$/ : /^\d+$/).test(p))) fail();
  let millis = 0;
  parts.forEach((p, k) => { millis += Number(p) * UNIT_MILLIS[DAY_TIME[from + k]!]!; });
  return { millis: sign * Math.round(millis) };
}
