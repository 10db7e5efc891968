// IN with a literal list: the list is sorted at compile time (strings by UTF-8 bytes, doubles
// with -0 as 0 and NaN flagged apart); short lists are scanned, longer ones binary-searched.
// SQL semantics: no match and a NULL in the list gives NULL.
import { compareBytes, equalBytes } from './compare';
import { IN_HAS_NAN, IN_HAS_NULL, VK_F64, VK_I32, VK_I64 } from './opcodes';
import { pool, regNulls, regOwnNulls, regOwnValues, regValues, setReg, vecLen } from './state';

const LINEAR_MAX: i32 = 8;

// @ts-ignore: decorator
@inline function findFixed<T>(list: usize, count: i32, x: T): bool {
  if (count <= LINEAR_MAX) {
    let hit = false;
    for (let k = 0; k < count; k++) hit |= load<T>(list + (<usize>k << alignof<T>())) == x;
    return hit;
  }
  let lo = 0;
  let hi = count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = load<T>(list + (<usize>mid << alignof<T>()));
    if (v == x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** String list layout: u32 offsets (count + 1, relative to the bytes), then the bytes. */
function findStr(list: usize, count: i32, p: usize, l: usize): bool {
  const bytes = list + (<usize>(count + 1) << 2);
  if (count <= LINEAR_MAX) {
    for (let k = 0; k < count; k++) {
      const o0 = <usize>load<u32>(list + (<usize>k << 2));
      if (equalBytes(bytes + o0, <usize>load<u32>(list + (<usize>k << 2), 4) - o0, p, l)) return true;
    }
    return false;
  }
  let lo = 0;
  let hi = count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const o0 = <usize>load<u32>(list + (<usize>mid << 2));
    const o1 = <usize>load<u32>(list + (<usize>mid << 2), 4);
    const c = compareBytes(bytes + o0, o1 - o0, p, l);
    if (c == 0) return true;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** IN dst <- a IN (list at pool b, c entries), flags d, kind e. */
export function op_in(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const list = pool(load<i32>(ins, 16));
  const count = load<i32>(ins, 20);
  const flags = load<i32>(ins, 24);
  const kind = load<i32>(ins, 28);
  const n = vecLen();
  const va = regValues(a);
  const out = regOwnValues(dst);
  if (kind == VK_I32) {
    for (let i = 0; i < n; i++) store<u8>(out + <usize>i, <u8>findFixed<i32>(list, count, load<i32>(va + (<usize>i << 2))));
  } else if (kind == VK_I64) {
    for (let i = 0; i < n; i++) store<u8>(out + <usize>i, <u8>findFixed<i64>(list, count, load<i64>(va + (<usize>i << 3))));
  } else if (kind == VK_F64) {
    const hasNaN = (flags & IN_HAS_NAN) != 0;
    for (let i = 0; i < n; i++) {
      const x = load<f64>(va + (<usize>i << 3)) + 0.0; // -0 becomes 0
      store<u8>(out + <usize>i, <u8>(x != x ? hasNaN : findFixed<f64>(list, count, x)));
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = va + (<usize>i << 3);
      store<u8>(out + <usize>i, <u8>findStr(list, count, <usize>load<u32>(v), <usize>load<u32>(v, 4)));
    }
  }
  const na = regNulls(a);
  if ((flags & IN_HAS_NULL) == 0) {
    setReg(dst, out, na);
    return;
  }
  const nulls = regOwnNulls(dst);
  for (let i = 0; i < n; i++) {
    const xn = na != 0 ? load<u8>(na + <usize>i) : <u8>0;
    store<u8>(nulls + <usize>i, xn | (load<u8>(out + <usize>i) ^ 1));
  }
  setReg(dst, out, nulls);
}
