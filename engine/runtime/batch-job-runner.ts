import type * as arrow from 'apache-arrow';
import { importArrow, type ResidentTable } from '../../bindings/arrow-import.js';
import { WasmInstance } from '../../bindings/wasm-instance.js';
import type { ExecNode } from '../physical/exec-plan.js';
import type { Schema } from '../types/data-type.js';
import { fromArrowSchema, toArrowSchema } from '../types/arrow-types.js';
import type { Source } from '../connectors/source.js';
import { CollectSink } from './collect-sink.js';
import type { RuntimeContext } from './runtime-context.js';
import { buildTask } from './task-builder.js';

/** Settings of one job, overriding the runner's. */
export interface JobOptions {
  /** Rows per batch for this job. */
  readonly batchSize?: number;
}

/** Settings of a runner: one WASM instance (one worker's worth of memory). */
export interface RunnerSettings {
  /** Rows per batch (1 = record at a time). */
  batchSize: number;
  /** Memory budget of the instance in bytes; exceeding it fails the job with ResourcesExhaustedError. */
  memoryBudgetBytes?: number;
  /** The weir `.wasm` as bytes or a compiled module (edge runtimes); Node loads it from the package when absent. */
  wasm?: BufferSource | WebAssembly.Module;
  /**
   * Whether registered Utf8 columns with few distinct strings are stored dictionary-encoded
   * (default true): less memory, and grouping by such a column hashes each distinct string once.
   */
  dictionaryEncode?: boolean;
}

/**
 * Runs physical plans in RuntimeExecutionMode BATCH on one WASM instance, over tables held
 * resident in its linear memory. Jobs run one at a time.
 */
export class BatchJobRunner {
  private readonly tables = new Map<string, ResidentTable>();
  private readonly sources = new Map<string, Source>();
  private readonly ctx: RuntimeContext;

  private constructor(readonly wasm: WasmInstance, readonly settings: RunnerSettings) {
    this.ctx = { wasm, batchSize: settings.batchSize, tables: this.tables, sources: this.sources };
  }

  static async create(settings: RunnerSettings): Promise<BatchJobRunner> {
    if (!(settings.batchSize >= 1 && Number.isInteger(settings.batchSize))) {
      throw new Error(`batchSize must be a positive integer, got ${settings.batchSize}`);
    }
    const options = { memoryBudgetBytes: settings.memoryBudgetBytes };
    let wasm: WasmInstance;
    if (settings.wasm) {
      wasm = await WasmInstance.create(settings.wasm, options);
    } else {
      const node = await import('../../bindings/node.js');
      wasm = await node.loadWasm(options);
    }
    return new BatchJobRunner(wasm, settings);
  }

  /** Copies Arrow data into linear memory (one copy per buffer) under `name`; replaces a table of that name. */
  registerTable(name: string, data: arrow.Table | arrow.RecordBatch[] | Uint8Array): { schema: Schema; rowCount: number } {
    const table = importArrow(this.wasm, data, { dictionaryEncode: this.settings.dictionaryEncode ?? true });
    this.dropTable(name);
    this.tables.set(name, table);
    return { schema: fromArrowSchema(table.schema), rowCount: table.numRows };
  }

  /** Makes a connector's source readable as table `name` (read when a plan scans it). */
  registerSource(name: string, source: Source): void {
    this.dropTable(name);
    this.sources.set(name, source);
  }

  dropTable(name: string): void {
    this.tables.get(name)?.free();
    this.tables.delete(name);
    this.sources.delete(name);
  }

  /** Runs `plan` to completion; the result as one Arrow table. */
  async execute(plan: ExecNode, options: JobOptions = {}): Promise<arrow.Table> {
    const ctx = this.jobContext(options);
    const sink = new CollectSink(ctx, toArrowSchema(plan.schema));
    await this.run(ctx, plan, sink);
    return sink.toTable();
  }

  /** Runs `plan`, yielding result batches (the whole job runs before the first is yielded, for now). */
  async *executeBatches(plan: ExecNode, options: JobOptions = {}): AsyncIterable<arrow.RecordBatch> {
    const ctx = this.jobContext(options);
    const sink = new CollectSink(ctx, toArrowSchema(plan.schema));
    await this.run(ctx, plan, sink);
    yield* sink.batches;
  }

  /** The context of one job: the runner's, with the job's own batch size when it sets one. */
  private jobContext(options: JobOptions): RuntimeContext {
    const batchSize = options.batchSize ?? this.settings.batchSize;
    if (!(batchSize >= 1 && Number.isInteger(batchSize))) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
    return batchSize === this.ctx.batchSize ? this.ctx : { ...this.ctx, batchSize };
  }

  private async run(ctx: RuntimeContext, plan: ExecNode, sink: CollectSink): Promise<void> {
    const w = this.wasm;
    const mark = w.fn.arena_mark!() >>> 0;
    const task = buildTask(ctx, plan, sink);
    try {
      for (const source of task.sources) await source.run();
      if (!sink.ended) throw new Error('internal error: the job finished without its end of input reaching the sink');
    } finally {
      for (const op of task.operators) op.close();
      w.fn.arena_reset!(mark);
    }
  }
}
