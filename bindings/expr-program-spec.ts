/**
 * The wire format of an expression program: what engine/runtime/expr/compile-program.ts produces
 * and bindings/expr-kernel.ts loads into the WASM expression VM (wasm/assembly/expr). Plain
 * JSON-safe data, so a physical plan can carry it to a worker.
 */

/** Words per instruction: [op, dst, guard, a, b, c, d, e] (see wasm/assembly/expr/opcodes.ts). */
export const INSTR_WORDS = 8;

/**
 * VM kinds of registers and outputs; the same numbers as the physical kinds (STR outputs as UTF8;
 * I128 holds DECIMAL(p > 18) unscaled, 16 bytes per row).
 */
export const VmKind = { BOOL: 1, I32: 2, I64: 3, F64: 4, STR: 5, I128: 7 } as const;
export type VmKind = (typeof VmKind)[keyof typeof VmKind];

/** Error codes the VM reports (wasm/assembly/expr/errors.ts). */
export const ExprErrorCode = {
  OVERFLOW: 1,
  DIVIDE_BY_ZERO: 2,
  CAST: 3,
  COLUMN_KIND: 4,
  INVALID_ARGUMENT: 5,
} as const;

/** What an error of one instruction must say: the expression, and how to render its operands. */
export interface InstructionContext {
  /** The expression the instruction evaluates, rendered by formatExpr. */
  readonly expr: string;
  /** Decimal scales of the operands (a, b), to render unscaled values; absent means integers. */
  readonly scales?: readonly number[];
  /** The operator symbol or function name, for 'operands x + y' in overflow messages. */
  readonly symbol?: string;
  /** CAST: the target type, for "cannot cast 'x' to INT". */
  readonly target?: string;
}

/** One output column of a program. */
export interface OutputSpec {
  /** The register holding the value. */
  readonly register: number;
  /** Its VM kind (STR is written as a UTF8 column). */
  readonly kind: VmKind;
  /** Whether the register may write straight into the output column (first output of a computed register). */
  readonly direct: boolean;
  /** The logical result type, rendered (for messages and checks). */
  readonly type: string;
}

/**
 * A compiled list of expressions: one program evaluated over a whole batch in one call.
 * Instructions [0, bodyStart) are the prologue (constant registers, run once when loaded).
 */
export interface ProgramSpec {
  readonly version: 1;
  /** INSTR_WORDS i32 words per instruction. */
  readonly code: readonly number[];
  readonly bodyStart: number;
  /** Constant pool bytes (0..255), entries 8-byte aligned; literals and string constants. */
  readonly constants: readonly number[];
  readonly numRegisters: number;
  /** The batch must have at least this many columns (the highest column referenced + 1). */
  readonly numColumns: number;
  readonly outputs: readonly OutputSpec[];
  /** One per instruction: what to say when it fails. */
  readonly contexts: readonly InstructionContext[];
}
