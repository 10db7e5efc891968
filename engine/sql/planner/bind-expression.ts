import { NotImplementedError } from '../../errors.js';
import type { ScalarExpr, ScalarFunction } from '../../logical/expression.js';
import { castTo, resolveCall, resolveCast } from '../../logical/function-catalog.js';
import { makeLiteral, numberOf } from '../../logical/literal.js';
import { nearestName } from '../../logical/name-resolution.js';
import { simplify } from '../../optimizer/constant-folding.js';
import { DataTypes, isIntegral } from '../../types/data-type.js';
import type { Expr, FunctionCall, Span, TimeUnit } from '../ast.js';
import { functionName, isAggregateCall } from './ast-walk.js';
import { intervalValue, numericLiteral, typedLiteral, UNIT_MILLIS, type IntervalValue } from './sql-literals.js';
import type { SqlScope } from './sql-scope.js';
import { toDataType } from './sql-types.js';
import { at, SqlValidationError } from './sql-validation-error.js';

/** Binds the subquery expressions of one block (IN, EXISTS, scalar subqueries) as the FROM planner allows. */
export type SubqueryBinder = (e: Expr & { kind: 'in_subquery' | 'exists' | 'scalar_subquery' | 'quantified_comparison' }) => ScalarExpr;

/** What an expression is bound against, and what it may contain there. */
export interface BindContext {
  /** The whole SQL text, to quote expressions in messages. */
  readonly sql: string;
  readonly scope: SqlScope;
  /** The clause being bound ("WHERE", "the SELECT list"), for messages. */
  readonly clause: string;
  /** Binds an aggregate call (grouped SELECT, HAVING, ORDER BY); absent: aggregates are errors here. */
  readonly aggregate?: (call: FunctionCall) => ScalarExpr;
  /** Replaces a whole sub-expression (a GROUP BY key in a grouped SELECT); undefined binds it normally. */
  readonly intercept?: (e: Expr) => ScalarExpr | undefined;
  /** Binds subqueries; absent: they are errors here. */
  readonly subquery?: SubqueryBinder;
  /** The statement's start time in epoch milliseconds: CURRENT_TIMESTAMP and friends. */
  readonly now: number;
}

/** Simple scalar functions, by SQL name, with weir's function for them. */
const SCALAR_FUNCTIONS: Readonly<Record<string, ScalarFunction>> = {
  UPPER: 'upper', LOWER: 'lower', CHAR_LENGTH: 'char_length', CHARACTER_LENGTH: 'char_length',
  CONCAT: 'concat', REPLACE: 'replace', SUBSTR: 'substring', LTRIM: 'ltrim', RTRIM: 'rtrim',
  ABS: 'abs', ROUND: 'round', FLOOR: 'floor', CEIL: 'ceil', CEILING: 'ceil', POWER: 'power', SQRT: 'sqrt',
  LN: 'ln', EXP: 'exp', SIGN: 'sign', MOD: 'mod', COALESCE: 'coalesce', IFNULL: 'coalesce', NULLIF: 'nullif', IF: 'if',
  YEAR: 'extract_year', QUARTER: 'extract_quarter', MONTH: 'extract_month', WEEK: 'extract_week',
  DAYOFYEAR: 'extract_doy', DAYOFMONTH: 'extract_day', DAYOFWEEK: 'extract_dow', HOUR: 'extract_hour',
  MINUTE: 'extract_minute', SECOND: 'extract_second',
  CONCAT_WS: 'concat_ws', SPLIT_INDEX: 'split_index', LPAD: 'lpad', RPAD: 'rpad', REPEAT: 'repeat', REVERSE: 'reverse',
  INITCAP: 'initcap', LEFT: 'left', RIGHT: 'right', ASCII: 'ascii', CHR: 'chr', REGEXP: 'regexp',
  REGEXP_EXTRACT: 'regexp_extract', REGEXP_REPLACE: 'regexp_replace', LOG: 'log', LOG10: 'log10', LOG2: 'log2',
  SIN: 'sin', COS: 'cos', TAN: 'tan', ASIN: 'asin', ACOS: 'acos', ATAN: 'atan', ATAN2: 'atan2', DEGREES: 'degrees',
  RADIANS: 'radians', GREATEST: 'greatest', LEAST: 'least', TRUNCATE: 'truncate', DATE_FORMAT: 'date_format',
  TO_TIMESTAMP: 'to_timestamp', TO_DATE: 'to_date', FROM_UNIXTIME: 'from_unixtime',
};

