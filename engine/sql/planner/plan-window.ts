import { NotImplementedError } from '../../errors.js';
import type { ColumnRef, ScalarExpr } from '../../logical/expression.js';
import { columnRef, exprEquals } from '../../logical/expression-utils.js';
import { castTo, resolveAggregate, type AggregateName } from '../../logical/function-catalog.js';
import { project, window } from '../../logical/plan-builder.js';
import type { FrameBound, LogicalPlan, SortExpr, WindowCall, WindowFrame, WindowFunction } from '../../logical/plan.js';
import { commonType } from '../../logical/type-coercion.js';
import { simplify } from '../../optimizer/constant-folding.js';
import { DataTypes, withNullable, type DataType } from '../../types/data-type.js';
import type { Expr, FrameBound as SqlFrameBound, FunctionCall, Identifier, NamedWindow, WindowSpec } from '../ast.js';
import { exprChildren, functionName } from './ast-walk.js';
import { bindExpr, type BindContext } from './bind-expression.js';
import { intervalValue } from './sql-literals.js';
import { SqlValidationError } from './sql-validation-error.js';

/** The OVER calls of a SELECT block, in order of appearance (the calls of their arguments excluded). */
export function collectWindowCalls(exprs: readonly Expr[]): FunctionCall[] {
  const out: FunctionCall[] = [];
  const visit = (e: Expr) => {
    if (e.kind === 'function_call' && e.over !== undefined) {
      out.push(e);
      return;
    }
    exprChildren(e).forEach(visit);
  };
  exprs.forEach(visit);
  return out;
}

const RANKING: Readonly<Record<string, WindowFunction>> = { ROW_NUMBER: 'row_number', RANK: 'rank', DENSE_RANK: 'dense_rank' };
const OFFSET: Readonly<Record<string, WindowFunction>> = { LAG: 'lag', LEAD: 'lead' };
const VALUE: Readonly<Record<string, WindowFunction>> = { FIRST_VALUE: 'first_value', LAST_VALUE: 'last_value' };

/** A planned OVER clause: the Window nodes over the input and where each call's value is. */
export interface PlannedWindows {
  readonly plan: LogicalPlan;
  /** Binds an OVER call to its output column (the intercept of the SELECT list). */
  readonly refOf: (call: FunctionCall) => ColumnRef | undefined;
}

/**
 * Plans the OVER calls of a (non-grouped) SELECT block: the expressions their PARTITION BY,
 * ORDER BY and arguments need are computed by a projection that keeps every input column in
 * place, then one Window node per distinct (PARTITION BY, ORDER BY) appends the calls' values.
 * Input positions do not move, so the SELECT list binds as before, with each call replaced by
 * its column.
 */
