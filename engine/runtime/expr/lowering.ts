import { type InstructionContext, VmKind } from '../../../bindings/expr-program-spec.js';
import type { Call, ColumnRef, ScalarExpr } from '../../logical/expression.js';
import { formatExpr } from '../../logical/format-expression.js';
import { type DataType, typeToString } from '../../types/data-type.js';
import { castRegister, literalAs } from './lower-cast.js';
import { callCanFail, lowerCall } from './lower-call.js';
import { literalBytes } from './literal-pool.js';
import { OP } from './opcodes.js';
import { ProgramBuilder } from './program-builder.js';
import { vmKindOf } from './vm-types.js';

/**
 * Lowers bound expressions into a ProgramBuilder: one register per distinct subexpression
 * (common subexpressions are shared), literals in constant registers or as scalar operands, and
 * guards so that a failing operation only raises on rows that reach it (CASE branches, the right
 * side of AND/OR).
 */
export class Lowering {
  readonly b = new ProgramBuilder();
  private readonly keys = new WeakMap<ScalarExpr, string>();
  private readonly fails = new WeakMap<ScalarExpr, boolean>();
  private readonly texts = new WeakMap<ScalarExpr, string>();
  private inRegion = false;

  /**
   * The register holding `e`. `guard` is -1 or a BOOL register without nulls marking the rows
   * where `e` is really evaluated (errors elsewhere are ignored).
   */
  lower(e: ScalarExpr, guard: number): number {
    const key = this.key(e);
    if (!this.canFail(e)) {
      const hit = this.b.memo.get(key);
      if (hit !== undefined) return hit;
      const r = this.lowerFresh(e, -1);
      this.b.memo.set(key, r);
      return r;
    }
    // A failing subexpression computed for every row (no guard) serves every guard.
    const hit = this.b.memo.get(`-1|${key}`) ?? this.b.memo.get(`${guard}|${key}`);
    if (hit !== undefined) return hit;
    const r = this.lowerFresh(e, guard);
    this.b.memo.set(`${guard}|${key}`, r);
    return r;
  }

  private lowerFresh(e: ScalarExpr, guard: number): number {
    if (e.kind === 'call' && this.isDictRegion(e)) return this.lowerDictRegion(e);
    switch (e.kind) {
      case 'column': return this.b.load(e.index, vmKindOf(e.type), e.name);
      case 'literal':
        return this.b.constant(vmKindOf(e.type), e.value === null ? null : literalBytes(e.value, vmKindOf(e.type)), this.text(e));
      case 'call': return lowerCall(this, e, guard);
    }
  }

  /**
   * Whether `e` is worth a dictionary region: a call over exactly one STRING column, that cannot
   * fail (a dictionary entry no row uses must not raise) and whose result is not a string.
   */
  private isDictRegion(e: Call): boolean {
    if (this.inRegion || e.type.name === 'NULL' || e.type.name === 'STRING' || vmKindOf(e.type) === VmKind.I128 || this.canFail(e)) return false;
    const col = this.singleColumn(e);
    return col !== undefined && col.type.name === 'STRING';
  }

  /** The one column `e` reads, or undefined (none, or several). */
  private singleColumn(e: ScalarExpr): ColumnRef | undefined {
    const found = new Map<number, ColumnRef>();
    const visit = (x: ScalarExpr) => {
      if (x.kind === 'column') found.set(x.index, x);
      else if (x.kind === 'call') x.args.forEach(visit);
    };
    visit(e);
    return found.size === 1 ? [...found.values()][0] : undefined;
  }

  /** DICT_BEGIN, the region's own instructions (no sharing with the rest), DICT_END. */
  private lowerDictRegion(e: Call): number {
    const col = this.singleColumn(e)!;
    const kind = vmKindOf(e.type);
    const dst = this.b.newRegister(kind);
    const context = this.context(e);
    const begin = this.b.bodyLength();
    this.b.emit(OP.DICT_BEGIN, dst, -1, col.index, 0, kind, 0, 0, context);
    this.inRegion = true;
    const result = this.b.isolated(() => {
      try {
        return this.lowerFresh(e, -1);
      } finally {
        this.inRegion = false;
      }
    });
    this.b.emit(OP.DICT_END, dst, -1, result, 0, 0, 0, 0, context);
    this.b.patch(begin, 4, this.b.bodyLength() - begin);
    return dst;
  }

  /** `e` converted to `type` (an implicit cast where the representation differs). */
  lowerAs(e: ScalarExpr, type: DataType, guard: number): number {
    if (e.kind === 'literal') {
      const bytes = literalAs(e, type);
      if (bytes !== undefined) return this.b.constant(vmKindOf(type), bytes, this.text(e));
    }
    return castRegister(this, this.lower(e, guard), e.type, type, guard, false, this.context(e));
  }

  /** Pool offset of `e` as a scalar operand of `type`, when `e` is a non-NULL literal. */
  scalarOperand(e: ScalarExpr, type: DataType): number | undefined {
    if (e.kind !== 'literal' || e.value === null) return undefined;
    const bytes = literalAs(e, type);
    return bytes === undefined || bytes === null ? undefined : this.b.poolOffset(bytes);
  }

  /** A NULL of `type` (a constant register). */
  nullOf(type: DataType): number {
    return this.b.constant(vmKindOf(type), null, 'NULL');
  }

  /** The rows where both `guard` and `cond` (BOOL registers without nulls) hold; -1 is "every row". */
  guardAnd(guard: number, cond: number): number {
    if (guard < 0) return cond;
    const key = `guard:${guard}&${cond}`;
    const hit = this.b.memo.get(key);
    if (hit !== undefined) return hit;
    const r = this.b.emit(OP.AND, this.b.newRegister(VmKind.BOOL), -1, guard, cond, 0, 0, 0, { expr: 'guard' });
    this.b.memo.set(key, r);
    return r;
  }

  /** A one-register test (IS_TRUE, NOT, ...) of `r`, shared when asked twice. */
  unary(op: number, r: number, kind: VmKind, context: InstructionContext): number {
    const key = `unary:${op}:${r}`;
    const hit = this.b.memo.get(key);
    if (hit !== undefined) return hit;
    const dst = this.b.emit(op, this.b.newRegister(kind), -1, r, 0, 0, 0, 0, context);
    this.b.memo.set(key, dst);
    return dst;
  }

  /** The error context of an instruction that evaluates `e`. */
  context(e: ScalarExpr, extra: Omit<InstructionContext, 'expr'> = {}): InstructionContext {
    return { expr: this.text(e), ...extra };
  }

  text(e: ScalarExpr): string {
    let t = this.texts.get(e);
    if (t === undefined) this.texts.set(e, (t = formatExpr(e)));
    return t;
  }

  /** A structural key: equal keys mean equal expressions (types included). */
  key(e: ScalarExpr): string {
    let k = this.keys.get(e);
    if (k !== undefined) return k;
    const t = typeToString(e.type);
    switch (e.kind) {
      case 'column': k = `c${e.index}:${t}`; break;
      case 'literal': k = `l${JSON.stringify(e.value)}:${t}`; break;
      case 'call': k = `${e.fn}:${t}(${e.args.map((a) => this.key(a)).join(',')})`; break;
    }
    this.keys.set(e, k);
    return k;
  }

  /** Whether evaluating `e` can raise an error on some row. */
  canFail(e: ScalarExpr): boolean {
    if (e.kind !== 'call') return false;
    let f = this.fails.get(e);
    if (f === undefined) {
      f = callCanFail(e as Call) || e.args.some((a) => this.canFail(a));
      this.fails.set(e, f);
    }
    return f;
  }
}
