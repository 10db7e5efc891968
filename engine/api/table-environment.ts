import type * as arrow from 'apache-arrow';
import { NotImplementedError, PlanError } from '../errors.js';
import { MemoryCatalog } from '../logical/catalog.js';
import { nearestName } from '../logical/name-resolution.js';
import { tableScan, values } from '../logical/plan-builder.js';
import type { LogicalPlan } from '../logical/plan.js';
import type { Statement } from '../sql/ast.js';
import { parseStatementText } from '../sql/parser.js';
import { explainPlan } from './explain.js';
import { checkRuntimeMode, optimizerOptions, runStatement, type PlannedInsert, type SqlSession } from './sql-statements.js';
import { readPlan, type ConnectorTable } from './sql-connector-tables.js';
import { writeAll } from '../connectors/sink.js';
import { optimize } from '../optimizer/optimize.js';
import { createPhysicalPlan } from '../physical/create-physical-plan.js';
import type { JobRunner } from './job-runner.js';
import type { TableContext } from './table-context.js';
import { Table } from './table.js';
import type { TableResult } from './table-result.js';
import { valuesPlan } from './values-plan.js';

/** Flink's runtime execution modes; this version runs BATCH (AUTOMATIC is BATCH: every source is bounded). */
export type ExecutionMode = 'BATCH' | 'STREAMING' | 'AUTOMATIC';

/** Settings of a TableEnvironment. */
export interface EnvironmentSettings {
  /** BATCH (default) or AUTOMATIC; STREAMING is not implemented yet. */
  readonly mode?: ExecutionMode;
  /** Rows per batch flowing between operators (default 65,536; 1 is record at a time). */
  readonly batchSize?: number;
  /** Memory budget of the WASM instance in bytes; exceeding it fails a job with ResourcesExhaustedError. */
  readonly memoryBudgetBytes?: number;
  /** The weir `.wasm` as bytes or a compiled module (required outside Node; Node loads it from the package). */
  readonly wasm?: BufferSource | WebAssembly.Module;
  /**
   * Whether string columns of registered Arrow data that hold few distinct values are stored
   * dictionary-encoded, as a database's storage does (default true); results are the same either way.
   */
  readonly dictionaryEncode?: boolean;
}

/** Flink-style constructors of settings: `TableEnvironment.create(EnvironmentSettings.inBatchMode())`. */
export const EnvironmentSettings = {
  inBatchMode: (settings: Omit<EnvironmentSettings, 'mode'> = {}): EnvironmentSettings => ({ ...settings, mode: 'BATCH' }),
  inStreamingMode: (settings: Omit<EnvironmentSettings, 'mode'> = {}): EnvironmentSettings => ({ ...settings, mode: 'STREAMING' }),
} as const;

/** The row count the planner assumes for a connector table, whose size is unknown before it is read. */
const UNKNOWN_ROW_COUNT = 1_000_000;

/** The default rows per batch. */
export const DEFAULT_BATCH_SIZE = 65_536;

/**
 * The entry point of the Table API (Flink's TableEnvironment): registers Arrow data as temporary
 * views, makes Tables of them, and executes their plans on a runtime (one WASM instance).
 */
export class TableEnvironment {
  private readonly catalog = new MemoryCatalog();
  private readonly views = new Map<string, Table>();
  private readonly ctx: TableContext;
  /** The session configuration `SET` changes (Flink's keys; see sql-statements.ts). */
  private readonly config = new Map<string, string>();
  /** Tables of `CREATE TABLE … WITH ('connector' = …)`, by name. */
  private readonly connectorTables = new Map<string, ConnectorTable>();

  /** @internal Use {@link TableEnvironment.create}. */
  constructor(
    private readonly runner: JobRunner,
    /** The settings in force. */
    readonly settings: Required<Pick<EnvironmentSettings, 'mode' | 'batchSize'>>,
  ) {
    this.ctx = { catalog: this.catalog, runner, jobOptions: () => this.jobOptions(), optimizerOptions: () => optimizerOptions(this.config) };
  }

