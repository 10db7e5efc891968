import { VmKind } from '../../../bindings/expr-program-spec.js';
import type { Call, ScalarExpr } from '../../logical/expression.js';
import { RegexSyntaxError, compileRegex } from '../../logical/regex-pattern.js';
import { DataTypes } from '../../types/data-type.js';
import { castRegister } from './lower-cast.js';
import type { Lowering } from './lowering.js';
import { OP } from './opcodes.js';
import { UnsupportedExpressionError } from './vm-types.js';

const S = DataTypes.STRING();
const I = DataTypes.INT();

/** i32 words as little-endian constant-pool bytes. */
export function wordBytes(words: readonly number[]): Uint8Array {
  const b = new Uint8Array(words.length * 4);
  const v = new DataView(b.buffer);
  words.forEach((w, i) => v.setInt32(i * 4, w, true));
  return b;
}

/**
 * The value of a constant STRING argument (a regular expression or a date-time pattern):
 * null for a NULL literal; non-constant arguments are not supported by the kernels.
 */
export function constantString(lw: Lowering, e: Call, arg: ScalarExpr, what: string): string | null {
  if (arg.kind === 'literal' && (arg.value === null || typeof arg.value === 'string')) return arg.value;
  throw new UnsupportedExpressionError(`${e.fn.toUpperCase()} needs a constant ${what}: ${lw.text(e)}`);
}

/** Pool offset of the compiled program of `pattern` (status 1: a pattern that matches nothing, as Flink's invalid ones). */
function regexProgram(lw: Lowering, pattern: string, emptyIsInvalid: boolean): number {
  let words: number[];
  try {
    if (emptyIsInvalid && pattern === '') throw new RegexSyntaxError('empty');
    const re = compileRegex(pattern);
    words = [0, re.code.length / 4, re.groups, re.ranges.length, ...re.code, ...re.ranges];
  } catch (err) {
    if (!(err instanceof RegexSyntaxError)) throw err;
    words = [1, 0, 0, 0];
  }
  return lw.b.poolOffset(wordBytes(words));
}

/**
 * concat_ws, split_index, lpad, rpad, repeat, reverse, initcap, left, right, locate, ascii, chr,
 * trim_chars, ltrim_chars, rtrim_chars, regexp, regexp_extract, regexp_replace.
 */
export function lowerStringFunction(lw: Lowering, e: Call, guard: number): number {
  const context = lw.context(e);
  const emit = (op: number, kind: VmKind, a: number, b = 0, c = 0, d = 0) => lw.b.emit(op, lw.b.newRegister(kind), -1, a, b, c, d, 0, context);
  const str = (k: number) => lw.lowerAs(e.args[k]!, S, guard);
  const int = (k: number) => lw.lowerAs(e.args[k]!, I, guard);
  switch (e.fn) {
    case 'concat_ws': {
      const sep = str(0);
      let acc = -1;
      for (let k = 1; k < e.args.length; k++) acc = emit(OP.CONCAT_WS, VmKind.STR, acc, sep, str(k), 0);
      return emit(OP.CONCAT_WS, VmKind.STR, acc, sep, 0, 1);
    }
    case 'split_index': return emit(OP.SPLIT_INDEX, VmKind.STR, str(0), str(1), int(2));
    case 'lpad': case 'rpad': return emit(OP.PAD, VmKind.STR, str(0), int(1), str(2), e.fn === 'rpad' ? 1 : 0);
    case 'repeat': return emit(OP.REPEAT, VmKind.STR, str(0), int(1));
    case 'reverse': return emit(OP.REVERSE, VmKind.STR, str(0));
    case 'initcap': return emit(OP.INITCAP, VmKind.STR, str(0));
    case 'left': case 'right': return emit(OP.LEFT_RIGHT, VmKind.STR, str(0), int(1), e.fn === 'right' ? 1 : 0);
    case 'locate': return castRegister(lw, emit(OP.LOCATE, VmKind.I32, str(0), str(1), int(2)), I, e.type, guard, false, context);
    case 'ascii': return castRegister(lw, emit(OP.ASCII, VmKind.I32, str(0)), I, e.type, guard, false, context);
    case 'chr': return emit(OP.CHR, VmKind.STR, lw.lowerAs(e.args[0]!, DataTypes.BIGINT(), guard));
    case 'trim_chars': case 'ltrim_chars': case 'rtrim_chars':
      return emit(OP.TRIM_CHARS, VmKind.STR, str(0), str(1), e.fn === 'trim_chars' ? 0 : e.fn === 'ltrim_chars' ? 1 : 2);
  }
  // Regular expressions: the pattern is compiled here, once.
  const pattern = constantString(lw, e, e.args[1]!, 'regular expression');
  if (pattern === null) return lw.nullOf(e.type);
  const program = regexProgram(lw, pattern, e.fn === 'regexp');
  switch (e.fn) {
    case 'regexp': return emit(OP.REGEXP, VmKind.BOOL, str(0), program);
    case 'regexp_extract': return emit(OP.REGEXP_EXTRACT, VmKind.STR, str(0), program, e.args[2] ? int(2) : -1);
    default: return emit(OP.REGEXP_REPLACE, VmKind.STR, str(0), program, str(2));
  }
}
