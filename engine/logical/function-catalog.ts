import { PlanError } from '../errors.js';
import { DataTypes, isIntegral, isNumeric, typeToString, withNullable, type DataType } from '../types/data-type.js';
import { isBuiltinFunction, resolveBuiltin } from './builtin-functions.js';
import type { AggregateFunction, Call, ScalarExpr, ScalarFunction } from './expression.js';
import { canCast, commonNumericType, commonType, decimalOf, decimalType, sameType, MIN_ADJUSTED_SCALE } from './type-coercion.js';

/**
 * The one function catalog: argument checking, implicit casts and result types of every scalar and
 * aggregate function, following Flink. {@link resolveCall} returns a call whose arguments already
 * have the types the kernel expects (casts inserted), so the runtime chooses kernels by argument
 * kind alone. Errors name the expression (`exprText`, rendered by the caller from what the user
 * wrote) and the argument types: "cannot apply > to STRING and INT in (name > 1)".
 */

const SYMBOL: Partial<Record<ScalarFunction, string>> = {
  plus: '+', minus: '-', times: '*', divide: '/', mod: '%', negate: '-',
  eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=', and: 'AND', or: 'OR', not: 'NOT',
  is_distinct_from: 'IS DISTINCT FROM', is_not_distinct_from: 'IS NOT DISTINCT FROM',
  is_null: 'IS NULL', is_not_null: 'IS NOT NULL', is_true: 'IS TRUE', is_false: 'IS FALSE',
};

const TIME_OF_DAY = /_(hour|minute|second)$/;

/** `e` as type `t` (nullability kept from `e`): a CAST call, or `e` itself when the types agree. */
export function castTo(e: ScalarExpr, t: DataType): ScalarExpr {
  if (sameType(e.type, t)) return e;
  return { kind: 'call', fn: 'cast', args: [e], type: withNullable(t, e.type.nullable) };
}

/** CAST / TRY_CAST of `arg` to `target`; TRY_CAST is always nullable (NULL when a value does not convert). */
export function resolveCast(arg: ScalarExpr, target: DataType, tryCast: boolean, exprText: string): ScalarExpr {
  if (!canCast(arg.type, target)) {
    throw new PlanError(`cannot cast ${typeName(arg.type)} to ${typeName(target)} in ${exprText}`);
  }
  const type = withNullable(target, tryCast || arg.type.nullable);
  return { kind: 'call', fn: tryCast ? 'try_cast' : 'cast', args: [arg], type };
}

