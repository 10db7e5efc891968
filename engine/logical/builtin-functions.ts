import { DataTypes, isIntegral, isNumeric, withNullable, type DataType } from '../types/data-type.js';
import { parseDateTimePattern } from './datetime-pattern.js';
import type { Call, ScalarExpr } from './expression.js';
import { validateRegex } from './regex-pattern.js';
import { commonType, decimalOf, decimalType } from './type-coercion.js';

/**
 * Flink built-in functions beyond the core set: more string functions, regular expressions,
 * trigonometry and logarithms, GREATEST/LEAST, TRUNCATE, and date-time formatting, parsing and
 * differences. Their semantics are Flink's (see the kernels and test/reference for the details).
 */
export type BuiltinFunction =
  | 'concat_ws' | 'split_index' | 'lpad' | 'rpad' | 'repeat' | 'reverse' | 'initcap' | 'left' | 'right'
  | 'locate' | 'ascii' | 'chr' | 'trim_chars' | 'ltrim_chars' | 'rtrim_chars'
  | 'regexp' | 'regexp_extract' | 'regexp_replace'
  | 'log' | 'log10' | 'log2' | 'sin' | 'cos' | 'tan' | 'asin' | 'acos' | 'atan' | 'atan2' | 'degrees' | 'radians'
  | 'greatest' | 'least' | 'truncate'
  | 'date_format' | 'to_timestamp' | 'to_date' | 'unix_timestamp' | 'from_unixtime'
  | 'timestampdiff_second' | 'timestampdiff_minute' | 'timestampdiff_hour' | 'timestampdiff_day'
  | 'timestampdiff_week' | 'timestampdiff_month' | 'timestampdiff_quarter' | 'timestampdiff_year';

const NAMES = new Set<string>([
  'concat_ws', 'split_index', 'lpad', 'rpad', 'repeat', 'reverse', 'initcap', 'left', 'right', 'locate', 'ascii', 'chr',
  'trim_chars', 'ltrim_chars', 'rtrim_chars',
  'regexp', 'regexp_extract', 'regexp_replace', 'log', 'log10', 'log2', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan',
  'atan2', 'degrees', 'radians', 'greatest', 'least', 'truncate', 'date_format', 'to_timestamp', 'to_date',
  'unix_timestamp', 'from_unixtime', 'timestampdiff_second', 'timestampdiff_minute', 'timestampdiff_hour',
  'timestampdiff_day', 'timestampdiff_week', 'timestampdiff_month', 'timestampdiff_quarter', 'timestampdiff_year',
]);

/** Whether `fn` is one of the functions of this module. */
export function isBuiltinFunction(fn: string): fn is BuiltinFunction {
  return NAMES.has(fn);
}

/** Helpers of the function catalog that this module reuses (passed in to keep imports one-way). */
export interface CatalogHelpers {
  castTo(e: ScalarExpr, t: DataType): ScalarExpr;
  /** Throws "cannot apply FN to <types> in <expr>". */
  fail(hint?: string): never;
  arity(min: number, max?: number): void;
}

/** A literal STRING argument's value, or undefined (NULL literals and non-literals). */
function literalString(e: ScalarExpr | undefined): string | undefined {
  return e && e.kind === 'literal' && typeof e.value === 'string' && e.type.name === 'STRING' ? e.value : undefined;
}

/**
 * Checks a builtin call, inserts implicit casts and derives the result type (Flink's). Constant
 * regular expressions and date-time patterns are checked here, so unsupported syntax is a
 * planning error.
 */
