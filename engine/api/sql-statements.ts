import { NotImplementedError, PlanError } from '../errors.js';
import { columnRef } from '../logical/expression-utils.js';
import { project, values } from '../logical/plan-builder.js';
import type { LogicalPlan } from '../logical/plan.js';
import type { OptimizerOptions } from '../optimizer/optimizer-rule.js';
import type { Sink } from '../connectors/sink.js';
import type { Insert, Span, Statement } from '../sql/ast.js';
import { columnExtras, defineConnectorTable, insertPlan, type ConnectorTable } from './sql-connector-tables.js';
import { uniqueOutputNames } from '../sql/planner/output-names.js';
import { planQuery } from '../sql/planner/plan-query.js';
import { PlannerContext, type SqlCatalog } from '../sql/planner/planner-context.js';
import { SqlValidationError } from '../sql/planner/sql-validation-error.js';
import { DataTypes, typeToString, type DataType, type Field } from '../types/data-type.js';

/** What a SQL statement may do to the environment that runs it (implemented by TableEnvironment). */
export interface SqlSession extends SqlCatalog {
  /** Registers the plan of a view under `name`. */
  createView(name: string, plan: LogicalPlan): void;
  /** Drops a table or view; returns whether it existed. */
  drop(name: string): boolean;
  /** Whether a table or view `name` exists. */
  has(name: string): boolean;
  /** The session's `SET` configuration. */
  readonly config: Map<string, string>;
  /** The EXPLAIN text of a plan. */
  explain(plan: LogicalPlan): string;
  /** Registers a connector table. */
  createTable(table: ConnectorTable): void;
  /** The connector table `name`, if it is one. */
  connectorTable(name: string): ConnectorTable | undefined;
}

/** One INSERT of a statement: the rows to write and where. */
export interface PlannedInsert {
  readonly table: string;
  readonly plan: LogicalPlan;
  readonly sink: Sink;
}

/**
 * What running a statement gives: a plan whose rows are its result (DDL answers `OK`, as Flink
 * does), or the INSERTs to run, whose result is the number of rows each wrote.
 */
export interface StatementOutcome {
  readonly plan: LogicalPlan;
  readonly inserts?: readonly PlannedInsert[];
}

/** The configuration keys `SET` accepts, with Flink's names (weir's own under `weir.`). */
export const CONFIG_KEYS: Readonly<Record<string, (value: string) => string | undefined>> = {
  'execution.runtime-mode': (v) => (['batch', 'streaming', 'automatic'].includes(v.toLowerCase()) ? v.toLowerCase() : undefined),
  'parallelism.default': (v) => (v === '1' ? v : undefined),
  'weir.batch-size': (v) => (/^[1-9]\d{0,8}$/.test(v) ? v : undefined),
  'sql-client.execution.result-mode': (v) => (['table', 'tableau', 'changelog'].includes(v.toLowerCase()) ? v.toLowerCase() : undefined),
  'table.local-time-zone': (v) => (v === 'UTC' ? v : undefined),
  'table.optimizer.join-reorder-enabled': (v) => (['true', 'false'].includes(v.toLowerCase()) ? v.toLowerCase() : undefined),
};

/** The optimizer's switches from the session's `SET` keys (join reordering is on unless set to false). */
export function optimizerOptions(config: ReadonlyMap<string, string>): OptimizerOptions {
  return { joinReorder: config.get('table.optimizer.join-reorder-enabled') !== 'false' };
}

/**
 * Runs one parsed statement against a session: queries and EXPLAIN are planned; views, DROP,
 * SET and RESET change the session; SHOW and DESCRIBE answer from it. Every outcome is a plan
 * (constant rows for everything but queries) so that results are read the same way.
 */
