import type { Sink } from '../connectors/sink.js';
import type { Source } from '../connectors/source.js';
import { createDynamicTable, type DynamicTable, type MetadataTypes } from '../connectors/table-factory.js';
import { NotImplementedError } from '../errors.js';
import type { ScalarExpr } from '../logical/expression.js';
import { columnRef } from '../logical/expression-utils.js';
import { castTo, typeName } from '../logical/function-catalog.js';
import { makeLiteral } from '../logical/literal.js';
import { nearestName } from '../logical/name-resolution.js';
import { project, tableScan } from '../logical/plan-builder.js';
import type { LogicalPlan } from '../logical/plan.js';
import { canCast, commonType, sameType } from '../logical/type-coercion.js';
import type { ColumnDefinition, CreateTable, Expr, Insert, Span } from '../sql/ast.js';
import { bindExpr } from '../sql/planner/bind-expression.js';
import { SqlScope } from '../sql/planner/sql-scope.js';
import { toDataType } from '../sql/planner/sql-types.js';
import { SqlValidationError } from '../sql/planner/sql-validation-error.js';
import { withNullable, type DataType, type Field, type Schema } from '../types/data-type.js';

/** A column the connector reads and writes. */
export interface PhysicalTableColumn {
  readonly kind: 'physical';
  readonly name: string;
  readonly type: DataType;
}

/** A column computed, when the table is read, over its physical and metadata columns. */
export interface ComputedTableColumn {
  readonly kind: 'computed';
  readonly name: string;
  readonly expr: Expr;
}

/**
 * `name type METADATA [FROM 'key'] [VIRTUAL]`: a column whose values are the connector's metadata
 * `key` (the column name when FROM is absent), cast to the declared type. A VIRTUAL column is
 * read only; any other is also written by INSERT, which needs a connector that writes the key.
 */
export interface MetadataTableColumn {
  readonly kind: 'metadata';
  readonly name: string;
  /** The declared type: what the column holds, whatever the connector's type of the key. */
  readonly type: DataType;
  readonly key: string;
  /** Whether the DDL named the key (`FROM 'key'`); DESCRIBE shows it only then, as Flink does. */
  readonly keyGiven: boolean;
  readonly virtual: boolean;
  readonly span: Span;
}

/** One column of a connector table, as Flink's Column: physical, computed or metadata. */
export type TableColumn = PhysicalTableColumn | ComputedTableColumn | MetadataTableColumn;

/**
 * A table defined by `CREATE TABLE … WITH ('connector' = …)`: its columns in declaration order (the
 * table's schema, as Flink orders it), its physical columns (what the connector reads before any
 * metadata, and what its sink writes), its watermark (kept for streaming; batch mode reads bounded
 * input whole) and the connector's source and sink. The source already appends the metadata the
 * table's METADATA columns read, one column per metadata column in declaration order.
 */
export interface ConnectorTable {
  readonly name: string;
  /** The `'connector'` option, for messages. */
  readonly connector: string;
  readonly columns: readonly TableColumn[];
  readonly physical: Schema;
  readonly watermark?: { readonly column: string; readonly expr: Expr };
  /** The DDL text, which the computed columns' spans point into. */
  readonly ddl: string;
  readonly table: DynamicTable;
}

/**
 * Builds the ConnectorTable of a CREATE TABLE: columns typed (for CREATE TABLE … AS, the query's
 * columns given as `querySchema`), options handed to the connector, METADATA columns checked
 * against what the connector reads (Flink checks when the table is first read; weir checks now,
 * as it binds computed columns now, so a mistake fails the DDL).
 */