/** Checks `fn(args)`, inserts implicit casts and derives the result type. */
export function resolveCall(fn: ScalarFunction, args: readonly ScalarExpr[], exprText: string): Call {
  const fail = (hint?: string): never => {
    const types = args.map((a) => typeName(a.type));
    const list = types.length <= 1 ? types.join('') : `${types.slice(0, -1).join(', ')} and ${types[types.length - 1]}`;
    throw new PlanError(`cannot apply ${SYMBOL[fn] ?? fn.toUpperCase()} to ${list} in ${exprText}${hint ? `; ${hint}` : ''}`);
  };
  const arity = (min: number, max = min) => {
    if (args.length < min || args.length > max) {
      throw new PlanError(`${fn.toUpperCase()} takes ${min === max ? min : `${min} to ${max}`} arguments, got ${args.length} in ${exprText}`);
    }
  };
  const anyNullable = (xs: readonly ScalarExpr[] = args) => xs.some((a) => a.type.nullable);
  const call = (callArgs: readonly ScalarExpr[], type: DataType): Call => ({ kind: 'call', fn, args: callArgs, type });
  const expect = (e: ScalarExpr, ok: (t: DataType) => boolean, as: DataType): ScalarExpr =>
    e.type.name === 'NULL' ? castTo(e, as) : ok(e.type) ? e : fail();
  const bool = (e: ScalarExpr) => expect(e, (t) => t.name === 'BOOLEAN', DataTypes.BOOLEAN());
  const str = (e: ScalarExpr) => expect(e, (t) => t.name === 'STRING', DataTypes.STRING());
  const int = (e: ScalarExpr) => castTo(expect(e, isIntegral, DataTypes.INT()), DataTypes.INT());
  const num = (e: ScalarExpr) => expect(e, isNumeric, DataTypes.INT());
  const temporal = (e: ScalarExpr) =>
    expect(e, (t) => t.name === 'TIMESTAMP' || (t.name === 'DATE' && !TIME_OF_DAY.test(fn)), DataTypes.TIMESTAMP());
  /** The common type of `xs` for comparison-like use; STRING literals compare to dates as dates. */
  const common = (xs: readonly ScalarExpr[]): DataType => {
    const isDate = (d: DataType) => d.name === 'DATE' || d.name === 'TIMESTAMP';
    const dates = xs.some((x) => isDate(x.type));
    let t: DataType = DataTypes.NULL();
    for (const x of xs) {
      if (dates && x.kind === 'literal' && x.type.name === 'STRING') continue;
      t = commonType(t, x.type) ?? fail(hintFor(t, x.type));
    }
    if (t.name === 'NULL') fail();
    return t;
  };

  switch (fn) {
    case 'plus': case 'minus': case 'times': case 'divide': case 'mod': {
      arity(2);
      const [a, b] = args.map((x, i) => (x.type.name === 'NULL' ? castTo(x, args[1 - i]!.type) : x)) as [ScalarExpr, ScalarExpr];
      if (!isNumeric(a.type) || !isNumeric(b.type)) fail();
      return arithmetic(fn, a, b);
    }
    case 'negate': case 'abs': case 'sign': {
      arity(1);
      const a = num(args[0]!);
      return call([a], a.type);
    }
    case 'eq': case 'ne': case 'lt': case 'le': case 'gt': case 'ge':
    case 'is_distinct_from': case 'is_not_distinct_from': case 'nullif': {
      arity(2);
      const t = common(args);
      const cast = args.map((x) => castTo(x, t));
      if (fn === 'nullif') return call(cast, withNullable(t, true));
      return call(cast, DataTypes.BOOLEAN(fn.startsWith('is_') ? false : anyNullable()));
    }
    case 'in': case 'between': {
      arity(fn === 'between' ? 3 : 2, fn === 'between' ? 3 : Infinity);
      const t = common(args);
      return call(args.map((x) => castTo(x, t)), DataTypes.BOOLEAN(anyNullable()));
    }
    case 'and': case 'or': {
      arity(2);
      return call(args.map(bool), DataTypes.BOOLEAN(anyNullable()));
    }
    case 'not':
      arity(1);
      return call([bool(args[0]!)], DataTypes.BOOLEAN(anyNullable()));
    case 'is_null': case 'is_not_null':
      arity(1);
      return call(args, DataTypes.BOOLEAN(false));
    case 'is_true': case 'is_false':
      arity(1);
      return call([bool(args[0]!)], DataTypes.BOOLEAN(false));
    case 'if': {
      arity(3);
      const t = common(args.slice(1));
      return call([bool(args[0]!), castTo(args[1]!, t), castTo(args[2]!, t)], withNullable(t, anyNullable(args.slice(1))));
    }
    case 'case': {
      arity(2, Infinity);
      const hasElse = args.length % 2 === 1;
      const values = args.filter((_, i) => i % 2 === 1 || (hasElse && i === args.length - 1));
      const t = common(values);
      const out = args.map((x, i) => (i % 2 === 0 && !(hasElse && i === args.length - 1) ? bool(x) : castTo(x, t)));
      return call(out, withNullable(t, !hasElse || anyNullable(values)));
    }
    case 'coalesce': {
      arity(1, Infinity);
      const t = common(args);
      return call(args.map((x) => castTo(x, t)), withNullable(t, args.every((a) => a.type.nullable)));
    }
    case 'like':
      arity(2, 3);
      return call(args.map(str), DataTypes.BOOLEAN(anyNullable()));
    case 'upper': case 'lower': case 'trim': case 'ltrim': case 'rtrim':
      arity(1);
      return call([str(args[0]!)], DataTypes.STRING(anyNullable()));
    case 'concat':
      arity(1, Infinity);
      return call(args.map(str), DataTypes.STRING(anyNullable()));
    case 'replace':
      arity(3);
      return call(args.map(str), DataTypes.STRING(anyNullable()));
    case 'substring':
      arity(2, 3);
      return call([str(args[0]!), ...args.slice(1).map(int)], DataTypes.STRING(anyNullable()));
    case 'char_length':
      arity(1);
      return call([str(args[0]!)], DataTypes.INT(anyNullable()));
    case 'position':
      arity(2);
      return call(args.map(str), DataTypes.INT(anyNullable()));
    case 'round': case 'floor': case 'ceil': {
      arity(1, fn === 'round' ? 2 : 1);
      const x = num(args[0]!);
      const digits = args[1] === undefined ? undefined : int(args[1]);
      let type = x.type;
      if (type.name === 'DECIMAL') {
        const d = digits === undefined ? 0 : digits.kind === 'literal' && typeof digits.value === 'number' ? digits.value : fail('the digits of ROUND over a DECIMAL must be a constant');
        const { p, s } = decimalOf(type)!;
        type = d >= s ? type : decimalType(Math.min(38, p - s + Math.max(d, 0) + 1), Math.max(d, 0), type.nullable);
      }
      return call(digits ? [x, digits] : [x], withNullable(type, anyNullable()));
    }
    case 'power':
      arity(2);
      return call(args.map((a) => castTo(num(a), DataTypes.DOUBLE())), DataTypes.DOUBLE(anyNullable()));
    case 'sqrt': case 'ln': case 'exp':
      arity(1);
      return call([castTo(num(args[0]!), DataTypes.DOUBLE())], DataTypes.DOUBLE(anyNullable()));
    case 'extract_year': case 'extract_month': case 'extract_day': case 'extract_hour': case 'extract_minute':
    case 'extract_second': case 'extract_dow': case 'extract_doy': case 'extract_quarter': case 'extract_week':
    case 'extract_epoch':
      arity(1);
      return call([temporal(args[0]!)], DataTypes.BIGINT(anyNullable()));
    case 'date_trunc_year': case 'date_trunc_quarter': case 'date_trunc_month': case 'date_trunc_week':
    case 'date_trunc_day': case 'date_trunc_hour': case 'date_trunc_minute': case 'date_trunc_second': {
      arity(1);
      const x = temporal(args[0]!);
      return call([x], x.type);
    }
    case 'date_add_days': {
      arity(2);
      const d = expect(args[0]!, (t) => t.name === 'DATE', DataTypes.DATE());
      return call([d, int(args[1]!)], DataTypes.DATE(anyNullable()));
    }
    case 'timestamp_add_millis': {
      arity(2);
      const ts = expect(args[0]!, (t) => t.name === 'TIMESTAMP', DataTypes.TIMESTAMP());
      const ms = castTo(expect(args[1]!, isIntegral, DataTypes.BIGINT()), DataTypes.BIGINT());
      return call([ts, ms], withNullable(ts.type, anyNullable()));
    }
    case 'cast': case 'try_cast':
      throw new PlanError(`${fn.toUpperCase()} needs a target type in ${exprText}`);
    default:
      if (isBuiltinFunction(fn)) return resolveBuiltin(fn, args, { castTo, fail, arity });
      throw new PlanError(`unknown function ${String(fn)} in ${exprText}`);
  }
}

