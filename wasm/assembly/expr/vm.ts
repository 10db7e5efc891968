// The expression VM: runs a program's body over a batch, one vector of up to VECTOR rows at a
// time, so the registers of a whole expression list stay in cache while the batch can be large.
// Entry points: evaluate (one output column per expression) and filter (a selection vector).
import { arena_alloc, arena_mark, arena_reset } from '../memory';
import { op_arith_f64, op_arith_i32, op_arith_i64 } from './arith';
import { op_neg_abs_f64, op_neg_abs_i32, op_neg_abs_i64 } from './arith-unary';
import { compactDense, compactSelected } from './compact';
import { tryFilterCompare } from './filter-compare';
import { op_compare } from './compare';
import {
  op_cast_bool_to, op_cast_f64_dec, op_cast_f64_int, op_cast_i32_i64, op_cast_narrow, op_cast_to_bool, op_cast_to_f64,
  op_fround, op_ts_to_date,
} from './cast-num';
import { op_cast_from_str, op_cast_to_str } from './cast-str';
import { op_select } from './conditional';
import { op_const } from './constant';
import { beginRegion, endRegion, fillTable, op_dict_begin, op_dict_end, regionChunk, regionEntries } from './dict';
import { op_date_trunc, op_extract } from './datetime';
import { op_in } from './in-list';
import { op_math_f64, op_power, op_round_f64, op_sign_int } from './math';
import { op_like } from './like';
import {
  op_ascii, op_chr, op_concat_ws, op_initcap, op_left_right, op_locate, op_pad, op_repeat, op_reverse, op_split_index,
  op_trim_chars,
} from './string-fns';
import { op_regexp, op_regexp_extract, op_regexp_replace } from './regex';
import { op_math_fn, op_truncate_f64 } from './math-fns';
import { op_date_format, op_date_parse, op_ts_diff } from './date-format';
import { op_case, op_char_length, op_concat, op_position, op_replace, op_substring, op_trim } from './strings';
import { op_dec_mul_div, op_rescale } from './decimal';
import { runDecimal128 } from './decimal128-dispatch';
import { clearError, errorCode, setInstr } from './errors';
import { op_and_or, op_not, op_test } from './logic';
import { op_load } from './load';
import * as OP from './opcodes';
import { beginOutputs, directOutputs, finishOutputs, restoreOutputs, writeOutputs } from './output';
import { H_BODY_START, H_CODE, H_NUM_INSTR, H_SEL_OUT, O_REG, bind, hdr, outputState } from './program';
import { VECTOR, regNulls, regValues, setVector } from './state';