export function defineConnectorTable(stmt: CreateTable, sql: string, now: number, querySchema?: Schema): ConnectorTable {
  const name = stmt.name.parts.map((p) => p.value).join('.');
  const columns: TableColumn[] = (querySchema?.fields ?? []).map((f) => ({ kind: 'physical', name: f.name, type: f.type }));
  for (const c of stmt.columns) {
    if (columns.some((x) => x.name === c.name.value)) throw new SqlValidationError(`column '${c.name.value}' is declared twice in ${name}`, c.name.span);
    columns.push(declaredColumn(c));
  }
  if (stmt.partitionedBy.length > 0) throw new SqlValidationError(new NotImplementedError('PARTITIONED BY').message, stmt.span);
  const options = Object.fromEntries(stmt.options.map((o) => [o.key, o.value]));
  const physical: Field[] = columns.filter((c) => c.kind === 'physical').map((c) => ({ name: c.name, type: c.type }));
  let table: DynamicTable;
  try {
    table = createDynamicTable(options, { fields: physical });
  } catch (e) {
    throw new SqlValidationError((e as Error).message, stmt.options[0]?.span ?? stmt.span);
  }
  const connector = options['connector']!;
  const metadata = columns.filter((c) => c.kind === 'metadata');
  if (metadata.length > 0 && table.source) table = { ...table, source: readableSource(table, connector, name, metadata) };
  const def: ConnectorTable = {
    name, connector, columns, physical: { fields: physical }, ddl: sql, table,
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

function declaredColumn(c: ColumnDefinition): TableColumn {
  const name = c.name.value;
  switch (c.kind) {
    case 'physical_column': return { kind: 'physical', name, type: toDataType(c.type) };
    case 'computed_column': return { kind: 'computed', name, expr: c.expr };
    case 'metadata_column':
      return { kind: 'metadata', name, type: toDataType(c.type), key: c.key ?? name, keyGiven: c.key !== undefined, virtual: c.virtual, span: c.span };
  }
}

/** The type `offered` gives `key`, if it offers the key. */
function offeredType(offered: MetadataTypes | undefined, key: string): DataType | undefined {
  return offered && Object.hasOwn(offered, key) ? offered[key] : undefined;
}

/** A metadata key the connector does not offer: the key, the column, the keys it offers and the nearest one. */
function unknownKey(m: MetadataTableColumn, table: string, connector: string, offered: MetadataTypes, verb: 'reads' | 'writes', at: Span): SqlValidationError {
  const keys = Object.keys(offered);
  const near = nearestName(m.key, keys);
  const list = keys.length > 0 ? `connector '${connector}' ${verb} ${keys.map((k) => `'${k}'`).join(', ')}` : `connector '${connector}' ${verb} no metadata`;
  return new SqlValidationError(`unknown metadata key '${m.key}' in column '${m.name}' of ${table}; ${list}${near ? `; did you mean '${near}'?` : ''}`, at);
}

/** The connector's source with the metadata of `metadata` appended, after checking every key and type. */
function readableSource(table: DynamicTable, connector: string, name: string, metadata: readonly MetadataTableColumn[]): Source {
  const offered = table.readableMetadata;
  if (!offered || !table.applyReadableMetadata) {
    const m = metadata[0]!;
    throw new SqlValidationError(`column '${m.name}' of ${name} is a METADATA column, but connector '${connector}' reads no metadata`, m.span);
  }
  for (const m of metadata) {
    const type = offeredType(offered, m.key);
    if (!type) throw unknownKey(m, name, connector, offered, 'reads', m.span);
    if (!canCast(type, m.type)) {
      throw new SqlValidationError(`metadata column '${m.name}' of ${name} cannot be ${typeName(m.type)}: metadata '${m.key}' is ${typeName(type)}, which does not CAST to ${typeName(m.type)}`, m.span);
    }
  }
  return table.applyReadableMetadata(metadata.map((m) => m.key));
}

/**
 * The plan reading a connector table, as Flink's: a scan of the physical columns and then the
 * metadata columns (typed as the connector reads them), a projection putting the columns in
 * declaration order with metadata cast to its declared type, and one adding the computed columns
 * (which may read physical and metadata columns).
 */
export function readPlan(t: ConnectorTable, now: number): LogicalPlan {
  const readable = t.table.source ? t.table.readableMetadata : undefined;
  const metadataFields = t.columns.filter((c) => c.kind === 'metadata').map((m): Field => {
    const read = offeredType(readable, m.key) ?? m.type;
    // The declared nullability wins where it is looser: `p STRING METADATA` is a nullable column.
    return { name: m.name, type: withNullable(read, read.nullable || m.type.nullable) };
  });
  const scanFields = [...t.physical.fields, ...metadataFields];
  const scan = tableScan(t.name, { fields: scanFields });
  const stored = t.columns.filter((c) => c.kind !== 'computed');
  const storedExprs = stored.map((c) => {
    const i = scanFields.findIndex((f) => f.name === c.name);
    const ref = columnRef(i, scanFields[i]!);
    return c.kind === 'metadata' ? castTo(ref, c.type) : ref;
  });
  const identity = storedExprs.every((e, i) => e.kind === 'column' && e.index === i);
  const base = identity ? scan : project(scan, storedExprs, stored.map((c) => c.name));
  if (stored.length === t.columns.length) return base;
  const fields = base.schema.fields;
  const scope = SqlScope.of(fields, t.name, t.name);
  const exprs: ScalarExpr[] = t.columns.map((c) => {
    if (c.kind === 'computed') return bindExpr(c.expr, { sql: t.ddl, scope, clause: `the computed column ${c.name}`, now });
    const i = fields.findIndex((f) => f.name === c.name);
    return columnRef(i, fields[i]!);
  });
  return project(base, exprs, t.columns.map((c) => c.name));
}

/** DESCRIBE's extras of a column, as Flink shows them: `AS expr`, `METADATA FROM 'key' VIRTUAL`, or null. */
export function columnExtras(t: ConnectorTable, column: string): string | null {
  const c = t.columns.find((x) => x.name === column);
  if (c?.kind === 'computed') return `AS ${t.ddl.slice(c.expr.span.start, c.expr.span.end)}`;
  if (c?.kind !== 'metadata') return null;
  return `METADATA${c.keyGiven ? ` FROM '${c.key.replaceAll("'", "''")}'` : ''}${c.virtual ? ' VIRTUAL' : ''}`;
}

/**
 * The rows an INSERT writes, conformed to the sink's columns: the physical ones, then those of the
 * METADATA columns that are not VIRTUAL (Flink's persisted columns; the connector must write their
 * keys). A column list maps query columns by name (the others get NULL), and each value is widened
 * to the column's type as Flink's implicit casts allow; anything else is an error naming the column.
 */
export function insertPlan(stmt: Insert, target: ConnectorTable, query: LogicalPlan): { plan: LogicalPlan; sink: Sink } {
  let sink = target.table.sink;
  if (!sink) throw new SqlValidationError(`table '${target.name}' cannot be written: its connector has no sink`, stmt.table.span);
  if (stmt.overwrite) throw new SqlValidationError(new NotImplementedError('INSERT OVERWRITE', 'use INSERT INTO').message, stmt.span);
  if (stmt.partition.length > 0) throw new SqlValidationError(new NotImplementedError('INSERT with a static PARTITION').message, stmt.span);
  const written = target.columns.filter((c) => c.kind === 'metadata' && !c.virtual) as MetadataTableColumn[];
  const writeTypes = written.map((m) => writableType(stmt, target, m));
  if (written.length > 0) sink = target.table.applyWritableMetadata!(written.map((m) => m.key));
  const persisted = target.columns.filter((c) => c.kind === 'physical' || (c.kind === 'metadata' && !c.virtual));
  const qf = query.schema.fields;
  const names = stmt.columns.length > 0 ? stmt.columns.map((c) => c.value) : persisted.map((c) => c.name);
  if (names.length !== qf.length) {
    throw new SqlValidationError(`INSERT INTO ${target.name} writes ${names.length} columns but the query returns ${qf.length}`, stmt.query.span);
  }
  for (const n of names) {
    if (persisted.some((c) => c.name === n)) continue;
    const c = target.columns.find((x) => x.name === n);
    const why = c?.kind === 'computed' ? 'is a computed column' : c?.kind === 'metadata' ? 'is a VIRTUAL metadata column' : 'is not a column of';
    throw new SqlValidationError(`column '${n}' ${why}${c ? ` of ${target.name} and cannot be written` : ` ${target.name}`}`, stmt.span);
  }
  // Each sink column: the query's value conformed to the declared type, then (metadata) cast to the key's type.
  const declared = [...target.physical.fields, ...written.map((m) => ({ name: m.name, type: m.type }))];
  const sinkTypes = [...target.physical.fields.map((f) => f.type), ...writeTypes];
  const exprs = declared.map((f, i) => {
    const k = names.indexOf(f.name);
    if (k < 0) {
      if (!f.type.nullable) throw new SqlValidationError(`column '${f.name}' of ${target.name} is NOT NULL and not written by the INSERT`, stmt.span);
      return makeLiteral(null, withNullable(sinkTypes[i]!, true));
    }
    return castTo(conformed(columnRef(k, qf[k]!), f, target.name, stmt.query.span), sinkTypes[i]!);
  });
  return { plan: project(query, exprs, declared.map((f) => f.name)), sink };
}

/** `src` widened to column `f`'s type, or an error: INSERT casts implicitly only where Flink does. */
function conformed(src: ScalarExpr, f: Field, table: string, at: Span): ScalarExpr {
  if (sameType(src.type, f.type)) return src;
  const widened = commonType(src.type, f.type);
  if (!widened || !sameType(widened, f.type) || src.type.name === 'STRING' !== (f.type.name === 'STRING')) {
    throw new SqlValidationError(`cannot write ${typeName(src.type)} into column '${f.name}' (${typeName(f.type)}) of ${table}; CAST it explicitly`, at);
  }
  return castTo(src, f.type);
}

/**
 * The type the connector writes metadata column `m` as, after checking that it writes the key at
 * all. Errors point at the INSERT's table name (the column's own span is in the DDL's text).
 */
function writableType(stmt: Insert, target: ConnectorTable, m: MetadataTableColumn): DataType {
  const offered = target.table.writableMetadata;
  if (!offered || !target.table.applyWritableMetadata) {
    const reads = offeredType(target.table.readableMetadata, m.key) ? ` ('${m.key}' is read-only)` : '';
    throw new SqlValidationError(
      `cannot INSERT INTO ${target.name}: its METADATA column '${m.name}' is not VIRTUAL, so INSERT would write it, but connector '${target.connector}' writes no metadata${reads}; declare the column VIRTUAL to only read it`,
      stmt.table.span,
    );
  }
  const type = offeredType(offered, m.key);
  if (!type) throw unknownKey(m, target.name, target.connector, offered, 'writes', stmt.table.span);
  if (!canCast(m.type, type)) {
    throw new SqlValidationError(`metadata column '${m.name}' of ${target.name} cannot be written: ${typeName(m.type)} does not CAST to metadata '${m.key}' (${typeName(type)})`, stmt.table.span);
  }
  return type;
}