/**
 * Arithmetic on two numbers. Approximate or integer operands are cast to their common type (so
 * INT / INT is integer division, as in Flink). DECIMAL follows Flink's precision rules; `+ - %`
 * get both operands at the result scale, `* /` keep each operand's own DECIMAL type (integers as
 * DECIMAL(digits, 0)) and the kernel scales the result to the call's type.
 */
function arithmetic(fn: 'plus' | 'minus' | 'times' | 'divide' | 'mod', a: ScalarExpr, b: ScalarExpr): Call {
  const nullable = a.type.nullable || b.type.nullable;
  if (a.type.name !== 'DECIMAL' && b.type.name !== 'DECIMAL' || commonNumericType(a.type, b.type).name !== 'DECIMAL') {
    const t = commonNumericType(a.type, b.type);
    return { kind: 'call', fn, args: [castTo(a, t), castTo(b, t)], type: t };
  }
  const x = decimalOf(a.type)!, y = decimalOf(b.type)!;
  let type: DataType;
  if (fn === 'plus' || fn === 'minus') {
    const s = Math.max(x.s, y.s);
    type = decimalType(Math.max(x.p - x.s, y.p - y.s) + s + 1, s, nullable);
  } else if (fn === 'mod') {
    const s = Math.max(x.s, y.s);
    type = decimalType(Math.min(x.p - x.s, y.p - y.s) + s, s, nullable);
  } else if (fn === 'times') {
    type = decimalType(x.p + y.p, x.s + y.s, nullable);
  } else {
    const s = Math.max(MIN_ADJUSTED_SCALE, x.s + y.p + 1);
    type = decimalType(x.p - x.s + y.s + s, s, nullable);
  }
  const asDecimal = (e: ScalarExpr, d: { p: number; s: number }, scale: number) =>
    castTo(e, decimalType(Math.min(38, d.p - d.s + scale), scale, e.type.nullable));
  const args = fn === 'times' || fn === 'divide'
    ? [asDecimal(a, x, x.s), asDecimal(b, y, y.s)]
    : [asDecimal(a, x, type.scale!), asDecimal(b, y, type.scale!)];
  return { kind: 'call', fn, args, type };
}

