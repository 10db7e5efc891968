// UTF-8 helpers: code point stepping and counting over raw bytes (input is assumed valid UTF-8;
// stepping never runs past the end on truncated sequences).

/** Bytes of the code point that starts with byte b (1 for continuation or invalid bytes). */
// @ts-ignore: decorator
@inline export function cpBytes(b: u32): usize {
  return b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

/** The position after `k` code points from p (not past end). */
export function advance(p: usize, end: usize, k: i64): usize {
  let q = p;
  let left = k;
  while (left > 0 && q < end) {
    q += cpBytes(<u32>load<u8>(q));
    left--;
  }
  return q < end ? q : end;
}

/** Number of code points in [p, p + len). */
export function countCodePoints(p: usize, len: usize): i32 {
  let n: i32 = 0;
  let i: usize = 0;
  while (i + 8 <= len) {
    const w = load<u64>(p + i);
    if ((w & 0x8080808080808080) == 0) {
      n += 8;
    } else {
      for (let k: usize = 0; k < 8; k++) n += <i32>((load<u8>(p + i + k) & 0xC0) != 0x80);
    }
    i += 8;
  }
  for (; i < len; i++) n += <i32>((load<u8>(p + i) & 0xC0) != 0x80);
  return n;
}

/** Byte offset of the first occurrence of needle in hay, or -1. */
export function findBytes(hay: usize, hl: usize, needle: usize, nl: usize): isize {
  if (nl == 0) return 0;
  if (nl > hl) return -1;
  const first = load<u8>(needle);
  const last = hl - nl;
  for (let i: usize = 0; i <= last; i++) {
    if (load<u8>(hay + i) != first) continue;
    let k: usize = 1;
    while (k < nl && load<u8>(hay + i + k) == load<u8>(needle + k)) k++;
    if (k == nl) return <isize>i;
  }
  return -1;
}

/** Decodes the code point at p (len bytes available); 0xFFFD for malformed input. */
export function decodeAt(p: usize, avail: usize): u32 {
  const b0 = <u32>load<u8>(p);
  if (b0 < 0x80) return b0;
  const n = cpBytes(b0);
  if (n > avail || n == 1) return 0xFFFD;
  if (n == 2) return ((b0 & 0x1F) << 6) | (<u32>load<u8>(p + 1) & 0x3F);
  if (n == 3) return ((b0 & 0x0F) << 12) | ((<u32>load<u8>(p + 1) & 0x3F) << 6) | (<u32>load<u8>(p + 2) & 0x3F);
  return ((b0 & 0x07) << 18) | ((<u32>load<u8>(p + 1) & 0x3F) << 12) | ((<u32>load<u8>(p + 2) & 0x3F) << 6) | (<u32>load<u8>(p + 3) & 0x3F);
}

/** Encodes code point cp at p; returns its byte length. */
export function encodeAt(cp: u32, p: usize): usize {
  if (cp < 0x80) { store<u8>(p, <u8>cp); return 1; }
  if (cp < 0x800) {
    store<u8>(p, <u8>(0xC0 | (cp >> 6)));
    store<u8>(p + 1, <u8>(0x80 | (cp & 0x3F)));
    return 2;
  }
  if (cp < 0x10000) {
    store<u8>(p, <u8>(0xE0 | (cp >> 12)));
    store<u8>(p + 1, <u8>(0x80 | ((cp >> 6) & 0x3F)));
    store<u8>(p + 2, <u8>(0x80 | (cp & 0x3F)));
    return 3;
  }
  store<u8>(p, <u8>(0xF0 | (cp >> 18)));
  store<u8>(p + 1, <u8>(0x80 | ((cp >> 12) & 0x3F)));
  store<u8>(p + 2, <u8>(0x80 | ((cp >> 6) & 0x3F)));
  store<u8>(p + 3, <u8>(0x80 | (cp & 0x3F)));
  return 4;
}
