import type * as arrow from 'apache-arrow';
import type { Source } from '../connectors/source.js';
import type { ExecNode } from '../physical/exec-plan.js';
import type { Schema } from '../types/data-type.js';

/**
 * What the Table API needs from the runtime: the shape of engine/runtime/batch-job-runner.ts's
 * BatchJobRunner. TableEnvironment.create() makes the real one; planner tests hand in a stand-in
 * that only describes tables, so planning never loads WASM.
 */
export interface JobRunner {
  /** Makes Arrow data available to plans as table `name`; returns its schema and size. */
  registerTable(name: string, data: arrow.Table | arrow.RecordBatch[] | Uint8Array): { schema: Schema; rowCount: number };
  /** Makes a connector's source readable as table `name`, read each time a plan scans it. */
  registerSource(name: string, source: Source): void;
  dropTable(name: string): void;
  /** Runs a physical plan to completion (`batchSize` overrides the runner's for this job). */
  execute(plan: ExecNode, options?: { readonly batchSize?: number }): Promise<arrow.Table>;
  /** Runs a physical plan, yielding its result batches. */
  executeBatches(plan: ExecNode, options?: { readonly batchSize?: number }): AsyncIterable<arrow.RecordBatch>;
}
