import { NotImplementedError } from '../../errors.js';
import type { ColumnRef, ScalarExpr } from '../../logical/expression.js';
import { columnRef } from '../../logical/expression-utils.js';
import { castTo, resolveCall } from '../../logical/function-catalog.js';
import { makeLiteral } from '../../logical/literal.js';
import { filter, project, union, window } from '../../logical/plan-builder.js';
import type { LogicalPlan, WindowFrame } from '../../logical/plan.js';
import { DataTypes, withNullable, type Field } from '../../types/data-type.js';
import type { Expr, FunctionArg, FunctionCall, Span, TableArgument, TableFunction } from '../ast.js';
import { functionName } from './ast-walk.js';
import type { PlannedRelation } from './plan-from.js';
import type { PlannerContext } from './planner-context.js';
import { intervalValue } from './sql-literals.js';
import { SqlScope } from './sql-scope.js';
import { SqlValidationError } from './sql-validation-error.js';

/** Parameters of each window TVF, in positional order (Flink's names for named arguments). */
const PARAMETERS: Readonly<Record<string, readonly string[]>> = {
  TUMBLE: ['DATA', 'TIMECOL', 'SIZE', 'OFFSET'],
  HOP: ['DATA', 'TIMECOL', 'SLIDE', 'SIZE', 'OFFSET'],
  CUMULATE: ['DATA', 'TIMECOL', 'STEP', 'SIZE', 'OFFSET'],
  SESSION: ['DATA', 'TIMECOL', 'GAP'],
};

/** Whether a FROM table function is one of Flink's window TVFs. */
export function isWindowTvf(call: FunctionCall): boolean {
  return functionName(call) in PARAMETERS;
}

/**
 * Flink's windowing table-valued functions over a bounded input: every row gets the windows it
 * belongs to as `window_start`, `window_end` and `window_time` (end minus 1 ms, the window's
 * rowtime). TUMBLE assigns one window; HOP (size/slide windows) and CUMULATE (size/step windows)
 * replicate the row once per window, as a UNION ALL of one projection per window; SESSION sorts
 * each partition by time and opens a new window where the gap to the previous row reaches GAP.
 * Windows align to the epoch plus OFFSET, as in Flink; sizes are whole seconds.
 */