export function planWindows(
  calls: readonly FunctionCall[],
  input: LogicalPlan,
  named: readonly NamedWindow[],
  ctx: Omit<BindContext, 'clause'>,
): PlannedWindows {
  const inputFields = input.schema.fields;
  const exprs: ScalarExpr[] = inputFields.map((f, i) => columnRef(i, f));
  const names: string[] = inputFields.map((f) => f.name);
  const position = (e: ScalarExpr, name: string): number => {
    const k = exprs.findIndex((x) => exprEquals(x, e));
    if (k >= 0) return k;
    exprs.push(e);
    names.push(name);
    return exprs.length - 1;
  };
  const bind = (e: Expr, clause: string) => bindExpr(e, { ...ctx, clause });

  interface Spec { partition: number[]; order: { index: number; ascending: boolean; nullsFirst: boolean }[]; orderTypes: DataType[] }
  const planned = calls.map((call, n) => {
    const name = functionName(call);
    const spec = resolveSpec(call, named);
    if (call.filter) throw new SqlValidationError(new NotImplementedError('FILTER (WHERE ...) on an OVER call').message, call.filter.span);
    if (call.distinct) throw new SqlValidationError(new NotImplementedError(`${name}(DISTINCT ...) OVER`).message, call.span);
    const partition = spec.partitionBy.map((e) => position(bind(e, 'PARTITION BY'), `$partition${n}`));
    const orderBound = spec.orderBy.map((o) => bind(o.expr, 'the ORDER BY of OVER'));
    const order = spec.orderBy.map((o, k) => {
      const ascending = o.direction !== 'desc';
      return { index: position(orderBound[k]!, `$order${n}`), ascending, nullsFirst: o.nulls ? o.nulls === 'first' : ascending };
    });
    const s: Spec = { partition, order, orderTypes: orderBound.map((e) => e.type) };
    const args = call.args.map((a) => {
      if (a.kind === 'named_argument' || a.kind === 'table_argument' || a.kind === 'descriptor') {
        throw new SqlValidationError(`${name} takes plain arguments`, call.span);
      }
      return a;
    });
    return { call, spec: s, ...windowCall(call, name, args, s, spec, position, bind, `w$${n}`) };
  });

  let plan: LogicalPlan = exprs.length === inputFields.length ? input : project(input, exprs, names);
  const refs = new Map<FunctionCall, ColumnRef>();
  const sameSpec = (a: Spec, b: Spec) =>
    a.partition.length === b.partition.length && a.partition.every((x, i) => x === b.partition[i]) &&
    a.order.length === b.order.length && a.order.every((x, i) => x.index === b.order[i]!.index && x.ascending === b.order[i]!.ascending && x.nullsFirst === b.order[i]!.nullsFirst);
  const remaining = [...planned];
  while (remaining.length > 0) {
    const spec = remaining[0]!.spec;
    const group = remaining.filter((p) => sameSpec(p.spec, spec));
    const fields = plan.schema.fields;
    const ref = (i: number) => columnRef(i, fields[i]!);
    const orderBy: SortExpr[] = spec.order.map((o) => ({ expr: ref(o.index), ascending: o.ascending, nullsFirst: o.nullsFirst }));
    const width = fields.length;
    const windowCalls: WindowCall[] = group.map((g) => ({ ...g.windowCall, args: g.argPositions.map(ref) }));
    plan = window(plan, spec.partition.map(ref), orderBy, windowCalls);
    group.forEach((g, k) => refs.set(g.call, columnRef(width + k, plan.schema.fields[width + k]!)));
    for (const g of group) remaining.splice(remaining.indexOf(g), 1);
  }
  return { plan, refOf: (call) => refs.get(call) };
}

function resolveSpec(call: FunctionCall, named: readonly NamedWindow[]): WindowSpec {
  const over = call.over!;
  const lookup = (id: Identifier): WindowSpec => {
    const w = named.find((n) => n.name.value === id.value);
    if (!w) throw new SqlValidationError(`window '${id.value}' is not defined in the WINDOW clause`, id.span);
    return w.spec;
  };
  if (over.kind === 'identifier') return lookup(over);
  if (!over.base) return over;
  const base = lookup(over.base);
  return { ...base, ...over, partitionBy: base.partitionBy, orderBy: over.orderBy.length ? over.orderBy : base.orderBy, frame: over.frame ?? base.frame };
}

