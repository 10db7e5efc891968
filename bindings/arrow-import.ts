import * as arrow from 'apache-arrow';
import { importColumn, type ColumnImportOptions } from './arrow-import-column.js';
import type { BatchDesc, ColumnDesc } from './column.js';
import { ImportContext } from './import-context.js';
import type { WasmInstance } from './wasm-instance.js';

/** What {@link importArrow} accepts: a Table, record batches of one schema, or Arrow IPC bytes (stream or file). */
export type ArrowInput = arrow.Table | readonly arrow.RecordBatch[] | Uint8Array;

/**
 * A table resident in one WASM instance's linear memory: one contiguous long-lived column per
 * field (record batches concatenated). It is a {@link BatchDesc}, so `sliceBatch` cuts it into
 * batches of any size without copying. Valid until {@link ResidentTable.free}.
 */
export interface ResidentTable extends BatchDesc {
  readonly numRows: number;
  readonly columns: readonly ColumnDesc[];
  /** The Arrow schema it was imported from (field types before conversion to physical kinds). */
  readonly schema: arrow.Schema;
  /** Bytes of linear memory the table holds. */
  readonly bytes: number;
  /** Returns the table's memory to the memory manager; idempotent. The columns are invalid afterwards. */
  free(): void;
}

/** Options of {@link importArrow}. */
export type ImportOptions = ColumnImportOptions;

/**
 * Copies Arrow data into linear memory as a {@link ResidentTable}: one copy per buffer, utf8
 * offsets rebased, narrow types widened to their physical kind, Arrow booleans unpacked to a byte
 * per row. Dictionary<Utf8> columns stay dictionary-encoded when all batches share a dictionary
 * and are decoded to UTF8 otherwise; Utf8 columns with few distinct strings are dictionary-encoded
 * unless `options.dictionaryEncode` is false (the schema keeps saying Utf8, so results export as
 * Utf8). Throws an Error naming the field for an unsupported type, and ResourcesExhaustedError
 * when the memory budget is too small; either way nothing leaks.
 */
export function importArrow(w: WasmInstance, data: ArrowInput, options: ImportOptions = {}): ResidentTable {
  const { schema, batches } = normalize(data);
  const numRows = batches.reduce((n, b) => n + b.numRows, 0);
  const ctx = new ImportContext(w);
  const columns: ColumnDesc[] = [];
  try {
    schema.fields.forEach((field, i) => {
      const chunks = batches.map((b) => b.data.children[i]!);
      columns.push(importColumn(ctx, field, chunks, numRows, options));
    });
  } catch (e) {
    ctx.freeAll();
    throw e;
  }
  ctx.releaseStage();
  let freed = false;
  return {
    numRows,
    columns,
    schema,
    bytes: ctx.ownedBytes,
    free(): void {
      if (freed) return;
      freed = true;
      ctx.freeAll();
    },
  };
}

function normalize(data: ArrowInput): { schema: arrow.Schema; batches: readonly arrow.RecordBatch[] } {
  if (data instanceof Uint8Array) {
    const table = arrow.tableFromIPC(data);
    return { schema: table.schema, batches: table.batches };
  }
  // Duck-typed, so that a Table from another copy of apache-arrow is accepted too.
  if (!Array.isArray(data)) {
    const table = data as arrow.Table;
    return { schema: table.schema, batches: table.batches };
  }
  if (data.length === 0) {
    throw new Error('importArrow: an empty list of record batches has no schema; pass an arrow.Table to import an empty table');
  }
  const schema = data[0]!.schema;
  for (const b of data) {
    if (b.schema.fields.length !== schema.fields.length || b.schema.fields.some((f: arrow.Field, i: number) => f.typeId !== schema.fields[i]!.typeId)) {
      throw new Error('importArrow: the record batches do not share one schema');
    }
  }
  return { schema, batches: data };
}
