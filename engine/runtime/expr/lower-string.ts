import { VmKind } from '../../../bindings/expr-program-spec.js';
import type { Call, ScalarExpr } from '../../logical/expression.js';
import { DataTypes } from '../../types/data-type.js';
import { LikePatternError, compileLike, tokenizeLike } from './like-pattern.js';
import { castRegister } from './lower-cast.js';
import { stringBytes } from './literal-pool.js';
import type { Lowering } from './lowering.js';
import { LIKE, OP } from './opcodes.js';
import { UnsupportedExpressionError } from './vm-types.js';

const S = DataTypes.STRING();
const I = DataTypes.INT();

function str(lw: Lowering, e: ScalarExpr, guard: number): number {
  return lw.lowerAs(e, S, guard);
}

/** The escape character of LIKE: a literal of one character, or null. */
function escapeOf(lw: Lowering, e: Call): string | null {
  const esc = e.args[2];
  if (!esc) return null;
  if (esc.kind !== 'literal' || typeof esc.value !== 'string') {
    throw new UnsupportedExpressionError(`LIKE ... ESCAPE needs a literal escape character: ${lw.text(e)}`);
  }
  if (Array.from(esc.value).length !== 1) throw new Error(`LIKE escape must be a single character, got '${esc.value}': ${lw.text(e)}`);
  return esc.value;
}

function lowerLike(lw: Lowering, e: Call, guard: number): number {
  const context = lw.context(e);
  const escape = escapeOf(lw, e);
  const value = str(lw, e.args[0]!, guard);
  const pattern = e.args[1]!;
  const dst = lw.b.newRegister(VmKind.BOOL);
  const escapeCp = escape === null ? -1 : escape.codePointAt(0)!;
  if (pattern.kind === 'literal' && typeof pattern.value === 'string') {
    try {
      const compiled = compileLike(tokenizeLike(pattern.value, escape));
      const bytes = compiled.tokens ?? stringBytes(compiled.text ?? '');
      return lw.b.emit(OP.LIKE, dst, guard, value, lw.b.poolOffset(bytes), compiled.form, escapeCp, 0, context);
    } catch (err) {
      if (!(err instanceof LikePatternError)) throw err;
      // An invalid literal pattern fails at run time, on the rows that reach it.
    }
  }
  return lw.b.emit(OP.LIKE, dst, guard, value, str(lw, pattern, guard), LIKE.DYNAMIC, escapeCp, 0, context);
}

/** like, upper, lower, substring, trim, ltrim, rtrim, concat, char_length, replace, position. */
export function lowerString(lw: Lowering, e: Call, guard: number): number {
  const context = lw.context(e);
  const emit = (op: number, kind: VmKind, a: number, b = 0, c = 0) => lw.b.emit(op, lw.b.newRegister(kind), -1, a, b, c, 0, 0, context);
  const asResult = (r: number) => castRegister(lw, r, I, e.type, guard, false, context);
  switch (e.fn) {
    case 'like': return lowerLike(lw, e, guard);
    case 'upper': return emit(OP.UPPER, VmKind.STR, str(lw, e.args[0]!, guard));
    case 'lower': return emit(OP.LOWER, VmKind.STR, str(lw, e.args[0]!, guard));
    case 'trim': return emit(OP.TRIM, VmKind.STR, str(lw, e.args[0]!, guard), 0);
    case 'ltrim': return emit(OP.TRIM, VmKind.STR, str(lw, e.args[0]!, guard), 1);
    case 'rtrim': return emit(OP.TRIM, VmKind.STR, str(lw, e.args[0]!, guard), 2);
    case 'substring': {
      const s = str(lw, e.args[0]!, guard);
      const start = lw.lowerAs(e.args[1]!, I, guard);
      const len = e.args[2] ? lw.lowerAs(e.args[2], I, guard) : -1;
      return emit(OP.SUBSTRING, VmKind.STR, s, start, len);
    }
    case 'concat': {
      let acc = str(lw, e.args[0]!, guard);
      for (const arg of e.args.slice(1)) acc = emit(OP.CONCAT, VmKind.STR, acc, str(lw, arg, guard));
      return acc;
    }
    case 'char_length': return asResult(emit(OP.CHAR_LENGTH, VmKind.I32, str(lw, e.args[0]!, guard)));
    case 'replace':
      return emit(OP.REPLACE, VmKind.STR, str(lw, e.args[0]!, guard), str(lw, e.args[1]!, guard), str(lw, e.args[2]!, guard));
    default:
      return asResult(emit(OP.POSITION, VmKind.I32, str(lw, e.args[0]!, guard), str(lw, e.args[1]!, guard)));
  }
}
