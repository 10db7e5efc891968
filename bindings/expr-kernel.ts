import { type BatchDesc, type ColumnDesc, readDescs, writeDescsAt } from './column.js';
import { readExpressionError } from './expr-error.js';
import { type ProgramSpec, VmKind } from './expr-program-spec.js';
import type { WasmInstance } from './wasm-instance.js';

export { ExpressionError } from './expr-error.js';
export type { ProgramSpec } from './expr-program-spec.js';

/**
 * A compiled expression program loaded into a WASM instance (wasm/assembly/expr): evaluates a
 * list of expressions, or one predicate, over a whole batch in one call. Loading copies the code
 * and constants into a long-lived block; call free() when the operator closes.
 *
 * Outputs and selections are allocated in the arena: valid until the caller resets the arena
 * below the mark it took before the call. On a data error the arena is put back where it was and
 * an ExpressionError is thrown.
 */
export class ExpressionProgram {
  private ptr: number;
  private readonly inputs: number;
  private readonly outputsPtr: number;

  private constructor(private readonly w: WasmInstance, readonly spec: ProgramSpec, ptr: number) {
    this.ptr = ptr;
    this.inputs = w.fn.expr_program_inputs!(ptr) >>> 0;
    this.outputsPtr = w.fn.expr_program_outputs!(ptr) >>> 0;
  }

  /** Loads `spec` (from compileProgram) into `w`. */
  static load(w: WasmInstance, spec: ProgramSpec): ExpressionProgram {
    if (spec.version !== 1) throw new Error(`unsupported expression program version ${spec.version}`);
    const mark = w.fn.arena_mark!() >>> 0;
    try {
      const numInstr = spec.code.length / 8;
      const code = w.fn.arena_alloc!(Math.max(4, spec.code.length * 4)) >>> 0;
      const constants = w.fn.arena_alloc!(Math.max(1, spec.constants.length)) >>> 0;
      const outSpec = w.fn.arena_alloc!(Math.max(12, spec.outputs.length * 12)) >>> 0;
      w.views.i32.set(spec.code, code >>> 2);
      w.views.u8.set(spec.constants, constants);
      const i32 = w.views.i32;
      spec.outputs.forEach((o, k) => {
        i32[(outSpec >>> 2) + k * 3] = o.register;
        i32[(outSpec >>> 2) + k * 3 + 1] = o.kind;
        i32[(outSpec >>> 2) + k * 3 + 2] = o.direct ? 1 : 0;
      });
      const ptr = w.fn.expr_program_load!(
        code, numInstr, spec.bodyStart, constants, spec.constants.length,
        spec.numRegisters, spec.numColumns, outSpec, spec.outputs.length,
      ) >>> 0;
      return new ExpressionProgram(w, spec, ptr);
    } finally {
      w.fn.arena_reset!(mark);
    }
  }

  /**
   * Evaluates every expression over `batch`: one column per expression, of `batch.numRows` rows;
   * or, given a selection (`selPtr` ≠ 0), of the `selLen` selected rows, in selection order.
   * A UTF8 result is a UTF8 column; a BOOLEAN one has one byte per row.
   */
  evaluate(batch: BatchDesc, selPtr = 0, selLen = batch.numRows): ColumnDesc[] {
    this.bind(batch);
    const mark = this.w.fn.arena_mark!() >>> 0;
    const status = this.w.fn.expr_evaluate!(this.ptr, batch.numRows, selPtr, selLen) | 0;
    if (status !== 0) throw this.fail(mark);
    return readDescs(this.w, this.outputsPtr, this.spec.outputs.length);
  }

  /**
   * Keeps the rows where the program's single BOOLEAN output is TRUE (not FALSE, not NULL),
   * among the incoming selection (`selPtr` 0: all rows). The result is an ascending selection of
   * batch row indices in the arena (a real pointer even when every row is kept).
   */
  filter(batch: BatchDesc, selPtr = 0, selLen = batch.numRows): { selPtr: number; count: number } {
    if (this.spec.outputs.length !== 1 || this.spec.outputs[0]!.kind !== VmKind.BOOL) {
      throw new Error(`filter needs a program with exactly one BOOLEAN output, got ${this.spec.outputs.map((o) => o.type).join(', ')}`);
    }
    this.bind(batch);
    const mark = this.w.fn.arena_mark!() >>> 0;
    const count = this.w.fn.expr_filter!(this.ptr, batch.numRows, selPtr, selLen) | 0;
    if (count < 0) throw this.fail(mark);
    return { selPtr: this.w.fn.expr_program_selection!(this.ptr) >>> 0, count };
  }

  /** Releases the program's memory; the object must not be used afterwards. */
  free(): void {
    if (this.ptr === 0) return;
    this.w.fn.expr_program_free!(this.ptr);
    this.ptr = 0;
  }

  private bind(batch: BatchDesc): void {
    if (this.ptr === 0) throw new Error('ExpressionProgram used after free()');
    const n = this.spec.numColumns;
    if (batch.columns.length < n) {
      throw new Error(`expression program reads ${n} input columns, the batch has ${batch.columns.length}`);
    }
    writeDescsAt(this.w, this.inputs, n === batch.columns.length ? batch.columns : batch.columns.slice(0, n));
  }

  private fail(mark: number): Error {
    const err = readExpressionError(this.w, this.spec);
    this.w.fn.arena_reset!(mark);
    return err;
  }
}