/** Runs instructions [from, to) on the current vector; false when one raised an error. */
export function runRange(prog: usize, from: i32, to: i32): bool {
  const code = hdr(prog, H_CODE);
  for (let k = from; k < to; k++) {
    const ins = code + (<usize>k << 5);
    setInstr(k);
    const op = load<i32>(ins);
    if (op == OP.OP_DICT_BEGIN) {
      k = op_dict_begin(ins, k) - 1;
      continue;
    }
    switch (op) {
      case OP.OP_LOAD: op_load(ins); break;
      case OP.OP_CONST: op_const(ins); break;
      case OP.OP_ARITH_I32: op_arith_i32(ins); break;
      case OP.OP_ARITH_I64: op_arith_i64(ins); break;
      case OP.OP_ARITH_F64: op_arith_f64(ins); break;
      case OP.OP_NEG_I32: op_neg_abs_i32(ins, false); break;
      case OP.OP_NEG_I64: op_neg_abs_i64(ins, false); break;
      case OP.OP_NEG_F64: op_neg_abs_f64(ins, false); break;
      case OP.OP_ABS_I32: op_neg_abs_i32(ins, true); break;
      case OP.OP_ABS_I64: op_neg_abs_i64(ins, true); break;
      case OP.OP_ABS_F64: op_neg_abs_f64(ins, true); break;
      case OP.OP_DEC_MUL: op_dec_mul_div(ins, false); break;
      case OP.OP_DEC_DIV: op_dec_mul_div(ins, true); break;
      case OP.OP_RESCALE: op_rescale(ins); break;
      case OP.OP_CMP_BOOL: op_compare(ins, OP.VK_BOOL); break;
      case OP.OP_CMP_I32: op_compare(ins, OP.VK_I32); break;
      case OP.OP_CMP_I64: op_compare(ins, OP.VK_I64); break;
      case OP.OP_CMP_F64: op_compare(ins, OP.VK_F64); break;
      case OP.OP_CMP_STR: op_compare(ins, OP.VK_STR); break;
      case OP.OP_AND: op_and_or(ins, true); break;
      case OP.OP_OR: op_and_or(ins, false); break;
      case OP.OP_NOT: op_not(ins); break;
      case OP.OP_IS_NULL:
      case OP.OP_IS_NOT_NULL:
      case OP.OP_IS_TRUE:
      case OP.OP_IS_FALSE:
      case OP.OP_IS_NOT_TRUE:
      case OP.OP_IS_NOT_FALSE: op_test(ins, op); break;
      case OP.OP_CAST_I32_I64: op_cast_i32_i64(ins); break;
      case OP.OP_CAST_I64_I32: op_cast_narrow(ins, true); break;
      case OP.OP_CAST_RANGE_I32: op_cast_narrow(ins, false); break;
      case OP.OP_CAST_TO_F64: op_cast_to_f64(ins); break;
      case OP.OP_CAST_F64_INT: op_cast_f64_int(ins); break;
      case OP.OP_CAST_F64_DEC: op_cast_f64_dec(ins); break;
      case OP.OP_FROUND: op_fround(ins); break;
      case OP.OP_CAST_TO_BOOL: op_cast_to_bool(ins); break;
      case OP.OP_CAST_BOOL_TO: op_cast_bool_to(ins); break;
      case OP.OP_TS_TO_DATE: op_ts_to_date(ins); break;
      case OP.OP_SELECT: op_select(ins); break;
      case OP.OP_IN: op_in(ins); break;
      case OP.OP_CAST_TO_STR: op_cast_to_str(ins); break;
      case OP.OP_CAST_FROM_STR: op_cast_from_str(ins); break;
      case OP.OP_LIKE: op_like(ins); break;
      case OP.OP_UPPER: op_case(ins, true); break;
      case OP.OP_LOWER: op_case(ins, false); break;
      case OP.OP_SUBSTRING: op_substring(ins); break;
      case OP.OP_TRIM: op_trim(ins); break;
      case OP.OP_CONCAT: op_concat(ins); break;
      case OP.OP_CHAR_LENGTH: op_char_length(ins); break;
      case OP.OP_REPLACE: op_replace(ins); break;
      case OP.OP_POSITION: op_position(ins); break;
      case OP.OP_DICT_END: op_dict_end(ins); break;
      case OP.OP_EXTRACT: op_extract(ins); break;
      case OP.OP_DATE_TRUNC: op_date_trunc(ins); break;
      case OP.OP_MATH_F64: op_math_f64(ins); break;
      case OP.OP_POWER: op_power(ins); break;
      case OP.OP_ROUND_F64: op_round_f64(ins); break;
      case OP.OP_SIGN_INT: op_sign_int(ins); break;
      case OP.OP_CONCAT_WS: op_concat_ws(ins); break;
      case OP.OP_SPLIT_INDEX: op_split_index(ins); break;
      case OP.OP_PAD: op_pad(ins); break;
      case OP.OP_REPEAT: op_repeat(ins); break;
      case OP.OP_REVERSE: op_reverse(ins); break;
      case OP.OP_INITCAP: op_initcap(ins); break;
      case OP.OP_LEFT_RIGHT: op_left_right(ins); break;
      case OP.OP_LOCATE: op_locate(ins); break;
      case OP.OP_ASCII: op_ascii(ins); break;
      case OP.OP_CHR: op_chr(ins); break;
      case OP.OP_TRIM_CHARS: op_trim_chars(ins); break;
      case OP.OP_REGEXP: op_regexp(ins); break;
      case OP.OP_REGEXP_EXTRACT: op_regexp_extract(ins); break;
      case OP.OP_REGEXP_REPLACE: op_regexp_replace(ins); break;
      case OP.OP_MATH_FN: op_math_fn(ins); break;
      case OP.OP_TRUNCATE_F64: op_truncate_f64(ins); break;
      case OP.OP_DATE_FORMAT: op_date_format(ins); break;
      case OP.OP_DATE_PARSE: op_date_parse(ins); break;
      case OP.OP_TS_DIFF: op_ts_diff(ins); break;
      default: if (!runDecimal128(ins, op)) unreachable();
    }
    if (errorCode() != 0) return false;
  }
  return true;
}

