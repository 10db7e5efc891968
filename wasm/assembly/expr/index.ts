// Exports of the expr kernel family: the vectorized expression VM (see vm.ts and opcodes.ts).
import { errorInfo } from './errors';
import { H_INPUT_DESCS, H_OUTPUT_DESCS, H_SEL_OUT, createProgram, freeProgram, hdr } from './program';
import { evaluate, filter, runPrologue } from './vm';

/**
 * Loads an expression program: copies `numInstr` instructions (8 i32 words each; the first
 * `bodyStart` are the prologue, run once here) and `constLen` bytes of constants into a long-lived
 * block with `numRegs` registers, room for `numCols` input descriptors and `numOutputs` outputs
 * (`outSpec`: per output i32 [register, VM kind, direct]). Returns the program, for expr_free.
 */
export function expr_program_load(
  code: usize, numInstr: i32, bodyStart: i32, constants: usize, constLen: usize,
  numRegs: i32, numCols: i32, outSpec: usize, numOutputs: i32,
): usize {
  const prog = createProgram(code, numInstr, bodyStart, constants, constLen, numRegs, numCols, outSpec, numOutputs);
  runPrologue(prog);
  return prog;
}

/** Frees a program loaded by expr_program_load. */
export function expr_program_free(prog: usize): void {
  freeProgram(prog);
}

/** Where the caller writes the batch's column descriptors before expr_evaluate / expr_filter. */
export function expr_program_inputs(prog: usize): usize {
  return hdr(prog, H_INPUT_DESCS);
}

/** Where expr_evaluate leaves one output column descriptor per expression. */
export function expr_program_outputs(prog: usize): usize {
  return hdr(prog, H_OUTPUT_DESCS);
}

/** The selection vector left by the last expr_filter (arena). */
export function expr_program_selection(prog: usize): usize {
  return hdr(prog, H_SEL_OUT);
}

/**
 * Evaluates the program over a batch (`numRows` rows, or the `selLen` rows of selection `selPtr`
 * when it is not 0). Returns 0, or an error code with details in expr_error_info().
 */
export function expr_evaluate(prog: usize, numRows: i32, selPtr: usize, selLen: i32): i32 {
  return evaluate(prog, numRows, selPtr, selLen);
}

/** Filters a batch by output 0: returns the number of rows kept, or -(error code). */
export function expr_filter(prog: usize, numRows: i32, selPtr: usize, selLen: i32): i32 {
  return filter(prog, numRows, selPtr, selLen);
}

/** The error record of the last failed run (see errors.ts for the layout). */
export function expr_error_info(): usize {
  return errorInfo();
}
