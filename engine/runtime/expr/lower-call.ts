import type { Call, ScalarFunction } from '../../logical/expression.js';
import { isBuiltinFunction } from '../../logical/builtin-functions.js';
import { builtinCanFail, lowerBuiltin } from './lower-builtin-fns.js';
import { lowerArithmetic, lowerUnaryArithmetic } from './lower-arith.js';
import { castCanFail, lowerCast } from './lower-cast.js';
import { lowerComparison } from './lower-compare.js';
import { lowerConditional } from './lower-conditional.js';
import { lowerDateTime } from './lower-datetime.js';
import { lowerLogic } from './lower-logic.js';
import { lowerMath } from './lower-math.js';
import { lowerSet } from './lower-set.js';
import { lowerString } from './lower-string.js';
import type { Lowering } from './lowering.js';
import { UnsupportedExpressionError, isFloating } from './vm-types.js';

type CallLowering = (lw: Lowering, e: Call, guard: number) => number;

const LOWERINGS: Partial<Record<ScalarFunction, CallLowering>> = {
  plus: lowerArithmetic,
  minus: lowerArithmetic,
  times: lowerArithmetic,
  divide: lowerArithmetic,
  mod: lowerArithmetic,
  negate: lowerUnaryArithmetic,
  abs: lowerUnaryArithmetic,
  eq: lowerComparison,
  ne: lowerComparison,
  lt: lowerComparison,
  le: lowerComparison,
  gt: lowerComparison,
  ge: lowerComparison,
  is_distinct_from: lowerComparison,
  is_not_distinct_from: lowerComparison,
  and: lowerLogic,
  or: lowerLogic,
  not: lowerLogic,
  is_null: lowerLogic,
  is_not_null: lowerLogic,
  is_true: lowerLogic,
  is_false: lowerLogic,
  cast: lowerCast,
  try_cast: lowerCast,
  case: lowerConditional,
  if: lowerConditional,
  coalesce: lowerConditional,
  nullif: lowerConditional,
  in: lowerSet,
  between: lowerSet,
  like: lowerString,
  upper: lowerString,
  lower: lowerString,
  substring: lowerString,
  trim: lowerString,
  ltrim: lowerString,
  rtrim: lowerString,
  concat: lowerString,
  char_length: lowerString,
  replace: lowerString,
  position: lowerString,
  round: lowerMath,
  floor: lowerMath,
  ceil: lowerMath,
  power: lowerMath,
  sqrt: lowerMath,
  ln: lowerMath,
  exp: lowerMath,
  sign: lowerMath,
  extract_year: lowerDateTime,
  extract_month: lowerDateTime,
  extract_day: lowerDateTime,
  extract_hour: lowerDateTime,
  extract_minute: lowerDateTime,
  extract_second: lowerDateTime,
  extract_dow: lowerDateTime,
  extract_doy: lowerDateTime,
  extract_quarter: lowerDateTime,
  extract_week: lowerDateTime,
  extract_epoch: lowerDateTime,
  date_add_days: lowerDateTime,
  timestamp_add_millis: lowerDateTime,
  date_trunc_year: lowerDateTime,
  date_trunc_quarter: lowerDateTime,
  date_trunc_month: lowerDateTime,
  date_trunc_week: lowerDateTime,
  date_trunc_day: lowerDateTime,
  date_trunc_hour: lowerDateTime,
  date_trunc_minute: lowerDateTime,
  date_trunc_second: lowerDateTime,
};

/** Lowers a call by its function's family. */
export function lowerCall(lw: Lowering, e: Call, guard: number): number {
  const lower = LOWERINGS[e.fn] ?? (isBuiltinFunction(e.fn) ? lowerBuiltin : undefined);
  if (!lower) throw new UnsupportedExpressionError(`the expression evaluator does not implement ${e.fn}: ${lw.text(e)}`);
  return lower(lw, e, guard);
}

/** Whether the call itself (not its arguments) can raise an error on some row. */
export function callCanFail(e: Call): boolean {
  switch (e.fn) {
    case 'plus': case 'minus': case 'times': case 'divide': case 'mod': case 'negate': case 'abs':
      return !isFloating(e.type);
    case 'cast':
      return castCanFail(e.args[0]!.type, e.type);
    case 'eq': case 'ne': case 'lt': case 'le': case 'gt': case 'ge': case 'between': case 'in':
    case 'is_distinct_from': case 'is_not_distinct_from':
      // Aligning decimal scales may overflow.
      return e.args.some((a) => a.type.name === 'DECIMAL' && a.type.scale !== e.args[0]!.type.scale);
    case 'round': case 'floor': case 'ceil':
      return !isFloating(e.type);
    case 'date_add_days': case 'timestamp_add_millis':
      return true;
    case 'extract_year': case 'extract_month': case 'extract_day': case 'extract_hour': case 'extract_minute':
    case 'extract_second': case 'extract_dow': case 'extract_doy': case 'extract_quarter': case 'extract_week':
    case 'extract_epoch':
      return e.type.name !== 'BIGINT';
    case 'like':
      // An escape character makes an invalid pattern an error.
      return e.args.length > 2;
    default:
      return isBuiltinFunction(e.fn) && builtinCanFail(e);
  }
}
