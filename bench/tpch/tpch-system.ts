/**
 * What the TPC-H harness needs from a system under test: load the generated tables once
 * (untimed), then per query a timed run, an untimed reading of its result, and optionally a
 * planning-only call that the harness times separately (the "planning under 5 ms").
 */
import type { MoneyType } from './arrow-tables.js';
import type { ResultCell } from './checksum.js';
import type { TpchData } from './columns.js';
import type { TpchQuery } from './queries.js';

/** One query prepared on one system. */
export interface TpchPreparedQuery<R = unknown> {
  /** Plans and executes the query, materializing its result (timed). */
  run(): Promise<R>;
  /** The result as columns of cells, read outside the timed region. */
  columns(result: R): ResultCell[][] | Promise<ResultCell[][]>;
  /** Plans the query without executing it (timed separately), when the system can. */
  plan?(): void | Promise<void>;
}

/** A system under test, after its data is loaded. */
export interface TpchSystem {
  /** `weir` or `duckdb`: the name in the report and in the JSON lines. */
  readonly name: string;
  /** Extra JSON fields, e.g. `{ threads: 1 }` or `{ parallelism: 1 }`. */
  readonly jsonFields: Readonly<Record<string, number | string>>;
  /** The query prepared on this system. */
  prepare(query: TpchQuery): TpchPreparedQuery;
  /** Releases native resources. */
  close(): void | Promise<void>;
}

/** Loads a system (money columns as `money`): resolves to the system, or to the reason it cannot run here. */
export type TpchSystemLoader = (data: TpchData, money: MoneyType) => Promise<TpchSystem | { unavailable: string }>;
