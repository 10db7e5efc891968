// The first error raised while a program runs: kernels never trap on data, they record the error
// here and stop; the bindings read it back (expr_error_info) and throw an Error that names the
// expression (the instruction's context string) and the offending value.
import { physRow } from './state';

export const ERR_NONE: i32 = 0;
/** Integer or decimal result out of range of its type (operands in A and B). */
export const ERR_OVERFLOW: i32 = 1;
/** Integer or decimal division or modulo by zero (dividend in A). */
export const ERR_DIVIDE_BY_ZERO: i32 = 2;
/** CAST of a value that does not parse or does not fit the target type (value in A/F/string). */
export const ERR_CAST: i32 = 3;
/** A column of the batch has another physical kind than the program expects (A: column, B: kind). */
export const ERR_COLUMN_KIND: i32 = 4;
/** An argument out of the function's domain (e.g. a LIKE pattern ending in the escape character). */
export const ERR_INVALID_ARGUMENT: i32 = 5;

// Which operand slots of the error hold a value.
export const EV_NONE: i32 = 0;
export const EV_I64: i32 = 1;   // A
export const EV_I64_PAIR: i32 = 2; // A and B
export const EV_F64: i32 = 3;   // F
export const EV_STR: i32 = 4;   // string at S (pointer, length)
export const EV_I128: i32 = 5;  // one 128-bit value: low word in A, high word in B
export const EV_I128_PAIR: i32 = 6; // two 128-bit values: A/B, then C/D

const ERR = memory.data(64, 16);
const E_CODE: usize = 0;
const E_ROW: usize = 4;
const E_INSTR: usize = 8;
const E_VALUE_KIND: usize = 12;
const E_A: usize = 16;
const E_B: usize = 24;
const E_F: usize = 32;
const E_STR_PTR: usize = 40;
const E_STR_LEN: usize = 44;
const E_C: usize = 48;
const E_D: usize = 56;

let currentInstr: i32 = 0;

/** Records the index of the instruction about to run, for error reports. */
// @ts-ignore: decorator
@inline export function setInstr(i: i32): void { currentInstr = i; }

/** The error code recorded since the last clear (ERR_NONE when the run succeeded). */
export function errorCode(): i32 { return load<i32>(ERR, E_CODE); }

export function clearError(): void {
  memory.fill(ERR, 0, 64);
}

/** Pointer to the error record (read by the bindings). */
export function errorInfo(): usize { return ERR; }

function record(code: i32, i: i32, valueKind: i32): void {
  store<i32>(ERR, code, E_CODE);
  store<i32>(ERR, physRow(i), E_ROW);
  store<i32>(ERR, currentInstr, E_INSTR);
  store<i32>(ERR, valueKind, E_VALUE_KIND);
}

/** Raises `code` at logical row `i` of the current vector with two integer operands. */
export function raiseI64(code: i32, i: i32, a: i64, b: i64, pair: bool): void {
  record(code, i, pair ? EV_I64_PAIR : EV_I64);
  store<i64>(ERR, a, E_A);
  store<i64>(ERR, b, E_B);
}

/** Raises `code` at logical row `i` with a 128-bit operand (DECIMAL(p > 18) unscaled). */
export function raiseI128(code: i32, i: i32, lo: u64, hi: u64): void {
  record(code, i, EV_I128);
  store<u64>(ERR, lo, E_A);
  store<u64>(ERR, hi, E_B);
}

/** Raises `code` at logical row `i` with two 128-bit operands. */
export function raiseI128Pair(code: i32, i: i32, aLo: u64, aHi: u64, bLo: u64, bHi: u64): void {
  record(code, i, EV_I128_PAIR);
  store<u64>(ERR, aLo, E_A);
  store<u64>(ERR, aHi, E_B);
  store<u64>(ERR, bLo, E_C);
  store<u64>(ERR, bHi, E_D);
}

/** Raises `code` at logical row `i` with a floating-point operand. */
export function raiseF64(code: i32, i: i32, f: f64): void {
  record(code, i, EV_F64);
  store<f64>(ERR, f, E_F);
}

/** Raises `code` at logical row `i` with a string operand (its bytes must outlive the call). */
export function raiseStr(code: i32, i: i32, ptr: usize, len: usize): void {
  record(code, i, EV_STR);
  store<u32>(ERR, <u32>ptr, E_STR_PTR);
  store<u32>(ERR, <u32>len, E_STR_LEN);
}

/** Raises `code` with no operand value. */
export function raise(code: i32, i: i32): void {
  record(code, i, EV_NONE);
}
