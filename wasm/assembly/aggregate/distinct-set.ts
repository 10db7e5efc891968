// COUNT(DISTINCT x): each group's state is a small open-addressing set of the values it has seen
// (16 state bytes: set block u32, count u32, mask u32). Values are normalised like keys (BOOL/I32
// sign-extended, F64 with one zero and one NaN) so equal SQL values meet; strings are copied into
// the table's heap on first sight. Slots: 16 bytes [value u64 | (len u32, ptr u32)][hash u32]
// [used u32], or 32 bytes for I128 values [lo u64][hi u64][hash u32][used u32][pad].
import { hash_bytes, hash_combine, hash_u64 } from '../hash';
import { KIND_DICT, KIND_I128, KIND_UTF8, col_values } from '../layout';
import { mem_alloc_zeroed, mem_free } from '../memory';
import { read_fixed, read_string } from './key-encoder';
import { bytes_equal, heap_copy } from './string-heap';

const FIRST_CAP: u32 = 4;

/** Adds the values of column `desc` at rows[0..n) to the distinct sets of their groups. */
export function distinct_update(t: usize, desc: usize, kind: u32, rows: usize, ptrs: usize, n: usize, off: usize, scratch: usize): void {
  const values = col_values(desc);
  const isString = kind == KIND_UTF8 || kind == KIND_DICT;
  for (let k: usize = 0; k < n; k++) {
    const state = <usize>load<u32>(ptrs + (k << 2)) + off;
    const row = <usize>load<u32>(rows + (k << 2));
    if (isString) {
      const ptr = read_string(desc, row, scratch);
      const len = <usize>load<u32>(scratch);
      distinct_add(t, state, 1, <u64>len | (<u64>ptr << 32), 0, <u32>hash_bytes(ptr, len));
    } else if (kind == KIND_I128) {
      const lo = load<u64>(values + (row << 4));
      const hi = load<u64>(values + (row << 4), 8);
      distinct_add(t, state, 2, lo, hi, <u32>hash_combine(hash_u64(lo), hash_u64(hi)));
    } else {
      const v = read_fixed(kind, values, row);
      distinct_add(t, state, 0, v, 0, <u32>hash_u64(v));
    }
  }
}

/** Inserts one value (class 0 fixed, 1 string (len | ptr << 32), 2 I128) into a set state. */
function distinct_add(t: usize, state: usize, cls: u32, a: u64, b: u64, hash: u32): void {
  const sw: usize = cls == 2 ? 32 : 16;
  const tagOff: usize = cls == 2 ? 16 : 8;
  let set = <usize>load<u32>(state);
  let mask = load<u32>(state, 8);
  const count = load<u32>(state, 4);
  if (set == 0) {
    set = mem_alloc_zeroed(<usize>FIRST_CAP * sw);
    mask = FIRST_CAP - 1;
    store<u32>(state, <u32>set);
    store<u32>(state, mask, 8);
  }
  let pos = hash & mask;
  while (true) {
    const slot = set + <usize>pos * sw;
    if (load<u32>(slot + tagOff, 4) == 0) break;
    if (load<u32>(slot + tagOff) == hash) {
      if (cls == 0) {
        if (load<u64>(slot) == a) return;
      } else if (cls == 2) {
        if (load<u64>(slot) == a && load<u64>(slot, 8) == b) return;
      } else if (bytes_equal(<usize>load<u32>(slot, 4), <usize>load<u32>(slot), <usize>(a >> 32), <usize>(<u32>a))) {
        return;
      }
    }
    pos = (pos + 1) & mask;
  }
  // A new value: make room first (at most 3/4 full), then take the first free slot.
  if ((count + 1) * 4 > (mask + 1) * 3) {
    set = grow(state, sw, tagOff);
    mask = load<u32>(state, 8);
    pos = hash & mask;
    while (load<u32>(set + <usize>pos * sw + tagOff, 4) != 0) pos = (pos + 1) & mask;
  }
  const slot = set + <usize>pos * sw;
  if (cls == 1) {
    const len = <usize><u32>a;
    store<u32>(slot, <u32>len);
    store<u32>(slot, <u32>heap_copy(t, <usize>(a >> 32), len), 4);
  } else {
    store<u64>(slot, a);
    if (cls == 2) store<u64>(slot, b, 8);
  }
  store<u32>(slot + tagOff, hash);
  store<u32>(slot + tagOff, 1, 4);
  store<u32>(state, count + 1, 4);
}

function grow(state: usize, sw: usize, tagOff: usize): usize {
  const old = <usize>load<u32>(state);
  const oldCap = load<u32>(state, 8) + 1;
  const cap = oldCap << 1;
  const mask = cap - 1;
  const set = mem_alloc_zeroed(<usize>cap * sw);
  for (let i: u32 = 0; i < oldCap; i++) {
    const src = old + <usize>i * sw;
    if (load<u32>(src + tagOff, 4) == 0) continue;
    let pos = load<u32>(src + tagOff) & mask;
    while (load<u32>(set + <usize>pos * sw + tagOff, 4) != 0) pos = (pos + 1) & mask;
    memory.copy(set + <usize>pos * sw, src, sw);
  }
  mem_free(old, <usize>oldCap * sw);
  store<u32>(state, <u32>set);
  store<u32>(state, mask, 8);
  return set;
}

/** Frees a distinct set state's block. */
export function distinct_free(state: usize, kind: u32): void {
  const set = <usize>load<u32>(state);
  if (set == 0) return;
  const sw: usize = kind == KIND_I128 ? 32 : 16;
  mem_free(set, (<usize>load<u32>(state, 8) + 1) * sw);
}
