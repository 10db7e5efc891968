// Writing registers out as Arrow-layout columns: values (fixed width, or UTF8 offsets + bytes),
// and a validity bitmap only when some row of the batch is NULL. Outputs are allocated in the
// arena at the start of a batch; vectors are appended as they finish.
import { arena_alloc, mem_realloc } from '../memory';
import { KIND_UTF8, col_write } from '../layout';
import { VK_BOOL, VK_I128, VK_I32, VK_STR } from './opcodes';
import {
  H_NUM_OUTPUTS, H_OUTPUT_DESCS, O_DIRECT, O_KIND, O_REG, O_SAW_NULL, O_STR_BUF, O_STR_CAP, O_STR_LEN,
  O_VALIDITY, O_VALUES, hdr, outputState,
} from './program';
import { regNulls, regScratch, regValues, setRegOwnValues } from './state';

// @ts-ignore: decorator
@inline function widthShift(kind: i32): usize {
  return kind == VK_BOOL ? 0 : kind == VK_I32 ? 2 : kind == VK_I128 ? 4 : 3;
}

/** Allocates every output of a batch of `n` rows. */
export function beginOutputs(prog: usize, n: i32): void {
  const count = <i32>hdr(prog, H_NUM_OUTPUTS);
  for (let o = 0; o < count; o++) {
    const s = outputState(prog, o);
    const kind = load<i32>(s + O_KIND);
    let values: usize;
    if (kind == VK_STR) {
      values = arena_alloc((<usize>n + 1) << 2);
      store<i32>(values, 0);
      store<u32>(s + O_STR_LEN, 0);
    } else {
      values = arena_alloc(<usize>n << widthShift(kind));
    }
    store<u32>(s + O_VALUES, <u32>values);
    store<u32>(s + O_VALIDITY, <u32>arena_alloc((<usize>n + 7) >> 3));
    store<u32>(s + O_SAW_NULL, 0);
  }
}

/** Points registers that write straight into their output column at the slice of this vector. */
export function directOutputs(prog: usize, start: i32): void {
  const count = <i32>hdr(prog, H_NUM_OUTPUTS);
  for (let o = 0; o < count; o++) {
    const s = outputState(prog, o);
    if (load<i32>(s + O_DIRECT) == 0) continue;
    const kind = load<i32>(s + O_KIND);
    setRegOwnValues(load<i32>(s + O_REG), <usize>load<u32>(s + O_VALUES) + (<usize>start << widthShift(kind)));
  }
}

/** Points direct-output registers back at their scratch buffers. */
export function restoreOutputs(prog: usize): void {
  const count = <i32>hdr(prog, H_NUM_OUTPUTS);
  for (let o = 0; o < count; o++) {
    const s = outputState(prog, o);
    if (load<i32>(s + O_DIRECT) == 0) continue;
    const r = load<i32>(s + O_REG);
    setRegOwnValues(r, regScratch(r));
  }
}

/** Packs 8 null bytes (0/1) into a validity byte (bit k = row k valid). */
// @ts-ignore: decorator
@inline function packValid(nullBytes: u64): u32 {
  return <u32>(~((nullBytes * 0x0102040810204080) >> 56)) & 0xFF;
}

function writeValidity(s: usize, nulls: usize, start: i32, len: i32): void {
  const validity = <usize>load<u32>(s + O_VALIDITY);
  const first = <usize>start >> 3; // start is a multiple of the vector size, so byte-aligned
  const bytes = (<usize>len + 7) >> 3;
  if (nulls == 0) {
    if (load<u32>(s + O_SAW_NULL) != 0) memory.fill(validity + first, 0xFF, bytes);
    return;
  }
  if (load<u32>(s + O_SAW_NULL) == 0) {
    memory.fill(validity, 0xFF, first);
    store<u32>(s + O_SAW_NULL, 1);
  }
  // Null buffers are register-owned with slack, so reading whole words past `len` is safe.
  for (let k: usize = 0; k < bytes; k++) store<u8>(validity + first + k, <u8>packValid(load<u64>(nulls + (k << 3))));
}

function appendStrings(s: usize, views: usize, nulls: usize, start: i32, len: i32): void {
  let total: usize = 0;
  for (let i = 0; i < len; i++) {
    if (nulls == 0 || load<u8>(nulls + <usize>i) == 0) total += <usize>load<u32>(views + (<usize>i << 3), 4);
  }
  let buf = <usize>load<u32>(s + O_STR_BUF);
  const cap = <usize>load<u32>(s + O_STR_CAP);
  let used = <usize>load<u32>(s + O_STR_LEN);
  if (used + total > cap || buf == 0) {
    let next = cap < 4096 ? <usize>4096 : cap;
    while (next < used + total) next <<= 1;
    buf = mem_realloc(buf, cap, next);
    store<u32>(s + O_STR_BUF, <u32>buf);
    store<u32>(s + O_STR_CAP, <u32>next);
  }
  const offsets = <usize>load<u32>(s + O_VALUES) + (<usize>start << 2);
  for (let i = 0; i < len; i++) {
    if (nulls == 0 || load<u8>(nulls + <usize>i) == 0) {
      const p = <usize>load<u32>(views + (<usize>i << 3));
      const l = <usize>load<u32>(views + (<usize>i << 3), 4);
      memory.copy(buf + used, p, l);
      used += l;
    }
    store<i32>(offsets + (<usize>(i + 1) << 2), <i32>used);
  }
  store<u32>(s + O_STR_LEN, <u32>used);
}

/** Appends the current vector (rows [start, start + len) of the batch's outputs). */
export function writeOutputs(prog: usize, start: i32, len: i32): void {
  const count = <i32>hdr(prog, H_NUM_OUTPUTS);
  for (let o = 0; o < count; o++) {
    const s = outputState(prog, o);
    const r = load<i32>(s + O_REG);
    const kind = load<i32>(s + O_KIND);
    const values = regValues(r);
    const nulls = regNulls(r);
    if (kind == VK_STR) {
      appendStrings(s, values, nulls, start, len);
    } else {
      const shift = widthShift(kind);
      const dst = <usize>load<u32>(s + O_VALUES) + (<usize>start << shift);
      if (values != dst) memory.copy(dst, values, <usize>len << shift);
    }
    writeValidity(s, nulls, start, len);
  }
}

/** Writes the output descriptors of a batch of `n` rows (UTF8 bytes are copied into the arena). */
export function finishOutputs(prog: usize, n: i32): void {
  const count = <i32>hdr(prog, H_NUM_OUTPUTS);
  const descs = hdr(prog, H_OUTPUT_DESCS);
  for (let o = 0; o < count; o++) {
    const s = outputState(prog, o);
    const kind = load<i32>(s + O_KIND);
    const validity = load<u32>(s + O_SAW_NULL) != 0 ? <usize>load<u32>(s + O_VALIDITY) : 0;
    const values = <usize>load<u32>(s + O_VALUES);
    let data: usize = 0;
    if (kind == VK_STR) {
      const used = <usize>load<u32>(s + O_STR_LEN);
      data = arena_alloc(used);
      memory.copy(data, <usize>load<u32>(s + O_STR_BUF), used);
    }
    col_write(descs + (<usize>o << 5), kind == VK_STR ? KIND_UTF8 : <u32>kind, validity, 0, values, data, <u32>n);
  }
}
