import type * as arrow from 'apache-arrow';
import type { ExecNode } from '../physical/exec-plan.js';
import type { Schema } from '../types/data-type.js';
import { formatRows } from './format-rows.js';
import type { JobRunner } from './job-runner.js';

/**
 * The result of `Table.execute()`: the planned job, run when a result is asked for. `toArrow()`
 * runs it once and keeps the table; `collect()` streams rows (reusing that table when it exists).
 */
export class TableResult {
  private table?: Promise<arrow.Table>;

  constructor(
    private readonly runner: JobRunner,
    /** The physical plan being executed (JSON-safe). */
    readonly physicalPlan: ExecNode,
    private readonly schema: Schema,
    private readonly jobOptions: { readonly batchSize?: number } = {},
  ) {}

  /** The result's columns and types (known before anything runs). */
  getResolvedSchema(): Schema {
    return this.schema;
  }

  /** The whole result as an apache-arrow Table. */
  toArrow(): Promise<arrow.Table> {
    this.table ??= this.runner.execute(this.physicalPlan, this.jobOptions);
    return this.table;
  }

  /**
   * The result as apache-arrow RecordBatches, as they come out of the job (`for await (const
   * batch of result.batches())`): the streaming way to read a large result.
   */
  async *batches(): AsyncIterable<arrow.RecordBatch> {
    if (this.table) {
      yield* (await this.table).batches;
      return;
    }
    yield* this.runner.executeBatches(this.physicalPlan, this.jobOptions);
  }

  /**
   * The result rows as plain objects keyed by column name, with apache-arrow's JavaScript values
   * (BIGINT as bigint, NULL as null).
   */
  async *collect(): AsyncIterable<Record<string, unknown>> {
    const batches = this.batches();
    const names = this.schema.fields.map((f) => f.name);
    for await (const batch of batches) {
      const columns = names.map((_, i) => batch.getChildAt(i)!);
      for (let r = 0; r < batch.numRows; r++) {
        const row: Record<string, unknown> = {};
        names.forEach((n, i) => { row[n] = columns[i]!.get(r); });
        yield row;
      }
    }
  }

  /** Prints the result as a table, as Flink's TableResult.print() does; returns the text. */
  async print(log: (text: string) => void = console.log): Promise<string> {
    const table = await this.toArrow();
    const text = formatRows(this.schema, table.batches);
    log(text);
    return text;
  }
}
