import type { ScalarExpr } from '../logical/expression.js';
import { collectColumns, shiftColumns, splitConjunction } from '../logical/expression-utils.js';
import { sameType } from '../logical/type-coercion.js';
import type { Join, LogicalPlan } from '../logical/plan.js';
import type { Field } from '../types/data-type.js';

/** A binary tree over the leaves of a join graph: a leaf's index, or a join of two subtrees. */
export type JoinTree = number | { readonly left: JoinTree; readonly right: JoinTree };

/** One input of a flattened inner-join tree: a plan that is not an inner join. */
export interface JoinLeaf {
  readonly plan: LogicalPlan;
  /** Where the leaf's first column sits in the tree's output (leaves are laid out in order). */
  readonly offset: number;
}

/**
 * A maximal tree of inner joins seen as a graph: its leaves (every input that is not an inner
 * join: scans, outer and semi joins, aggregates, ...), the conjuncts of all its join conditions
 * over the tree's output columns (the leaves' columns, leaf after leaf), and its shape.
 */
export interface InnerJoinGraph {
  readonly leaves: readonly JoinLeaf[];
  readonly conjuncts: readonly ScalarExpr[];
  readonly fields: readonly Field[];
  readonly shape: JoinTree;
}

/** Whether `plan` is an inner join (with or without a condition: a cross join is one too). */
export function isInnerJoin(plan: LogicalPlan): plan is Join {
  return plan.kind === 'Join' && plan.joinType === 'inner';
}

/** The graph of the inner-join tree rooted at `root`. */
export function flattenInnerJoins(root: Join): InnerJoinGraph {
  const leaves: JoinLeaf[] = [];
  const conjuncts: ScalarExpr[] = [];
  const walk = (plan: LogicalPlan, offset: number): JoinTree => {
    if (!isInnerJoin(plan)) {
      leaves.push({ plan, offset });
      return leaves.length - 1;
    }
    const left = walk(plan.left, offset);
    const right = walk(plan.right, offset + plan.left.schema.fields.length);
    if (plan.condition) conjuncts.push(...splitConjunction(shiftColumns(plan.condition, offset)));
    return { left, right };
  };
  const shape = walk(root, 0);
  return { leaves, conjuncts, fields: root.schema.fields, shape };
}

/** The index of the leaf that holds output column `column`. */
export function leafOfColumn(graph: InnerJoinGraph, column: number): number {
  let i = graph.leaves.length - 1;
  while (graph.leaves[i]!.offset > column) i--;
  return i;
}

/** The leaves an expression reads, as a bit mask (bit i: leaf i). */
export function leafMask(graph: InnerJoinGraph, e: ScalarExpr): number {
  let mask = 0;
  for (const c of collectColumns(e)) mask |= 1 << leafOfColumn(graph, c);
  return mask;
}

/**
 * The conjuncts split into column equivalence classes and the rest. `a = b` between two plain
 * columns of one type joins their classes; a class {c_nationkey, s_nationkey, n_nationkey} lets
 * a join of any two of those inputs use the equality, which the conjuncts only state for some
 * pairs. Equality is transitive for a conjunction of `=` (each TRUE only when both sides are
 * equal and not NULL), so any spanning tree of equalities over a class is equivalent to the
 * conjuncts it came from. FLOAT and DOUBLE columns stay out of classes (NaN and -0.0 make
 * equality a poor equivalence there); so do columns whose types differ in precision or scale.
 */
export function equivalenceClasses(graph: InnerJoinGraph): { classes: number[][]; others: ScalarExpr[] } {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const others: ScalarExpr[] = [];
  for (const c of graph.conjuncts) {
    if (c.kind === 'call' && c.fn === 'eq') {
      const [a, b] = c.args as [ScalarExpr, ScalarExpr];
      if (a.kind === 'column' && b.kind === 'column' && sameType(a.type, b.type) && !isFloating(a.type.name)) {
        const ra = find(a.index), rb = find(b.index);
        parent.set(Math.max(ra, rb), Math.min(ra, rb));
        continue;
      }
    }
    others.push(c);
  }
  const byRoot = new Map<number, number[]>();
  for (const col of [...parent.keys()].sort((x, y) => x - y)) {
    const r = find(col);
    byRoot.set(r, [...(byRoot.get(r) ?? []), col]);
  }
  return { classes: [...byRoot.values()].filter((members) => members.length > 1), others };
}

function isFloating(typeName: string): boolean {
  return typeName === 'FLOAT' || typeName === 'DOUBLE';
}
