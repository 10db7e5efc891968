/**
 * The bounded filesystem source: one split per file (a directory is listed recursively, hidden
 * files skipped, sorted by path), each read by the table's format. Node-only.
 */
import type { RecordBatch } from 'apache-arrow';
import type { Schema } from '../../types/data-type.js';
import type { Format } from '../formats/format.js';
import type { Boundedness, Source, SourceSplit, SplitPosition, SplitReader, SplitReaderOptions } from '../source.js';
import { listFiles } from './list-files.js';
import { localInputFile } from './local-file.js';

/** One file to read: its path is its split id. */
export interface FileSourceSplit extends SourceSplit {
  readonly path: string;
  /** Size in bytes when the split was enumerated. */
  readonly size: number;
}

/** Reads the files under `path` in `format` as rows of `schema`. */
export class FileSystemSource implements Source<FileSourceSplit> {
  readonly boundedness: Boundedness = 'BOUNDED';
  constructor(
    readonly path: string,
    readonly format: Format,
    readonly schema: Schema,
  ) {}

  async enumerateSplits(): Promise<FileSourceSplit[]> {
    return (await listFiles(this.path)).map((f) => ({ splitId: f.path, path: f.path, size: f.size }));
  }

  createReader(split: FileSourceSplit, options: SplitReaderOptions): SplitReader {
    return new FileSplitReader(split, this.format, this.schema, options);
  }
}

class FileSplitReader implements SplitReader {
  private skipped = 0;
  private current: SplitPosition;
  constructor(
    readonly split: FileSourceSplit,
    private readonly format: Format,
    private readonly schema: Schema,
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
    const reader = this.format.createReader(input, this.schema, { batchSize: this.options.batchSize, startAt: this.options.startAt });
    for await (const batch of reader) {
      this.current = { splitId: this.split.splitId, ...reader.position() };
      this.skipped = reader.skippedRows;
      yield batch;
    }
    this.current = { splitId: this.split.splitId, ...reader.position() };
    this.skipped = reader.skippedRows;
  }
}