export function planWindowTvf(ref: TableFunction, ctx: PlannerContext): PlannedRelation {
  const call = ref.call;
  const name = functionName(call);
  const args = bindArguments(call, PARAMETERS[name]!);
  const data = args.get('DATA');
  if (!data || data.kind !== 'table_argument') throw new SqlValidationError(`${name} needs a table as its first argument: TABLE t`, call.span);
  const tableName = data.name.parts.map((p) => p.value).join('.');
  const rel = ctx.relation(tableName);
  if (!rel) throw new SqlValidationError(`table '${tableName}' not found`, data.name.span);
  const input = rel.plan;
  const fields = input.schema.fields;
  const timecol = args.get('TIMECOL');
  if (!timecol || timecol.kind !== 'descriptor' || timecol.columns.length !== 1) {
    throw new SqlValidationError(`${name} needs the time column as DESCRIPTOR(column)`, timecol?.span ?? call.span);
  }
  const tsName = timecol.columns[0]!.value;
  const tsIndex = fields.findIndex((f) => f.name === tsName);
  if (tsIndex < 0) throw new SqlValidationError(`column '${tsName}' not found in ${tableName}`, timecol.columns[0]!.span);
  const tsField = fields[tsIndex]!;
  if (tsField.type.name !== 'TIMESTAMP') throw new SqlValidationError(`the time column of ${name} must be a TIMESTAMP, '${tsName}' is ${tsField.type.name}`, timecol.span);
  const ts = columnRef(tsIndex, tsField);
  const seconds = (param: string, required: boolean): number | undefined => intervalSeconds(args.get(param), param, name, required, call.span);
  const text = ctx.sql.slice(call.span.start, call.span.end);
  if (name === 'SESSION') {
    if (data.partitionBy.length > 1) throw new SqlValidationError(new NotImplementedError('SESSION partitioned by more than one column').message, data.span);
    const partition = data.partitionBy.map((e) => {
      if (e.kind !== 'column_ref') throw new SqlValidationError('SESSION partitions by columns', e.span);
      const i = fields.findIndex((f) => f.name === e.parts[e.parts.length - 1]!.value);
      if (i < 0) throw new SqlValidationError(`column '${e.parts.map((p) => p.value).join('.')}' not found in ${tableName}`, e.span);
      return columnRef(i, fields[i]!);
    });
    return relation(sessionWindows(input, ts, partition, seconds('GAP', true)! * 1000, text), ref, tableName);
  }
  if (data.partitionBy.length > 0) throw new SqlValidationError(`${name} takes no PARTITION BY; only SESSION does`, data.span);
  const offset = (seconds('OFFSET', false) ?? 0) * 1000;
  const plans: LogicalPlan[] = [];
  if (name === 'TUMBLE') {
    const size = seconds('SIZE', true)! * 1000;
    plans.push(withWindow(input, windowStart(ts, size, offset, text), size, text));
  } else if (name === 'HOP') {
    const slide = seconds('SLIDE', true)! * 1000, size = seconds('SIZE', true)! * 1000;
    if (size % slide !== 0) throw new SqlValidationError(`HOP needs a SIZE that is a multiple of its SLIDE`, call.span);
    const last = windowStart(ts, slide, offset, text);
    for (let k = 0; k < size / slide; k++) plans.push(withWindow(input, addMillis(last, -k * slide, text), size, text));
  } else {
    const step = seconds('STEP', true)! * 1000, size = seconds('SIZE', true)! * 1000;
    if (size % step !== 0) throw new SqlValidationError(`CUMULATE needs a SIZE that is a multiple of its STEP`, call.span);
    const start = windowStart(ts, size, offset, text);
    for (let k = 1; k <= size / step; k++) {
      const p = withWindow(input, start, k * step, text);
      // This window ends after the row: the row's time is before window_end.
      const end = columnRef(fields.length + 1, p.schema.fields[fields.length + 1]!);
      plans.push(filter(p, resolveCall('lt', [columnRef(tsIndex, p.schema.fields[tsIndex]!), end], text)));
    }
  }
  return relation(plans.length === 1 ? plans[0]! : union(plans), ref, tableName);
}

function relation(plan: LogicalPlan, ref: TableFunction, tableName: string): PlannedRelation {
  const qualifier = ref.alias?.name.value ?? tableName;
  return { plan, scope: SqlScope.of(plan.schema.fields, qualifier, qualifier) };
}

/** Positional and named (`SIZE => …`) arguments by parameter name. */
function bindArguments(call: FunctionCall, params: readonly string[]): Map<string, FunctionArg> {
  const out = new Map<string, FunctionArg>();
  call.args.forEach((a, i) => {
    if (a.kind === 'named_argument') {
      const key = a.name.value.toUpperCase();
      if (!params.includes(key)) throw new SqlValidationError(`${functionName(call)} has no parameter ${key}; its parameters are ${params.join(', ')}`, a.span);
      out.set(key, a.value);
    } else {
      if (i >= params.length) throw new SqlValidationError(`${functionName(call)} takes at most ${params.length} arguments`, a.span);
      out.set(params[i]!, a);
    }
  });
  return out;
}

function intervalSeconds(arg: FunctionArg | undefined, param: string, fn: string, required: boolean, at: Span): number | undefined {
  if (!arg) {
    if (required) throw new SqlValidationError(`${fn} needs its ${param} argument, an INTERVAL`, at);
    return undefined;
  }
  if (arg.kind !== 'interval_literal') throw new SqlValidationError(`the ${param} of ${fn} must be an INTERVAL literal`, (arg as Expr | TableArgument).span);
  const v = intervalValue(arg);
  if ('months' in v) throw new SqlValidationError(new NotImplementedError(`YEAR and MONTH intervals as the ${param} of ${fn}`).message, arg.span);
  if (v.millis % 1000 !== 0 || (param !== 'OFFSET' && v.millis <= 0)) {
    throw new SqlValidationError(new NotImplementedError(`a ${param} of ${fn} that is not a positive whole number of seconds`).message, arg.span);
  }
  return v.millis / 1000;
}

function bigint(n: number): ScalarExpr {
  return makeLiteral(String(n), DataTypes.BIGINT(false));
}

