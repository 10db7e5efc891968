/**
 * The `arrow` format: Arrow IPC files (`ARROW1` magic, random access) and streams, read and
 * written with apache-arrow. Batches are re-cut to the requested batch size and conformed to
 * the declared schema; the position is the row index (IPC has no record-level byte offsets
 * worth seeking to). The writer writes the file format, or the stream format when the option
 * `ipc-format` = 'stream' (a weir option; Flink has no Arrow file format).
 */
import * as arrow from 'apache-arrow';
import type { Schema } from '../../types/data-type.js';
import { fromArrowSchema, toArrowSchema } from '../../types/arrow-types.js';
import { ConnectorError } from '../connector-error.js';
import type { InputFile, OutputStream } from '../input-file.js';
import { SchemaConformer } from './conform.js';
import { checkOptionKeys, enumOption } from './format-options.js';
import { checkBatchSize, type DecodeOptions, type FilePosition, type Format, type FormatOptions, type FormatReader, type FormatWriter } from './format.js';

const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"

async function isFileFormat(input: InputFile): Promise<boolean> {
  const head = await input.read(0, 6);
  return head.length === 6 && MAGIC.every((b, i) => head[i] === b);
}

/** Opens the IPC reader of an input (file format read whole, stream format streamed). */
async function openIpc(input: InputFile): Promise<AsyncIterable<arrow.RecordBatch> & { schema: arrow.Schema }> {
  try {
    if (await isFileFormat(input)) {
      const reader = arrow.RecordBatchReader.from(await input.read(0, input.size));
      reader.open();
      return { schema: reader.schema, async *[Symbol.asyncIterator]() { yield* reader; } };
    }
    const reader = await arrow.RecordBatchReader.from(input.stream());
    await reader.open();
    return reader as never;
  } catch (e) {
    if (e instanceof ConnectorError) throw e;
    throw new ConnectorError(`not a readable Arrow IPC file or stream: ${(e as Error).message}`, { path: input.path });
  }
}

/** Cuts `batch` into slices of at most `size` rows. */
export function* sliceBatch(batch: arrow.RecordBatch, size: number): Generator<arrow.RecordBatch> {
  if (batch.numRows <= size) { yield batch; return; }
  for (let at = 0; at < batch.numRows; at += size) yield batch.slice(at, Math.min(at + size, batch.numRows));
}

class ArrowIpcReader implements FormatReader {
  readonly skippedRows = 0;
  private rowIndex: number;
  constructor(private readonly input: InputFile, private readonly schema: Schema, private readonly decode: DecodeOptions) {
    checkBatchSize(decode.batchSize);
    this.rowIndex = decode.startAt?.rowIndex ?? 0;
  }
  position(): FilePosition {
    return { rowIndex: this.rowIndex };
  }
  async *[Symbol.asyncIterator](): AsyncGenerator<arrow.RecordBatch> {
    const conformer = new SchemaConformer(this.schema, this.input.path);
    const skip = this.rowIndex;
    let seen = 0;
    for await (const batch of await openIpc(this.input)) {
      let b = batch;
      if (seen + b.numRows <= skip) { seen += b.numRows; continue; }
      if (seen < skip) { b = b.slice(skip - seen); seen = skip; }
      for (const slice of sliceBatch(b, this.decode.batchSize)) {
        const out = conformer.conform(slice, this.rowIndex);
        this.rowIndex += slice.numRows;
        seen += slice.numRows;
        yield out;
      }
    }
  }
}

class ArrowIpcWriter implements FormatWriter {
  private readonly writer: arrow.RecordBatchWriter;
  private readonly schema: arrow.Schema;
  constructor(private readonly output: OutputStream, schema: Schema, stream: boolean) {
    this.writer = stream ? new arrow.RecordBatchStreamWriter() : new arrow.RecordBatchFileWriter();
    this.schema = toArrowSchema(schema);
    this.writer.reset(undefined, this.schema);
  }
  async write(batch: arrow.RecordBatch): Promise<void> {
    // Batches carry the query's field names and nullability; the file keeps the table's schema
    // (a different schema would make apache-arrow's writer close the stream).
    this.writer.write(new arrow.RecordBatch(this.schema, batch.data));
  }
  async finish(): Promise<void> {
    this.writer.finish();
    await this.output.write(this.writer.toUint8Array(true));
    await this.output.close();
  }
}

/** The Arrow IPC format; option `ipc-format` ('file' default, or 'stream') picks what is written. */
export function arrowFormat(options: FormatOptions = {}): Format {
  checkOptionKeys('arrow', options, ['ipc-format']);
  const stream = enumOption('arrow', options, 'ipc-format', ['file', 'stream'] as const, 'file') === 'stream';
  return {
    name: 'arrow',
    fileExtension: stream ? '.arrows' : '.arrow',
    createReader: (input, schema, decode) => new ArrowIpcReader(input, schema, decode),
    createWriter: (output, schema) => new ArrowIpcWriter(output, schema, stream),
    async inferSchema(input) {
      const reader = await openIpc(input);
      try {
        return fromArrowSchema(reader.schema);
      } catch (e) {
        throw new ConnectorError((e as Error).message, { path: input.path });
      }
    },
  };
}
