import { VmKind } from '../../../bindings/expr-program-spec.js';
import type { Call, ScalarExpr } from '../../logical/expression.js';
import { DataTypes } from '../../types/data-type.js';
import { emitComparison } from './lower-compare.js';
import type { Lowering } from './lowering.js';
import { CMP, OP } from './opcodes.js';
import { vmKindOf } from './vm-types.js';

const WIDTH: Record<number, number> = {
  [VmKind.BOOL]: 1, [VmKind.I32]: 4, [VmKind.I64]: 8, [VmKind.F64]: 8, [VmKind.STR]: 8, [VmKind.I128]: 16,
};

/** SELECT dst <- cond ? a : b in the result's VM kind. */
function select(lw: Lowering, kind: VmKind, cond: number, a: number, b: number, context: ReturnType<Lowering['context']>): number {
  return lw.b.emit(OP.SELECT, lw.b.newRegister(kind), -1, cond, a, b, WIDTH[kind]!, 0, context);
}

/**
 * case, if, coalesce, nullif. Branches are computed for the whole vector but only raise their
 * errors on the rows that take them (their guard), so a division by zero in a branch not taken
 * never fails; the results are merged with SELECT from the last branch to the first.
 */
export function lowerConditional(lw: Lowering, e: Call, guard: number): number {
  const t = e.type;
  const kind = vmKindOf(t);
  const context = lw.context(e);
  const B = DataTypes.BOOLEAN();
  switch (e.fn) {
    case 'case': case 'if': {
      const n = e.args.length;
      const pairs: [ScalarExpr, ScalarExpr][] = [];
      for (let i = 0; i + 1 < n; i += 2) pairs.push([e.args[i]!, e.args[i + 1]!]);
      const elseExpr = n % 2 === 1 ? e.args[n - 1]! : undefined;
      let rest = guard; // rows that reach the next WHEN
      const chosen: { taken: number; value: number }[] = [];
      pairs.forEach(([when, then], k) => {
        const c = lw.lowerAs(when, B, rest);
        const taken = lw.unary(OP.IS_TRUE, c, VmKind.BOOL, context);
        const value = lw.lowerAs(then, t, lw.canFail(then) ? lw.guardAnd(rest, taken) : -1);
        chosen.push({ taken, value });
        const later = pairs.slice(k + 1).some(([w, v]) => lw.canFail(w) || lw.canFail(v)) || (elseExpr !== undefined && lw.canFail(elseExpr));
        if (later) rest = lw.guardAnd(rest, lw.unary(OP.IS_NOT_TRUE, c, VmKind.BOOL, context));
      });
      let result = elseExpr === undefined ? lw.nullOf(t) : lw.lowerAs(elseExpr, t, rest);
      for (let k = chosen.length - 1; k >= 0; k--) result = select(lw, kind, chosen[k]!.taken, chosen[k]!.value, result, context);
      return result;
    }
    case 'coalesce': {
      // COALESCE(a, b, c) = CASE WHEN a IS NOT NULL THEN a WHEN b IS NOT NULL THEN b ELSE c END.
      const regs: { present: number; value: number }[] = [];
      let rest = guard;
      for (let k = 0; k < e.args.length - 1; k++) {
        const value = lw.lowerAs(e.args[k]!, t, rest);
        const present = lw.unary(OP.IS_NOT_NULL, value, VmKind.BOOL, context);
        regs.push({ present, value });
        if (e.args.slice(k + 1).some((a) => lw.canFail(a))) rest = lw.guardAnd(rest, lw.unary(OP.IS_NULL, value, VmKind.BOOL, context));
      }
      let result = lw.lowerAs(e.args[e.args.length - 1]!, t, rest);
      for (let k = regs.length - 1; k >= 0; k--) result = select(lw, kind, regs[k]!.present, regs[k]!.value, result, context);
      return result;
    }
    default: {
      // NULLIF(a, b) = CASE WHEN a = b THEN NULL ELSE a END.
      const [a, b] = e.args as [ScalarExpr, ScalarExpr];
      const value = lw.lowerAs(a, t, guard);
      const same = lw.unary(OP.IS_TRUE, emitComparison(lw, CMP.EQ, a, b, guard, context), VmKind.BOOL, context);
      return select(lw, kind, same, lw.nullOf(t), value, context);
    }
  }
}
