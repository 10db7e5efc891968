/**
 * Rows of a weir schema gathered column by column into Arrow record batches of at most
 * `capacity` rows: the shared back end of the text decoders (CSV, JSON lines).
 */
import * as arrow from 'apache-arrow';
import type { Schema } from '../../types/data-type.js';
import { toArrowSchema } from '../../types/arrow-types.js';
import { columnBuilder, type ColumnBuilder } from './column-builder.js';

/** Column builders of one schema plus the row count they share. */
export class BatchBuilder {
  readonly columns: ColumnBuilder[];
  readonly arrowSchema: arrow.Schema;
  /** Complete rows so far. */
  rows = 0;
  constructor(schema: Schema, readonly capacity: number) {
    this.columns = schema.fields.map((f) => columnBuilder(f.type, capacity));
    this.arrowSchema = toArrowSchema(schema);
  }
  /** Marks the values appended since the last row as a complete row; true when the batch is full. */
  endRow(): boolean {
    return ++this.rows === this.capacity;
  }
  /** Drops a partly appended row (a parse error met halfway). */
  dropPartialRow(): void {
    for (const c of this.columns) c.truncate(this.rows);
  }
  /** The complete rows as a batch; the builder is then empty. */
  flush(): arrow.RecordBatch {
    const children = this.columns.map((c) => c.flush());
    const length = this.rows;
    this.rows = 0;
    return recordBatch(this.arrowSchema, children, length);
  }
}

/** A record batch of `schema` over column Data of `length` rows. */
export function recordBatch(schema: arrow.Schema, children: arrow.Data[], length: number): arrow.RecordBatch {
  const struct = arrow.makeData({ type: new arrow.Struct(schema.fields), length, nullCount: 0, children });
  return new arrow.RecordBatch(schema, struct);
}
