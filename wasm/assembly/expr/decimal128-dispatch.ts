// Dispatch of the DECIMAL(p > 18) opcodes (100..149) of the expression VM (see opcodes.ts).
import { op_arith_i128, op_dec128_div, op_dec128_mul, op_mul_i64_i128, op_neg_abs_i128 } from './decimal128-arith';
import { op_cmp_i128 } from './decimal128-compare';
import { op_cast_f64_i128, op_cast_i128_f64, op_narrow_i128, op_rescale_i128, op_widen_i128 } from './decimal128-convert';
import { op_cast_i128_str, op_cast_str_i128 } from './decimal128-text';
import * as OP from './opcodes';

/** Runs one instruction of the I128 family; false when `op` is not one of them. */
export function runDecimal128(ins: usize, op: i32): bool {
  switch (op) {
    case OP.OP_WIDEN_I128: op_widen_i128(ins); break;
    case OP.OP_NARROW_I128: op_narrow_i128(ins); break;
    case OP.OP_ARITH_I128: op_arith_i128(ins); break;
    case OP.OP_DEC128_MUL: op_dec128_mul(ins); break;
    case OP.OP_DEC128_DIV: op_dec128_div(ins); break;
    case OP.OP_RESCALE_I128: op_rescale_i128(ins); break;
    case OP.OP_NEG_I128: op_neg_abs_i128(ins, false); break;
    case OP.OP_ABS_I128: op_neg_abs_i128(ins, true); break;
    case OP.OP_CMP_I128: op_cmp_i128(ins); break;
    case OP.OP_CAST_I128_F64: op_cast_i128_f64(ins); break;
    case OP.OP_CAST_F64_I128: op_cast_f64_i128(ins); break;
    case OP.OP_CAST_I128_STR: op_cast_i128_str(ins); break;
    case OP.OP_CAST_STR_I128: op_cast_str_i128(ins); break;
    case OP.OP_MUL_I64_I128: op_mul_i64_i128(ins); break;
    default: return false;
  }
  return true;
}