export function runStatement(stmt: Statement, sql: string, session: SqlSession): StatementOutcome {
  const ctx = new PlannerContext(sql, session);
  const ok = (): StatementOutcome => ({ plan: stringRows('result', ['OK']) });
  switch (stmt.kind) {
    case 'query_statement':
      return { plan: planQuery(stmt.query, ctx) };
    case 'create_view': {
      const name = stmt.name.parts.map((p) => p.value).join('.');
      if (session.has(name)) {
        if (stmt.ifNotExists) return ok();
        throw new SqlValidationError(`a table or view named '${name}' already exists`, stmt.name.span);
      }
      let plan = planQuery(stmt.query, ctx);
      if (stmt.columns.length > 0) {
        const fields = plan.schema.fields;
        if (stmt.columns.length !== fields.length) {
          throw new SqlValidationError(`view ${name} names ${stmt.columns.length} columns but its query has ${fields.length}`, stmt.span);
        }
        plan = renamed(plan, stmt.columns.map((c) => c.value));
      }
      session.createView(name, plan);
      return ok();
    }
    case 'drop': {
      const name = stmt.name.parts.map((p) => p.value).join('.');
      if (!session.drop(name) && !stmt.ifExists) {
        throw new SqlValidationError(`${stmt.object} '${name}' does not exist; use DROP ${stmt.object.toUpperCase()} IF EXISTS to ignore that`, stmt.name.span);
      }
      return ok();
    }
    case 'show':
      if (stmt.object === 'functions') throw new SqlValidationError(new NotImplementedError('SHOW FUNCTIONS').message, stmt.span);
      return { plan: stringRows(stmt.object === 'tables' ? 'table name' : 'view name', session.names().sort()) };
    case 'describe': {
      const name = stmt.name.parts.map((p) => p.value).join('.');
      const rel = ctx.relation(name);
      if (!rel) throw new SqlValidationError(`table '${name}' not found`, stmt.name.span);
      const table = session.connectorTable(name);
      const text = (e: { span: Span }) => table!.ddl.slice(e.span.start, e.span.end);
      const extras = (f: string) => (table ? columnExtras(table, f) : null);
      const watermark = (f: string) => (table?.watermark?.column === f ? text(table.watermark.expr) : null);
      return { plan: describeRows(rel.plan.schema.fields, extras, watermark) };
    }
    case 'explain': {
      const target = stmt.statement;
      if (target.kind === 'query_statement') return { plan: stringRows('result', [session.explain(planQuery(target.query, ctx))]) };
      const inserts = target.kind === 'insert' ? [planInsert(target, ctx, session)] : target.inserts.map((i) => planInsert(i, ctx, session));
      return { plan: stringRows('result', [inserts.map((i) => explainInsert(i, session.explain(i.plan))).join('\n\n')]) };
    }
    case 'set': {
      if (stmt.key === undefined) {
        const entries = [...session.config.entries()].sort(([a], [b]) => a.localeCompare(b));
        return { plan: keyValueRows(entries) };
      }
      const check = CONFIG_KEYS[stmt.key];
      if (!check) throw new SqlValidationError(`unknown configuration key '${stmt.key}'; known keys: ${Object.keys(CONFIG_KEYS).join(', ')}`, stmt.span);
      const value = check(stmt.value ?? '');
      if (value === undefined) {
        const hint = stmt.key === 'parallelism.default' ? '; this version runs at parallelism 1' : stmt.key === 'table.local-time-zone' ? '; this version computes in UTC' : '';
        throw new SqlValidationError(`'${stmt.value}' is not a valid value for '${stmt.key}'${hint}`, stmt.span);
      }
      session.config.set(stmt.key, value);
      return ok();
    }
    case 'reset':
      if (stmt.key === undefined) session.config.clear();
      else session.config.delete(stmt.key);
      return ok();
    case 'create_table': {
      const name = stmt.name.parts.map((p) => p.value).join('.');
      if (session.has(name)) {
        if (stmt.ifNotExists) return ok();
        throw new SqlValidationError(`a table or view named '${name}' already exists`, stmt.name.span);
      }
      if (!stmt.asQuery) {
        session.createTable(defineConnectorTable(stmt, sql, ctx.now));
        return ok();
      }
      if (stmt.columns.length > 0) throw new SqlValidationError(new NotImplementedError('CREATE TABLE ... AS with a column list').message, stmt.span);
      const query = planQuery(stmt.asQuery, ctx);
      const table = defineConnectorTable(stmt, sql, ctx.now, query.schema);
      const { plan, sink } = conform(table, query, stmt.name.span);
      session.createTable(table);
      return insertOutcome([{ table: name, plan, sink }]);
    }
    case 'insert':
      return insertOutcome([planInsert(stmt, ctx, session)]);
    case 'statement_set':
      return insertOutcome(stmt.inserts.map((i) => planInsert(i, ctx, session)));
  }
}