/** TIMESTAMPDIFF units, with weir's function for each. */
const DIFF_FUNCTIONS: Partial<Record<TimeUnit, ScalarFunction>> = {
  SECOND: 'timestampdiff_second', MINUTE: 'timestampdiff_minute', HOUR: 'timestampdiff_hour', DAY: 'timestampdiff_day',
  WEEK: 'timestampdiff_week', MONTH: 'timestampdiff_month', QUARTER: 'timestampdiff_quarter', YEAR: 'timestampdiff_year',
};

/** Flink built-ins weir does not evaluate yet: named in the error instead of "unknown function". */
const NOT_YET = new Set([
  'RAND', 'RAND_INTEGER', 'UUID', 'MD5', 'SHA1', 'SHA256', 'HASH_CODE', 'TO_BASE64', 'FROM_BASE64',
  'JSON_VALUE', 'JSON_QUERY', 'JSON_OBJECT', 'JSON_ARRAY', 'CONVERT_TZ', 'DATEDIFF', 'STDDEV_POP',
  'STDDEV_SAMP', 'VAR_POP', 'VAR_SAMP', 'COLLECT', 'LISTAGG', 'FIRST_VALUE', 'LAST_VALUE', 'CURRENT_WATERMARK',
]);

const EXTRACT_FUNCTIONS: Partial<Record<TimeUnit, ScalarFunction>> = {
  YEAR: 'extract_year', QUARTER: 'extract_quarter', MONTH: 'extract_month', WEEK: 'extract_week', DAY: 'extract_day',
  HOUR: 'extract_hour', MINUTE: 'extract_minute', SECOND: 'extract_second', DOW: 'extract_dow', DOY: 'extract_doy',
  EPOCH: 'extract_epoch',
};

const TRUNC_FUNCTIONS: Partial<Record<TimeUnit, ScalarFunction>> = {
  YEAR: 'date_trunc_year', QUARTER: 'date_trunc_quarter', MONTH: 'date_trunc_month', WEEK: 'date_trunc_week',
  DAY: 'date_trunc_day', HOUR: 'date_trunc_hour', MINUTE: 'date_trunc_minute', SECOND: 'date_trunc_second',
};

const BINARY_FUNCTIONS: Readonly<Record<string, ScalarFunction>> = {
  OR: 'or', AND: 'and', '=': 'eq', '<>': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge',
  '+': 'plus', '-': 'minus', '*': 'times', '/': 'divide', '%': 'mod', '||': 'concat',
};

/**
 * Binds a SQL expression to a typed {@link ScalarExpr} over `ctx.scope`: names resolve to input
 * positions, functions go through the one function catalog (implicit casts, Flink's result
 * types), and every error points at the text that caused it.
 */