export function resolveBuiltin(fn: BuiltinFunction, args: readonly ScalarExpr[], h: CatalogHelpers): Call {
  const anyNullable = (xs: readonly ScalarExpr[] = args) => xs.some((a) => a.type.nullable);
  const call = (callArgs: readonly ScalarExpr[], type: DataType): Call => ({ kind: 'call', fn, args: callArgs, type });
  const expect = (e: ScalarExpr, ok: (t: DataType) => boolean, as: DataType): ScalarExpr =>
    e.type.name === 'NULL' ? h.castTo(e, as) : ok(e.type) ? e : h.fail();
  const str = (e: ScalarExpr) => expect(e, (t) => t.name === 'STRING', DataTypes.STRING());
  const int = (e: ScalarExpr) => h.castTo(expect(e, isIntegral, DataTypes.INT()), DataTypes.INT());
  const bigint = (e: ScalarExpr) => h.castTo(expect(e, isIntegral, DataTypes.BIGINT()), DataTypes.BIGINT());
  const double = (e: ScalarExpr) => h.castTo(expect(e, isNumeric, DataTypes.DOUBLE()), DataTypes.DOUBLE());
  const temporal = (e: ScalarExpr) => {
    const x = expect(e, (t) => t.name === 'TIMESTAMP' || t.name === 'DATE', DataTypes.TIMESTAMP());
    return x.type.name === 'DATE' ? h.castTo(x, DataTypes.TIMESTAMP(3)) : x;
  };
  const pattern = (e: ScalarExpr | undefined) => {
    const p = literalString(e);
    if (p !== undefined) parseDateTimePattern(p);
    return e;
  };
  const S = (nullable: boolean) => DataTypes.STRING(nullable);

  switch (fn) {
    case 'concat_ws': {
      h.arity(2, Infinity);
      const xs = args.map(str);
      return call(xs, S(xs[0]!.type.nullable));
    }
    case 'split_index':
      h.arity(3);
      return call([str(args[0]!), str(args[1]!), int(args[2]!)], S(true));
    case 'lpad': case 'rpad':
      h.arity(3);
      return call([str(args[0]!), int(args[1]!), str(args[2]!)], S(true));
    case 'repeat': case 'left': case 'right':
      h.arity(2);
      return call([str(args[0]!), int(args[1]!)], S(anyNullable()));
    case 'trim_chars': case 'ltrim_chars': case 'rtrim_chars':
      h.arity(2);
      return call(args.map(str), S(anyNullable()));
    case 'reverse': case 'initcap':
      h.arity(1);
      return call([str(args[0]!)], S(anyNullable()));
    case 'locate':
      h.arity(3);
      return call([str(args[0]!), str(args[1]!), int(args[2]!)], DataTypes.INT(anyNullable()));
    case 'ascii':
      h.arity(1);
      return call([str(args[0]!)], DataTypes.INT(anyNullable()));
    case 'chr':
      h.arity(1);
      return call([bigint(args[0]!)], S(anyNullable()));
    case 'regexp': case 'regexp_extract': case 'regexp_replace': {
      h.arity(fn === 'regexp' ? 2 : fn === 'regexp_extract' ? 2 : 3, 3);
      const re = literalString(args[1]);
      if (re !== undefined) validateRegex(re);
      if (fn === 'regexp') return call([str(args[0]!), str(args[1]!)], DataTypes.BOOLEAN(anyNullable()));
      if (fn === 'regexp_replace') return call(args.map(str), S(true));
      return call([str(args[0]!), str(args[1]!), ...(args[2] ? [int(args[2])] : [])], S(true));
    }
    case 'log':
      h.arity(1, 2);
      return call(args.map(double), DataTypes.DOUBLE(anyNullable()));
    case 'atan2':
      h.arity(2);
      return call(args.map(double), DataTypes.DOUBLE(anyNullable()));
    case 'log10': case 'log2': case 'sin': case 'cos': case 'tan': case 'asin': case 'acos': case 'atan':
    case 'degrees': case 'radians':
      h.arity(1);
      return call([double(args[0]!)], DataTypes.DOUBLE(anyNullable()));
    case 'greatest': case 'least': {
      h.arity(1, Infinity);
      let t: DataType = DataTypes.NULL();
      for (const a of args) t = commonType(t, a.type) ?? h.fail();
      if (t.name === 'NULL') h.fail();
      return call(args.map((a) => h.castTo(a, t)), withNullable(t, anyNullable()));
    }
    case 'truncate': {
      h.arity(1, 2);
      const x = expect(args[0]!, isNumeric, DataTypes.DOUBLE());
      const digits = args[1] === undefined ? undefined : int(args[1]);
      let type = x.type;
      if (type.name === 'DECIMAL') {
        const d = digits === undefined ? 0 : digits.kind === 'literal' && typeof digits.value === 'number' ? digits.value : h.fail('the digits of TRUNCATE over a DECIMAL must be a constant');
        const { p, s } = decimalOf(type)!;
        type = d >= s ? type : decimalType(Math.max(1, p - s + Math.max(d, 0)), Math.max(d, 0), type.nullable);
      }
      return call(digits ? [x, digits] : [x], withNullable(type, anyNullable()));
    }
    case 'date_format': {
      h.arity(2);
      const x = args[0]!.type.name === 'STRING' ? args[0]! : temporal(args[0]!);
      return call([x, str(pattern(args[1])!)], S(true));
    }
    case 'to_timestamp': case 'to_date': case 'unix_timestamp': {
      h.arity(1, 2);
      const xs = [str(args[0]!), ...(args[1] ? [str(pattern(args[1])!)] : [])];
      const type = fn === 'to_timestamp' ? DataTypes.TIMESTAMP(3, true) : fn === 'to_date' ? DataTypes.DATE(true) : DataTypes.BIGINT(anyNullable());
      return call(xs, type);
    }
    case 'from_unixtime': {
      h.arity(1, 2);
      return call([bigint(args[0]!), ...(args[1] ? [str(pattern(args[1])!)] : [])], S(anyNullable()));
    }
    default: {
      h.arity(2);
      return call([temporal(args[0]!), temporal(args[1]!)], DataTypes.INT(anyNullable()));
    }
  }
}