function planInsert(stmt: Insert, ctx: PlannerContext, session: SqlSession): PlannedInsert {
  const name = stmt.table.parts.map((p) => p.value).join('.');
  const target = session.connectorTable(name);
  if (!target) {
    const why = session.has(name) ? 'it is a view or a registered Arrow table, not a connector table' : 'no such table';
    throw new SqlValidationError(`cannot INSERT INTO '${name}': ${why}`, stmt.table.span);
  }
  const { plan, sink } = insertPlan(stmt, target, planQuery(stmt.query, ctx));
  return { table: name, plan, sink };
}

/**
 * The EXPLAIN of an INSERT: each plan of `explained` (logical, optimized, physical) under a
 * `Sink` root naming the table and its columns, as Flink's LogicalSink does.
 */
function explainInsert(insert: PlannedInsert, explained: string): string {
  const root = `Sink: table=default_catalog.default_database.${insert.table}, fields=[${insert.plan.schema.fields.map((f) => f.name).join(', ')}]`;
  return explained.split('\n').map((line) => (line.startsWith('==') || line === '' ? line : `  ${line}`))
    .join('\n').replace(/(== [^=]+ ==)\n/g, `$1\n${root}\n`);
}

/** The query of CREATE TABLE … AS, written as it is (its columns are the table's). */
function conform(table: ConnectorTable, query: LogicalPlan, at: Span): { plan: LogicalPlan; sink: Sink } {
  if (!table.table.sink) throw new SqlValidationError(`table '${table.name}' cannot be written: its connector has no sink`, at);
  return { plan: query, sink: table.table.sink };
}

/** The outcome of INSERTs: Flink names the result column per sink; each row counts what was written. */
function insertOutcome(inserts: readonly PlannedInsert[]): StatementOutcome {
  const names = uniqueOutputNames(inserts.map((i) => `default_catalog.default_database.${i.table}`));
  const fields = names.map((name) => ({ name, type: DataTypes.BIGINT(false) }));
  return { plan: values([inserts.map(() => '-1')], { fields }), inserts };
}

/** A one-column STRING relation of `rows`. */
function stringRows(name: string, rows: readonly string[]): LogicalPlan {
  return values(rows.map((r) => [r]), { fields: [{ name, type: DataTypes.STRING(false) }] });
}

function keyValueRows(entries: readonly (readonly [string, string])[]): LogicalPlan {
  const s = DataTypes.STRING(false);
  return values(entries.map(([k, v]) => [k, v]), { fields: [{ name: 'key', type: s }, { name: 'value', type: s }] });
}

/** DESCRIBE's answer, with Flink's columns: name, type, null, key, extras, watermark. */
function describeRows(
  fields: readonly Field[],
  extras: (field: string) => string | null,
  watermark: (field: string) => string | null,
): LogicalPlan {
  const s = DataTypes.STRING(false), ns = DataTypes.STRING(true);
  const typeOf = (t: DataType) => typeToString({ ...t, nullable: true });
  const rows = fields.map((f) => [f.name, typeOf(f.type), f.type.nullable, null, extras(f.name), watermark(f.name)]);
  return values(rows, {
    fields: [
      { name: 'name', type: s }, { name: 'type', type: s }, { name: 'null', type: DataTypes.BOOLEAN(false) },
      { name: 'key', type: ns }, { name: 'extras', type: ns }, { name: 'watermark', type: ns },
    ],
  });
}

function renamed(plan: LogicalPlan, names: readonly string[]): LogicalPlan {
  return project(plan, plan.schema.fields.map((f, i) => columnRef(i, f)), names);
}

/** Throws unless `plan` can run in the session's runtime mode. */
export function checkRuntimeMode(config: ReadonlyMap<string, string>): void {
  if (config.get('execution.runtime-mode') === 'streaming') {
    throw new PlanError(new NotImplementedError("'execution.runtime-mode' = 'streaming'", "SET 'execution.runtime-mode' = 'batch'").message);
  }
}
