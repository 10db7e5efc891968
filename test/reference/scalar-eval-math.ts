/**
 * Numeric functions of the reference interpreter. ROUND is HALF_UP; a DOUBLE is rounded through
 * its shortest decimal rendering (Flink's BigDecimal.valueOf). FLOOR/CEIL of a DECIMAL give scale
 * 0. POWER, SQRT, LN, EXP follow IEEE (SQRT(-1) and LN(-1) are NaN, LN(0) is -Infinity).
 */
import type { DataType } from '../../engine/types/data-type.js';
import { parseDecimal, shortestDecimal, toDouble } from './scalar-eval-cast.js';
import {
  type SqlValue, checkedDecimal, checkedInt, divHalfUp, floorDiv, isFloatType, isIntegerType, pow10, scaleOfType,
} from './scalar-eval-values.js';

const FUNCTIONS = new Set(['round', 'floor', 'ceil', 'power', 'sqrt', 'ln', 'exp', 'sign']);

/** A result of type t from an unscaled value at scale `s`. */
function toResult(v: bigint, s: number, t: DataType): SqlValue {
  if (t.name === 'DECIMAL') {
    const ts = t.scale ?? 0;
    return checkedDecimal(ts >= s ? v * pow10(ts - s) : divHalfUp(v, pow10(s - ts)), t);
  }
  if (isFloatType(t)) return Number(v) / 10 ** s;
  return checkedInt(s === 0 ? v : v / pow10(s), t);
}

export function evalMath(fn: string, args: SqlValue[], types: DataType[], t: DataType): SqlValue | undefined {
  if (!FUNCTIONS.has(fn)) return undefined;
  if (args.some((a) => a === null)) return null;
  const x = args[0]!;
  const tx = types[0]!;
  switch (fn) {
    case 'power': return Math.pow(toDouble(x, tx), toDouble(args[1]!, types[1]!));
    case 'sqrt': return Math.sqrt(toDouble(x, tx));
    case 'ln': return Math.log(toDouble(x, tx));
    case 'exp': return Math.exp(toDouble(x, tx));
  }
  if (isFloatType(tx)) {
    const d = x as number;
    switch (fn) {
      case 'floor': return isFloatType(t) ? Math.floor(d) : toResult(BigInt(Math.floor(d)), 0, t);
      case 'ceil': return isFloatType(t) ? Math.ceil(d) : toResult(BigInt(Math.ceil(d)), 0, t);
      case 'sign': return Math.sign(d);
      default: {
        const digits = args.length > 1 ? Number(args[1]) : 0;
        if (!Number.isFinite(d)) return d;
        const r = parseDecimal(shortestDecimal(d), digits)!;
        const out = digits >= 0 ? Number(`${r}e-${digits}`) : Number(`${r}e${-digits}`);
        return Object.is(out, 0) && (d < 0 || Object.is(d, -0)) ? -0 : out;
      }
    }
  }
  const s = scaleOfType(tx);
  const v = typeof x === 'bigint' ? x : BigInt(x as number);
  switch (fn) {
    case 'floor': return toResult(floorDiv(v, pow10(s)), 0, t);
    case 'ceil': return toResult(-floorDiv(-v, pow10(s)), 0, t);
    case 'sign': return toResult(v > 0n ? 1n : v < 0n ? -1n : 0n, 0, t);
    default: {
      const digits = args.length > 1 ? Number(args[1]) : 0;
      // Round to `digits` places (negative: tens, hundreds, ...) HALF_UP, at scale max(digits, 0).
      if (digits >= s) return toResult(v, s, t);
      const drop = s - digits;
      const q = divHalfUp(v, pow10(drop));
      return digits >= 0 ? toResult(q, digits, t) : toResult(q * pow10(-digits), 0, t);
    }
  }
}

