// Run-time state of the expression VM: the register table of the running program and the vector
// being processed. One program runs at a time (an instance is single-threaded), so the state lives
// in module globals, set by the entry points before the body runs.
//
// A register holds one vector (up to VECTOR rows) of one VM kind:
//   values  pointer to the values of row 0 of the vector: the register's own buffer, or zero-copy
//           into an input column (LOAD of a fixed-width column without selection);
//           STR registers hold 8-byte views (u32 pointer, u32 byte length) per row
//   nulls   pointer to one byte per row (1 = NULL), or 0 when no row of the vector is NULL;
//           always a register-owned buffer (possibly another register's: strict operations
//           share their argument's null bytes instead of copying them)

/** Rows per vector: intermediates of a 1K-row vector stay in L1/L2 while a batch can be 64K rows. */
export const VECTOR: i32 = 1024;
/** Bytes of a register's value buffer (16 bytes per row for I128, plus slack for word-wise loops). */
export const REG_VALUES_BYTES: usize = (<usize>VECTOR << 4) + 64;
/** Bytes of a register's null buffer (one byte per row plus slack for word-wise loops). */
export const REG_NULLS_BYTES: usize = <usize>VECTOR + 64;

export const REG_SIZE: usize = 32;
const R_VALUES: usize = 0;
const R_NULLS: usize = 4;
const R_OWN_VALUES: usize = 8;
const R_OWN_NULLS: usize = 12;
const R_SCRATCH: usize = 16;

let regTable: usize = 0;
let constPool: usize = 0;
let descs: usize = 0;
let vStart: i32 = 0;
let vLen: i32 = 0;
let vSel: usize = 0;

/** Points the VM at a program's register table, constant pool and input descriptors. */
export function bindProgram(regs: usize, pool: usize, inputDescs: usize): void {
  regTable = regs;
  constPool = pool;
  descs = inputDescs;
}

/** Sets the current vector: logical rows [start, start + len), `sel` its physical rows or 0 (dense). */
export function setVector(start: i32, len: i32, sel: usize): void {
  vStart = start;
  vLen = len;
  vSel = sel;
}

// @ts-ignore: decorator
@inline export function vecLen(): i32 { return vLen; }
// @ts-ignore: decorator
@inline export function vecStart(): i32 { return vStart; }
// @ts-ignore: decorator
@inline export function vecSel(): usize { return vSel; }
// @ts-ignore: decorator
@inline export function inputDesc(col: i32): usize { return descs + (<usize>col << 5); }
// @ts-ignore: decorator
@inline export function pool(offset: i32): usize { return constPool + <usize>offset; }

/** The batch row of logical row `i` of the current vector (for error reports). */
export function physRow(i: i32): i32 {
  return vSel != 0 ? load<i32>(vSel + (<usize>i << 2)) : vStart + i;
}

// @ts-ignore: decorator
@inline export function regEntry(r: i32): usize { return regTable + (<usize>r << 5); }
// @ts-ignore: decorator
@inline export function regValues(r: i32): usize { return <usize>load<u32>(regEntry(r), R_VALUES); }
// @ts-ignore: decorator
@inline export function regNulls(r: i32): usize { return <usize>load<u32>(regEntry(r), R_NULLS); }
// @ts-ignore: decorator
@inline export function regOwnValues(r: i32): usize { return <usize>load<u32>(regEntry(r), R_OWN_VALUES); }
// @ts-ignore: decorator
@inline export function regOwnNulls(r: i32): usize { return <usize>load<u32>(regEntry(r), R_OWN_NULLS); }
// @ts-ignore: decorator
@inline export function regScratch(r: i32): usize { return <usize>load<u32>(regEntry(r), R_SCRATCH); }

/** Publishes a register's result for the current vector. */
// @ts-ignore: decorator
@inline export function setReg(r: i32, values: usize, nulls: usize): void {
  const e = regEntry(r);
  store<u32>(e, <u32>values, R_VALUES);
  store<u32>(e, <u32>nulls, R_NULLS);
}

/** Redirects where a register writes its values (an output column slice, or back to its scratch). */
export function setRegOwnValues(r: i32, values: usize): void {
  store<u32>(regEntry(r), <u32>values, R_OWN_VALUES);
}

/** Initialises a register entry with its own buffers. */
export function initReg(r: i32, values: usize, nulls: usize): void {
  const e = regEntry(r);
  store<u32>(e, <u32>values, R_VALUES);
  store<u32>(e, 0, R_NULLS);
  store<u32>(e, <u32>values, R_OWN_VALUES);
  store<u32>(e, <u32>nulls, R_OWN_NULLS);
  store<u32>(e, <u32>values, R_SCRATCH);
}

/** Whether errors count at row `i`: no guard, or the guard register is set there. */
// @ts-ignore: decorator
@inline export function guardActive(guard: i32, i: i32): bool {
  return guard < 0 || load<u8>(regValues(guard) + <usize>i) != 0;
}

/** Whether row `i` is NULL in a null-byte vector (0 = none). */
// @ts-ignore: decorator
@inline export function isNullAt(nulls: usize, i: i32): bool {
  return nulls != 0 && load<u8>(nulls + <usize>i) != 0;
}

/**
 * The null bytes of a strict binary operation: shares an argument's buffer when only one side has
 * nulls, else ORs both into the destination's own buffer.
 */
export function nullsOr(dst: i32, na: usize, nb: usize): usize {
  if (na == 0 || na == nb) return nb;
  if (nb == 0) return na;
  const out = regOwnNulls(dst);
  const n = <usize>vLen;
  for (let i: usize = 0; i < n; i += 8) store<u64>(out + i, load<u64>(na + i) | load<u64>(nb + i));
  return out;
}

/** The null bytes of a ternary strict operation. */
export function nullsOr3(dst: i32, na: usize, nb: usize, nc: usize): usize {
  if (nc == 0) return nullsOr(dst, na, nb);
  const ab = nullsOr(dst, na, nb);
  if (ab == 0 || ab == nc) return nc;
  const out = regOwnNulls(dst);
  const n = <usize>vLen;
  for (let i: usize = 0; i < n; i += 8) store<u64>(out + i, load<u64>(ab + i) | load<u64>(nc + i));
  return out;
}
