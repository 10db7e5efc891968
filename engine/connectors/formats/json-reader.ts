/**
 * Decodes JSON lines (one JSON object per line, as Flink's `json` format on files) into Arrow
 * batches of a weir schema. Lines are split on bytes, so the byte offset of every record is
 * exact; keys are matched by field name, missing keys read as NULL unless
 * 'fail-on-missing-field', keys not in the schema are ignored, and values are converted as
 * Flink does (numbers from numbers or numeric strings, STRING from any value, nested values as
 * their JSON text).
 */
import type { RecordBatch } from 'apache-arrow';
import type { Schema } from '../../types/data-type.js';
import { typeToString } from '../../types/data-type.js';
import { ConnectorError } from '../connector-error.js';
import type { InputFile } from '../input-file.js';
import { BatchBuilder } from './batch-builder.js';
import { checkBatchSize, type DecodeOptions, type FilePosition, type FormatReader } from './format.js';
import type { JsonOptions } from './json-options.js';
import { isBlank, parseJsonLine } from './json-lines.js';

/** Position of a JSON lines reader: rows, byte offset and 1-based line of the next record. */
export interface JsonPosition extends FilePosition {
  readonly byteOffset: number;
  readonly line: number;
}

/** Reads one JSON lines file; see the file comment. */
export class JsonLinesReader implements FormatReader {
  skippedRows = 0;
  private pos: JsonPosition;
  constructor(
    private readonly input: InputFile,
    private readonly schema: Schema,
    private readonly options: JsonOptions,
    private readonly decode: DecodeOptions,
  ) {
    checkBatchSize(decode.batchSize);
    const start = decode.startAt;
    this.pos = { rowIndex: start?.rowIndex ?? 0, byteOffset: start?.byteOffset ?? 0, line: (start as JsonPosition | undefined)?.line ?? 1 };
  }

  position(): JsonPosition {
    return this.pos;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<RecordBatch> {
    const fields = this.schema.fields;
    const names = fields.map((f) => f.name);
    const builder = new BatchBuilder(this.schema, this.decode.batchSize);
    const decoder = new TextDecoder();
    let { rowIndex, byteOffset, line } = this.pos;
    let rest: Uint8Array | undefined;
    const out: RecordBatch[] = [];
    const fail = (message: string, column?: string): void => {
      if (!this.options.ignoreParseErrors) throw new ConnectorError(message, { path: this.input.path, line, byteOffset, column });
      builder.dropPartialRow();
      this.skippedRows++;
    };
    const readLine = (bytes: Uint8Array): void => {
      const text = decoder.decode(bytes);
      if (isBlank(text)) return;
      let value: unknown;
      try {
        value = parseJsonLine(text);
      } catch (e) {
        return fail(`malformed JSON: ${(e as Error).message}`);
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('expected a JSON object per line');
      const obj = value as Record<string, unknown>;
      for (let c = 0; c < names.length; c++) {
        const v = obj[names[c]!];
        if (v === undefined && this.options.failOnMissingField) return fail('field is missing', names[c]);
        if (!builder.columns[c]!.appendJson(v)) {
          const shown = JSON.stringify(v);
          return fail(`cannot read ${shown.length > 60 ? `${shown.slice(0, 60)}…` : shown} as ${typeToString(fields[c]!.type)}`, names[c]);
        }
      }
      rowIndex++;
      if (builder.endRow()) out.push(builder.flush());
    };
    for await (const chunk of this.input.stream(byteOffset)) {
      let bytes = chunk;
      if (rest) { bytes = new Uint8Array(rest.length + chunk.length); bytes.set(rest); bytes.set(chunk, rest.length); }
      let from = 0;
      for (let nl = bytes.indexOf(10); nl !== -1; nl = bytes.indexOf(10, from)) {
        readLine(bytes.subarray(from, nl));
        byteOffset += nl + 1 - from;
        line++;
        from = nl + 1;
        if (out.length > 0) { this.pos = { rowIndex, byteOffset, line }; yield out.pop()!; }
      }
      rest = from < bytes.length ? bytes.slice(from) : undefined;
    }
    if (rest) {
      readLine(rest);
      byteOffset += rest.length;
    }
    this.pos = { rowIndex, byteOffset, line };
    if (out.length > 0) yield out.pop()!;
    if (builder.rows > 0) yield builder.flush();
  }
}