export function bindExpr(e: Expr, ctx: BindContext): ScalarExpr {
  const hit = ctx.intercept?.(e);
  if (hit) return hit;
  const text = ctx.sql.slice(e.span.start, e.span.end);
  const call = (fn: ScalarFunction, args: readonly Expr[]) => at(e.span, () => resolveCall(fn, args.map((a) => bindExpr(a, ctx)), text));
  const fail = (detail: string): never => {
    throw new SqlValidationError(detail, e.span);
  };
  const notYet = (feature: string, hint?: string): never => fail(new NotImplementedError(feature, hint).message);

  switch (e.kind) {
    case 'numeric_literal':
      return numericLiteral(e);
    case 'string_literal':
      return makeLiteral(e.value, DataTypes.STRING(false));
    case 'boolean_literal':
      return makeLiteral(e.value, DataTypes.BOOLEAN(false));
    case 'null_literal':
      return makeLiteral(null, DataTypes.NULL());
    case 'typed_literal':
      return typedLiteral(e);
    case 'interval_literal':
      return fail(`an INTERVAL is only allowed added to or subtracted from a DATE or TIMESTAMP, in ${text}`);
    case 'column_ref': {
      const c = ctx.scope.resolve(e);
      return { kind: 'column', index: c.index, name: c.field.name, type: c.field.type };
    }
    case 'unary':
      if (e.op === 'NOT') return call('not', [e.operand]);
      if (e.op === '+') return bindExpr(e.operand, ctx);
      if (e.operand.kind === 'numeric_literal') return numericLiteral(e.operand, true);
      return call('negate', [e.operand]);
    case 'binary': {
      if (e.op === '+' || e.op === '-') {
        const interval = intervalOperand(e.right) ?? (e.op === '+' ? intervalOperand(e.left) : undefined);
        if (interval) {
          const other = interval.expr === e.right ? e.left : e.right;
          const v = e.op === '-' ? negate(interval.value) : interval.value;
          return addInterval(bindExpr(other, ctx), v, e.span, text);
        }
      }
      return call(BINARY_FUNCTIONS[e.op]!, [e.left, e.right]);
    }
    case 'is': {
      const operand = [e.operand];
      switch (e.test) {
        case 'NULL': return call(e.negated ? 'is_not_null' : 'is_null', operand);
        case 'TRUE': return negateIf(e.negated, call('is_true', operand), e.span, text);
        case 'FALSE': return negateIf(e.negated, call('is_false', operand), e.span, text);
        case 'UNKNOWN': {
          const b = at(e.span, () => castTo(bindExpr(e.operand, ctx), DataTypes.BOOLEAN()));
          if (b.type.name !== 'BOOLEAN') fail(`IS UNKNOWN needs a BOOLEAN operand in ${text}`);
          return at(e.span, () => resolveCall(e.negated ? 'is_not_null' : 'is_null', [b], text));
        }
      }
      break;
    }
    case 'is_distinct_from':
      return call(e.negated ? 'is_not_distinct_from' : 'is_distinct_from', [e.left, e.right]);
    case 'between': {
      const b = e.symmetric
        ? at(e.span, () => resolveCall('or', [call('between', [e.operand, e.low, e.high]), call('between', [e.operand, e.high, e.low])], text))
        : call('between', [e.operand, e.low, e.high]);
      return negateIf(e.negated, b, e.span, text);
    }
    case 'in_list':
      return negateIf(e.negated, call('in', [e.operand, ...e.list]), e.span, text);
    case 'like':
      if (e.operator === 'SIMILAR TO') return notYet('SIMILAR TO', 'use LIKE');
      return negateIf(e.negated, call('like', [e.operand, e.pattern, ...(e.escape ? [e.escape] : [])]), e.span, text);
    case 'in_subquery': case 'exists': case 'scalar_subquery': case 'quantified_comparison':
      if (!ctx.subquery) return fail(`a subquery is not allowed in ${ctx.clause}`);
      return ctx.subquery(e);
    case 'case': {
      const args: ScalarExpr[] = [];
      for (const w of e.whens) {
        const cond = e.operand
          ? at(w.when.span, () => resolveCall('eq', [bindExpr(e.operand!, ctx), bindExpr(w.when, ctx)], text))
          : bindExpr(w.when, ctx);
        args.push(cond, bindExpr(w.then, ctx));
      }
      if (e.else) args.push(bindExpr(e.else, ctx));
      return at(e.span, () => resolveCall('case', args, text));
    }
    case 'cast': {
      const target = toDataType(e.type);
      return at(e.span, () => resolveCast(bindExpr(e.operand, ctx), target, e.try, text));
    }
    case 'function_call':
      return bindFunction(e, ctx, text);
    case 'extract': {
      const fn = EXTRACT_FUNCTIONS[e.unit] ?? notYet(`EXTRACT(${e.unit} FROM ...)`);
      return call(fn, [e.operand]);
    }
    case 'floor_ceil_to':
      return floorCeilTo(e, ctx, text);
    case 'timestamp_add': {
      const ts = bindExpr(e.operand, ctx);
      const count = simplify(bindExpr(e.count, ctx));
      if (!isIntegral(count.type)) fail(`the count of TIMESTAMPADD must be an integer in ${text}`);
      if (e.unit === 'YEAR' || e.unit === 'QUARTER' || e.unit === 'MONTH') {
        if (count.kind !== 'literal' || count.value === null) return notYet(`TIMESTAMPADD(${e.unit}, ...) with a non-constant count`);
        const months = Number(count.value) * (e.unit === 'YEAR' ? 12 : e.unit === 'QUARTER' ? 3 : 1);
        return addInterval(ts, { months }, e.span, text);
      }
      const unit = UNIT_MILLIS[e.unit] ?? notYet(`TIMESTAMPADD(${e.unit}, ...)`);
      if (count.kind === 'literal' && count.value !== null) return addInterval(ts, { millis: Number(count.value) * unit }, e.span, text);
      return at(e.span, () => {
        const millis = resolveCall('times', [castTo(count, DataTypes.BIGINT(count.type.nullable)), makeLiteral(String(unit), DataTypes.BIGINT(false))], text);
        const base = ts.type.name === 'DATE' ? castTo(ts, DataTypes.TIMESTAMP(3)) : ts;
        return resolveCall('timestamp_add_millis', [base, millis], text);
      });
    }
    case 'timestamp_diff': {
      const fn = DIFF_FUNCTIONS[e.unit] ?? notYet(`TIMESTAMPDIFF(${e.unit}, ...)`);
      return call(fn, [e.from, e.to]);
    }
    case 'substring':
      return call('substring', [e.operand, e.start, ...(e.length ? [e.length] : [])]);
    case 'trim': {
      if (e.characters && !(e.characters.kind === 'string_literal' && e.characters.value === ' ')) {
        return call(e.side === 'BOTH' ? 'trim_chars' : e.side === 'LEADING' ? 'ltrim_chars' : 'rtrim_chars', [e.operand, e.characters]);
      }
      return call(e.side === 'BOTH' ? 'trim' : e.side === 'LEADING' ? 'ltrim' : 'rtrim', [e.operand]);
    }
    case 'position':
      if (e.start) return call('locate', [e.needle, e.haystack, e.start]);
      return call('position', [e.needle, e.haystack]);
    case 'overlay':
      return notYet('OVERLAY');
    case 'row':
      return e.fields.length === 1 ? bindExpr(e.fields[0]!, ctx) : notYet('ROW values');
    case 'array_constructor': return notYet('ARRAY values');
    case 'map_constructor': return notYet('MAP values');
    case 'subscript': return notYet('element access x[i]');
    case 'field_access': return notYet('field access of ROW values');
  }
  return fail(`cannot bind ${text}`);
}

