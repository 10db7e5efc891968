import type { Sink } from '../connectors/sink.js';
import { createDynamicTable, type DynamicTable } from '../connectors/table-factory.js';
import { NotImplementedError } from '../errors.js';
import type { ScalarExpr } from '../logical/expression.js';
import { columnRef } from '../logical/expression-utils.js';
import { castTo, typeName } from '../logical/function-catalog.js';
import { makeLiteral } from '../logical/literal.js';
import { project, tableScan } from '../logical/plan-builder.js';
import type { LogicalPlan } from '../logical/plan.js';
import { commonType, sameType } from '../logical/type-coercion.js';
import type { CreateTable, Expr, Insert } from '../sql/ast.js';
import { bindExpr } from '../sql/planner/bind-expression.js';
import { SqlScope } from '../sql/planner/sql-scope.js';
import { toDataType } from '../sql/planner/sql-types.js';
import { SqlValidationError } from '../sql/planner/sql-validation-error.js';
import type { Field, Schema } from '../types/data-type.js';

/**
 * A table defined by `CREATE TABLE … WITH ('connector' = …)`: its physical columns (what the
 * connector reads and writes), its computed columns (evaluated over the physical ones when the
 * table is read), its watermark (kept for streaming; batch mode reads bounded input whole) and
 * the connector's source and sink.
 */
export interface ConnectorTable {
  readonly name: string;
  readonly physical: Schema;
  readonly computed: readonly { readonly name: string; readonly expr: Expr }[];
  readonly watermark?: { readonly column: string; readonly expr: Expr };
  /** The DDL text, which the computed columns' spans point into. */
  readonly ddl: string;
  readonly table: DynamicTable;
}

/**
 * Builds the ConnectorTable of a CREATE TABLE: columns typed (for CREATE TABLE … AS, the query's
 * columns given as `querySchema`), options handed to the connector.
 */
export function defineConnectorTable(stmt: CreateTable, sql: string, now: number, querySchema?: Schema): ConnectorTable {
  const name = stmt.name.parts.map((p) => p.value).join('.');
  const physical: Field[] = querySchema ? [...querySchema.fields] : [];
  const computed: { name: string; expr: Expr }[] = [];
  for (const c of stmt.columns) {
    if (c.kind === 'physical_column') physical.push({ name: c.name.value, type: toDataType(c.type) });
    else if (c.kind === 'computed_column') computed.push({ name: c.name.value, expr: c.expr });
    else throw new SqlValidationError(new NotImplementedError('METADATA columns').message, c.span);
  }
  if (stmt.partitionedBy.length > 0) throw new SqlValidationError(new NotImplementedError('PARTITIONED BY').message, stmt.span);
  const options = Object.fromEntries(stmt.options.map((o) => [o.key, o.value]));
  let table: DynamicTable;
  try {
    table = createDynamicTable(options, { fields: physical });
  } catch (e) {
    throw new SqlValidationError((e as Error).message, stmt.options[0]?.span ?? stmt.span);
  }
  const def: ConnectorTable = {
    name, physical: { fields: physical }, computed, ddl: sql, table,
    ...(stmt.watermark ? { watermark: { column: stmt.watermark.column.map((p) => p.value).join('.'), expr: stmt.watermark.expr } } : {}),
  };
  // Bind the computed columns and the watermark once now, so a mistake fails the DDL, not a later query.
  const plan = readPlan(def, now);
  if (def.watermark) {
    const scope = SqlScope.of(plan.schema.fields, name, name);
    const col = plan.schema.fields.find((f) => f.name === def.watermark!.column);
    if (!col) throw new SqlValidationError(`the WATERMARK column '${def.watermark.column}' is not a column of ${name}`, stmt.watermark!.span);
    const wm = bindExpr(def.watermark.expr, { sql, scope, clause: 'WATERMARK', now });
    if (col.type.name !== 'TIMESTAMP' || wm.type.name !== 'TIMESTAMP') {
      throw new SqlValidationError(`a WATERMARK needs a TIMESTAMP column and a TIMESTAMP expression, got ${typeName(col.type)} and ${typeName(wm.type)}`, stmt.watermark!.span);
    }
  }
  return def;
}

/** The plan reading a connector table: its physical columns, then its computed columns. */
export function readPlan(t: ConnectorTable, now: number): LogicalPlan {
  const scan = tableScan(t.name, t.physical);
  if (t.computed.length === 0) return scan;
  const scope = SqlScope.of(t.physical.fields, t.name, t.name);
  const exprs: ScalarExpr[] = [
    ...t.physical.fields.map((f, i) => columnRef(i, f)),
    ...t.computed.map((c) => bindExpr(c.expr, { sql: t.ddl, scope, clause: `the computed column ${c.name}`, now })),
  ];
  return project(scan, exprs, [...t.physical.fields.map((f) => f.name), ...t.computed.map((c) => c.name)]);
}

/**
 * The rows an INSERT writes, conformed to the sink's physical columns: a column list maps query
 * columns by name (the others get NULL), and each value is widened to the column's type as
 * Flink's implicit casts allow; anything else is an error naming the column.
 */
export function insertPlan(stmt: Insert, target: ConnectorTable, query: LogicalPlan): { plan: LogicalPlan; sink: Sink } {
  const sink = target.table.sink;
  if (!sink) throw new SqlValidationError(`table '${target.name}' cannot be written: its connector has no sink`, stmt.table.span);
  if (stmt.overwrite) throw new SqlValidationError(new NotImplementedError('INSERT OVERWRITE', 'use INSERT INTO').message, stmt.span);
  if (stmt.partition.length > 0) throw new SqlValidationError(new NotImplementedError('INSERT with a static PARTITION').message, stmt.span);
  const targetFields = target.physical.fields;
  const qf = query.schema.fields;
  const names = stmt.columns.length > 0 ? stmt.columns.map((c) => c.value) : targetFields.map((f) => f.name);
  if (names.length !== qf.length) {
    throw new SqlValidationError(`INSERT INTO ${target.name} writes ${names.length} columns but the query returns ${qf.length}`, stmt.query.span);
  }
  const exprs = targetFields.map((f) => {
    const k = names.indexOf(f.name);
    if (k < 0) {
      if (!f.type.nullable) throw new SqlValidationError(`column '${f.name}' of ${target.name} is NOT NULL and not written by the INSERT`, stmt.span);
      return makeLiteral(null, f.type);
    }
    const src = columnRef(k, qf[k]!);
    if (sameType(src.type, f.type)) return src;
    const widened = commonType(src.type, f.type);
    if (!widened || !sameType(widened, f.type) || src.type.name === 'STRING' !== (f.type.name === 'STRING')) {
      throw new SqlValidationError(`cannot write ${typeName(src.type)} into column '${f.name}' (${typeName(f.type)}) of ${target.name}; CAST it explicitly`, stmt.query.span);
    }
    return castTo(src, f.type);
  });
  for (const n of names) {
    if (!targetFields.some((f) => f.name === n)) throw new SqlValidationError(`column '${n}' is not a column of ${target.name}`, stmt.span);
  }
  return { plan: project(query, exprs, targetFields.map((f) => f.name)), sink };
}
