/**
 * A plain, row-at-a-time reference interpreter of bound ScalarExprs with SQL semantics (Flink's,
 * DuckDB's where Flink is silent): the oracle that property and differential tests compare the
 * engine against. Exact arithmetic through BigInt; no shared code with the engine's kernels.
 *
 * Values: see scalar-eval-values.ts. Errors: ScalarEvalError (overflow, divide_by_zero, cast,
 * invalid). Evaluation is lazy where SQL is (CASE, COALESCE, IF, AND, OR): an error in a branch
 * that is not taken is not raised.
 */
import type { Call, ScalarExpr } from '../../engine/logical/expression.js';
import type { DataType } from '../../engine/types/data-type.js';
import { castValue, toDouble } from './scalar-eval-cast.js';
import { evalBuiltin } from './scalar-eval-builtins.js';
import { evalDateTime } from './scalar-eval-datetime.js';
import { evalMath } from './scalar-eval-math.js';
import { evalString } from './scalar-eval-string.js';
import {
  type SqlValue, ScalarEvalError, asDecimalParts, checkedDecimal, checkedInt, compareCodePoints, compareDoubles,
  divHalfUp, isFloatType, isIntegerType, literalValue, pow10, rescaleHalfUp, scaleOfType,
} from './scalar-eval-values.js';

export { ScalarEvalError, type SqlValue } from './scalar-eval-values.js';

/** Evaluates `e` on one row (values indexed by column position). */
export function evalScalar(e: ScalarExpr, row: readonly SqlValue[]): SqlValue {
  switch (e.kind) {
    case 'column': return row[e.index] ?? null;
    case 'literal': return literalValue(e.value, e.type);
    case 'call': return evalCall(e, row);
  }
}

function evalCall(e: Call, row: readonly SqlValue[]): SqlValue {
  const ev = (i: number) => evalScalar(e.args[i]!, row);
  switch (e.fn) {
    case 'and': case 'or': {
      const dominant = e.fn === 'or';
      let sawNull = false;
      for (let i = 0; i < e.args.length; i++) {
        const v = ev(i);
        if (v === dominant) return dominant;
        if (v === null) sawNull = true;
      }
      return sawNull ? null : !dominant;
    }
    case 'not': { const v = ev(0); return v === null ? null : !v; }
    case 'is_null': return ev(0) === null;
    case 'is_not_null': return ev(0) !== null;
    case 'is_true': return ev(0) === true;
    case 'is_false': return ev(0) === false;
    case 'case': {
      const n = e.args.length;
      for (let i = 0; i + 1 < n; i += 2) if (ev(i) === true) return ev(i + 1);
      return n % 2 === 1 ? ev(n - 1) : null;
    }
    case 'if': return ev(0) === true ? ev(1) : ev(2);
    case 'coalesce':
      for (let i = 0; i < e.args.length; i++) {
        const v = ev(i);
        if (v !== null) return castValue(v, e.args[i]!.type, e.type, false);
      }
      return null;
    case 'nullif': {
      const a = ev(0);
      const b = ev(1);
      if (a !== null && b !== null && compareValues(a, e.args[0]!.type, b, e.args[1]!.type) === 0) return null;
      return a;
    }
    case 'cast': case 'try_cast':
      return castValue(ev(0), e.args[0]!.type, e.type, e.fn === 'try_cast');
    default:
      break;
  }
  const args = e.args.map((_, i) => ev(i));
  const types = e.args.map((a) => a.type);
  switch (e.fn) {
    case 'plus': case 'minus': case 'times': case 'divide': case 'mod':
      return arithmetic(e.fn, args[0]!, types[0]!, args[1]!, types[1]!, e.type);
    case 'negate': case 'abs':
      return negateAbs(e.fn, args[0]!, types[0]!, e.type);
    case 'eq': case 'ne': case 'lt': case 'le': case 'gt': case 'ge': {
      if (args[0] === null || args[1] === null) return null;
      const c = compareValues(args[0]!, types[0]!, args[1]!, types[1]!);
      return { eq: c === 0, ne: c !== 0, lt: c < 0, le: c <= 0, gt: c > 0, ge: c >= 0 }[e.fn];
    }
    case 'is_distinct_from': case 'is_not_distinct_from': {
      const [a, b] = args;
      const same = a === null || b === null ? a === b : compareValues(a!, types[0]!, b!, types[1]!) === 0;
      return e.fn === 'is_distinct_from' ? !same : same;
    }
    case 'between': {
      const [v, lo, hi] = args;
      const ge = v === null || lo === null ? null : compareValues(v!, types[0]!, lo!, types[1]!) >= 0;
      const le = v === null || hi === null ? null : compareValues(v!, types[0]!, hi!, types[2]!) <= 0;
      if (ge === false || le === false) return false;
      return ge === null || le === null ? null : true;
    }
    case 'in': {
      const v = args[0];
      if (v === null) return null;
      let sawNull = false;
      for (let i = 1; i < args.length; i++) {
        if (args[i] === null) sawNull = true;
        else if (compareValues(v!, types[0]!, args[i]!, types[i]!) === 0) return true;
      }
      return sawNull ? null : false;
    }
  }
  const b = evalBuiltin(e.fn, args, types, e.type);
  if (b !== undefined) return b;
  const s = evalString(e.fn, args, types, e.type);
  if (s !== undefined) return s;
  const m = evalMath(e.fn, args, types, e.type);
  if (m !== undefined) return m;
  const d = evalDateTime(e.fn, args, types, e.type);
  if (d !== undefined) return d;
  throw new Error(`reference: function ${e.fn} not implemented`);
}

