/**
 * Decodes CSV bytes into Arrow batches of a weir schema. papaparse's core parser tokenises text
 * chunk by chunk (a record cut by a chunk boundary waits for the next chunk); each row's fields
 * go straight into column builders. The reader tracks the byte offset and line of each record
 * lazily (only at batch ends and on errors), so positions and error locations are exact without
 * a per-row cost.
 *
 * Field semantics follow Flink: a field equal to 'null-literal' is NULL; an empty field is NULL
 * for every type except STRING, where it is the empty string (CSV cannot tell "" from nothing).
 */
import Papa, { type Parser, type StepResult } from 'papaparse';
import type { RecordBatch } from 'apache-arrow';
import type { Schema } from '../../types/data-type.js';
import { typeToString } from '../../types/data-type.js';
import { ConnectorError, type InputLocation } from '../connector-error.js';
import type { InputFile } from '../input-file.js';
import { BatchBuilder } from './batch-builder.js';
import { utf8Length } from './column-builder.js';
import type { CsvOptions } from './csv-options.js';
import { checkBatchSize, type DecodeOptions, type FilePosition, type FormatReader } from './format.js';

/** Position of a CSV reader: rows, byte offset and 1-based line of the next record. */
export interface CsvPosition extends FilePosition {
  readonly byteOffset: number;
  readonly line: number;
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Reads one CSV file; see the file comment. */
export class CsvReader implements FormatReader {
  skippedRows = 0;
  private pos: CsvPosition;
  constructor(
    private readonly input: InputFile,
    private readonly schema: Schema,
    private readonly options: CsvOptions,
    private readonly decode: DecodeOptions,
  ) {
    checkBatchSize(decode.batchSize);
    const start = decode.startAt;
    this.pos = { rowIndex: start?.rowIndex ?? 0, byteOffset: start?.byteOffset ?? 0, line: (start as CsvPosition | undefined)?.line ?? 1 };
  }

  position(): CsvPosition {
    return this.pos;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<RecordBatch> {
    const { schema, options } = this;
    const fields = schema.fields;
    const builder = new BatchBuilder(schema, this.decode.batchSize);
    const stringColumn = fields.map((f) => f.type.name === 'STRING');
    const out: { batch: RecordBatch; position: CsvPosition }[] = [];
    let skipHeader = options.header && this.pos.byteOffset === 0;
    // The text being parsed and where its first character is in the file.
    let text = '';
    let baseByte = this.pos.byteOffset, baseLine = this.pos.line;
    // Start of the current row within `text`, and the last point whose byte offset is known.
    let rowStart = 0, knownChar = 0, knownByte = baseByte, knownLine = baseLine;
    let rowIndex = this.pos.rowIndex;
    const locate = (at: number, column?: string): InputLocation => ({
      path: this.input.path,
      line: baseLine + countNewlines(text, 0, at),
      byteOffset: baseByte + utf8Length(text, 0, at),
      column,
    });
    const advanceTo = (at: number): void => {
      knownByte += utf8Length(text, knownChar, at);
      knownLine += countNewlines(text, knownChar, at);
      knownChar = at;
    };
    const fail = (message: string, column?: string): void => {
      if (!options.ignoreParseErrors) throw new ConnectorError(message, locate(rowStart, column));
      builder.dropPartialRow();
      this.skippedRows++;
    };
    const step = (result: StepResult): void => {
      const row = result.data[0]!;
      const end = result.meta.cursor;
      try {
        if (row.length === 1 && row[0] === '' && result.errors.length === 0) return; // blank line
        if (skipHeader) { skipHeader = false; return; }
        if (result.errors.length > 0) return fail(`malformed CSV record: ${result.errors[0]!.message}`);
        if (row.length !== fields.length) {
          return fail(`expected ${fields.length} fields (${fields.map((f) => f.name).join(', ')}), found ${row.length}`);
        }
        for (let c = 0; c < row.length; c++) {
          const v = row[c]!;
          const column = builder.columns[c]!;
          if (v === options.nullLiteral || (v === '' && !stringColumn[c])) column.appendNull();
          else if (!column.appendText(v)) {
            const shown = v.length > 60 ? `${v.slice(0, 60)}…` : v;
            return fail(`cannot read '${shown}' as ${typeToString(fields[c]!.type)}`, fields[c]!.name);
          }
        }
        rowIndex++;
        if (builder.endRow()) {
          advanceTo(end);
          out.push({ batch: builder.flush(), position: { rowIndex, byteOffset: knownByte, line: knownLine } });
        }
      } finally {
        rowStart = end;
      }
    };
    let parser: Parser | undefined;
    const parse = (last: boolean): void => {
      if (!parser) {
        const nl = text.indexOf('\n');
        if (nl === -1 && !last) return; // wait for the first line ending to choose the newline
        parser = new Papa.Parser({
          delimiter: options.fieldDelimiter,
          newline: nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n',
          quoteChar: options.quoteCharacter ?? '\u0000',
          escapeChar: options.escapeCharacter,
          comments: options.allowComments ? '#' : false,
          step,
        });
      }
      rowStart = 0; knownChar = 0;
      const consumed = last ? text.length : parser.parse(text, 0, true).meta.cursor;
      if (last) parser.parse(text, 0, false);
      advanceTo(consumed);
      text = text.slice(consumed);
      baseByte = knownByte; baseLine = knownLine;
    };
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    let first = this.pos.byteOffset === 0;
    for await (let chunk of this.input.stream(this.pos.byteOffset)) {
      if (first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        chunk = chunk.subarray(3); baseByte += 3; knownByte += 3;
      }
      first = false;
      text += decoder.decode(chunk, { stream: true });
      parse(false);
      for (const item of out.splice(0)) { this.pos = item.position; yield item.batch; }
    }
    text += decoder.decode();
    parse(true);
    for (const item of out.splice(0)) { this.pos = item.position; yield item.batch; }
    if (builder.rows > 0) {
      const batch = builder.flush();
      this.pos = { rowIndex, byteOffset: knownByte, line: knownLine };
      yield batch;
    } else {
      this.pos = { rowIndex, byteOffset: knownByte, line: knownLine };
    }
  }
}
