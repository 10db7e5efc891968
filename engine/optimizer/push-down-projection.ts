import type { ColumnRef, ScalarExpr } from '../logical/expression.js';
import { collectColumns, columnRef, mapColumns } from '../logical/expression-utils.js';
import { aggregate, filter, join, project, sort, union, values, window } from '../logical/plan-builder.js';
import type { LogicalPlan, TableScan } from '../logical/plan.js';
import type { OptimizerRule } from './optimizer-rule.js';

/**
 * Projection push-down (column pruning): every node keeps only the columns some node above it
 * reads, down to the TableScan's column list, so the scan copies fewer columns and every
 * operator moves fewer. Unused projections and aggregate calls are dropped too. The root keeps
 * its exact output (a projection restores order and names when pruning changed them).
 */
export const pushDownProjection: OptimizerRule = {
  name: 'push_down_projection',
  apply: (plan) => {
    const all = plan.schema.fields.map((_, i) => i);
    const { plan: pruned, map } = prune(plan, new Set(all));
    const unchanged = pruned.schema.fields.length === all.length && all.every((i) => map.get(i) === i);
    if (unchanged) return pruned;
    return project(pruned, all.map((i) => columnRef(map.get(i)!, pruned.schema.fields[map.get(i)!]!)), plan.schema.fields.map((f) => f.name));
  },
};

/** A pruned plan and where each kept column of the original output now is. */
interface Pruned {
  readonly plan: LogicalPlan;
  readonly map: ReadonlyMap<number, number>;
}

const remap = (e: ScalarExpr, map: ReadonlyMap<number, number>) => mapColumns(e, (c) => ({ ...c, index: map.get(c.index)! }));

/** Keeps `positions` of `n` columns, at least one (a relation without columns would lose its row count). */
function keepAtLeastOne(positions: Iterable<number>, n: number): number[] {
  const kept = [...positions].filter((i) => i < n).sort((a, b) => a - b);
  return kept.length === 0 && n > 0 ? [0] : kept;
}

function indexMap(kept: readonly number[]): Map<number, number> {
  return new Map(kept.map((old, i) => [old, i]));
}

/**
 * `p` narrowed to exactly the `need`ed columns by a projection when it carries more (columns a
 * filter below read but nothing above does). Used below joins and sorts, which copy every column
 * they are given into their hash table or sort buffer.
 */
function narrow(p: Pruned, need: ReadonlySet<number>): Pruned {
  const keep = [...need].filter((i) => p.map.has(i)).sort((a, b) => a - b);
  const fields = p.plan.schema.fields;
  if (keep.length === 0 || keep.length === fields.length) return p;
  const at = (old: number) => p.map.get(old)!;
  return {
    plan: project(p.plan, keep.map((old) => columnRef(at(old), fields[at(old)]!)), keep.map((old) => fields[at(old)]!.name)),
    map: indexMap(keep),
  };
}

