// Fixed-size natural numbers (up to 128 x 32 bits = 4096 bits) in static memory, for exact
// double <-> decimal conversion. A number is [length u32][limbs u32, least significant first].

export const LIMBS: i32 = 128;
const SIZE: usize = 4 + (<usize>LIMBS << 2);
const AREA = memory.data(<i32>(SIZE * 8), 16);

/** The k-th bignum register (0..7). */
// @ts-ignore: decorator
@inline export function big(k: i32): usize { return AREA + <usize>k * SIZE; }

// @ts-ignore: decorator
@inline function len(a: usize): i32 { return load<i32>(a); }
// @ts-ignore: decorator
@inline function limb(a: usize, i: i32): u32 { return load<u32>(a + 4 + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function setLimb(a: usize, i: i32, v: u32): void { store<u32>(a + 4 + (<usize>i << 2), v); }

function trim(a: usize): void {
  let n = len(a);
  while (n > 0 && limb(a, n - 1) == 0) n--;
  store<i32>(a, n);
}

export function bnSet(a: usize, v: u64): void {
  setLimb(a, 0, <u32>v);
  setLimb(a, 1, <u32>(v >> 32));
  store<i32>(a, 2);
  trim(a);
}

export function bnCopy(dst: usize, src: usize): void {
  memory.copy(dst, src, 4 + (<usize>len(src) << 2));
}

/** a *= m. */
export function bnMulSmall(a: usize, m: u32): void {
  let carry: u64 = 0;
  const n = len(a);
  for (let i = 0; i < n; i++) {
    const t = <u64>limb(a, i) * <u64>m + carry;
    setLimb(a, i, <u32>t);
    carry = t >> 32;
  }
  if (carry != 0) {
    setLimb(a, n, <u32>carry);
    store<i32>(a, n + 1);
  }
}

/** a *= 10^k. */
export function bnMulPow10(a: usize, k: i32): void {
  let r = k;
  while (r >= 9) {
    bnMulSmall(a, 1000000000);
    r -= 9;
  }
  let m: u32 = 1;
  for (let i = 0; i < r; i++) m *= 10;
  if (m != 1) bnMulSmall(a, m);
}

/** a <<= bits. */
export function bnShl(a: usize, bits: i32): void {
  if (len(a) == 0 || bits == 0) return;
  const words = bits >> 5;
  const sh = <u32>(bits & 31);
  const n = len(a);
  setLimb(a, n + words, 0);
  for (let i = n - 1; i >= 0; i--) {
    const v = limb(a, i);
    if (sh != 0) setLimb(a, i + words + 1, limb(a, i + words + 1) | (v >> (32 - sh)));
    setLimb(a, i + words, v << sh);
  }
  for (let i = 0; i < words; i++) setLimb(a, i, 0);
  store<i32>(a, n + words + 1);
  trim(a);
}

/** Three-way comparison. */
export function bnCmp(a: usize, b: usize): i32 {
  const la = len(a);
  const lb = len(b);
  if (la != lb) return la < lb ? -1 : 1;
  for (let i = la - 1; i >= 0; i--) {
    const x = limb(a, i);
    const y = limb(b, i);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

/** dst = a + b (dst may be a or b). */
export function bnAdd(dst: usize, a: usize, b: usize): void {
  const n = len(a) > len(b) ? len(a) : len(b);
  let carry: u64 = 0;
  for (let i = 0; i < n; i++) {
    const x: u64 = i < len(a) ? limb(a, i) : 0;
    const y: u64 = i < len(b) ? limb(b, i) : 0;
    const t = x + y + carry;
    setLimb(dst, i, <u32>t);
    carry = t >> 32;
  }
  store<i32>(dst, n);
  if (carry != 0) {
    setLimb(dst, n, <u32>carry);
    store<i32>(dst, n + 1);
  }
}

/** a -= b (requires a >= b). */
export function bnSub(a: usize, b: usize): void {
  let borrow: i64 = 0;
  const n = len(a);
  for (let i = 0; i < n; i++) {
    const y: i64 = i < len(b) ? <i64>limb(b, i) : 0;
    let t = <i64>limb(a, i) - y - borrow;
    borrow = t < 0 ? 1 : 0;
    if (t < 0) t += 0x100000000;
    setLimb(a, i, <u32>t);
  }
  trim(a);
}

/** Three-way comparison of a + b with c (uses register 7 as scratch). */
export function bnCmpSum(a: usize, b: usize, c: usize): i32 {
  const t = big(7);
  bnAdd(t, a, b);
  return bnCmp(t, c);
}

/** q = floor(r / s) for r < 10 s, leaving r mod s in r. */
export function bnDivDigit(r: usize, s: usize): i32 {
  let q = 0;
  while (bnCmp(r, s) >= 0) {
    bnSub(r, s);
    q++;
  }
  return q;
}
