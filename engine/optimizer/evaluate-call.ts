import type { Call, Literal } from '../logical/expression.js';
import { fitsInteger } from '../logical/literal.js';
import { isIntegral, type DataType } from '../types/data-type.js';
import { evaluateCast } from './evaluate-cast.js';
import { literalOf, valueOf, type JsValue } from './literal-values.js';

/**
 * Evaluates a call whose arguments are all literals, at planning time, with the runtime's
 * semantics (SQL three-valued logic, NULL in → NULL out). Returns undefined when it declines:
 * functions it does not evaluate, and every case where the runtime must raise an error instead
 * (integer overflow, division by zero, a cast that fails), so folding never changes when or
 * whether a query fails.
 */
export function evaluateCall(call: Call, args: readonly Literal[]): Literal | undefined {
  const vals = args.map(valueOf);
  const type = call.type;
  const out = (v: JsValue | undefined) => (v === undefined ? undefined : literalOf(v, type));
  switch (call.fn) {
    case 'cast': case 'try_cast':
      return evaluateCast(args[0]!, type, call.fn === 'try_cast');
    case 'and':
      return out(vals.includes(false) ? false : vals.includes(null) ? null : true);
    case 'or':
      return out(vals.includes(true) ? true : vals.includes(null) ? null : false);
    case 'not':
      return out(vals[0] === null ? null : !vals[0]);
    case 'is_null': return out(vals[0] === null);
    case 'is_not_null': return out(vals[0] !== null);
    case 'is_true': return out(vals[0] === true);
    case 'is_false': return out(vals[0] === false);
    case 'coalesce':
      return out(vals.find((v) => v !== null) ?? null);
    case 'concat_ws': // skips NULL arguments: left to the runtime
      return undefined;
    case 'if':
      return out(vals[vals[0] === true ? 1 : 2] ?? null);
    case 'case': {
      for (let i = 0; i + 1 < vals.length; i += 2) if (vals[i] === true) return out(vals[i + 1]!);
      return out(vals.length % 2 === 1 ? vals[vals.length - 1]! : null);
    }
    case 'nullif': {
      if (vals[0] === null || vals[1] === null) return out(vals[0]!);
      const c = compare(vals[0]!, vals[1]!);
      return c === undefined ? undefined : out(c === 0 ? null : vals[0]!);
    }
    case 'is_distinct_from': case 'is_not_distinct_from': {
      const c = vals[0] === null || vals[1] === null ? (vals[0] === vals[1] ? 0 : 1) : compare(vals[0]!, vals[1]!);
      if (c === undefined) return undefined;
      return out((c !== 0) === (call.fn === 'is_distinct_from'));
    }
    case 'eq': case 'ne': case 'lt': case 'le': case 'gt': case 'ge': {
      if (vals[0] === null || vals[1] === null) return out(null);
      const c = compare(vals[0]!, vals[1]!);
      return c === undefined ? undefined : out(COMPARE[call.fn](c));
    }
    case 'between': {
      if (vals.includes(null)) return undefined; // partial NULL logic: leave it to the runtime
      const lo = compare(vals[0]!, vals[1]!), hi = compare(vals[0]!, vals[2]!);
      return lo === undefined || hi === undefined ? undefined : out(lo >= 0 && hi <= 0);
    }
    case 'in': {
      if (vals[0] === null) return out(null);
      let sawNull = false;
      for (const v of vals.slice(1)) {
        if (v === null) { sawNull = true; continue; }
        const c = compare(vals[0]!, v);
        if (c === undefined) return undefined;
        if (c === 0) return out(true);
      }
      return out(sawNull ? null : false);
    }
  }
  if (vals.includes(null)) return out(null); // every remaining function is NULL on a NULL argument
  const [a, b] = vals as Exclude<JsValue, null>[];
  switch (call.fn) {
    case 'plus': case 'minus': case 'times': case 'divide': case 'mod': case 'negate': case 'abs':
      if (type.name === 'DECIMAL') return out(decimalArithmetic(call.fn, args, type));
      return out(arithmetic(call.fn, vals as (number | bigint)[], type.name));
    case 'upper': return out((a as string).toUpperCase());
    case 'lower': return out((a as string).toLowerCase());
    case 'trim': return out((a as string).replace(/^ +| +$/g, ''));
    case 'ltrim': return out((a as string).replace(/^ +/, ''));
    case 'rtrim': return out((a as string).replace(/ +$/, ''));
    case 'char_length': return out([...(a as string)].length);
    case 'concat': return out((vals as string[]).join(''));
    case 'position': return out(a === '' ? 1 : codePointIndex(b as string, a as string));
    case 'substring': {
      const chars = [...(a as string)];
      const start = b as number;
      const len = vals[2] as number | undefined;
      if (start < 1 || (len !== undefined && len < 0)) return undefined;
      return out(chars.slice(start - 1, len === undefined ? undefined : start - 1 + len).join(''));
    }
    case 'like':
      return args.length === 2 ? out(likeRegex(b as string).test(a as string)) : undefined;
    case 'sqrt': return (a as number) < 0 ? undefined : out(Math.sqrt(a as number));
    case 'power': return out(Math.pow(a as number, b as number));
    case 'exp': return out(Math.exp(a as number));
    case 'ln': return (a as number) <= 0 ? undefined : out(Math.log(a as number));
    case 'floor': case 'ceil':
      return typeof a === 'number' && (type.name === 'DOUBLE' || type.name === 'FLOAT' || isIntegral(type))
        ? out(call.fn === 'floor' ? Math.floor(a) : Math.ceil(a)) : undefined;
    case 'sign':
      return typeof a === 'number' ? out(Math.sign(a)) : typeof a === 'bigint' && type.name === 'BIGINT' ? out(a > 0n ? 1n : a < 0n ? -1n : 0n) : undefined;
    default:
      return undefined;
  }
}

