import type { Literal, LiteralValue, ScalarExpr } from '../../../engine/logical/expression.js';
import { makeLiteral } from '../../../engine/logical/literal.js';
import type { AggregateExpr, LogicalPlan } from '../../../engine/logical/plan.js';
import { evaluateCall } from '../../../engine/optimizer/evaluate-call.js';
import { evaluateCast } from '../../../engine/optimizer/evaluate-cast.js';
import { literalOf, valueOf, type JsValue } from '../../../engine/optimizer/literal-values.js';
import type { DataType } from '../../../engine/types/data-type.js';

/** A row: one JSON-safe literal value per column (see LiteralValue). */
export type Row = readonly LiteralValue[];

/**
 * A row-at-a-time interpreter of logical plans, for checking that optimizer rewrites keep a
 * plan's result: run a plan before and after optimization over the same tables and compare.
 * Expressions are evaluated per row with the constant folder's evaluator (so it only covers
 * what that evaluates), joins as nested loops, aggregates with plain JavaScript.
 */
export function interpret(plan: LogicalPlan, tables: Record<string, readonly Row[]>): Row[] {
  switch (plan.kind) {
    case 'TableScan':
      return tables[plan.table]!.map((r) => plan.columns.map((c) => r[c]!));
    case 'Values':
      return plan.rows.map((r) => [...r]);
    case 'Filter':
      return interpret(plan.input, tables).filter((r) => evaluate(plan.predicate, r).value === true);
    case 'Project':
      return interpret(plan.input, tables).map((r) => plan.exprs.map((e) => evaluate(e, r).value));
    case 'Limit': {
      const rows = interpret(plan.input, tables).slice(plan.offset);
      return plan.fetch === undefined ? rows : rows.slice(0, plan.fetch);
    }
    case 'Union':
      return plan.inputs.flatMap((p) => interpret(p, tables));
    case 'Sort': {
      const rows = interpret(plan.input, tables);
      const keyed = rows.map((r) => ({ r, keys: plan.keys.map((k) => evaluate(k.expr, r)) }));
      keyed.sort((a, b) => {
        for (let i = 0; i < plan.keys.length; i++) {
          const k = plan.keys[i]!;
          const x = valueOf(a.keys[i]!), y = valueOf(b.keys[i]!);
          if (x === null || y === null) {
            if (x === y) continue;
            return (x === null) === k.nullsFirst ? -1 : 1;
          }
          const c = x < y ? -1 : x > y ? 1 : 0;
          if (c !== 0) return k.ascending ? c : -c;
        }
        return 0;
      });
      return keyed.map((k) => k.r);
    }
    case 'Join': {
      const left = interpret(plan.left, tables), right = interpret(plan.right, tables);
      const lw = plan.left.schema.fields.length, rw = plan.right.schema.fields.length;
      const out: Row[] = [];
      const rightMatched = new Set<number>();
      const semi = plan.joinType === 'semi' || plan.joinType === 'anti';
      for (const l of left) {
        let matched = false;
        right.forEach((r, j) => {
          const row = [...l, ...r];
          if (!plan.condition || evaluate(plan.condition, row).value === true) {
            if (!semi) out.push(row);
            matched = true;
            rightMatched.add(j);
          }
        });
        if (semi && matched === (plan.joinType === 'semi')) out.push(l);
        if (!matched && (plan.joinType === 'left' || plan.joinType === 'full')) out.push([...l, ...Array<null>(rw).fill(null)]);
      }
      if (plan.joinType === 'right' || plan.joinType === 'full') {
        right.forEach((r, j) => { if (!rightMatched.has(j)) out.push([...Array<null>(lw).fill(null), ...r]); });
      }
      return out;
    }
    case 'Window':
      throw new Error('the reference interpreter does not evaluate Window nodes (window functions are checked against DuckDB)');
    case 'Aggregate': {
      const rows = interpret(plan.input, tables);
      const groups = new Map<string, { keys: LiteralValue[]; rows: Row[] }>();
      for (const r of rows) {
        const keys = plan.groupExprs.map((g) => evaluate(g, r).value);
        const id = JSON.stringify(keys);
        const g = groups.get(id) ?? { keys, rows: [] };
        g.rows.push(r);
        groups.set(id, g);
      }
      if (plan.groupExprs.length === 0 && groups.size === 0) groups.set('[]', { keys: [], rows: [] });
      return [...groups.values()].map((g) => [...g.keys, ...plan.aggregates.map((a) => aggregate(a, g.rows))]);
    }
  }
}

/** Evaluates a bound expression over one row. */
export function evaluate(e: ScalarExpr, row: Row): Literal {
  switch (e.kind) {
    case 'column':
      return makeLiteral(row[e.index]!, e.type);
    case 'literal':
      return e;
    case 'call': {
      const args = e.args.map((a) => evaluate(a, row));
      const v = evaluateCall(e, args);
      if (!v) throw new Error(`the reference interpreter cannot evaluate ${e.fn} here`);
      return v;
    }
  }
}

function aggregate(a: AggregateExpr, rows: readonly Row[]): LiteralValue {
  const selected = a.filter ? rows.filter((r) => evaluate(a.filter!, r).value === true) : rows;
  if (a.fn === 'count_star') return literalOf(BigInt(selected.length), a.type).value;
  const values = selected.map((r) => valueOf(evaluate(a.arg!, r))).filter((v): v is Exclude<JsValue, null> => v !== null);
  const distinct = a.distinct || a.fn === 'count_distinct' ? [...new Set(values)] : values;
  if (a.fn === 'count' || a.fn === 'count_distinct') return literalOf(BigInt(distinct.length), a.type).value;
  if (distinct.length === 0) return null;
  const argType = a.arg!.type;
  if (a.fn === 'min' || a.fn === 'max') {
    const best = distinct.reduce((m, v) => ((a.fn === 'min' ? v < m : v > m) ? v : m));
    return literalOf(best, a.type).value;
  }
  const asNumber = (v: Exclude<JsValue, null>) => Number(v);
  if (a.fn === 'sum') {
    const exact = typeof distinct[0] === 'bigint' || (argType.name !== 'DOUBLE' && argType.name !== 'FLOAT');
    return literalOf(exact ? distinct.reduce<bigint>((s, v) => s + BigInt(v as number | bigint), 0n) : distinct.map(asNumber).reduce((s, v) => s + v, 0), a.type).value;
  }
  // avg: computed as DOUBLE, then cast to the result type, as the physical plan does.
  const mean = makeLiteral(distinct.map(asNumber).reduce((s, v) => s + v, 0) / distinct.length, { name: 'DOUBLE', nullable: true });
  return evaluateCast(mean, a.type as DataType, false)!.value;
}
