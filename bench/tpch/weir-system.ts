/**
 * weir at parallelism 1, running the TPC-H queries as SQL through its public API: the generated
 * tables are registered as Arrow tables with `createTemporaryView`, and each query runs as
 * `env.sqlQuery(sql).execute().toArrow()` (falling back to Flink's `env.executeSql(sql)` when only
 * that exists).
 *
 * The engine is imported at run time and its SQL entry points are looked up by name, so that this
 * adapter compiles and reports "unavailable" with the reason while weir's SQL layer does not
 * exist, and runs for real as soon as it lands, with no change here.
 *
 * Planning hook: `Table.execute()` plans (optimizer and physical planner) and returns a result
 * that only runs when read, so `sqlQuery(sql).execute()` without reading is parse + validate +
 * logical + optimize + physical planning, which the harness times as "plan ms".
 */
import type { Table as ArrowTable } from 'apache-arrow';
import { arrowResultColumns } from './arrow-cells.js';
import { toArrowTables, type MoneyType } from './arrow-tables.js';
import { TPCH_TABLE_NAMES, type TpchData } from './columns.js';
import type { TpchPreparedQuery, TpchSystem } from './tpch-system.js';

/** Where the engine entry is, relative to this file (both in src and in dist). */
const ENGINE_ENTRY = '../../engine/index.js';

/** Rows per batch between weir's operators (its default). */
const BATCH_SIZE = 65_536;

/** A query's result as weir returns it (Flink's TableResult). */
export interface SqlResult {
  toArrow(): Promise<ArrowTable>;
}

/** The part of weir's TableEnvironment this adapter uses; the SQL methods may not exist yet. */
export interface SqlTableEnvironment {
  createTemporaryView(name: string, data: ArrowTable): void;
  sqlQuery?(sql: string): { execute(): SqlResult };
  executeSql?(sql: string): SqlResult | Promise<SqlResult>;
  close(): void;
}

/** The part of the engine module this adapter uses. */
export interface EngineModule {
  readonly TableEnvironment?: {
    readonly prototype: object;
    create(settings?: { batchSize?: number }): Promise<SqlTableEnvironment>;
  };
}

/** Why weir cannot run SQL yet, or undefined when it can (exported for tests). */
export function missingSql(engine: EngineModule): string | undefined {
  const env = engine.TableEnvironment;
  if (typeof env?.create !== 'function') return 'engine/index.js does not export TableEnvironment';
  const proto = env.prototype as Partial<Record<'sqlQuery' | 'executeSql', unknown>>;
  if (typeof proto.sqlQuery !== 'function' && typeof proto.executeSql !== 'function') {
    return 'TableEnvironment has no sqlQuery() or executeSql() yet (the SQL layer of issue #3)';
  }
  return undefined;
}

/**
 * A query prepared on `env`: through `sqlQuery` (with the plan-only hook) when it exists, else
 * through `executeSql` (no planning hook). Exported for tests.
 */
export function preparedOn(env: SqlTableEnvironment, sql: string): TpchPreparedQuery<ArrowTable> {
  const columns = (t: ArrowTable) => arrowResultColumns(t);
  const { sqlQuery, executeSql } = env;
  if (typeof sqlQuery === 'function') {
    return {
      run: () => sqlQuery.call(env, sql).execute().toArrow(),
      columns,
      plan: () => {
        sqlQuery.call(env, sql).execute();
      },
    };
  }
  if (typeof executeSql === 'function') {
    return { run: async () => (await executeSql.call(env, sql)).toArrow(), columns };
  }
  throw new Error('TableEnvironment lost its SQL methods after loading');
}

/** Loads weir and registers the eight tables, or says why weir is not available. */
export async function weirTpchSystem(data: TpchData, money: MoneyType = 'decimal'): Promise<TpchSystem | { unavailable: string }> {
  let engine: EngineModule;
  try {
    engine = (await import(ENGINE_ENTRY)) as EngineModule;
  } catch (e) {
    return { unavailable: `cannot load engine/index.js: ${(e as Error).message.split('\n')[0]}` };
  }
  const missing = missingSql(engine);
  if (missing !== undefined) return { unavailable: missing };
  // One WASM instance on the calling thread: parallelism 1.
  const env = await engine.TableEnvironment!.create({ batchSize: BATCH_SIZE });
  const tables = toArrowTables(data, money);
  for (const name of TPCH_TABLE_NAMES) env.createTemporaryView(name, tables[name]);
  return {
    name: 'weir',
    jsonFields: { parallelism: 1 },
    prepare: (q) => preparedOn(env, q.sql),
    close: () => env.close(),
  };
}
