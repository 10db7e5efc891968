// Compaction of a BOOL vector into a selection: for dense vectors 8 rows per step (the 8 truth
// bytes packed into a mask, a table giving the positions of its set bits, two v128 stores of
// row indices, the count advanced by the mask's population count); with an incoming selection a
// branchless scalar loop.

/** For each 8-bit mask, the positions of its set bits (8 bytes, unused ones 0). */
const POSITIONS = memory.data(256 * 8, 16);
let positionsReady = false;

function initPositions(): void {
  for (let m = 0; m < 256; m++) {
    let k = 0;
    for (let b = 0; b < 8; b++) {
      if ((m >> b) & 1) {
        store<u8>(POSITIONS + <usize>(m * 8 + k), <u8>b);
        k++;
      }
    }
  }
  positionsReady = true;
}

/** Packs 8 bytes of 0/1 into 8 bits (byte k → bit k). */
// @ts-ignore: decorator
@inline function pack8(bytes: u64): u32 {
  return <u32>((bytes * 0x0102040810204080) >> 56);
}

/**
 * Appends to `out` (from index `count`) the rows base + b for each set bit b of the 8-bit mask
 * `bits` (two v128 stores of positions from the table); returns the new count. `out` needs room
 * for 8 entries past the current count.
 */
// @ts-ignore: decorator
@inline export function appendMask8(bits: u32, base: i32, out: usize, count: i32): i32 {
  const offs = i16x8.extend_low_i8x16_u(v128.load64_zero(POSITIONS + (<usize>bits << 3)));
  const b = i32x4.splat(base);
  const p = out + (<usize>count << 2);
  v128.store(p, i32x4.add(i32x4.extend_low_i16x8_u(offs), b));
  v128.store(p, i32x4.add(i32x4.extend_high_i16x8_u(offs), b), 16);
  return count + <i32>popcnt(bits);
}

/** Fills the position table on first use. */
export function ensurePositions(): void {
  if (!positionsReady) initPositions();
}

/**
 * Appends to `out` (from index `count`) the rows start + i, i < n, whose truth byte is 1 and whose
 * null byte (when `nulls` != 0) is 0; returns the new count. `out` must have room for start + n.
 */
export function compactDense(truth: usize, nulls: usize, n: i32, start: i32, out: usize, count: i32): i32 {
  if (!positionsReady) initPositions();
  let c = count;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    let bits = pack8(load<u64>(truth + <usize>i));
    if (nulls != 0) bits &= ~pack8(load<u64>(nulls + <usize>i)) & 0xFF;
    c = appendMask8(bits, start + i, out, c);
  }
  for (; i < n; i++) {
    store<i32>(out + (<usize>c << 2), start + i);
    const keep = nulls == 0 ? load<u8>(truth + <usize>i) : load<u8>(truth + <usize>i) & (load<u8>(nulls + <usize>i) ^ 1);
    c += <i32>keep;
  }
  return c;
}

/** Appends the rows sel[i] whose truth byte is 1 (and null byte 0); returns the new count. */
export function compactSelected(truth: usize, nulls: usize, n: i32, sel: usize, out: usize, count: i32): i32 {
  let c = count;
  for (let i = 0; i < n; i++) {
    store<i32>(out + (<usize>c << 2), load<i32>(sel + (<usize>i << 2)));
    const keep = nulls == 0 ? load<u8>(truth + <usize>i) : load<u8>(truth + <usize>i) & (load<u8>(nulls + <usize>i) ^ 1);
    c += <i32>keep;
  }
  return c;
}