/** Three-way comparison of two non-NULL values of (comparable) types. */
export function compareValues(a: SqlValue, ta: DataType, b: SqlValue, tb: DataType): number {
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  const temporal = (t: DataType) => t.name === 'DATE' || t.name === 'TIMESTAMP';
  if (temporal(ta) && temporal(tb)) return cmpBig(toMicros(a, ta), toMicros(b, tb));
  if (isFloatType(ta) || isFloatType(tb)) return compareDoubles(toDouble(a, ta), toDouble(b, tb));
  const [x, sx] = asDecimalParts(a, ta);
  const [y, sy] = asDecimalParts(b, tb);
  const s = Math.max(sx, sy);
  return cmpBig(x * pow10(s - sx), y * pow10(s - sy));
}

function toMicros(v: SqlValue, t: DataType): bigint {
  if (t.name === 'DATE') return BigInt(v as number) * 86400000000n;
  return t.precision === 6 ? (v as bigint) : (v as bigint) * 1000n;
}

function cmpBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function arithmetic(fn: string, x: SqlValue, tx: DataType, y: SqlValue, ty: DataType, t: DataType): SqlValue {
  if (x === null || y === null) return null;
  if (isFloatType(t)) {
    const a = toDouble(x, tx);
    const b = toDouble(y, ty);
    const r = fn === 'plus' ? a + b : fn === 'minus' ? a - b : fn === 'times' ? a * b : fn === 'divide' ? a / b : a % b;
    return t.name === 'FLOAT' ? Math.fround(r) : r;
  }
  if (isIntegerType(t)) {
    const a = BigInt(x as number | bigint);
    const b = BigInt(y as number | bigint);
    if ((fn === 'divide' || fn === 'mod') && b === 0n) throw new ScalarEvalError('divide_by_zero', 'division by zero');
    const r = fn === 'plus' ? a + b : fn === 'minus' ? a - b : fn === 'times' ? a * b : fn === 'divide' ? a / b : a % b;
    return checkedInt(r, t);
  }
  if (t.name === 'DECIMAL') {
    const [a, sa] = asDecimalParts(x, tx);
    const [b, sb] = asDecimalParts(y, ty);
    const s = scaleOfType(t);
    let r: bigint;
    switch (fn) {
      case 'plus': r = rescaleHalfUp(a, sa, s) + rescaleHalfUp(b, sb, s); break;
      case 'minus': r = rescaleHalfUp(a, sa, s) - rescaleHalfUp(b, sb, s); break;
      case 'times': r = rescaleHalfUp(a * b, sa + sb, s); break;
      case 'divide': {
        if (b === 0n) throw new ScalarEvalError('divide_by_zero', 'division by zero');
        const k = s - sa + sb;
        r = k >= 0 ? divHalfUp(a * pow10(k), b) : divHalfUp(a, b * pow10(-k));
        break;
      }
      default: {
        if (b === 0n) throw new ScalarEvalError('divide_by_zero', 'division by zero');
        const ms = Math.max(sa, sb);
        r = rescaleHalfUp(rescaleHalfUp(a, sa, ms) % rescaleHalfUp(b, sb, ms), ms, s);
      }
    }
    return checkedDecimal(r, t);
  }
  throw new Error(`reference: arithmetic on ${t.name}`);
}

function negateAbs(fn: string, x: SqlValue, tx: DataType, t: DataType): SqlValue {
  if (x === null) return null;
  if (isFloatType(t)) {
    const v = toDouble(x, tx);
    return fn === 'abs' ? Math.abs(v) : -v;
  }
  const v = BigInt(x as number | bigint);
  const r = fn === 'abs' ? (v < 0n ? -v : v) : -v;
  if (t.name === 'DECIMAL') return r;
  return checkedInt(r, t);
}

