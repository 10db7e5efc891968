/**
 * The filesystem sink: `path` is a directory; each writer writes one part file named as Flink
 * names them, `part-<uuid>-<subtask>-<count><ext>` (a new uuid per writer, so repeated INSERTs add files), first as a hidden in-progress file
 * (`.part-….inprogress`) that readers skip, renamed at commit. Node-only.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordBatch } from 'apache-arrow';
import type { Schema } from '../../types/data-type.js';
import { ConnectorError } from '../connector-error.js';
import type { Format, FormatWriter } from '../formats/format.js';
import type { Sink, SinkWriter, SinkWriterContext } from '../sink.js';
import { fsError, localOutputStream } from './local-file.js';

/** A finished part file waiting for commit. */
export interface PendingFile {
  readonly inProgressPath: string;
  readonly finalPath: string;
}

/** Writes part files of `format` into the directory `path`. */
export class FileSystemSink implements Sink<PendingFile> {
  /** One id per sink instance, shared by its writers (Flink uses one per job). */
  constructor(
    readonly path: string,
    readonly format: Format,
    readonly schema: Schema,
  ) {}

  async createWriter(context: SinkWriterContext): Promise<SinkWriter<PendingFile>> {
    try {
      await mkdir(this.path, { recursive: true });
    } catch (e) {
      throw fsError(e, this.path, 'create directory');
    }
    const name = `part-${randomUUID()}-${context.subtaskIndex}-0${this.format.fileExtension}`;
    return new PartFileWriter(
      { inProgressPath: join(this.path, `.${name}.inprogress`), finalPath: join(this.path, name) },
      this.format,
      this.schema,
    );
  }

  async commit(committables: readonly PendingFile[]): Promise<void> {
    for (const file of committables) {
      try {
        await rename(file.inProgressPath, file.finalPath);
      } catch (e) {
        // Idempotent: a part already renamed by an earlier commit is done.
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' && (await exists(file.finalPath))) continue;
        throw fsError(e, file.inProgressPath, 'commit');
      }
    }
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

class PartFileWriter implements SinkWriter<PendingFile> {
  private writer: FormatWriter | undefined;
  private done = false;
  constructor(
    private readonly file: PendingFile,
    private readonly format: Format,
    private readonly schema: Schema,
  ) {}

  private async open(): Promise<FormatWriter> {
    this.writer ??= this.format.createWriter(await localOutputStream(this.file.inProgressPath), this.schema);
    return this.writer;
  }

  async write(batch: RecordBatch): Promise<void> {
    if (this.done) throw new ConnectorError(`write after prepareCommit to ${this.file.finalPath}`);
    if (batch.numCols !== this.schema.fields.length) {
      throw new ConnectorError(`batch has ${batch.numCols} columns, the sink at ${this.file.finalPath} expects ${this.schema.fields.length}`);
    }
    await (await this.open()).write(batch);
  }

  async prepareCommit(): Promise<PendingFile[]> {
    if (this.done) return [];
    this.done = true;
    // An INSERT of no rows still leaves a (possibly empty) file, as Flink's bulk formats do.
    await (await this.open()).finish();
    return [this.file];
  }

  async abort(): Promise<void> {
    this.done = true;
    await rm(this.file.inProgressPath, { force: true });
  }
}