/** The names of aggregates as the Table API spells them. */
export type AggregateName = 'count' | 'sum' | 'avg' | 'min' | 'max';

/**
 * Checks an aggregate and derives its result type, as Flink: COUNT → BIGINT NOT NULL;
 * SUM of integers → BIGINT, of FLOAT/DOUBLE → DOUBLE, of DECIMAL(p, s) → DECIMAL(38, s);
 * AVG keeps the argument's type (AVG(INT) is an INT), DECIMAL(p, s) → DECIMAL(38, max(6, s));
 * MIN/MAX keep the type. All but COUNT are nullable (no rows, or only NULLs, give NULL).
 */
export function resolveAggregate(
  name: AggregateName,
  arg: ScalarExpr | undefined,
  distinct: boolean,
  exprText: string,
): { fn: AggregateFunction; type: DataType } {
  if (name === 'count') {
    if (!arg) {
      if (distinct) throw new PlanError(`COUNT(DISTINCT *) is not valid in ${exprText}; name the column(s)`);
      return { fn: 'count_star', type: DataTypes.BIGINT(false) };
    }
    return { fn: distinct ? 'count_distinct' : 'count', type: DataTypes.BIGINT(false) };
  }
  if (!arg) throw new PlanError(`${name.toUpperCase()} needs an argument in ${exprText}`);
  const t = arg.type;
  const fail = (): never => {
    throw new PlanError(`cannot apply ${name.toUpperCase()} to ${typeName(t)} in ${exprText}`);
  };
  switch (name) {
    case 'sum':
      if (isIntegral(t)) return { fn: 'sum', type: DataTypes.BIGINT() };
      if (t.name === 'FLOAT' || t.name === 'DOUBLE') return { fn: 'sum', type: DataTypes.DOUBLE() };
      if (t.name === 'DECIMAL') return { fn: 'sum', type: DataTypes.DECIMAL(38, t.scale ?? 0) };
      return fail();
    case 'avg':
      if (t.name === 'DECIMAL') return { fn: 'avg', type: DataTypes.DECIMAL(38, Math.max(MIN_ADJUSTED_SCALE, t.scale ?? 0)) };
      if (isNumeric(t)) return { fn: 'avg', type: withNullable(t, true) };
      return fail();
    case 'min': case 'max':
      if (t.name === 'NULL') fail();
      return { fn: name, type: withNullable(t, true) };
  }
}

/** A type as error messages show it: without NOT NULL. */
export function typeName(t: DataType): string {
  return typeToString(withNullable(t, true));
}

function hintFor(a: DataType, b: DataType): string | undefined {
  const isStr = (t: DataType) => t.name === 'STRING';
  if ((isStr(a) && isNumeric(b)) || (isNumeric(a) && isStr(b))) return 'cast one side explicitly, e.g. .cast(DataTypes.INT())';
  return undefined;
}
