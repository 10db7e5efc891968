/**
 * The bounded filesystem source: one split per file (a directory is listed recursively, hidden
 * files skipped, sorted by path), each read by the table's format. With metadata keys (Flink's
 * `file.path`, `file.name`, `file.size`, `file.modification-time`), each batch of a file gets one
 * constant column per key after the physical columns. Node-only.
 */
import * as arrow from 'apache-arrow';
import type { RecordBatch } from 'apache-arrow';
import type { Field, Schema } from '../../types/data-type.js';
import { ConnectorError } from '../connector-error.js';
import { appendColumns, constantArrowType, constantColumn, type ConstantValue } from '../constant-column.js';
import type { Format } from '../formats/format.js';
import type { Boundedness, Source, SourceSplit, SplitPosition, SplitReader, SplitReaderOptions } from '../source.js';
import { FILE_METADATA, fileMetadataValue, isFileMetadataKey } from './file-metadata.js';
import { listFiles } from './list-files.js';
import { localInputFile } from './local-file.js';

/** One file to read: its path is its split id. */
export interface FileSourceSplit extends SourceSplit {
  readonly path: string;
  /** Size in bytes when the split was enumerated. */
  readonly size: number;
  /** Last modification when the split was enumerated, in milliseconds since the epoch. */
  readonly modificationTime: number;
}

/** Reads the files under `path` in `format` as rows of `physical`, then the metadata of `metadataKeys`. */
export class FileSystemSource implements Source<FileSourceSplit> {
  readonly boundedness: Boundedness = 'BOUNDED';
  /** The physical columns, then one column per metadata key (named by the key). */
  readonly schema: Schema;
  /** The Arrow fields of the metadata columns, made once so that every batch of every split has one schema. */
  private readonly metadataFields: readonly arrow.Field[];
  constructor(
    readonly path: string,
    readonly format: Format,
    readonly physical: Schema,
    readonly metadataKeys: readonly string[] = [],
  ) {
    const unknown = metadataKeys.filter((k) => !isFileMetadataKey(k));
    if (unknown.length > 0) {
      throw new ConnectorError(`unknown filesystem metadata key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')}; available: ${Object.keys(FILE_METADATA).map((k) => `'${k}'`).join(', ')}`);
    }
    // Named so that no physical column (`file.name` is a legal column name) can collide with them.
    const metadata: Field[] = metadataKeys.map((key, i) => ({ name: `$metadata${i}:${key}`, type: FILE_METADATA[key]! }));
    this.schema = { fields: [...physical.fields, ...metadata] };
    this.metadataFields = metadata.map((f) => new arrow.Field(f.name, constantArrowType(f.type), false));
  }

  /** The same files and format, with `keys`' metadata appended to the rows (Flink's applyReadableMetadata). */
  withMetadata(keys: readonly string[]): FileSystemSource {
    return new FileSystemSource(this.path, this.format, this.physical, keys);
  }

  async enumerateSplits(): Promise<FileSourceSplit[]> {
    return (await listFiles(this.path)).map((f) => ({ splitId: f.path, path: f.path, size: f.size, modificationTime: f.modificationTime }));
  }

  createReader(split: FileSourceSplit, options: SplitReaderOptions): SplitReader {
    const withMetadata = this.metadataKeys.length > 0 ? splitMetadata(split, this.metadataKeys, this.metadataFields) : undefined;
    return new FileSplitReader(split, this.format, this.physical, withMetadata, options);
  }
}

class FileSplitReader implements SplitReader {
  private skipped = 0;
  private current: SplitPosition;
  constructor(
    readonly split: FileSourceSplit,
    private readonly format: Format,
    private readonly physical: Schema,
    /** Appends the split's metadata columns, when the source reads metadata. */
    private readonly withMetadata: ((batch: RecordBatch) => RecordBatch) | undefined,
    private readonly options: SplitReaderOptions,
  ) {
    this.current = options.startAt ?? { splitId: split.splitId, rowIndex: 0 };
  }
  get skippedRows(): number {
    return this.skipped;
  }
  position(): SplitPosition {
    return this.current;
  }
  async *[Symbol.asyncIterator](): AsyncGenerator<RecordBatch> {
    const input = await localInputFile(this.split.path);
    const reader = this.format.createReader(input, this.physical, { batchSize: this.options.batchSize, startAt: this.options.startAt });
    for await (const batch of reader) {
      this.current = { splitId: this.split.splitId, ...reader.position() };
      this.skipped = reader.skippedRows;
      yield this.withMetadata ? this.withMetadata(batch) : batch;
    }
    this.current = { splitId: this.split.splitId, ...reader.position() };
    this.skipped = reader.skippedRows;
  }
}

/**
 * Appends the split's metadata to a batch. The values are the split's, so the columns of one
 * length are built once and shared by every batch of that length (Arrow Data is immutable).
 */
function splitMetadata(split: FileSourceSplit, keys: readonly string[], fields: readonly arrow.Field[]): (batch: RecordBatch) => RecordBatch {
  const values: ConstantValue[] = keys.map((k) => fileMetadataValue(k, split));
  let cached: { length: number; columns: arrow.Data[] } | undefined;
  return (batch) => {
    if (cached?.length !== batch.numRows) {
      cached = { length: batch.numRows, columns: keys.map((k, i) => constantColumn(FILE_METADATA[k]!, values[i]!, batch.numRows)) };
    }
    return appendColumns(batch, fields, cached.columns);
  };
}
