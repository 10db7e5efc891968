/**
 * A file format: decodes an {@link InputFile} into Arrow batches of a weir schema, encodes batches
 * into bytes, and infers a schema from a sample. Formats see bytes only (no fs), so they work in
 * browsers and edge runtimes; the filesystem connector supplies the bytes.
 */
import type { RecordBatch } from 'apache-arrow';
import type { Schema } from '../../types/data-type.js';
import type { InputFile, OutputStream } from '../input-file.js';

/** Flink-style format options without the format prefix: `field-delimiter`, not `csv.field-delimiter`. */
export type FormatOptions = Readonly<Record<string, string>>;

/** A position inside one file, as a {@link FormatReader} reports it. */
export interface FilePosition {
  /** Data rows emitted so far. */
  readonly rowIndex: number;
  /** Byte offset of the next record, for formats that can seek to a record. */
  readonly byteOffset?: number;
}

/** Options of {@link Format.createReader}. */
export interface DecodeOptions {
  readonly batchSize: number;
  readonly startAt?: FilePosition;
}

/** Batches of one file: iterate once; `position()` is valid between batches. */
export interface FormatReader extends AsyncIterable<RecordBatch> {
  position(): FilePosition;
  /** Malformed rows skipped because the format's ignore-parse-errors option is on. */
  readonly skippedRows: number;
}

/** Writes batches of one schema into one output; `finish` writes any footer and closes it. */
export interface FormatWriter {
  write(batch: RecordBatch): Promise<void>;
  finish(): Promise<void>;
}

/** One format's decoder, encoder and schema inference. */
export interface Format {
  /** The `'format'` option value: `csv`, `json`, `arrow`, `parquet`. */
  readonly name: string;
  /** Extension of files the sink writes, with the dot. */
  readonly fileExtension: string;
  /** Reads `input` as rows of `schema` (a DDL's or an inferred one). */
  createReader(input: InputFile, schema: Schema, options: DecodeOptions): FormatReader;
  /** Writes rows of `schema` to `output`. */
  createWriter(output: OutputStream, schema: Schema): FormatWriter;
  /** A schema for `input` from its first records (or its footer, for self-describing formats). */
  inferSchema(input: InputFile): Promise<Schema>;
}

/** Checks a batch size option: a positive integer. */
export function checkBatchSize(batchSize: number): number {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
  return batchSize;
}