function bindFunction(e: FunctionCall, ctx: BindContext, text: string): ScalarExpr {
  const name = functionName(e);
  const fail = (detail: string): never => {
    throw new SqlValidationError(detail, e.span);
  };
  if (e.over !== undefined) return fail(new NotImplementedError(`OVER windows (${name} OVER ...)`).message);
  if (isAggregateCall(e)) {
    if (!ctx.aggregate) return fail(`aggregate ${text} is not allowed in ${ctx.clause}`);
    return ctx.aggregate(e);
  }
  if (e.distinct || e.star) fail(`${name} is not an aggregate function; DISTINCT and * apply only to aggregates`);
  if (e.filter) fail(`FILTER (WHERE ...) applies only to aggregate functions, not to ${name}`);
  const args = e.args.map((a) => {
    if (a.kind === 'named_argument' || a.kind === 'table_argument' || a.kind === 'descriptor') {
      return fail(`${name} takes no table or named arguments`);
    }
    return a;
  });
  const now = (type: 'DATE' | 'TIMESTAMP') => {
    if (args.length) fail(`${name} takes no arguments`);
    return type === 'DATE'
      ? makeLiteral(Math.floor(ctx.now / 86_400_000), DataTypes.DATE(false))
      : makeLiteral(ctx.now, DataTypes.TIMESTAMP(3, false));
  };
  switch (name) {
    case 'CURRENT_DATE': return now('DATE');
    case 'CURRENT_TIMESTAMP': case 'NOW': case 'LOCALTIMESTAMP': case 'CURRENT_ROW_TIMESTAMP': return now('TIMESTAMP');
    // A bounded batch job processes its rows "now": PROCTIME() is the statement's start time.
    case 'PROCTIME': return now('TIMESTAMP');
    case 'UNIX_TIMESTAMP':
      // Without arguments: the statement's start time in seconds (batch mode evaluates it once).
      if (!args.length) return makeLiteral(String(Math.floor(ctx.now / 1000)), DataTypes.BIGINT(false));
      return at(e.span, () => resolveCall('unix_timestamp', args.map((a) => bindExpr(a, ctx)), text));
    case 'LOCATE': // LOCATE(needle, haystack[, from])
      return at(e.span, () => resolveCall(args.length === 2 ? 'position' : 'locate', args.map((a) => bindExpr(a, ctx)), text));
    case 'INSTR': { // INSTR(haystack, needle)
      if (args.length !== 2) fail(`INSTR takes 2 arguments, got ${args.length}`);
      return at(e.span, () => resolveCall('position', [bindExpr(args[1]!, ctx), bindExpr(args[0]!, ctx)], text));
    }
  }
  const fn = SCALAR_FUNCTIONS[name];
  if (fn) return at(e.span, () => resolveCall(fn, args.map((a) => bindExpr(a, ctx)), text));
  if (NOT_YET.has(name)) return fail(new NotImplementedError(`the function ${name}`).message);
  const known = [...Object.keys(SCALAR_FUNCTIONS), 'COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'CAST', 'CASE', 'EXTRACT', 'SUBSTRING', 'TRIM', 'POSITION'];
  const near = nearestName(name, known);
  return fail(`no function named ${name}${near ? `; did you mean ${near}?` : ''}`);
}

/** `FLOOR(x TO unit)` truncates; `CEIL(x TO unit)` rounds up to the next unit boundary (day-time units). */
function floorCeilTo(e: Expr & { kind: 'floor_ceil_to' }, ctx: BindContext, text: string): ScalarExpr {
  const trunc = TRUNC_FUNCTIONS[e.unit];
  if (!trunc) throw new SqlValidationError(new NotImplementedError(`${e.fn}(... TO ${e.unit})`).message, e.span);
  const x = bindExpr(e.operand, ctx);
  return at(e.span, () => {
    const floor = resolveCall(trunc, [x], text);
    if (e.fn === 'FLOOR') return floor;
    const unit = UNIT_MILLIS[e.unit];
    if (unit === undefined) throw new NotImplementedError(`CEIL(... TO ${e.unit})`);
    if (x.type.name === 'DATE' && unit <= 86_400_000) return x;
    const ts = x.type.name === 'DATE' ? castTo(x, DataTypes.TIMESTAMP(3)) : x;
    const floorTs = x.type.name === 'DATE' ? castTo(floor, DataTypes.TIMESTAMP(3)) : floor;
    const up = resolveCall('timestamp_add_millis', [floorTs, makeLiteral(String(unit), DataTypes.BIGINT(false))], text);
    return resolveCall('if', [resolveCall('eq', [floorTs, ts], text), ts, up], text);
  });
}

/** The interval an operand stands for, if it is an interval literal (possibly negated). */
function intervalOperand(e: Expr): { expr: Expr; value: IntervalValue } | undefined {
  if (e.kind === 'interval_literal') return { expr: e, value: intervalValue(e) };
  if (e.kind === 'unary' && e.op === '-' && e.operand.kind === 'interval_literal') return { expr: e, value: negate(intervalValue(e.operand)) };
  return undefined;
}

function negate(v: IntervalValue): IntervalValue {
  return 'months' in v ? { months: -v.months } : { millis: -v.millis };
}

function negateIf(negated: boolean, e: ScalarExpr, span: Span, text: string): ScalarExpr {
  return negated ? at(span, () => resolveCall('not', [e], text)) : e;
}

/**
 * `x + interval` for a DATE or TIMESTAMP `x`. Whole days added to a DATE keep a DATE (as Flink
 * does for `DATE '…' + INTERVAL '1' DAY`); other day-time intervals work in milliseconds.
 * Month intervals are computed at planning time over constant dates (TPC-H style
 * `DATE '1994-01-01' + INTERVAL '1' YEAR`); over column values they are not supported yet.
 */
function addInterval(x: ScalarExpr, v: IntervalValue, span: Span, text: string): ScalarExpr {
  if (x.type.name !== 'DATE' && x.type.name !== 'TIMESTAMP') {
    throw new SqlValidationError(`an INTERVAL can only be added to a DATE or TIMESTAMP, not to ${x.type.name} in ${text}`, span);
  }
  if ('months' in v) {
    const c = simplify(x);
    if (c.kind !== 'literal') throw new SqlValidationError(new NotImplementedError('adding a YEAR or MONTH interval to a non-constant date').message, span);
    if (c.value === null) return c;
    if (c.type.name === 'DATE') return makeLiteral(addMonths(numberOf(c.value) * 86_400_000, v.months) / 86_400_000, c.type);
    const micros = c.type.precision === 6;
    const ms = micros ? Number(BigInt(String(c.value)) / 1000n) : numberOf(c.value);
    const rest = micros ? BigInt(String(c.value)) % 1000n : 0n;
    const shifted = addMonths(ms, v.months);
    return makeLiteral(micros ? (BigInt(shifted) * 1000n + rest).toString() : shifted, c.type);
  }
  return at(span, () => {
    if (x.type.name === 'DATE' && v.millis % 86_400_000 === 0) {
      return resolveCall('date_add_days', [x, makeLiteral(v.millis / 86_400_000, DataTypes.INT(false))], text);
    }
    const ts = x.type.name === 'DATE' ? castTo(x, DataTypes.TIMESTAMP(3)) : x;
    return resolveCall('timestamp_add_millis', [ts, makeLiteral(String(v.millis), DataTypes.BIGINT(false))], text);
  });
}

/** Epoch milliseconds `ms` plus `months`, the day clamped to the target month's length (Jan 31 + 1 month = Feb 28/29). */
function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12), month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  const timeOfDay = ms - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return Date.UTC(year, month, day) + timeOfDay;
}