  /** Creates an environment and its runtime (in Node the `.wasm` loads from the package unless `wasm` is given). */
  static async create(settings: EnvironmentSettings = {}): Promise<TableEnvironment> {
    const resolved = TableEnvironment.resolveSettings(settings);
    const { BatchJobRunner } = await import('../runtime/batch-job-runner.js');
    const runner = await BatchJobRunner.create({
      batchSize: resolved.batchSize,
      ...(settings.memoryBudgetBytes !== undefined ? { memoryBudgetBytes: settings.memoryBudgetBytes } : {}),
      ...(settings.wasm !== undefined ? { wasm: settings.wasm } : {}),
      ...(settings.dictionaryEncode !== undefined ? { dictionaryEncode: settings.dictionaryEncode } : {}),
    });
    return new TableEnvironment(runner, resolved);
  }

  /**
   * An environment over a given runner: for embedding weir's planner over another runtime, and
   * for planner tests, whose stand-in runner never loads WASM.
   */
  static withRunner(runner: JobRunner, settings: EnvironmentSettings = {}): TableEnvironment {
    return new TableEnvironment(runner, TableEnvironment.resolveSettings(settings));
  }

  private static resolveSettings(settings: EnvironmentSettings): Required<Pick<EnvironmentSettings, 'mode' | 'batchSize'>> {
    const mode = settings.mode ?? 'BATCH';
    if (mode === 'STREAMING') {
      throw new NotImplementedError('RuntimeExecutionMode STREAMING', 'use EnvironmentSettings.inBatchMode() (the default)');
    }
    if (mode !== 'BATCH' && mode !== 'AUTOMATIC') throw new PlanError(`unknown execution mode '${String(mode)}'; use 'BATCH'`);
    const batchSize = settings.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new PlanError(`batchSize must be a positive integer, got ${batchSize}`);
    return { mode: 'BATCH', batchSize };
  }

  /**
   * Registers `data` under `name`: an apache-arrow Table, RecordBatches or Arrow IPC bytes (copied
   * into the engine's memory once), or a Table of this environment (a view over its query).
   */
  createTemporaryView(name: string, data: arrow.Table | arrow.RecordBatch[] | Uint8Array | Table): void {
    if (this.catalog.getTable(name) || this.views.has(name)) {
      throw new PlanError(`a temporary view named '${name}' already exists; drop it first with dropTemporaryView('${name}')`);
    }
    if (data instanceof Table) {
      if (data.ctx !== this.ctx) throw new PlanError(`the Table given for view '${name}' belongs to another TableEnvironment`);
      this.views.set(name, new Table(data.ctx, data.plan, name));
      return;
    }
    this.catalog.set(name, this.runner.registerTable(name, data));
  }

  /** A Table reading the view `name`. */
  from(name: string): Table {
    const view = this.views.get(name);
    if (view) return view;
    const connector = this.connectorTables.get(name);
    if (connector) return new Table(this.ctx, readPlan(connector, Date.now()), name);
    const table = this.catalog.getTable(name);
    if (!table) {
      const names = this.listTables();
      const near = nearestName(name, names);
      const hint = near ? `did you mean '${near}'?` : names.length ? `registered: ${names.map((n) => `'${n}'`).join(', ')}` : 'none is registered; use createTemporaryView()';
      throw new PlanError(`table '${name}' not found; ${hint}`);
    }
    return new Table(this.ctx, tableScan(name, table.schema), name);
  }

  /** Names of all registered views, sorted. */
  listTables(): string[] {
    return [...this.catalog.listTables(), ...this.views.keys()].sort();
  }

  /** The same as {@link listTables} (all views here are temporary). */
  listTemporaryViews(): string[] {
    return this.listTables();
  }

  /**
   * A table of constant rows, as Flink's fromValues: `fromValues([[1, 'a'], [2, null]], ['id', 'name'])`.
   * Column types are the common type of each column's values (1 and 2.5 make a DOUBLE column);
   * names default to f0, f1, ...
   */
  fromValues(rows: readonly (readonly unknown[])[], names?: readonly string[]): Table {
    return new Table(this.ctx, valuesPlan(rows, names), 'VALUES');
  }

