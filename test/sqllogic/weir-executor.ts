/**
 * weir as a {@link SqlExecutor}: a TableEnvironment at a given batch size, running each record
 * through `env.executeSql(statement)`.
 *
 * The SQL planner lands separately, so this adapter looks for `executeSql` when the suite loads:
 * while TableEnvironment has no such method, {@link weirSqlSupport} says so and the suite reports
 * weir's runs as skipped; as soon as the method exists the same runs execute, with no change here.
 *
 * Results: `executeSql` may resolve to an apache-arrow Table, to a TableResult (anything with
 * `toArrow()`, which is awaited so that statements such as INSERT really run), or to nothing.
 */
import { Table as ArrowTable } from 'apache-arrow';
import { TableEnvironment } from '../../engine/index.js';
import type { SqlExecutor } from './runner.js';

/** The part of TableEnvironment the adapter calls, typed loosely until executeSql exists. */
interface SqlEnvironment {
  executeSql(statement: string): unknown;
  close(): void;
}

/** Whether weir can run SQL: a factory of executors by batch size, or the reason it cannot. */
export type WeirSqlSupport =
  | { readonly available: true; readonly create: (batchSize: number) => Promise<SqlExecutor> }
  | { readonly available: false; readonly reason: string };

/** The reason weir's runs are skipped while TableEnvironment has no executeSql. */
export const NOT_IMPLEMENTED_REASON = 'executeSql not implemented yet';

/** Checks TableEnvironment for `executeSql` (see the module comment). */
export function weirSqlSupport(prototype: object = TableEnvironment.prototype): WeirSqlSupport {
  if (typeof (prototype as { executeSql?: unknown }).executeSql !== 'function') return { available: false, reason: NOT_IMPLEMENTED_REASON };
  return { available: true, create: createWeirExecutor };
}

/** A SqlExecutor over a new TableEnvironment with `batchSize` rows per batch. */
export async function createWeirExecutor(batchSize: number): Promise<SqlExecutor> {
  const env = (await TableEnvironment.create({ batchSize })) as unknown as SqlEnvironment;
  return {
    name: 'weir',
    async execute(sql: string): Promise<ArrowTable | void> {
      return toArrowResult(await env.executeSql(sql));
    },
    close(): void {
      env.close();
    },
  };
}

/** An executeSql result as an Arrow table (or nothing); anything else is an error naming what came back. */
export async function toArrowResult(result: unknown): Promise<ArrowTable | void> {
  if (result === undefined || result === null) return undefined;
  if (result instanceof ArrowTable) return result;
  const toArrow = (result as { toArrow?: unknown }).toArrow;
  if (typeof toArrow === 'function') return toArrowResult(await (toArrow as () => Promise<unknown>).call(result));
  throw new Error(`executeSql returned ${Object.prototype.toString.call(result)}, not an apache-arrow Table or a TableResult`);
}
