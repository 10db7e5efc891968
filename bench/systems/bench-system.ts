/**
 * What the harness needs from each system under test: load the data once, then for each
 * workload a query function (timed) and a checksum of its result (not timed).
 */
import type { BenchData } from '../data.js';
import type { WorkloadId } from '../workloads.js';

/** A prepared query: `run` is what is timed; `checksum` reduces its last result, untimed. */
export interface PreparedQuery<R = unknown> {
  run(): R | Promise<R>;
  checksum(result: R): string | Promise<string>;
}

/** A system under test, after its data is loaded. */
export interface BenchSystem {
  /** Short name used in the report and the JSON lines (`weir`, `duckdb`, `arquero`, `plain-js`). */
  readonly name: string;
  /** Extra fields for the JSON line, e.g. `{ parallelism: 1 }` or `{ threads: 1 }`. */
  readonly jsonFields: Readonly<Record<string, number | string>>;
  /** The query for a workload, or undefined when the system does not implement it. */
  prepare(id: WorkloadId): PreparedQuery | undefined;
  /** Releases native resources. */
  close(): void | Promise<void>;
}

/** Loads a system: resolves to the system, or to a reason why it cannot run here. */
export type SystemLoader = (data: BenchData) => Promise<BenchSystem | { unavailable: string }>;

/** Builds a type-erased {@link PreparedQuery} from a typed run/checksum pair. */
export function query<R>(
  run: () => R | Promise<R>,
  checksum: (result: R) => string | Promise<string>,
): PreparedQuery {
  return { run, checksum: checksum as (result: unknown) => string | Promise<string> };
}
