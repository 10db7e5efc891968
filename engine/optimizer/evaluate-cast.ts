import type { Literal } from '../logical/expression.js';
import { fitsInteger, formatDecimal, parseDate, parseDecimal, parseTimestampMillis } from '../logical/literal.js';
import { decimalOf } from '../logical/type-coercion.js';
import { isIntegral, type DataType } from '../types/data-type.js';
import { literalOf, valueOf, type JsValue } from './literal-values.js';

const MS_PER_DAY = 86_400_000;

/**
 * CAST of a literal, evaluated at planning time as the runtime would. Returns undefined when the
 * planner should leave the cast to the runtime: a value that does not convert (so the runtime
 * raises its error at the right moment), or a conversion whose text form the planner does not
 * reproduce exactly (DOUBLE to STRING). TRY_CAST of a failing value is NULL.
 */
export function evaluateCast(arg: Literal, target: DataType, tryCast: boolean): Literal | undefined {
  const v = valueOf(arg);
  if (v === null) return literalOf(null, target);
  const out = convert(v, arg.type, target);
  if (out === undefined) return tryCast ? literalOf(null, target) : undefined;
  return literalOf(out, target);
}

function convert(v: Exclude<JsValue, null>, from: DataType, to: DataType): JsValue | undefined {
  const f = from.name, t = to.name;
  if (f === 'STRING') return fromString(v as string, to);
  if (t === 'STRING') return toText(v, from);
  if (isIntegral(to) || t === 'DECIMAL') {
    let scaled: bigint | undefined; // the value as an exact decimal at the target's scale
    const scale = t === 'DECIMAL' ? to.scale ?? 0 : 0;
    if (typeof v === 'boolean') scaled = (v ? 1n : 0n) * 10n ** BigInt(scale);
    else if (f === 'DECIMAL') scaled = rescale(v as bigint, from.scale ?? 0, scale, t === 'DECIMAL');
    else if (isIntegral(from)) scaled = BigInt(v as number | bigint) * 10n ** BigInt(scale);
    else if (f === 'FLOAT' || f === 'DOUBLE') {
      const x = v as number;
      if (!Number.isFinite(x)) return undefined;
      if (t === 'DECIMAL') { const s = parseDecimal(String(x), 38, scale); scaled = s === undefined ? undefined : BigInt(s); }
      else scaled = BigInt(Math.trunc(x));
    } else return undefined;
    if (scaled === undefined) return undefined;
    if (t === 'DECIMAL') return scaled.toString().replace('-', '').length <= (to.precision ?? 10) ? scaled : undefined;
    if (!fitsInteger(scaled, t)) return undefined;
    return t === 'BIGINT' ? scaled : Number(scaled);
  }
  if (t === 'FLOAT' || t === 'DOUBLE') {
    if (typeof v === 'boolean') return v ? 1 : 0;
    const x = f === 'DECIMAL' ? Number(formatDecimal((v as bigint).toString(), from.scale ?? 0)) : Number(v);
    return t === 'FLOAT' ? Math.fround(x) : x;
  }
  if (t === 'BOOLEAN') return isIntegral(from) ? Number(v) !== 0 : undefined;
  if (t === 'DATE' && f === 'TIMESTAMP') return Math.floor(millisOf(v, from) / MS_PER_DAY);
  if (t === 'TIMESTAMP') {
    const ms = f === 'DATE' ? (v as number) * MS_PER_DAY : f === 'TIMESTAMP' ? millisOf(v, from) : undefined;
    if (ms === undefined) return undefined;
    if ((to.precision ?? 3) === 6) return f === 'TIMESTAMP' && (from.precision ?? 3) === 6 ? (v as bigint) : BigInt(ms) * 1000n;
    return ms;
  }
  return undefined;
}

/** A decimal's unscaled value moved from scale `from` to `to`, rounding half away from zero (or truncating for integers). */
function rescale(v: bigint, from: number, to: number, round: boolean): bigint {
  if (to >= from) return v * 10n ** BigInt(to - from);
  const div = 10n ** BigInt(from - to);
  const q = v / div;
  if (!round) return q;
  const r = v % div;
  const twice = (r < 0n ? -r : r) * 2n;
  return twice >= div ? q + (v < 0n ? -1n : 1n) : q;
}

function millisOf(v: JsValue, t: DataType): number {
  return (t.precision ?? 3) === 6 ? Number((v as bigint) / 1000n) : (v as number);
}

function fromString(s: string, to: DataType): JsValue | undefined {
  const text = s.trim();
  switch (to.name) {
    case 'TINYINT': case 'SMALLINT': case 'INT': case 'BIGINT': {
      if (!/^[+-]?\d+$/.test(text)) return undefined;
      const b = BigInt(text);
      if (!fitsInteger(b, to.name)) return undefined;
      return to.name === 'BIGINT' ? b : Number(b);
    }
    case 'FLOAT': case 'DOUBLE': {
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
      return to.name === 'FLOAT' ? Math.fround(Number(text)) : Number(text);
    }
    case 'DECIMAL': {
      const d = parseDecimal(text, to.precision ?? 10, to.scale ?? 0);
      return d === undefined ? undefined : BigInt(d);
    }
    case 'BOOLEAN':
      return /^true$/i.test(text) ? true : /^false$/i.test(text) ? false : undefined;
    case 'DATE':
      return parseDate(text);
    case 'TIMESTAMP': {
      const ms = parseTimestampMillis(text);
      if (ms === undefined) return undefined;
      return (to.precision ?? 3) === 6 ? BigInt(ms) * 1000n : ms;
    }
    case 'STRING':
      return s;
    default:
      return undefined;
  }
}

function toText(v: Exclude<JsValue, null>, from: DataType): string | undefined {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (from.name === 'DECIMAL') return formatDecimal((v as bigint).toString(), decimalOf(from)!.s);
  if (isIntegral(from)) return String(v);
  if (from.name === 'DATE') return new Date((v as number) * MS_PER_DAY).toISOString().slice(0, 10);
  return undefined;
}
