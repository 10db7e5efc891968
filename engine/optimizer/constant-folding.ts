import type { Call, Literal, ScalarExpr } from '../logical/expression.js';
import { isFalseOrNullLiteral, isTrueLiteral } from '../logical/expression-utils.js';
import { values } from '../logical/plan-builder.js';
import { transformUp, type LogicalPlan } from '../logical/plan.js';
import { evaluateCall } from './evaluate-call.js';
import type { OptimizerRule } from './optimizer-rule.js';

/**
 * Constant folding and boolean simplification. Calls on literals are evaluated in TypeScript
 * (evaluate-call.ts: declines whatever must fail at run time); `x AND TRUE` → x, `x AND FALSE` →
 * FALSE, `x OR TRUE` → TRUE, `NOT NOT x` → x, `x IS NULL` on a NOT NULL x → FALSE, CASE/IF/
 * COALESCE with literal branches pruned. On plans: a filter on TRUE goes away, a filter on FALSE
 * or NULL (and an inner join on one) becomes the empty relation, which then empties the filters,
 * projections, sorts, limits, grouped aggregates and inner joins above it; constant sort keys go.
 */
export const constantFolding: OptimizerRule = {
  name: 'constant_folding',
  apply: (plan) => transformUp(plan, foldNode),
};

function foldNode(plan: LogicalPlan): LogicalPlan {
  const empty = () => values([], plan.schema);
  const isEmpty = (p: LogicalPlan) => p.kind === 'Values' && p.rows.length === 0;
  switch (plan.kind) {
    case 'Filter': {
      if (isEmpty(plan.input)) return empty();
      const predicate = simplify(plan.predicate);
      if (isTrueLiteral(predicate)) return plan.input;
      if (isFalseOrNullLiteral(predicate)) return empty();
      return predicate === plan.predicate ? plan : { ...plan, predicate };
    }
    case 'Project': {
      if (isEmpty(plan.input)) return empty();
      const exprs = plan.exprs.map(simplify);
      return exprs.every((e, i) => e === plan.exprs[i]) ? plan : { ...plan, exprs };
    }
    case 'Sort': {
      if (isEmpty(plan.input)) return empty();
      const keys = plan.keys.map((k) => ({ ...k, expr: simplify(k.expr) })).filter((k) => k.expr.kind !== 'literal');
      if (keys.length === 0) return plan.input;
      return { ...plan, keys };
    }
    case 'Limit':
      return isEmpty(plan.input) || plan.fetch === 0 ? empty() : plan;
    case 'Aggregate': {
      if (isEmpty(plan.input) && plan.groupExprs.length > 0) return empty();
      const aggregates = plan.aggregates.map((a) => {
        const filter = a.filter && simplify(a.filter);
        const arg = a.arg && simplify(a.arg);
        const { filter: _f, arg: _a, ...rest } = a;
        return { ...rest, ...(arg ? { arg } : {}), ...(filter && !isTrueLiteral(filter) ? { filter } : {}) };
      });
      return { ...plan, groupExprs: plan.groupExprs.map(simplify), aggregates };
    }
    case 'Join': {
      const inner = plan.joinType === 'inner';
      if (inner && (isEmpty(plan.left) || isEmpty(plan.right))) return empty();
      if (!plan.condition) return plan;
      const condition = simplify(plan.condition);
      if (inner && isFalseOrNullLiteral(condition)) return empty();
      if (isTrueLiteral(condition)) {
        const { condition: _c, ...rest } = plan;
        return rest;
      }
      return { ...plan, condition };
    }
    case 'Union': {
      const inputs = plan.inputs.filter((p) => !isEmpty(p));
      if (inputs.length === plan.inputs.length) return plan;
      return inputs.length === 0 ? empty() : { ...plan, inputs };
    }
    default:
      return plan;
  }
}

/** Simplifies an expression bottom-up (see {@link constantFolding}); the result has the same type. */
export function simplify(e: ScalarExpr): ScalarExpr {
  if (e.kind !== 'call') return e;
  const args = e.args.map(simplify);
  const call: Call = args.every((a, i) => a === e.args[i]) ? e : { ...e, args };
  if (args.every((a) => a.kind === 'literal')) {
    const folded = evaluateCall(call, args as Literal[]);
    if (folded) return folded;
  }
  return simplifyCall(call);
}

function simplifyCall(e: Call): ScalarExpr {
  const [a, b] = e.args as [ScalarExpr, ScalarExpr];
  switch (e.fn) {
    case 'and':
      if (isFalse(a)) return a;
      if (isFalse(b)) return b;
      if (isTrueLiteral(a)) return b;
      if (isTrueLiteral(b)) return a;
      return e;
    case 'or':
      if (isTrueLiteral(a)) return a;
      if (isTrueLiteral(b)) return b;
      if (isFalse(a)) return b;
      if (isFalse(b)) return a;
      return e;
    case 'not':
      return a.kind === 'call' && a.fn === 'not' ? a.args[0]! : e;
    case 'is_null':
      return a.type.nullable ? e : { kind: 'literal', value: false, type: e.type };
    case 'is_not_null':
      return a.type.nullable ? e : { kind: 'literal', value: true, type: e.type };
    case 'if':
      if (a.kind === 'literal') return a.value === true ? e.args[1]! : e.args[2]!;
      return e;
    case 'case': {
      const hasElse = e.args.length % 2 === 1;
      const rest: ScalarExpr[] = [];
      for (let i = 0; i + 1 < e.args.length; i += 2) {
        const when = e.args[i]!;
        if (isFalseOrNullLiteral(when)) continue;
        if (isTrueLiteral(when) && rest.length === 0) return e.args[i + 1]!;
        if (isTrueLiteral(when)) return { ...e, args: [...rest, e.args[i + 1]!] };
        rest.push(when, e.args[i + 1]!);
      }
      if (hasElse) {
        if (rest.length === 0) return e.args[e.args.length - 1]!;
        rest.push(e.args[e.args.length - 1]!);
      } else if (rest.length === 0) {
        return { kind: 'literal', value: null, type: e.type };
      }
      return rest.length === e.args.length ? e : { ...e, args: rest };
    }
    case 'coalesce': {
      const rest = e.args.filter((x) => !(x.kind === 'literal' && x.value === null));
      const firstNotNull = rest.findIndex((x) => !x.type.nullable);
      const kept = firstNotNull >= 0 ? rest.slice(0, firstNotNull + 1) : rest;
      if (kept.length === 0) return { kind: 'literal', value: null, type: e.type };
      if (kept.length === 1) return kept[0]!;
      return kept.length === e.args.length ? e : { ...e, args: kept };
    }
    default:
      return e;
  }
}

function isFalse(e: ScalarExpr): boolean {
  return e.kind === 'literal' && e.value === false;
}
