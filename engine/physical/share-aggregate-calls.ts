import type { ScalarExpr } from '../logical/expression.js';
import { columnRef } from '../logical/expression-utils.js';
import { castTo, resolveAggregate, resolveCall } from '../logical/function-catalog.js';
import { DataTypes, type DataType, type Field } from '../types/data-type.js';
import type { AggregateCall } from './exec-plan.js';

/** One aggregate of the logical plan with its argument and FILTER as positions of the aggregate's input. */
export interface PositionedAggregate {
  readonly call: AggregateCall;
  /** The argument (absent for COUNT(*)). */
  readonly arg?: ScalarExpr;
  /** The aggregate's result type in the logical plan. */
  readonly type: DataType;
}

/** The calls the hash aggregate computes, and how each logical aggregate is read from its output. */
export interface SharedAggregates {
  /** The hash aggregate's calls with their output fields (AVG over non-decimals is a DOUBLE). */
  readonly calls: readonly { readonly call: AggregateCall; readonly field: Field }[];
  /**
   * Per logical aggregate, its value in its logical type as an expression over the hash
   * aggregate's output (positions count from 0 at the first aggregate column).
   */
  readonly values: readonly ScalarExpr[];
}

/**
 * Chooses the aggregate calls a HashAggregateExec computes for a list of logical aggregates:
 * equal calls (same function, argument and FILTER; COUNT of a NOT NULL argument is COUNT(*)) are
 * computed once, and AVG(x) becomes SUM(x) / COUNT(x) in a projection above when that lets it
 * share work: the query has the SUM(x) or the COUNT(x) already, or several AVGs share one COUNT
 * (TPC-H Q1's three AVGs then cost one SUM instead of three sums and counts). A lone AVG stays
 * one call. The division reproduces the kernel's AVG exactly: AVG(DECIMAL(p, s)) is Flink's
 * DECIMAL(38, s) / BIGINT, whose type is AVG's DECIMAL(38, max(6, s)) and which rounds HALF_UP
 * as the kernel does; other AVGs divide the sum by the count as DOUBLEs (as the kernel does) and
 * cast to the AVG's type. No rows (or only NULLs) give a NULL SUM, so the quotient is NULL.
 */
export function shareAggregateCalls(aggregates: readonly PositionedAggregate[]): SharedAggregates {
  const calls: { call: AggregateCall; field: Field }[] = [];
  const byKey = new Map<string, number>();
  const place = (call: AggregateCall, type: DataType, key: string): ScalarExpr => {
    let at = byKey.get(key);
    if (at === undefined) {
      at = calls.length;
      byKey.set(key, at);
      calls.push({ call, field: { name: call.name, type } });
    }
    return columnRef(at, calls[at]!.field);
  };

  const plain = aggregates.filter((a) => !rewritable(a));
  const present = new Set(plain.map(keyOf));
  const countUses = new Map<string, number>();
  for (const a of aggregates) {
    if (rewritable(a)) countUses.set(countKey(a), (countUses.get(countKey(a)) ?? 0) + 1);
  }
  const shares = (a: PositionedAggregate) =>
    present.has(sumKey(a)) || present.has(countKey(a)) || (countUses.get(countKey(a)) ?? 0) > 1;

  // The query's own calls first (so shared columns keep their names), then the AVGs' parts.
  const divided = aggregates.map((a) => rewritable(a) && shares(a));
  const values = new Array<ScalarExpr>(aggregates.length);
  aggregates.forEach((a, i) => {
    if (divided[i]) return;
    const execType = a.call.fn === 'avg' && a.arg?.type.name !== 'DECIMAL' ? DataTypes.DOUBLE() : a.type;
    values[i] = castTo(place(a.call, execType, keyOf(a)), a.type);
  });
  aggregates.forEach((a, i) => {
    if (!divided[i]) return;
    const sum = place(withFn(a.call, 'sum', `${a.call.name}$sum`), sumType(a), sumKey(a));
    const count = place(countCall(a, `${a.call.name}$count`), DataTypes.BIGINT(false), countKey(a));
    values[i] = averageOf(sum, count, a.type);
  });
  return { calls, values };
}

/**
 * An AVG (never DISTINCT: planAggregate rejects that) whose quotient SUM / COUNT has its type:
 * always, as Flink types DECIMAL(38, s) / BIGINT as DECIMAL(38, max(6, s)); checked all the same.
 */
function rewritable(a: PositionedAggregate): boolean {
  if (a.call.fn !== 'avg' || a.arg === undefined) return false;
  if (a.arg.type.name !== 'DECIMAL') return true;
  const sum: ScalarExpr = { kind: 'column', index: 0, name: 'sum', type: sumType(a) };
  const count: ScalarExpr = { kind: 'column', index: 1, name: 'count', type: DataTypes.BIGINT(false) };
  const q = resolveCall('divide', [sum, count], 'AVG').type;
  return q.precision === a.type.precision && q.scale === a.type.scale && q.name === a.type.name;
}

function sumType(a: PositionedAggregate): DataType {
  return resolveAggregate('sum', a.arg, false, `SUM(${a.call.name})`).type;
}

function keyOf(a: PositionedAggregate): string {
  const c = a.call;
  if (c.fn === 'count' && a.arg?.type.nullable === false) return `count_star||${c.filter ?? ''}`;
  return `${c.fn}|${c.arg ?? ''}|${c.filter ?? ''}`;
}

function sumKey(a: PositionedAggregate): string {
  return keyOf({ ...a, call: withFn(a.call, 'sum', '') });
}

function countKey(a: PositionedAggregate): string {
  return keyOf({ ...a, call: withFn(a.call, 'count', '') });
}

function withFn(c: AggregateCall, fn: AggregateCall['fn'], name: string): AggregateCall {
  return { ...c, fn, name };
}

/** COUNT(x) of the AVG's rows: COUNT(*) when x is NOT NULL (with the AVG's FILTER). */
function countCall(a: PositionedAggregate, name: string): AggregateCall {
  if (a.arg?.type.nullable !== false) return withFn(a.call, 'count', name);
  const { arg: _arg, ...rest } = a.call;
  return { ...rest, fn: 'count_star', name };
}

/** sum / count in AVG's type `type`, computed as the hash aggregate computes AVG. */
function averageOf(sum: ScalarExpr, count: ScalarExpr, type: DataType): ScalarExpr {
  if (type.name === 'DECIMAL') return { ...resolveCall('divide', [sum, count], 'AVG'), type };
  const d = DataTypes.DOUBLE();
  const quotient: ScalarExpr = { kind: 'call', fn: 'divide', args: [castTo(sum, d), castTo(count, d)], type: d };
  return castTo(quotient, type);
}
