import {
  INSTR_WORDS, type InstructionContext, type OutputSpec, type ProgramSpec, VmKind,
} from '../../../bindings/expr-program-spec.js';
import { OP } from './opcodes.js';

/** How a register gets its values: which decides whether it may write into an output directly. */
type Producer = 'load' | 'const' | 'op';

/**
 * Accumulates a program: registers, prologue (constant registers) and body instructions with
 * their error contexts, and the constant pool. Memo tables let the lowering share common
 * subexpressions and constants.
 */
export class ProgramBuilder {
  private readonly prologue: number[] = [];
  private readonly prologueContexts: InstructionContext[] = [];
  private readonly body: number[] = [];
  private readonly bodyContexts: InstructionContext[] = [];
  private readonly pool: number[] = [];
  private readonly poolMemo = new Map<string, number>();
  private readonly kinds: VmKind[] = [];
  private readonly producers: Producer[] = [];
  /** Common subexpressions: expression key (with guard when it can fail) → register. */
  memo = new Map<string, number>();
  private numColumns = 0;

  /** A fresh register of `kind`. */
  newRegister(kind: VmKind): number {
    this.kinds.push(kind);
    this.producers.push('op');
    return this.kinds.length - 1;
  }

  kindOf(register: number): VmKind {
    return this.kinds[register]!;
  }

  /** Appends a body instruction; returns `dst`. */
  emit(op: number, dst: number, guard: number, a: number, b: number, c: number, d: number, e: number, context: InstructionContext): number {
    this.body.push(op, dst, guard, a, b, c, d, e);
    this.bodyContexts.push(context);
    return dst;
  }

  /** Number of body instructions emitted so far (the index of the next one). */
  bodyLength(): number {
    return this.body.length / INSTR_WORDS;
  }

  /** Overwrites word `word` (0..7) of body instruction `index`. */
  patch(index: number, word: number, value: number): void {
    this.body[index * INSTR_WORDS + word] = value;
  }

  /** Runs `fn` with an empty common-subexpression scope (nothing inside is shared with outside). */
  isolated<T>(fn: () => T): T {
    const saved = this.memo;
    this.memo = new Map();
    try {
      return fn();
    } finally {
      this.memo = saved;
    }
  }

  /** LOAD of input column `index` as `kind` (shared when loaded before). */
  load(index: number, kind: VmKind, name: string): number {
    const key = `load:${index}:${kind}`;
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    const r = this.newRegister(kind);
    this.producers[r] = 'load';
    this.numColumns = Math.max(this.numColumns, index + 1);
    this.emit(OP.LOAD, r, -1, index, kind, 0, 0, 0, { expr: name });
    this.memo.set(key, r);
    return r;
  }

  /** A register filled with a literal once, when the program loads (bytes from literalBytes; null: NULL). */
  constant(kind: VmKind, bytes: Uint8Array | null, text: string): number {
    const key = `const:${kind}:${bytes === null ? 'null' : Array.from(bytes).join(',')}`;
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    const r = this.newRegister(kind);
    this.producers[r] = 'const';
    const offset = bytes === null ? 0 : this.poolOffset(bytes);
    this.prologue.push(OP.CONST, r, -1, kind, offset, bytes === null ? 1 : 0, 0, 0);
    this.prologueContexts.push({ expr: text });
    this.memo.set(key, r);
    return r;
  }

  /** Offset of `bytes` in the constant pool (8-byte aligned, shared when equal). */
  poolOffset(bytes: Uint8Array): number {
    const key = Array.from(bytes).join(',');
    const hit = this.poolMemo.get(key);
    if (hit !== undefined) return hit;
    while (this.pool.length % 8 !== 0) this.pool.push(0);
    const offset = this.pool.length;
    for (const b of bytes) this.pool.push(b);
    this.poolMemo.set(key, offset);
    return offset;
  }

  /** The finished program with one output per root register. */
  build(roots: readonly { register: number; type: string }[]): ProgramSpec {
    const bodyStart = this.prologue.length / INSTR_WORDS;
    const seen = new Set<number>();
    const outputs: OutputSpec[] = roots.map(({ register, type }) => {
      const kind = this.kinds[register]!;
      const direct = this.producers[register] === 'op' && kind !== VmKind.STR && !seen.has(register);
      seen.add(register);
      return { register, kind, direct, type };
    });
    while (this.pool.length % 8 !== 0) this.pool.push(0);
    return {
      version: 1,
      code: [...this.prologue, ...this.body],
      bodyStart,
      constants: this.pool.slice(),
      numRegisters: this.kinds.length,
      numColumns: this.numColumns,
      outputs,
      contexts: [...this.prologueContexts, ...this.bodyContexts],
    };
  }
}