const COMPARE = {
  eq: (c: number) => c === 0, ne: (c: number) => c !== 0, lt: (c: number) => c < 0,
  le: (c: number) => c <= 0, gt: (c: number) => c > 0, ge: (c: number) => c >= 0,
};

/** Orders two non-NULL values of one type; undefined for NaN (the runtime decides NaN's order). */
function compare(a: Exclude<JsValue, null>, b: Exclude<JsValue, null>): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return undefined;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') {
    // Code point order, which is UTF-8 byte order (how the runtime compares strings).
    const x = [...a], y = [...b];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
      if (d !== 0) return d < 0 ? -1 : 1;
    }
    return x.length - y.length < 0 ? -1 : x.length > y.length ? 1 : 0;
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

/** Integer arithmetic exactly (declining on overflow and division by zero); FLOAT/DOUBLE as IEEE. */
function arithmetic(fn: string, v: (number | bigint)[], typeName: string): number | bigint | undefined {
  if (typeName === 'DOUBLE' || typeName === 'FLOAT') {
    const [a, b] = v as number[];
    const r = fn === 'plus' ? a! + b! : fn === 'minus' ? a! - b! : fn === 'times' ? a! * b!
      : fn === 'negate' ? -a! : fn === 'abs' ? Math.abs(a!)
      : b === 0 ? undefined : fn === 'divide' ? a! / b! : a! % b!;
    return r === undefined ? undefined : typeName === 'FLOAT' ? Math.fround(r) : r;
  }
  if (!['TINYINT', 'SMALLINT', 'INT', 'BIGINT'].includes(typeName)) return undefined; // DECIMAL: left to the runtime
  const [a, b] = v.map((x) => BigInt(x));
  let r: bigint;
  switch (fn) {
    case 'plus': r = a! + b!; break;
    case 'minus': r = a! - b!; break;
    case 'times': r = a! * b!; break;
    case 'negate': r = -a!; break;
    case 'abs': r = a! < 0n ? -a! : a!; break;
    default:
      if (b === 0n) return undefined;
      r = fn === 'divide' ? a! / b! : a! % b!;
  }
  if (!fitsInteger(r, typeName)) return undefined;
  return typeName === 'BIGINT' ? r : Number(r);
}

/**
 * DECIMAL +, -, *, negation and ABS of literals (integers count as scale 0), exactly as the
 * runtime computes them: operands rescaled to the result's scale, a product at the sum of the
 * scales. Declines (undefined) whenever the result's scale is not that exact scale (Flink reduced
 * it to stay within 38 digits, so the runtime rounds) or the value does not fit the precision
 * (the runtime raises an overflow), and for division and MOD.
 */
function decimalArithmetic(fn: string, args: readonly Literal[], type: DataType): bigint | undefined {
  const scales = args.map((a) => (a.type.name === 'DECIMAL' ? a.type.scale ?? 0 : isIntegral(a.type) ? 0 : undefined));
  if (scales.includes(undefined)) return undefined;
  const s = type.scale ?? 0;
  const p = type.precision ?? 38;
  const [a, b] = args.map((l) => BigInt(valueOf(l) as bigint | number));
  const up = (x: bigint, from: number): bigint | undefined => (from <= s ? x * 10n ** BigInt(s - from) : undefined);
  let r: bigint | undefined;
  switch (fn) {
    case 'plus': case 'minus': {
      const x = up(a!, scales[0]!), y = up(b!, scales[1]!);
      if (x === undefined || y === undefined) return undefined;
      r = fn === 'plus' ? x + y : x - y;
      break;
    }
    case 'times':
      r = scales[0]! + scales[1]! === s ? a! * b! : undefined;
      break;
    case 'negate': case 'abs': {
      const x = up(a!, scales[0]!);
      r = x === undefined ? undefined : fn === 'negate' || x < 0n ? -x : x;
      break;
    }
    default:
      return undefined;
  }
  if (r === undefined) return undefined;
  return (r < 0n ? -r : r) < 10n ** BigInt(p) ? r : undefined;
}

function codePointIndex(haystack: string, needle: string): number {
  const i = haystack.indexOf(needle);
  return i < 0 ? 0 : [...haystack.slice(0, i)].length + 1;
}

function likeRegex(pattern: string): RegExp {
  let re = '';
  for (const ch of pattern) re += ch === '%' ? '[\\s\\S]*' : ch === '_' ? '[\\s\\S]' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${re}$`, 'u');
}