/** `plan` producing at least the `required` columns of its output. */
function prune(plan: LogicalPlan, required: ReadonlySet<number>): Pruned {
  switch (plan.kind) {
    case 'TableScan': {
      const kept = keepAtLeastOne(required, plan.columns.length);
      const scan: TableScan = {
        kind: 'TableScan',
        table: plan.table,
        columns: kept.map((i) => plan.columns[i]!),
        schema: { fields: kept.map((i) => plan.schema.fields[i]!) },
      };
      return { plan: scan, map: indexMap(kept) };
    }
    case 'Values': {
      const kept = keepAtLeastOne(required, plan.schema.fields.length);
      return {
        plan: values(plan.rows.map((r) => kept.map((i) => r[i]!)), { fields: kept.map((i) => plan.schema.fields[i]!) }),
        map: indexMap(kept),
      };
    }
    case 'Filter': {
      const input = prune(plan.input, new Set([...required, ...collectColumns(plan.predicate)]));
      return { plan: filter(input.plan, remap(plan.predicate, input.map)), map: input.map };
    }
    case 'Sort': {
      const need = new Set(required);
      for (const k of plan.keys) collectColumns(k.expr, need);
      const input = narrow(prune(plan.input, need), need);
      return { plan: sort(input.plan, plan.keys.map((k) => ({ ...k, expr: remap(k.expr, input.map) }))), map: input.map };
    }
    case 'Limit': {
      const input = prune(plan.input, required);
      return { plan: { ...plan, input: input.plan, schema: input.plan.schema }, map: input.map };
    }
    case 'Project': {
      const kept = keepAtLeastOne(required, plan.exprs.length);
      const need = new Set<number>();
      for (const i of kept) collectColumns(plan.exprs[i]!, need);
      const input = prune(plan.input, need);
      const exprs = kept.map((i) => remap(plan.exprs[i]!, input.map));
      return { plan: project(input.plan, exprs, kept.map((i) => plan.schema.fields[i]!.name)), map: indexMap(kept) };
    }
    case 'Aggregate': {
      const nGroups = plan.groupExprs.length;
      let aggs = plan.aggregates.map((_, j) => j).filter((j) => required.has(nGroups + j));
      if (aggs.length === 0 && nGroups === 0 && plan.aggregates.length > 0) aggs = [0]; // a global aggregate still emits its one row
      const need = new Set<number>();
      for (const g of plan.groupExprs) collectColumns(g, need);
      for (const j of aggs) {
        const a = plan.aggregates[j]!;
        if (a.arg) collectColumns(a.arg, need);
        if (a.filter) collectColumns(a.filter, need);
      }
      const input = prune(plan.input, need);
      const aggregates = aggs.map((j) => {
        const a = plan.aggregates[j]!;
        return { ...a, ...(a.arg ? { arg: remap(a.arg, input.map) } : {}), ...(a.filter ? { filter: remap(a.filter, input.map) } : {}) };
      });
      const groupNames = plan.schema.fields.slice(0, nGroups).map((f) => f.name);
      const node = aggregate(input.plan, plan.groupExprs.map((g) => remap(g, input.map)), groupNames, aggregates);
      const map = new Map<number, number>(plan.groupExprs.map((_, i) => [i, i]));
      aggs.forEach((j, k) => map.set(nGroups + j, nGroups + k));
      return { plan: node, map };
    }
    case 'Join': {
      const width = plan.left.schema.fields.length;
      const need = new Set(required);
      if (plan.condition) collectColumns(plan.condition, need);
      const leftNeed = new Set([...need].filter((i) => i < width));
      const rightNeed = new Set([...need].filter((i) => i >= width).map((i) => i - width));
      const left = narrow(prune(plan.left, leftNeed), leftNeed);
      const right = narrow(prune(plan.right, rightNeed), rightNeed);
      const newWidth = left.plan.schema.fields.length;
      const map = new Map<number, number>(left.map);
      for (const [old, now] of right.map) map.set(old + width, now + newWidth);
      const node = join(left.plan, right.plan, plan.joinType, plan.condition && remap(plan.condition, map));
      return { plan: plan.buildSide ? { ...node, buildSide: plan.buildSide } : node, map };
    }
    case 'Window': {
      // Keeps every call; narrows the input to what the parent and the calls read.
      const width = plan.input.schema.fields.length;
      const need = new Set([...required].filter((i) => i < width));
      for (const e of [...plan.partitionBy, ...plan.orderBy.map((k) => k.expr), ...plan.calls.flatMap((c) => c.args)]) collectColumns(e, need);
      const input = prune(plan.input, need);
      const ref = (e: ColumnRef): ColumnRef => remap(e, input.map) as ColumnRef;
      const node = window(
        input.plan,
        plan.partitionBy.map(ref),
        plan.orderBy.map((k) => ({ ...k, expr: ref(k.expr as ColumnRef) })),
        plan.calls.map((c) => ({ ...c, args: c.args.map(ref) })),
      );
      const newWidth = input.plan.schema.fields.length;
      const map = new Map<number, number>(input.map);
      plan.calls.forEach((_, k) => map.set(width + k, newWidth + k));
      return { plan: node, map };
    }
    case 'Union': {
      const kept = keepAtLeastOne(required, plan.schema.fields.length);
      const inputs = plan.inputs.map((input) => {
        const p = prune(input, new Set(kept));
        const exact = p.plan.schema.fields.length === kept.length && kept.every((old, i) => p.map.get(old) === i);
        if (exact) return p.plan;
        return project(p.plan, kept.map((old) => columnRef(p.map.get(old)!, p.plan.schema.fields[p.map.get(old)!]!)), kept.map((old) => input.schema.fields[old]!.name));
      });
      return { plan: union(inputs), map: indexMap(kept) };
    }
  }
}
