// Bit-level helpers of the columns family: Arrow validity bitmaps (bit i of byte i>>3, LSB first,
// 1 = valid) and the conversion between Arrow's bit-packed booleans and our BOOL column (one u8
// per row, 0 or 1). Bit offsets are arbitrary on both sides, because Arrow slices and our own
// slices move row 0 to any bit of a byte.

// @ts-ignore: decorator
@inline export function get_bit(ptr: usize, bit: usize): u32 {
  return (<u32>load<u8>(ptr + (bit >> 3)) >> <u32>(bit & 7)) & 1;
}

// @ts-ignore: decorator
@inline export function set_bit(ptr: usize, bit: usize, value: u32): void {
  const p = ptr + (bit >> 3);
  const m = <u8>(1 << <u8>(bit & 7));
  const b = load<u8>(p);
  store<u8>(p, value != 0 ? b | m : b & ~m);
}

/**
 * Copies `n` bits from `src` at bit `srcOff` to `dst` at bit `dstOff`, leaving the other bits of
 * `dst` untouched (so consecutive copies can concatenate bitmaps at any offset). Reads only the
 * source bytes that hold copied bits.
 */
export function bitmap_copy(dst: usize, dstOff: usize, src: usize, srcOff: usize, n: usize): void {
  let i: usize = 0;
  while (i < n && ((dstOff + i) & 7) != 0) {
    set_bit(dst, dstOff + i, get_bit(src, srcOff + i));
    i++;
  }
  const full = (n - i) >> 3; // whole destination bytes
  if (full > 0) {
    const d = dst + ((dstOff + i) >> 3);
    const s = srcOff + i;
    const sp = src + (s >> 3);
    const shift = <u64>(s & 7);
    if (shift == 0) {
      memory.copy(d, sp, full);
    } else {
      // Output byte k takes bits from source bytes k and k+1; bytes sp .. sp+full are all in range.
      let k: usize = 0;
      while (k + 8 <= full + 1) {
        store<u32>(d + k, <u32>(load<u64>(sp + k) >> shift));
        k += 4;
      }
      while (k < full) {
        store<u8>(d + k, <u8>(<u32>load<u16>(sp + k) >> <u32>shift));
        k++;
      }
    }
    i += full << 3;
  }
  while (i < n) {
    set_bit(dst, dstOff + i, get_bit(src, srcOff + i));
    i++;
  }
}

/** Sets `n` bits of `dst` from bit `off` to `value` (0 or 1), leaving the other bits untouched. */
export function bitmap_fill(dst: usize, off: usize, n: usize, value: u32): void {
  let i: usize = 0;
  while (i < n && ((off + i) & 7) != 0) {
    set_bit(dst, off + i, value);
    i++;
  }
  const full = (n - i) >> 3;
  if (full > 0) {
    memory.fill(dst + ((off + i) >> 3), value != 0 ? 0xFF : 0, full);
    i += full << 3;
  }
  while (i < n) {
    set_bit(dst, off + i, value);
    i++;
  }
}

/** Number of set bits among the `n` bits of `src` from bit `off` (valid rows of a validity bitmap). */
export function bitmap_count(src: usize, off: usize, n: usize): u32 {
  let count: u32 = 0;
  let i: usize = 0;
  while (i < n && ((off + i) & 7) != 0) {
    count += get_bit(src, off + i);
    i++;
  }
  let p = src + ((off + i) >> 3);
  while (n - i >= 64) {
    count += <u32>popcnt<u64>(load<u64>(p));
    p += 8;
    i += 64;
  }
  while (n - i >= 8) {
    count += popcnt<u32>(<u32>load<u8>(p));
    p++;
    i += 8;
  }
  while (i < n) {
    count += get_bit(src, off + i);
    i++;
  }
  return count;
}

/** Whether any of the `n` bits of `src` from bit `off` is 0 (a validity bitmap with a null). */
export function bitmap_has_zero(src: usize, off: usize, n: usize): bool {
  return bitmap_count(src, off, n) != <u32>n;
}

/**
 * Unpacks `n` Arrow booleans (bits of `src` from bit `srcOff`) into one u8 per row (0/1) at `dst`.
 * SIMD: two source bytes become sixteen output bytes per step.
 */
export function unpack_bits(dst: usize, src: usize, srcOff: usize, n: usize): void {
  let i: usize = 0;
  while (i < n && ((srcOff + i) & 7) != 0) {
    store<u8>(dst + i, <u8>get_bit(src, srcOff + i));
    i++;
  }
  let sp = src + ((srcOff + i) >> 3);
  const spread = i8x16(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1);
  const masks = i8x16(1, 2, 4, 8, 16, 32, 64, -128, 1, 2, 4, 8, 16, 32, 64, -128);
  const one = i8x16.splat(1);
  while (n - i >= 16) {
    const v = i8x16.swizzle(v128.load16_splat(sp), spread);
    const bits = v128.and(v, masks);
    v128.store(dst + i, i8x16.min_u(bits, one));
    sp += 2;
    i += 16;
  }
  while (i < n) {
    store<u8>(dst + i, <u8>get_bit(src, srcOff + i));
    i++;
  }
}

/**
 * Packs `n` bytes (0 = false, anything else = true) into Arrow booleans at `dst` from bit 0. Whole
 * bytes are written: bits past `n` in the last byte are 0. SIMD: sixteen bytes per step.
 */
export function pack_bits(dst: usize, src: usize, n: usize): void {
  let i: usize = 0;
  const zero = i8x16.splat(0);
  while (n - i >= 16) {
    const m = i8x16.bitmask(i8x16.ne(v128.load(src + i), zero));
    store<u16>(dst + (i >> 3), <u16>m);
    i += 16;
  }
  let byte: u32 = 0;
  let k: u32 = 0;
  while (i < n) {
    if (load<u8>(src + i) != 0) byte |= <u32>1 << k;
    k++;
    i++;
    if (k == 8) {
      store<u8>(dst + ((i - 1) >> 3), <u8>byte);
      byte = 0;
      k = 0;
    }
  }
  if (k != 0) store<u8>(dst + ((i - 1) >> 3), <u8>byte);
}
