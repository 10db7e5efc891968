/**
 * The `parquet` format through parquet-wasm (Rust's arrow-rs parquet compiled to WebAssembly;
 * see PARQUET.md for why it over hyparquet). Reading decodes the file in WASM to Arrow IPC and
 * imports it with apache-arrow, so types stay exact (INT64, DECIMAL128, timestamps); batches are
 * conformed to the declared schema. Writing gathers the batches and writes one file with Snappy
 * compression at `finish`.
 *
 * parquet-wasm is loaded on first use with a dynamic import: on Node that resolves to its Node
 * build (which reads its .wasm from disk); elsewhere to its ESM build, whose default export
 * fetches the .wasm next to it. Edge runtimes that cannot fetch it initialise the module
 * themselves and hand it over with {@link setParquetWasm}.
 */
import * as arrow from 'apache-arrow';
import type * as ParquetWasm from 'parquet-wasm';
import type { Schema } from '../../types/data-type.js';
import { fromArrowSchema, toArrowSchema } from '../../types/arrow-types.js';
import { ConnectorError } from '../connector-error.js';
import type { InputFile, OutputStream } from '../input-file.js';
import { sliceBatch } from './arrow-ipc.js';
import { SchemaConformer } from './conform.js';
import { checkOptionKeys } from './format-options.js';
import { checkBatchSize, type DecodeOptions, type FilePosition, type Format, type FormatOptions, type FormatReader, type FormatWriter } from './format.js';

type ParquetModule = typeof ParquetWasm;
let loaded: Promise<ParquetModule> | undefined;

/** Uses an already initialised parquet-wasm module (edge runtimes; see the file comment). */
export function setParquetWasm(module: ParquetModule): void {
  loaded = Promise.resolve(module);
}

/** The parquet-wasm module, loaded and initialised once. */
export function loadParquetWasm(): Promise<ParquetModule> {
  loaded ??= import('parquet-wasm').then(async (m) => {
    const init = (m as { default?: unknown }).default;
    if (typeof init === 'function') await (init as () => Promise<unknown>)(); // ESM build
    return m;
  });
  return loaded;
}

async function readTable(input: InputFile, options: ParquetWasm.ReaderOptions): Promise<arrow.Table> {
  const pw = await loadParquetWasm();
  const bytes = await input.read(0, input.size);
  try {
    return arrow.tableFromIPC(pw.readParquet(bytes, options).intoIPCStream());
  } catch (e) {
    throw new ConnectorError(`not a readable Parquet file: ${e instanceof Error ? e.message : String(e)}`, { path: input.path });
  }
}

class ParquetReader implements FormatReader {
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
    const names = this.schema.fields.map((f) => f.name);
    const table = await readTable(this.input, {
      batchSize: Math.min(this.decode.batchSize, 65536),
      offset: this.rowIndex > 0 ? this.rowIndex : undefined,
    });
    const available = table.schema.fields.map((f) => f.name);
    const missing = names.find((n) => !available.includes(n));
    if (missing !== undefined) {
      throw new ConnectorError(`column '${missing}' is not in the file (it has ${available.map((n) => `'${n}'`).join(', ')})`, { path: this.input.path });
    }
    const conformer = new SchemaConformer(this.schema, this.input.path);
    for (const batch of table.batches) {
      for (const slice of sliceBatch(batch, this.decode.batchSize)) {
        const out = conformer.conform(slice, this.rowIndex);
        this.rowIndex += slice.numRows;
        yield out;
      }
    }
  }
}

class ParquetWriter implements FormatWriter {
  private readonly batches: arrow.RecordBatch[] = [];
  constructor(private readonly output: OutputStream, private readonly schema: Schema) {}
  async write(batch: arrow.RecordBatch): Promise<void> {
    if (batch.numRows > 0) this.batches.push(batch);
  }
  async finish(): Promise<void> {
    const pw = await loadParquetWasm();
    const arrowSchema = toArrowSchema(this.schema);
    const table = new arrow.Table(arrowSchema, this.batches.map((b) => new arrow.RecordBatch(arrowSchema, b.data)));
    const props = new pw.WriterPropertiesBuilder().setCompression(pw.Compression.SNAPPY).build();
    const bytes = pw.writeParquet(pw.Table.fromIPCStream(arrow.tableToIPC(table, 'stream')), props);
    await this.output.write(bytes);
    await this.output.close();
  }
}

/** The Parquet format (no options yet; Flink's `parquet.*` writer options are not supported). */
export function parquetFormat(options: FormatOptions = {}): Format {
  checkOptionKeys('parquet', options, []);
  return {
    name: 'parquet',
    fileExtension: '.parquet',
    createReader: (input, schema, decode) => new ParquetReader(input, schema, decode),
    createWriter: (output, schema) => new ParquetWriter(output, schema),
    async inferSchema(input) {
      const table = await readTable(input, { limit: 1 });
      try {
        return fromArrowSchema(table.schema);
      } catch (e) {
        throw new ConnectorError((e as Error).message, { path: input.path });
      }
    },
  };
}
