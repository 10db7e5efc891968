import type { Catalog } from '../logical/catalog.js';
import type { ScalarExpr } from '../logical/expression.js';
import { columnRef, conjunction, mapColumns } from '../logical/expression-utils.js';
import { filter, join, project } from '../logical/plan-builder.js';
import { inputsOf, withInputs, type LogicalPlan } from '../logical/plan.js';
import { DataTypes } from '../types/data-type.js';
import type { JoinCardinalityModel, KeyGroup } from './join-cardinality.js';
import {
  equivalenceClasses, flattenInnerJoins, isInnerJoin, leafMask, leafOfColumn, type InnerJoinGraph, type JoinTree,
} from './join-graph.js';
import { leavesOf, MAX_REORDERED_LEAVES, searchJoinOrder, treeCost } from './join-order-search.js';
import type { OptimizerRule } from './optimizer-rule.js';
import { estimateRows } from './row-estimate.js';

/**
 * Join reordering: each maximal tree of inner joins (outer, semi and anti joins are barriers,
 * and so is anything else between two inner joins) is flattened into its inputs and the
 * conjuncts of its conditions, and rebuilt in the order with the fewest estimated intermediate
 * rows (join-order-search.ts, estimates in join-cardinality.ts) that never joins two inputs no
 * predicate relates. Column equalities form equivalence classes, so TPC-H Q5's
 * `c_nationkey = s_nationkey AND s_nationkey = n_nationkey` also joins customer with nation, and
 * the restriction to one region reaches customer before orders and lineitem do. A projection on
 * top restores the tree's column order and names. The tree is left alone when no order is
 * estimated cheaper than the written one, and when the session sets
 * `table.optimizer.join-reorder-enabled` to false. Runs after predicate push-down, which moves
 * WHERE conjuncts into the join conditions, and before column pruning puts projections between
 * the joins.
 */
export const reorderJoins: OptimizerRule = {
  name: 'reorder_joins',
  apply: (plan, ctx) => (ctx.options?.joinReorder === false ? plan : reorder(plan, ctx.catalog)),
};

function reorder(plan: LogicalPlan, catalog: Catalog): LogicalPlan {
  if (!isInnerJoin(plan)) {
    const inputs = inputsOf(plan);
    const next = inputs.map((i) => reorder(i, catalog));
    return next.some((n, i) => n !== inputs[i]) ? withInputs(plan, next) : plan;
  }
  const written = flattenInnerJoins(plan);
  const graph: InnerJoinGraph = { ...written, leaves: written.leaves.map((l) => ({ ...l, plan: reorder(l.plan, catalog) })) };
  const kept = replaceLeaves(plan, graph.leaves.map((l) => l.plan));
  const n = graph.leaves.length;
  if (n < 3 || n > MAX_REORDERED_LEAVES) return kept;
  const { classes, others } = equivalenceClasses(graph);
  const model = cardinalityModel(graph, classes, others, catalog);
  const tree = searchJoinOrder(model, n);
  if (!(treeCost(model, tree) < treeCost(model, graph.shape) * (1 - 1e-9))) return kept;
  return new TreeBuilder(graph, classes, others).build(tree);
}

/** The inner-join tree `plan` with its leaves (in order) replaced by `leaves`. */
function replaceLeaves(plan: LogicalPlan, leaves: readonly LogicalPlan[]): LogicalPlan {
  let next = 0;
  const walk = (p: LogicalPlan): LogicalPlan => {
    if (!isInnerJoin(p)) return leaves[next++]!;
    const left = walk(p.left), right = walk(p.right);
    return left === p.left && right === p.right ? p : { ...p, left, right };
  };
  return walk(plan);
}

/**
 * The estimates of one graph: each leaf's rows (row-estimate.ts), a key group per equivalence
 * class and per equality between expressions over two leaves, and the other conjuncts.
 */
function cardinalityModel(graph: InnerJoinGraph, classes: readonly number[][], others: readonly ScalarExpr[], catalog: Catalog): JoinCardinalityModel {
  const leafRows = graph.leaves.map((l) => estimateRows(l.plan, catalog));
  const domains = graph.leaves.map((l) => domainRows(l.plan, catalog));
  const domainOf = (leaves: number) => Math.min(...domains.filter((_, i) => leaves & (1 << i)));
  const keys: KeyGroup[] = [];
  const predicates: number[] = [];
  for (const members of classes) {
    const leaves = members.reduce((m, c) => m | (1 << leafOfColumn(graph, c)), 0);
    keys.push({ leaves, domain: domainOf(leaves) });
  }
  for (const c of others) {
    if (c.kind === 'call' && c.fn === 'eq') {
      const a = leafMask(graph, c.args[0]!), b = leafMask(graph, c.args[1]!);
      const single = (m: number) => m !== 0 && (m & (m - 1)) === 0;
      if (single(a) && single(b) && a !== b) {
        keys.push({ leaves: a | b, domain: domainOf(a | b) });
        continue;
      }
    }
    predicates.push(leafMask(graph, c));
  }
  return { leafRows, keys, predicates };
}