  /**
   * A Table of a Flink SQL query (`SELECT`, `WITH`, `VALUES`, set operations) over this
   * environment's tables and views. Syntax errors are SqlParseErrors and validation errors
   * SqlValidationErrors; both name the line and column.
   */
  sqlQuery(query: string): Table {
    const stmt = parseStatementText(query);
    if (stmt.kind !== 'query_statement') {
      throw new PlanError(`sqlQuery() takes a query (SELECT, WITH, VALUES); use executeSql() for ${stmt.kind.replace('_', ' ').toUpperCase()}`);
    }
    const { plan } = runStatement(stmt, query, this.session);
    return new Table(this.ctx, plan, 'the query');
  }

  /**
   * Runs one Flink SQL statement: a query (its result runs when read), EXPLAIN, CREATE VIEW,
   * DROP, SHOW TABLES, DESCRIBE, SET or RESET. DDL answers a one-row `result` of `OK`, as Flink.
   */
  async executeSql(statement: string): Promise<TableResult> {
    return this.executeStatement(parseStatementText(statement), statement);
  }

  /** @internal Runs a statement already parsed from `sql` (the CLI runs scripts this way). */
  async executeStatement(stmt: Statement, sql: string): Promise<TableResult> {
    if (stmt.kind === 'query_statement' || stmt.kind === 'insert' || stmt.kind === 'statement_set') checkRuntimeMode(this.config);
    const { plan, inserts } = runStatement(stmt, sql, this.session);
    if (!inserts) return new Table(this.ctx, plan, 'the statement').execute();
    const counts: string[] = [];
    for (const insert of inserts) counts.push(String(await this.runInsert(insert)));
    return new Table(this.ctx, values([counts], plan.schema), 'the statement').execute();
  }

  /** Runs one INSERT to completion: the query's batches go through the sink's writer, then commit. */
  private async runInsert(insert: PlannedInsert): Promise<number> {
    const physical = createPhysicalPlan(optimize(insert.plan, this.catalog, optimizerOptions(this.config)));
    let rows = 0;
    const runner = this.runner;
    const options = this.jobOptions();
    async function* counted(): AsyncIterable<arrow.RecordBatch> {
      for await (const b of runner.executeBatches(physical, options)) {
        rows += b.numRows;
        yield b;
      }
    }
    await writeAll(insert.sink, counted());
    return rows;
  }

  /** Job settings from `SET`: `'weir.batch-size'` overrides the environment's batch size. */
  private jobOptions(): { batchSize?: number } {
    const size = this.config.get('weir.batch-size');
    return size === undefined ? {} : { batchSize: Number(size) };
  }

  private get session(): SqlSession {
    return {
      relation: (name) => {
        const connector = this.connectorTables.get(name);
        if (connector) return { plan: readPlan(connector, Date.now()) };
        const view = this.views.get(name);
        if (view) return { plan: view.plan };
        const table = this.catalog.getTable(name);
        return table ? { plan: tableScan(name, table.schema) } : undefined;
      },
      names: () => this.listTables(),
      has: (name) => this.views.has(name) || this.catalog.getTable(name) !== undefined,
      createTable: (table) => {
        this.connectorTables.set(table.name, table);
        this.catalog.set(table.name, { schema: table.physical, rowCount: UNKNOWN_ROW_COUNT });
        if (table.table.source) this.runner.registerSource(table.name, table.table.source);
      },
      connectorTable: (name) => this.connectorTables.get(name),
      createView: (name: string, plan: LogicalPlan) => { this.views.set(name, new Table(this.ctx, plan, name)); },
      drop: (name) => this.dropTemporaryView(name),
      config: this.config,
      explain: (plan) => explainPlan(plan, this.catalog, optimizerOptions(this.config)),
    };
  }

  /** Drops every view and frees the data held for them; the environment stays usable. */
  close(): void {
    for (const name of this.catalog.listTables()) this.dropTemporaryView(name);
    this.views.clear();
  }

  /** Drops a view (and frees its data); returns whether it existed. */
  dropTemporaryView(name: string): boolean {
    if (this.views.delete(name)) return true;
    this.connectorTables.delete(name);
    if (!this.catalog.delete(name)) return false;
    this.runner.dropTable(name);
    return true;
  }
}