/** Types one OVER call, placing its arguments as input columns. */
function windowCall(
  call: FunctionCall,
  name: string,
  args: readonly Expr[],
  spec: { order: readonly unknown[]; orderTypes: readonly DataType[] },
  sqlSpec: WindowSpec,
  position: (e: ScalarExpr, name: string) => number,
  bind: (e: Expr, clause: string) => ScalarExpr,
  callName: string,
): { windowCall: Omit<WindowCall, 'args'>; argPositions: number[] } {
  const fail = (detail: string): never => {
    throw new SqlValidationError(detail, call.span);
  };
  const defaultFrame: WindowFrame = spec.order.length > 0
    ? { units: 'range', start: { kind: 'unbounded_preceding' }, end: { kind: 'current_row' } }
    : { units: 'rows', start: { kind: 'unbounded_preceding' }, end: { kind: 'unbounded_following' } };
  const arity = (min: number, max: number) => {
    if (args.length < min || args.length > max) fail(`${name} takes ${min === max ? min : `${min} to ${max}`} arguments, got ${args.length}`);
  };
  const ranking = RANKING[name];
  if (ranking) {
    arity(0, 0);
    return { windowCall: { fn: ranking, frame: defaultFrame, type: DataTypes.BIGINT(false), name: callName }, argPositions: [] };
  }
  const offsetFn = OFFSET[name];
  if (offsetFn) {
    arity(1, 3);
    const value = bind(args[0]!, `the argument of ${name}`);
    let offset = 1;
    if (args[1]) {
      const o = simplify(bind(args[1], `the offset of ${name}`));
      if (o.kind !== 'literal' || !Number.isInteger(Number(o.value)) || Number(o.value) < 0) fail(`the offset of ${name} must be a non-negative integer constant`);
      offset = Number((o as { value: unknown }).value);
    }
    const positions = [position(value, `${callName}$arg`)];
    let type = withNullable(value.type, true);
    if (args[2]) {
      const d = bind(args[2], `the default of ${name}`);
      const t = commonType(value.type, d.type) ?? fail(`the default of ${name} must have the argument's type`);
      type = withNullable(t, true);
      positions[0] = position(castTo(value, t), `${callName}$arg`);
      positions.push(position(castTo(d, t), `${callName}$default`));
    }
    return { windowCall: { fn: offsetFn, offset, frame: defaultFrame, type, name: callName }, argPositions: positions };
  }
  const frame = sqlSpec.frame ? toFrame(sqlSpec.frame, spec.orderTypes, call) : defaultFrame;
  const valueFn = VALUE[name];
  if (valueFn) {
    arity(1, 1);
    const value = bind(args[0]!, `the argument of ${name}`);
    return { windowCall: { fn: valueFn, frame, type: withNullable(value.type, true), name: callName }, argPositions: [position(value, `${callName}$arg`)] };
  }
  if (['COUNT', 'SUM', 'AVG', 'MIN', 'MAX'].includes(name)) {
    if (call.star || (name === 'COUNT' && args.length === 0)) {
      return { windowCall: { fn: 'count_star', frame, type: DataTypes.BIGINT(false), name: callName }, argPositions: [] };
    }
    arity(1, 1);
    const value = bind(args[0]!, `the argument of ${name}`);
    const text = name;
    const { fn, type } = resolveAggregate(name.toLowerCase() as AggregateName, value, false, text);
    if (fn !== 'count' && fn !== 'sum' && fn !== 'avg' && fn !== 'min' && fn !== 'max') fail(`${name} is not a window function`);
    return { windowCall: { fn: fn as WindowFunction, frame, type, name: callName }, argPositions: [position(value, `${callName}$arg`)] };
  }
  return fail(new NotImplementedError(`${name} as a window function`, 'use ROW_NUMBER, RANK, DENSE_RANK, LAG, LEAD, FIRST_VALUE, LAST_VALUE, COUNT, SUM, AVG, MIN or MAX').message);
}

/** A SQL frame in engine terms: ROWS offsets as row counts, RANGE offsets in the order key's unit. */
function toFrame(f: NonNullable<WindowSpec['frame']>, orderTypes: readonly DataType[], call: FunctionCall): WindowFrame {
  const bound = (b: SqlFrameBound): FrameBound => {
    if (b.bound !== 'preceding' && b.bound !== 'following') return { kind: b.bound };
    const e = b.offset!;
    if (f.units === 'rows') {
      if (e.kind !== 'numeric_literal' || !/^\d+$/.test(e.text)) throw new SqlValidationError('a ROWS frame offset must be a non-negative integer', e.span);
      return { kind: b.bound, offset: Number(e.text) };
    }
    if (orderTypes.length !== 1) throw new SqlValidationError('a RANGE frame with an offset needs exactly one ORDER BY key', e.span);
    const t = orderTypes[0]!;
    if (e.kind === 'interval_literal') {
      const v = intervalValue(e);
      if ('months' in v) throw new SqlValidationError(new NotImplementedError('YEAR and MONTH intervals in RANGE frames').message, e.span);
      if (t.name === 'TIMESTAMP') return { kind: b.bound, offset: t.precision === 6 ? v.millis * 1000 : v.millis };
      if (t.name === 'DATE' && v.millis % 86_400_000 === 0) return { kind: b.bound, offset: v.millis / 86_400_000 };
      throw new SqlValidationError(`an INTERVAL frame offset needs a TIMESTAMP or DATE order key, not ${t.name}`, e.span);
    }
    if (e.kind === 'numeric_literal' && (t.name === 'INT' || t.name === 'BIGINT' || t.name === 'SMALLINT' || t.name === 'TINYINT' || t.name === 'DOUBLE' || t.name === 'FLOAT')) {
      return { kind: b.bound, offset: Number(e.text) };
    }
    throw new SqlValidationError(`a RANGE frame offset must be a number for a numeric order key or an INTERVAL for a time key`, e.span);
  };
  const frame: WindowFrame = { units: f.units, start: bound(f.start), end: f.end ? bound(f.end) : { kind: 'current_row' } };
  if (frame.start.kind === 'unbounded_following' || frame.end.kind === 'unbounded_preceding') {
    throw new SqlValidationError('a window frame cannot start at UNBOUNDED FOLLOWING or end at UNBOUNDED PRECEDING', call.span);
  }
  return frame;
}