/**
 * At most how many distinct values a column of `plan` can have: the rows of the table it comes
 * from, looking through filters, projections, sorts and semi/anti joins (a filtered `orders`
 * still draws its keys from all of them), else the plan's own estimated rows.
 */
function domainRows(plan: LogicalPlan, catalog: Catalog): number {
  switch (plan.kind) {
    case 'Filter':
    case 'Project':
    case 'Sort':
      return domainRows(plan.input, catalog);
    case 'Join':
      return plan.joinType === 'semi' || plan.joinType === 'anti' ? domainRows(plan.left, catalog) : estimateRows(plan, catalog);
    default:
      return estimateRows(plan, catalog);
  }
}

/** A built subtree: its plan and, per output position, the graph column it carries. */
interface Built {
  readonly plan: LogicalPlan;
  readonly columns: readonly number[];
}

/** Rebuilds a graph as the joins of a {@link JoinTree}, each conjunct at the lowest join that has all its columns. */
class TreeBuilder {
  constructor(
    private readonly graph: InnerJoinGraph,
    private readonly classes: readonly number[][],
    private readonly others: readonly ScalarExpr[],
  ) {}

  /** The whole tree under a projection back to the graph's columns and names. */
  build(tree: JoinTree): LogicalPlan {
    const root = this.subtree(tree, true);
    const position = new Map(root.columns.map((g, i) => [g, i]));
    const fields = this.graph.fields;
    return project(root.plan, fields.map((f, g) => columnRef(position.get(g)!, f)), fields.map((f) => f.name));
  }

  private subtree(tree: JoinTree, isRoot: boolean): Built {
    if (typeof tree === 'number') return this.leaf(tree);
    const left = this.subtree(tree.left, false), right = this.subtree(tree.right, false);
    const columns = [...left.columns, ...right.columns];
    const position = new Map(columns.map((g, i) => [g, i]));
    const at = (e: ScalarExpr) => mapColumns(e, (c) => ({ ...c, index: position.get(c.index)! }));
    const inLeft = leavesOf(tree.left), inRight = leavesOf(tree.right);
    const conds: ScalarExpr[] = [];
    for (const members of this.classes) {
      const l = members.find((g) => inLeft & (1 << leafOfColumn(this.graph, g)));
      const r = members.find((g) => inRight & (1 << leafOfColumn(this.graph, g)));
      if (l !== undefined && r !== undefined) conds.push(at(this.equals(l, r)));
    }
    for (const c of this.others) {
      const m = leafMask(this.graph, c);
      if ((m === 0 && isRoot) || ((m & (inLeft | inRight)) === m && (m & inLeft) !== 0 && (m & inRight) !== 0)) conds.push(at(c));
    }
    return { plan: join(left.plan, right.plan, 'inner', conjunction(conds)), columns };
  }

  /**
   * A leaf, under a filter for what concerns it alone: equalities between the members of a
   * class it holds several of (the joins above test one of them only), and conjuncts over its
   * columns only.
   */
  private leaf(i: number): Built {
    const { plan, offset } = this.graph.leaves[i]!;
    const width = plan.schema.fields.length;
    const columns = Array.from({ length: width }, (_, k) => offset + k);
    const local = (e: ScalarExpr) => mapColumns(e, (c) => ({ ...c, index: c.index - offset }));
    const conds: ScalarExpr[] = [];
    for (const members of this.classes) {
      const here = members.filter((g) => g >= offset && g < offset + width);
      for (const g of here.slice(1)) conds.push(local(this.equals(here[0]!, g)));
    }
    for (const c of this.others) if (leafMask(this.graph, c) === 1 << i) conds.push(local(c));
    if (conds.length === 0) return { plan, columns };
    const below = plan.kind === 'Filter' ? plan.input : plan;
    return { plan: filter(below, conjunction(plan.kind === 'Filter' ? [plan.predicate, ...conds] : conds)!), columns };
  }

  /** `a = b` over graph columns. */
  private equals(a: number, b: number): ScalarExpr {
    const x = columnRef(a, this.graph.fields[a]!), y = columnRef(b, this.graph.fields[b]!);
    return { kind: 'call', fn: 'eq', args: [x, y], type: DataTypes.BOOLEAN(x.type.nullable || y.type.nullable) };
  }
}
