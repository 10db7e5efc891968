import { VmKind } from '../../../bindings/expr-program-spec.js';
import type { Call } from '../../logical/expression.js';
import { DataTypes } from '../../types/data-type.js';
import type { Lowering } from './lowering.js';
import { OP } from './opcodes.js';

const TESTS: Record<string, number> = {
  is_null: OP.IS_NULL, is_not_null: OP.IS_NOT_NULL, is_true: OP.IS_TRUE, is_false: OP.IS_FALSE,
};

/**
 * and, or (n-ary, three-valued), not, IS [NOT] NULL, IS TRUE, IS FALSE. The right side of AND
 * only counts its errors where the left side is not FALSE (of OR: not TRUE), so
 * `x <> 0 AND 10 / x > 1` never divides by zero.
 */
export function lowerLogic(lw: Lowering, e: Call, guard: number): number {
  const context = lw.context(e);
  switch (e.fn) {
    case 'and': case 'or': {
      const and = e.fn === 'and';
      let acc = lw.lowerAs(e.args[0]!, DataTypes.BOOLEAN(), guard);
      for (const arg of e.args.slice(1)) {
        let g = guard;
        if (lw.canFail(arg)) {
          const reaches = lw.unary(and ? OP.IS_NOT_FALSE : OP.IS_NOT_TRUE, acc, VmKind.BOOL, context);
          g = lw.guardAnd(guard, reaches);
        }
        const next = lw.lowerAs(arg, DataTypes.BOOLEAN(), g);
        acc = lw.b.emit(and ? OP.AND : OP.OR, lw.b.newRegister(VmKind.BOOL), -1, acc, next, 0, 0, 0, context);
      }
      return acc;
    }
    case 'not':
      return lw.unary(OP.NOT, lw.lowerAs(e.args[0]!, DataTypes.BOOLEAN(), guard), VmKind.BOOL, context);
    case 'is_true': case 'is_false':
      return lw.unary(TESTS[e.fn]!, lw.lowerAs(e.args[0]!, DataTypes.BOOLEAN(), guard), VmKind.BOOL, context);
    default:
      return lw.unary(TESTS[e.fn]!, lw.lower(e.args[0]!, guard), VmKind.BOOL, context);
  }
}
