import type { ProgramSpec } from '../../../bindings/expr-program-spec.js';
import type { ScalarExpr } from '../../logical/expression.js';
import { typeToString } from '../../types/data-type.js';
import { Lowering } from './lowering.js';

export type { ProgramSpec } from '../../../bindings/expr-program-spec.js';
export { UnsupportedExpressionError } from './vm-types.js';

/**
 * Lowers a list of bound expressions (a projection's outputs, or one filter predicate) into one
 * program for the WASM expression VM: one output column per expression, common subexpressions
 * computed once. Pure TypeScript; the result is JSON-safe and is loaded with
 * `ExpressionProgram.load` (bindings/expr-kernel.ts).
 *
 * Throws UnsupportedExpressionError for a function or type the evaluator does not implement.
 */
export function compileProgram(exprs: readonly ScalarExpr[]): ProgramSpec {
  const lw = new Lowering();
  const roots = exprs.map((e) => ({ register: lw.lower(e, -1), type: typeToString(e.type) }));
  return lw.b.build(roots);
}
