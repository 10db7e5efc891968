// Exports of the columns kernel family: gather, bitmaps and booleans, widening/narrowing copies
// at the Arrow edge, and accumulators of long-lived columns.
export { bitmap_copy, bitmap_fill, bitmap_count, unpack_bits, pack_bits } from './bits';
export {
  widen_i8_i32, widen_u8_i32, widen_i16_i32, widen_u16_i32, widen_u32_i64, widen_f32_f64,
  narrow_i32_i8, narrow_i32_i16, narrow_i64_i32, narrow_f64_f32,
  dec128_to_i64, i64_to_dec128, mul_i64, div_floor_i64, div_floor_i64_i32, mul_i32_i64,
  rebase_offsets_i32, rebase_offsets_i64_i32, widen_offsets_i32_i64,
} from './convert';
export { any_negative_i32, gather_col, gather_batch, decode_dict } from './gather';
export { acc_new, acc_init_col, acc_rows, acc_append, acc_finish, acc_free, acc_bytes } from './accumulate';
export { dict_builder_init, dict_builder_move, dict_rehash, dict_encode, dict_builder_block_size, dict_builder_finish, dict_status, dict_count, dict_bytes_used, dict_need, dict_set_limit } from './dict-encode';
