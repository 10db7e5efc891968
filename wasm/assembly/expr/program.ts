// The long-lived block of a loaded expression program: header, code, constant pool, register
// table and buffers, descriptor areas and per-output state, in one mem_alloc'd block.
import { mem_alloc, mem_free } from '../memory';
import { INSTR_BYTES } from './opcodes';
import { REG_NULLS_BYTES, REG_SIZE, REG_VALUES_BYTES, initReg, bindProgram } from './state';

export const H_NUM_INSTR: usize = 0;
export const H_BODY_START: usize = 4;
export const H_NUM_REGS: usize = 8;
export const H_NUM_COLS: usize = 12;
export const H_NUM_OUTPUTS: usize = 16;
export const H_CODE: usize = 20;
export const H_CONST: usize = 24;
export const H_REGS: usize = 28;
export const H_INPUT_DESCS: usize = 32;
export const H_OUTPUT_DESCS: usize = 36;
export const H_OUTPUTS: usize = 40;
export const H_BLOCK_SIZE: usize = 44;
export const H_SEL_OUT: usize = 48;
const HEADER: usize = 64;

// Per-output state (OUT_SIZE bytes each).
export const OUT_SIZE: usize = 48;
export const O_REG: usize = 0;
export const O_KIND: usize = 4;
export const O_DIRECT: usize = 8;    // 1: the register writes straight into the output column
export const O_STR_BUF: usize = 12;  // UTF8: bytes of this batch (long-lived mem block)
export const O_STR_CAP: usize = 16;
export const O_STR_LEN: usize = 20;
export const O_VALUES: usize = 24;   // this batch's output values (UTF8: offsets), arena
export const O_VALIDITY: usize = 28; // this batch's validity bitmap, arena
export const O_SAW_NULL: usize = 32; // whether the validity bitmap is in use this batch

// @ts-ignore: decorator
@inline function align64(x: usize): usize { return (x + 63) & ~(<usize>63); }

// @ts-ignore: decorator
@inline export function hdr(prog: usize, field: usize): usize { return <usize>load<u32>(prog + field); }

/** The state of output `o`. */
// @ts-ignore: decorator
@inline export function outputState(prog: usize, o: i32): usize { return hdr(prog, H_OUTPUTS) + <usize>o * OUT_SIZE; }

/** Binds the VM state to a program. */
export function bind(prog: usize): void {
  bindProgram(hdr(prog, H_REGS), hdr(prog, H_CONST), hdr(prog, H_INPUT_DESCS));
}

/**
 * Allocates and fills a program block. `outSpec` holds per output [register, VM kind, direct].
 * Returns the block; the caller runs the prologue.
 */
export function createProgram(
  code: usize, numInstr: i32, bodyStart: i32, constants: usize, constLen: usize,
  numRegs: i32, numCols: i32, outSpec: usize, numOutputs: i32,
): usize {
  const codeBytes = align64(<usize>numInstr * INSTR_BYTES);
  const constBytes = align64(constLen);
  const regTableBytes = align64(<usize>numRegs * REG_SIZE);
  const regBufBytes = <usize>numRegs * (REG_VALUES_BYTES + REG_NULLS_BYTES);
  const nc: i32 = numCols > 0 ? numCols : 1;
  const no: i32 = numOutputs > 0 ? numOutputs : 1;
  const inBytes = align64(<usize>nc << 5);
  const outDescBytes = align64(<usize>no << 5);
  const outStateBytes = align64(<usize>numOutputs * OUT_SIZE);
  const size = HEADER + codeBytes + constBytes + regTableBytes + regBufBytes + inBytes + outDescBytes + outStateBytes;
  const prog = mem_alloc(size);
  memory.fill(prog, 0, HEADER);
  let p = prog + HEADER;
  store<u32>(prog + H_NUM_INSTR, <u32>numInstr);
  store<u32>(prog + H_BODY_START, <u32>bodyStart);
  store<u32>(prog + H_NUM_REGS, <u32>numRegs);
  store<u32>(prog + H_NUM_COLS, <u32>numCols);
  store<u32>(prog + H_NUM_OUTPUTS, <u32>numOutputs);
  store<u32>(prog + H_BLOCK_SIZE, <u32>size);
  store<u32>(prog + H_CODE, <u32>p);
  memory.copy(p, code, <usize>numInstr * INSTR_BYTES);
  p += codeBytes;
  store<u32>(prog + H_CONST, <u32>p);
  memory.copy(p, constants, constLen);
  p += constBytes;
  store<u32>(prog + H_REGS, <u32>p);
  const regs = p;
  p += regTableBytes;
  bindProgram(regs, 0, 0);
  for (let r = 0; r < numRegs; r++) {
    const values = p;
    const nulls = p + REG_VALUES_BYTES;
    memory.fill(values, 0, REG_VALUES_BYTES + REG_NULLS_BYTES);
    initReg(r, values, nulls);
    p += REG_VALUES_BYTES + REG_NULLS_BYTES;
  }
  store<u32>(prog + H_INPUT_DESCS, <u32>p);
  memory.fill(p, 0, inBytes);
  p += inBytes;
  store<u32>(prog + H_OUTPUT_DESCS, <u32>p);
  memory.fill(p, 0, outDescBytes);
  p += outDescBytes;
  store<u32>(prog + H_OUTPUTS, <u32>p);
  memory.fill(p, 0, outStateBytes);
  for (let o = 0; o < numOutputs; o++) {
    const s = p + <usize>o * OUT_SIZE;
    store<i32>(s + O_REG, load<i32>(outSpec + (<usize>o * 12)));
    store<i32>(s + O_KIND, load<i32>(outSpec + (<usize>o * 12), 4));
    store<i32>(s + O_DIRECT, load<i32>(outSpec + (<usize>o * 12), 8));
  }
  return prog;
}

/** Frees a program block and the string buffers of its outputs. */
export function freeProgram(prog: usize): void {
  const numOutputs = <i32>hdr(prog, H_NUM_OUTPUTS);
  for (let o = 0; o < numOutputs; o++) {
    const s = outputState(prog, o);
    const buf = <usize>load<u32>(s + O_STR_BUF);
    if (buf != 0) mem_free(buf, <usize>load<u32>(s + O_STR_CAP));
  }
  mem_free(prog, hdr(prog, H_BLOCK_SIZE));
}