function addMillis(ts: ScalarExpr, ms: number, text: string): ScalarExpr {
  return ms === 0 ? ts : resolveCall('timestamp_add_millis', [ts, bigint(ms)], text);
}

/** The start of the `size`-ms window (aligned to the epoch plus `offset`) that holds `ts`, as TIMESTAMP(3). */
function windowStart(ts: ColumnRef, size: number, offset: number, text: string): ScalarExpr {
  const secs = resolveCall('minus', [resolveCall('extract_epoch', [ts], text), bigint(offset / 1000)], text);
  const s = bigint(size / 1000);
  const into = resolveCall('mod', [resolveCall('plus', [resolveCall('mod', [secs, s], text), s], text), s], text);
  const floor = resolveCall('date_trunc_second', [castTo(ts, DataTypes.TIMESTAMP(3, ts.type.nullable))], text);
  return resolveCall('timestamp_add_millis', [floor, resolveCall('times', [into, bigint(-1000)], text)], text);
}

/** `input` with window_start, window_end (= start + `length` ms) and window_time appended. */
function withWindow(input: LogicalPlan, start: ScalarExpr, length: number, text: string): LogicalPlan {
  const fields = input.schema.fields;
  const end = addMillis(start, length, text);
  const exprs = [...fields.map((f, i) => columnRef(i, f)), start, end, addMillis(end, -1, text)];
  return project(input, exprs, [...fields.map((f) => f.name), 'window_start', 'window_end', 'window_time']);
}

/**
 * SESSION windows: per partition ordered by time, a row opens a session when no previous row is
 * within `gap` ms; a session runs from its first row's time to its last row's time plus `gap`.
 */
function sessionWindows(input: LogicalPlan, ts: ColumnRef, partition: readonly ColumnRef[], gap: number, text: string): LogicalPlan {
  const fields = input.schema.fields;
  const width = fields.length;
  const byTime = [{ expr: ts, ascending: true, nullsFirst: true }];
  const rowsToHere: WindowFrame = { units: 'rows', start: { kind: 'unbounded_preceding' }, end: { kind: 'current_row' } };
  const whole: WindowFrame = { units: 'rows', start: { kind: 'unbounded_preceding' }, end: { kind: 'unbounded_following' } };
  const prevType = withNullable(ts.type, true);
  // 1. The previous row's time within the partition.
  const withPrev = window(input, partition, byTime, [{ fn: 'lag', args: [ts], offset: 1, frame: whole, type: prevType, name: '$prev' }]);
  const prev = columnRef(width, withPrev.schema.fields[width]!);
  // 2. Whether the row opens a session (no previous row, or the gap reached), as 0/1.
  const opens = resolveCall('if', [
    resolveCall('or', [resolveCall('is_null', [prev], text), resolveCall('ge', [ts, addMillis(prev, gap, text)], text)], text),
    makeLiteral(1, DataTypes.INT(false)), makeLiteral(0, DataTypes.INT(false)),
  ], text);
  const flagged = project(withPrev, [...fields.map((f, i) => columnRef(i, f)), opens], [...fields.map((f) => f.name), '$opens']);
  const flag = columnRef(width, flagged.schema.fields[width]!);
  // 3. The session's number within the partition: a running count of the openings.
  const numbered = window(flagged, partition, byTime, [{ fn: 'sum', args: [flag], frame: rowsToHere, type: DataTypes.BIGINT(), name: '$session' }]);
  const session = columnRef(width + 1, numbered.schema.fields[width + 1]!);
  // 4. The session's first and last times.
  const bounds = window(numbered, [...partition, session], [], [
    { fn: 'min', args: [ts], frame: whole, type: prevType, name: '$first' },
    { fn: 'max', args: [ts], frame: whole, type: prevType, name: '$last' },
  ]);
  const b = bounds.schema.fields;
  const start = castTo(columnRef(width + 2, b[width + 2]!), DataTypes.TIMESTAMP(3, true));
  const end = addMillis(castTo(columnRef(width + 3, b[width + 3]!), DataTypes.TIMESTAMP(3, true)), gap, text);
  const exprs: ScalarExpr[] = [...fields.map((f, i) => columnRef(i, f)), start, end, addMillis(end, -1, text)];
  const names = [...fields.map((f: Field) => f.name), 'window_start', 'window_end', 'window_time'];
  return project(bounds, exprs, names);
}
