// Column layout shared by every kernel: a 32-byte column descriptor in linear memory.
//
// A batch handed to a kernel is an array of column descriptors (desc[i] at base + i * COL_SIZE)
// plus a row count. Buffers follow Arrow's layout:
//   validity  Arrow bitmap (bit i of byte i>>3, LSB first, 1 = valid), read at bit
//             (validity_offset + row); a 0 pointer means "no nulls".
//   values    fixed width: element 0 of this column (already offset for slices);
//             UTF8: the i32 offsets, element 0 (length + 1 entries; string i is
//             data[offsets[i] .. offsets[i+1]]); DICT: the i32 dictionary indices.
//   data      UTF8: base of the bytes; DICT: pointer to the dictionary's UTF8 descriptor.
//
// Physical kinds are deliberately few; logical types map onto them (see bindings/column.ts):
//   BOOL  u8 per row (0/1)          deviation from Arrow's bit-packed booleans, converted at the edge
//   I32   INT, DATE (days), and TINYINT/SMALLINT widened on the way in
//   I64   BIGINT, TIMESTAMP (ms or us), DECIMAL(p <= 18) unscaled
//   F64   DOUBLE, and FLOAT widened on the way in
//   UTF8  STRING
//   DICT  dictionary-encoded STRING
//   I128  DECIMAL(p > 18) unscaled, two little-endian i64 words per row

export const KIND_BOOL: u32 = 1;
export const KIND_I32: u32 = 2;
export const KIND_I64: u32 = 3;
export const KIND_F64: u32 = 4;
export const KIND_UTF8: u32 = 5;
export const KIND_DICT: u32 = 6;
export const KIND_I128: u32 = 7;

export const COL_SIZE: usize = 32;
export const COL_KIND: usize = 0;
export const COL_VALIDITY: usize = 4;
export const COL_VALIDITY_OFFSET: usize = 8;
export const COL_VALUES: usize = 12;
export const COL_DATA: usize = 16;
export const COL_LENGTH: usize = 20;

/** Byte width of one value of a fixed-width kind (UTF8 and DICT: their i32 offsets/indices). */
export function kind_width(kind: u32): usize {
  switch (kind) {
    case KIND_BOOL: return 1;
    case KIND_I32: return 4;
    case KIND_I64: return 8;
    case KIND_F64: return 8;
    case KIND_UTF8: return 4;
    case KIND_DICT: return 4;
    case KIND_I128: return 16;
  }
  return 0;
}

// @ts-ignore: decorator
@inline export function col_kind(desc: usize): u32 { return load<u32>(desc, COL_KIND); }
// @ts-ignore: decorator
@inline export function col_values(desc: usize): usize { return <usize>load<u32>(desc, COL_VALUES); }
// @ts-ignore: decorator
@inline export function col_data(desc: usize): usize { return <usize>load<u32>(desc, COL_DATA); }
// @ts-ignore: decorator
@inline export function col_validity(desc: usize): usize { return <usize>load<u32>(desc, COL_VALIDITY); }
// @ts-ignore: decorator
@inline export function col_validity_offset(desc: usize): usize { return <usize>load<u32>(desc, COL_VALIDITY_OFFSET); }
// @ts-ignore: decorator
@inline export function col_length(desc: usize): u32 { return load<u32>(desc, COL_LENGTH); }

/** Whether row `row` of the column is valid (not null). */
// @ts-ignore: decorator
@inline export function col_is_valid(desc: usize, row: usize): bool {
  const v = col_validity(desc);
  if (v == 0) return true;
  const bit = col_validity_offset(desc) + row;
  return ((load<u8>(v + (bit >> 3)) >> <u8>(bit & 7)) & 1) != 0;
}

/** Writes a descriptor. */
export function col_write(desc: usize, kind: u32, validity: usize, validityOffset: usize, values: usize, data: usize, length: u32): void {
  store<u32>(desc, kind, COL_KIND);
  store<u32>(desc, <u32>validity, COL_VALIDITY);
  store<u32>(desc, <u32>validityOffset, COL_VALIDITY_OFFSET);
  store<u32>(desc, <u32>values, COL_VALUES);
  store<u32>(desc, <u32>data, COL_DATA);
  store<u32>(desc, length, COL_LENGTH);
  store<u32>(desc, 0, 24);
  store<u32>(desc, 0, 28);
}