/**
 * Fills the tables of the dictionary regions that this batch of `n` rows evaluates over the
 * dictionary (see dict.ts); scratch of the region runs is released, the tables stay.
 */
function prepareDictRegions(prog: usize, n: i32): void {
  const code = hdr(prog, H_CODE);
  const end = <i32>hdr(prog, H_NUM_INSTR);
  for (let k = <i32>hdr(prog, H_BODY_START); k < end; k++) {
    const ins = code + (<usize>k << 5);
    if (load<i32>(ins) != OP.OP_DICT_BEGIN) continue;
    const skip = load<i32>(ins, 16);
    if (beginRegion(ins, n) != 0) {
      const result = load<i32>(code + (<usize>(k + skip - 1) << 5), 12);
      const entries = regionEntries(ins);
      const mark = arena_mark();
      for (let start = 0; start <= entries; start += VECTOR) {
        const len = start == entries ? 1 : (entries - start < VECTOR ? entries - start : VECTOR);
        regionChunk(ins, start, len);
        runRange(prog, k + 1, k + skip - 1);
        fillTable(ins, result, start, len);
        arena_reset(mark);
        // The NULL entry follows the last chunk of entries.
        if (start + len == entries && start != entries) {
          regionChunk(ins, entries, 1);
          runRange(prog, k + 1, k + skip - 1);
          fillTable(ins, result, entries, 1);
          arena_reset(mark);
          break;
        }
      }
      endRegion();
    }
    k += skip - 1;
  }
}

/** Runs the prologue (constant registers) once, when the program is loaded. */
export function runPrologue(prog: usize): void {
  bind(prog);
  clearError();
  setVector(0, VECTOR, 0);
  runRange(prog, 0, <i32>hdr(prog, H_BODY_START));
}

/**
 * Evaluates every output over the batch whose descriptors are in the program's input area:
 * `numRows` rows, or the `selLen` rows of selection `selPtr` when it is not 0 (outputs are then
 * dense, of `selLen` rows). Returns 0, or the error code (details in the error record).
 */
export function evaluate(prog: usize, numRows: i32, selPtr: usize, selLen: i32): i32 {
  bind(prog);
  clearError();
  const n = selPtr != 0 ? selLen : numRows;
  const body = <i32>hdr(prog, H_BODY_START);
  const end = <i32>hdr(prog, H_NUM_INSTR);
  beginOutputs(prog, n);
  prepareDictRegions(prog, n);
  const mark = arena_mark();
  for (let start = 0; start < n; start += VECTOR) {
    const len = n - start < VECTOR ? n - start : VECTOR;
    setVector(start, len, selPtr != 0 ? selPtr + (<usize>start << 2) : 0);
    directOutputs(prog, start);
    if (!runRange(prog, body, end)) {
      restoreOutputs(prog);
      return errorCode();
    }
    writeOutputs(prog, start, len);
    arena_reset(mark);
  }
  restoreOutputs(prog);
  finishOutputs(prog, n);
  return 0;
}

/**
 * Keeps the rows where output 0 (BOOL) is TRUE, as ascending batch row indices in the arena
 * (pointer left in the header's H_SEL_OUT). Returns the count, or -(error code).
 */
export function filter(prog: usize, numRows: i32, selPtr: usize, selLen: i32): i32 {
  bind(prog);
  clearError();
  const n = selPtr != 0 ? selLen : numRows;
  const body = <i32>hdr(prog, H_BODY_START);
  const end = <i32>hdr(prog, H_NUM_INSTR);
  const cap: i32 = n > 0 ? n : 1;
  const out = arena_alloc(<usize>cap << 2);
  store<u32>(prog + H_SEL_OUT, <u32>out);
  const r = load<i32>(outputState(prog, 0) + O_REG);
  const fused = tryFilterCompare(prog, r, numRows, selPtr, selLen, out);
  if (fused >= 0) return fused;
  prepareDictRegions(prog, n);
  const mark = arena_mark();
  let count = 0;
  for (let start = 0; start < n; start += VECTOR) {
    const len = n - start < VECTOR ? n - start : VECTOR;
    const sel = selPtr != 0 ? selPtr + (<usize>start << 2) : 0;
    setVector(start, len, sel);
    if (!runRange(prog, body, end)) return -errorCode();
    const v = regValues(r);
    const nulls = regNulls(r);
    count = sel == 0 ? compactDense(v, nulls, len, start, out, count) : compactSelected(v, nulls, len, sel, out, count);
    arena_reset(mark);
  }
  return count;
}
