// MIN and MAX accumulators over (row, state-row) pairs of active rows (arg not NULL, FILTER true).
// Each state is 8 bytes (I128: 16, [lo u64][hi i64]) at `off` plus a flag byte at `flag` (1 once a value was seen); the
// initial row holds a sentinel (min: the largest value, max: the smallest), so the loops are
// branch-free selects. Doubles order NaN above every number (Flink, DuckDB, PostgreSQL): MIN
// starts at NaN and takes any value, MAX keeps a NaN once it has one. UTF8 compares bytewise;
// the kept string lives in a block of its own (freed when replaced or with the table).
import { KIND_BOOL, KIND_F64, KIND_I128, KIND_I32, KIND_I64, col_values } from '../layout';
import { mem_alloc, mem_block_size, mem_free } from '../memory';
import { read_string } from './key-encoder';
import { bytes_compare } from './string-heap';

/** Folds column `desc` (kind `kind`) into MIN (isMax false) or MAX states. */
export function min_max_update(desc: usize, kind: u32, isMax: bool, rows: usize, ptrs: usize, n: usize, off: usize, flag: usize, scratch: usize): void {
  const values = col_values(desc);
  if (kind == KIND_I64) {
    for (let k: usize = 0; k < n; k++) {
      const base = <usize>load<u32>(ptrs + (k << 2));
      const v = load<i64>(values + (<usize>load<u32>(rows + (k << 2)) << 3));
      const cur = load<i64>(base + off);
      store<i64>(base + off, isMax ? (v > cur ? v : cur) : (v < cur ? v : cur));
      store<u8>(base + flag, 1);
    }
  } else if (kind == KIND_I32) {
    for (let k: usize = 0; k < n; k++) {
      const base = <usize>load<u32>(ptrs + (k << 2));
      const v = load<i32>(values + (<usize>load<u32>(rows + (k << 2)) << 2));
      const cur = load<i32>(base + off);
      store<i32>(base + off, isMax ? (v > cur ? v : cur) : (v < cur ? v : cur));
      store<u8>(base + flag, 1);
    }
  } else if (kind == KIND_F64) {
    if (isMax) {
      for (let k: usize = 0; k < n; k++) {
        const base = <usize>load<u32>(ptrs + (k << 2));
        const v = load<f64>(values + (<usize>load<u32>(rows + (k << 2)) << 3));
        const cur = load<f64>(base + off);
        store<f64>(base + off, v > cur || v != v ? v : cur);
        store<u8>(base + flag, 1);
      }
    } else {
      for (let k: usize = 0; k < n; k++) {
        const base = <usize>load<u32>(ptrs + (k << 2));
        const v = load<f64>(values + (<usize>load<u32>(rows + (k << 2)) << 3));
        const cur = load<f64>(base + off);
        store<f64>(base + off, v < cur || cur != cur ? v : cur);
        store<u8>(base + flag, 1);
      }
    }
  } else if (kind == KIND_I128) {
    min_max_wide(values, isMax, rows, ptrs, n, off, flag);
  } else if (kind == KIND_BOOL) {
    for (let k: usize = 0; k < n; k++) {
      const base = <usize>load<u32>(ptrs + (k << 2));
      const v: u8 = load<u8>(values + <usize>load<u32>(rows + (k << 2))) != 0 ? 1 : 0;
      const cur = load<u8>(base + off);
      store<u8>(base + off, isMax ? (v | cur) : (v & cur));
      store<u8>(base + flag, 1);
    }
  } else {
    for (let k: usize = 0; k < n; k++) {
      const base = <usize>load<u32>(ptrs + (k << 2));
      const ptr = read_string(desc, <usize>load<u32>(rows + (k << 2)), scratch);
      const len = <usize>load<u32>(scratch);
      const curLen = <usize>load<u32>(base + off);
      const curPtr = <usize>load<u32>(base + off, 4);
      if (load<u8>(base + flag) != 0) {
        const c = bytes_compare(ptr, len, curPtr, curLen);
        if (isMax ? c <= 0 : c >= 0) continue;
      }
      store<u32>(base + off, <u32>len);
      store<u32>(base + off, <u32>keep_string(ptr, len, curPtr, curLen), 4);
      store<u8>(base + flag, 1);
    }
  }
}

/** I128 (DECIMAL(p > 18)) values compared as signed 128-bit integers. */
function min_max_wide(values: usize, isMax: bool, rows: usize, ptrs: usize, n: usize, off: usize, flag: usize): void {
  for (let k: usize = 0; k < n; k++) {
    const base = <usize>load<u32>(ptrs + (k << 2));
    const src = values + (<usize>load<u32>(rows + (k << 2)) << 4);
    const vlo = load<u64>(src);
    const vhi = load<i64>(src, 8);
    const clo = load<u64>(base + off);
    const chi = load<i64>(base + off, 8);
    const less = vhi < chi || (vhi == chi && vlo < clo);
    const greater = vhi > chi || (vhi == chi && vlo > clo);
    if (isMax ? greater : less) {
      store<u64>(base + off, vlo);
      store<i64>(base + off, vhi, 8);
    }
    store<u8>(base + flag, 1);
  }
}

/** Copies a string into a block of its own, reusing the current block when its size class fits. */
function keep_string(ptr: usize, len: usize, curPtr: usize, curLen: usize): usize {
  if (len == 0) {
    if (curPtr != 0) mem_free(curPtr, curLen);
    return 0;
  }
  let dst = curPtr;
  if (curPtr == 0 || mem_block_size(curLen) != mem_block_size(len)) {
    if (curPtr != 0) mem_free(curPtr, curLen);
    dst = mem_alloc(len);
  }
  memory.copy(dst, ptr, len);
  return dst;
}

/** Frees a UTF8 MIN/MAX state's block. */
// @ts-ignore: decorator
@inline export function min_max_free_string(base: usize, off: usize): void {
  const ptr = <usize>load<u32>(base + off, 4);
  if (ptr != 0) mem_free(ptr, <usize>load<u32>(base + off));
}

/** Writes the initial (sentinel) value of a MIN or MAX state of kind `kind`. */
export function min_max_init(row: usize, kind: u32, isMax: bool, off: usize): void {
  if (kind == KIND_I64) store<i64>(row + off, isMax ? i64.MIN_VALUE : i64.MAX_VALUE);
  else if (kind == KIND_I32) store<i32>(row + off, isMax ? i32.MIN_VALUE : i32.MAX_VALUE);
  else if (kind == KIND_F64) store<f64>(row + off, isMax ? -Infinity : NaN);
  else if (kind == KIND_BOOL) store<u8>(row + off, isMax ? 0 : 1);
  else if (kind == KIND_I128) {
    store<u64>(row + off, isMax ? 0 : u64.MAX_VALUE);
    store<i64>(row + off, isMax ? i64.MIN_VALUE : i64.MAX_VALUE, 8);
  }
  else store<u64>(row + off, 0);
}
