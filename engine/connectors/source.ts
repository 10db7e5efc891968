/**
 * Sources in the shape of Flink's FLIP-27: a {@link Source} enumerates {@link SourceSplit}s (for
 * files: one per file) and creates a {@link SplitReader} per split. A reader yields Arrow record
 * batches and reports its {@link SplitPosition} after each, so that a checkpoint can store the
 * position and a restored job can resume the split where it stopped.
 */
import type { RecordBatch } from 'apache-arrow';
import type { Schema } from '../types/data-type.js';

/** Whether a source ends (files read once) or runs until cancelled (Kafka, monitored dirs). */
export type Boundedness = 'BOUNDED' | 'CONTINUOUS_UNBOUNDED';

/** A unit of work a reader takes whole: one file, one partition. */
export interface SourceSplit {
  /** Unique within its source and stable across runs (checkpoints refer to it). */
  readonly splitId: string;
}

/**
 * How far a reader has read a split: the number of rows it has emitted and, where the format
 * can resume mid-file, the byte offset of the first record not yet emitted.
 */
export interface SplitPosition {
  readonly splitId: string;
  /** Rows emitted so far (data rows: a CSV header is not counted). */
  readonly rowIndex: number;
  /** Byte offset of the next record (CSV, JSON lines); absent for formats read by row index. */
  readonly byteOffset?: number;
}

/** Options of {@link Source.createReader}. */
export interface SplitReaderOptions {
  /** Most rows per emitted batch (≥ 1). */
  readonly batchSize: number;
  /** Resume from a position a reader of the same split reported. */
  readonly startAt?: SplitPosition;
}

/**
 * Reads one split as Arrow record batches of at most `batchSize` rows whose schema is the
 * source's schema in Arrow terms. Iterate once; `position()` is valid between batches.
 */
export interface SplitReader extends AsyncIterable<RecordBatch> {
  readonly split: SourceSplit;
  /** The position after the last batch yielded. */
  position(): SplitPosition;
  /** Rows skipped as malformed because an ignore-parse-errors option is on. */
  readonly skippedRows: number;
}

/** A bounded or unbounded table source: what rows it has (schema) and how they are split. */
export interface Source<Split extends SourceSplit = SourceSplit> {
  readonly boundedness: Boundedness;
  /** The row type every reader produces. */
  readonly schema: Schema;
  /** The splits to read, in a deterministic order. */
  enumerateSplits(): Promise<Split[]>;
  createReader(split: Split, options: SplitReaderOptions): SplitReader;
}

/** Every batch of every split of a bounded source, split by split in enumeration order. */
export async function* readAll(source: Source, options: SplitReaderOptions): AsyncGenerator<RecordBatch> {
  for (const split of await source.enumerateSplits()) yield* source.createReader(split, options);
}
