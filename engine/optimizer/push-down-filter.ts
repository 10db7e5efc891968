import type { ScalarExpr } from '../logical/expression.js';
import { collectColumns, conjunction, mapColumns, shiftColumns, splitConjunction, substituteColumns } from '../logical/expression-utils.js';
import { filter, join } from '../logical/plan-builder.js';
import { inputsOf, withInputs, type Join, type LogicalPlan } from '../logical/plan.js';
import type { OptimizerRule } from './optimizer-rule.js';

/**
 * Predicate push-down: moves each conjunct of a filter as close to the data as it may go, so
 * fewer rows reach the expensive operators. Through projections (column references replaced by
 * the projected expressions) and sorts; into every input of a union; below an aggregate when the
 * conjunct reads only group keys; into joins: for an inner join a conjunct over one side goes to
 * that side and one over both becomes part of the join condition (where the physical planner
 * finds equi-keys); for outer joins only into the preserved side (the left of a LEFT join), while
 * ON conjuncts over the padded side alone go into that side. Never through a limit (it would
 * change which rows are kept). Stacked filters merge on the way.
 */
export const pushDownFilter: OptimizerRule = {
  name: 'push_down_filter',
  apply: (plan) => pushDown(plan),
};

function pushDown(plan: LogicalPlan): LogicalPlan {
  if (plan.kind === 'Filter') return pushInto(plan.input, splitConjunction(plan.predicate));
  if (plan.kind === 'Join' && plan.condition) return pushInto(plan, []);
  const inputs = inputsOf(plan);
  const next = inputs.map(pushDown);
  return next.some((n, i) => n !== inputs[i]) ? withInputs(plan, next) : plan;
}

/** Filter(node, AND preds), with the predicates pushed as deep as they can go. */
function pushInto(node: LogicalPlan, preds: readonly ScalarExpr[]): LogicalPlan {
  const stay = (kept: readonly ScalarExpr[], below: LogicalPlan) => {
    const c = conjunction(kept);
    return c ? filter(below, c) : below;
  };
  switch (node.kind) {
    case 'Filter':
      return pushInto(node.input, [...splitConjunction(node.predicate), ...preds]);
    case 'Project':
      if (preds.length === 0) break;
      return { ...node, input: pushInto(node.input, preds.map((p) => substituteColumns(p, node.exprs))) };
    case 'Sort':
      if (preds.length === 0) break;
      return { ...node, input: pushInto(node.input, preds) };
    case 'Union':
      if (preds.length === 0) break;
      return {
        ...node,
        inputs: node.inputs.map((input) => pushInto(input, preds.map((p) =>
          mapColumns(p, (c) => ({ ...c, name: input.schema.fields[c.index]!.name, type: input.schema.fields[c.index]!.type }))))),
      };
    case 'Aggregate': {
      if (preds.length === 0) break;
      const nGroups = node.groupExprs.length;
      const onKeys = (p: ScalarExpr) => {
        const cols = [...collectColumns(p)];
        return nGroups > 0 && cols.length > 0 && cols.every((c) => c < nGroups);
      };
      const down = preds.filter(onKeys).map((p) => substituteColumns(p, node.groupExprs));
      const up = preds.filter((p) => !onKeys(p));
      return stay(up, { ...node, input: pushInto(node.input, down) });
    }
    case 'Join':
      return pushIntoJoin(node, preds);
    default:
      break;
  }
  return stay(preds, pushDown(node));
}

function pushIntoJoin(node: Join, preds: readonly ScalarExpr[]): LogicalPlan {
  const width = node.left.schema.fields.length;
  const sideOf = (e: ScalarExpr) => {
    const cols = [...collectColumns(e)];
    if (cols.length === 0) return 'none';
    if (cols.every((c) => c < width)) return 'left';
    if (cols.every((c) => c >= width)) return 'right';
    return 'both';
  };
  const t = node.joinType;
  const toLeft: ScalarExpr[] = [], toRight: ScalarExpr[] = [], condition: ScalarExpr[] = [], above: ScalarExpr[] = [];
  // WHERE conjuncts: only into a side whose rows the join does not pad with NULLs.
  for (const p of preds) {
    const side = sideOf(p);
    if (side === 'left' && (t === 'inner' || t === 'left' || t === 'semi' || t === 'anti')) toLeft.push(p);
    else if (side === 'right' && (t === 'inner' || t === 'right')) toRight.push(p);
    else if (side === 'both' && t === 'inner') condition.push(p);
    else above.push(p);
  }
  // ON conjuncts: into a side they only restrict matches of (for an outer join: the padded side;
  // for an anti join never the left, whose unmatched rows it keeps).
  for (const p of node.condition ? splitConjunction(node.condition) : []) {
    const side = sideOf(p);
    if (side === 'left' && (t === 'inner' || t === 'right' || t === 'semi')) toLeft.push(p);
    else if (side === 'right' && (t === 'inner' || t === 'left' || t === 'semi' || t === 'anti')) toRight.push(p);
    else condition.push(p);
  }
  const left = pushInto(node.left, toLeft);
  const right = pushInto(node.right, toRight.map((p) => shiftColumns(p, -width)));
  const joined = join(left, right, t, conjunction(condition));
  const withBuild: Join = node.buildSide ? { ...joined, buildSide: node.buildSide } : joined;
  const c = conjunction(above);
  return c ? filter(withBuild, c) : withBuild;
}
