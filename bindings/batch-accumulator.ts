import type * as arrow from 'apache-arrow';
import type { ResidentTable } from './arrow-import.js';
import { COL_SIZE, readDescs, writeDescs, type BatchDesc, type Kind } from './column.js';
import type { WasmInstance } from './wasm-instance.js';

const ACC_ERR_KIND = 1;

/**
 * Growable long-lived columns that batches are appended to, for blocking operators (sort input,
 * the build side of a hash join) and for resident tables. The rows live in blocks (mem_alloc),
 * not in the arena, so they survive arena resets until {@link free}. Each append is one WASM call
 * and leaves the arena where it was. A DICT column keeps its own copy of the first batch's
 * dictionary and accepts only batches with that dictionary; a UTF8 column also accepts DICT
 * input and decodes it (use UTF8 when dictionaries may differ).
 */
export class BatchAccumulator {
  private acc: number;

  /** An empty accumulator whose columns have the given physical kinds. */
  constructor(private readonly w: WasmInstance, readonly kinds: readonly Kind[]) {
    this.acc = w.fn.acc_new!(kinds.length) >>> 0;
    kinds.forEach((k, i) => w.fn.acc_init_col!(this.acc, i, k));
  }

  /**
   * Appends the rows of `batch`: all of them when `selPtr` is 0, else the `selLen` rows whose
   * ascending i32 indices are at `selPtr`. Throws (appending nothing) when a column's kind does
   * not match, or when memory runs out (ResourcesExhaustedError).
   */
  append(batch: BatchDesc, selPtr = 0, selLen = batch.numRows): void {
    const w = this.w;
    this.check();
    if (batch.columns.length !== this.kinds.length) {
      throw new Error(`BatchAccumulator: a batch of ${batch.columns.length} columns appended to ${this.kinds.length} columns`);
    }
    if (selPtr === 0 && selLen !== batch.numRows) {
      throw new RangeError(`BatchAccumulator: selPtr 0 means all ${batch.numRows} rows, but selLen is ${selLen}`);
    }
    const mark = w.fn.arena_mark!() >>> 0;
    let err: number;
    try {
      const descs = writeDescs(w, batch.columns);
      err = w.fn.acc_append!(this.acc, descs, selPtr, selLen);
    } finally {
      w.fn.arena_reset!(mark);
    }
    if (err !== 0) {
      const c = err >> 8;
      const got = batch.columns[c]!;
      throw new Error(
        (err & 0xff) === ACC_ERR_KIND
          ? `BatchAccumulator: column ${c} has kind ${got.kind}, expected ${this.kinds[c]}`
          : `BatchAccumulator: column ${c} is dictionary-encoded with another dictionary than earlier batches; accumulate it as UTF8`,
      );
    }
  }

  /** Rows appended so far. */
  get numRows(): number {
    this.check();
    return this.w.fn.acc_rows!(this.acc) >>> 0;
  }

  /** Bytes held in blocks, capacity included. */
  get bytes(): number {
    this.check();
    return this.w.fn.acc_bytes!(this.acc) >>> 0;
  }

  /**
   * The accumulated rows as one batch of long-lived columns. Valid until the next append (which
   * may move them) or {@link free}.
   */
  finish(): BatchDesc {
    const w = this.w;
    this.check();
    const mark = w.fn.arena_mark!() >>> 0;
    try {
      const out = w.fn.arena_alloc!(Math.max(1, this.kinds.length) * COL_SIZE) >>> 0;
      w.fn.acc_finish!(this.acc, out);
      return { numRows: w.fn.acc_rows!(this.acc) >>> 0, columns: readDescs(w, out, this.kinds.length) };
    } finally {
      w.fn.arena_reset!(mark);
    }
  }

  /**
   * Hands the accumulated rows over as a resident table of `schema` (one field per column, of an
   * Arrow type that exportBatch can produce from its kind). The table takes over the memory: this
   * accumulator is unusable afterwards, and the table's free() releases it.
   */
  toResidentTable(schema: arrow.Schema): ResidentTable {
    if (schema.fields.length !== this.kinds.length) {
      throw new Error(`BatchAccumulator: a schema of ${schema.fields.length} fields for ${this.kinds.length} columns`);
    }
    const { numRows, columns } = this.finish();
    const bytes = this.bytes;
    const acc = this.acc;
    const w = this.w;
    this.acc = 0;
    let freed = false;
    return {
      numRows,
      columns,
      schema,
      bytes,
      free(): void {
        if (freed) return;
        freed = true;
        w.fn.acc_free!(acc);
      },
    };
  }

  /** Returns every block to the memory manager; the accumulator is unusable afterwards. Idempotent. */
  free(): void {
    if (this.acc === 0) return;
    this.w.fn.acc_free!(this.acc);
    this.acc = 0;
  }

  private check(): void {
    if (this.acc === 0) throw new Error('BatchAccumulator: used after free()');
  }
}
