import { NotImplementedError } from '../errors.js';
import type { ScalarExpr } from '../logical/expression.js';
import { columnRef, exprEquals, shiftColumns, splitConjunction } from '../logical/expression-utils.js';
import { formatAggregate } from '../logical/format-plan.js';
import type { Aggregate } from '../logical/plan.js';
import type { Field } from '../types/data-type.js';
import { asColumnCompare } from '../logical/column-compare.js';
import type { AggregateCall, ExecNode, HashAggregateExec } from './exec-plan.js';
import { projectExec } from './project-exec.js';
import { shareAggregateCalls } from './share-aggregate-calls.js';

/**
 * Plans an Aggregate as a HashAggregateExec (mode `single`) that sees column positions only:
 * when a group key, an argument or a FILTER condition is not a plain column, a ProjectExec below
 * computes exactly the columns the aggregate reads (group keys, arguments, filter BOOLEANs; equal
 * expressions once). Equal aggregate calls are computed once, and an AVG that can share the
 * query's SUM or COUNT becomes SUM / COUNT (share-aggregate-calls.ts). The hash aggregate computes
 * AVG as DOUBLE, except AVG(DECIMAL), which it computes exactly in Flink's type
 * DECIMAL(38, max(6, s)); where Flink's type differs (AVG(INT) is an INT), where calls are shared
 * or AVG is divided, a ProjectExec above produces the Aggregate's columns.
 */
export function planAggregate(plan: Aggregate, input: ExecNode): ExecNode {
  for (const a of plan.aggregates) {
    if (a.distinct && (a.fn === 'sum' || a.fn === 'avg')) {
      throw new NotImplementedError(`${formatAggregate(a)}`, 'COUNT(DISTINCT ...) is supported; for SUM/AVG of distinct values, apply distinct() to a projection first');
    }
  }
  const read: ScalarExpr[] = [
    ...plan.groupExprs,
    ...plan.aggregates.flatMap((a) => [a.arg, a.filter].filter((e): e is ScalarExpr => e !== undefined)),
  ];
  const allColumns = read.every((e) => e.kind === 'column');
  const columns: ScalarExpr[] = [];
  const names: string[] = [];
  const positionOf = (e: ScalarExpr, name: string): number => {
    if (allColumns) return (e as { index: number }).index;
    const known = columns.findIndex((c) => exprEquals(c, e));
    if (known >= 0) return known;
    columns.push(e);
    names.push(e.kind === 'column' ? e.name : name);
    return columns.length - 1;
  };

  const groupBy = plan.groupExprs.map((e, i) => positionOf(e, plan.schema.fields[i]!.name));
  const shared = shareAggregateCalls(plan.aggregates.map((a) => {
    const call: { fn: AggregateCall['fn']; arg?: number; filter?: number; name: string } = { fn: a.fn, name: a.name };
    if (a.arg) call.arg = positionOf(a.arg, `${a.name}$arg`);
    if (a.filter) call.filter = positionOf(a.filter, `${a.name}$filter`);
    return a.arg ? { call, arg: a.arg, type: a.type } : { call, type: a.type };
  }));
  const aggregates = shared.calls.map((c) => c.call);
  const aggInput: ExecNode = allColumns
    ? input
    : {
        op: 'ProjectExec',
        input,
        exprs: columns,
        schema: { fields: columns.map((e, i) => ({ name: names[i]!, type: e.type })) },
      };

  const nGroups = plan.groupExprs.length;
  const groupFields = plan.schema.fields.slice(0, nGroups);
  const execFields: Field[] = [...groupFields, ...shared.calls.map((c) => c.field)];
  // A global aggregate straight over `column <op> literal` comparisons (ANDed) folds the filter in (see HashAggregateExec.where).
  const folded = nGroups === 0 && aggInput.op === 'FilterExec' && splitConjunction(aggInput.predicate).every((c) => asColumnCompare(c))
    ? aggInput : undefined;
  const agg: HashAggregateExec = {
    op: 'HashAggregateExec',
    input: folded ? folded.input : aggInput,
    mode: 'single',
    groupBy,
    aggregates,
    ...(folded ? { where: folded.predicate } : {}),
    schema: { fields: execFields },
  };
  const exprs = [
    ...groupFields.map((f, i) => columnRef(i, f)),
    ...shared.values.map((e) => shiftColumns(e, nGroups)),
  ];
  return projectExec(agg, exprs, plan.schema);
}
