/**
 * The `csv` format: {@link CsvReader} to decode, {@link CsvWriter} to encode, and schema
 * inference from the first rows (column names from a header row when `header` is on, else
 * Flink's default names f0, f1, …).
 */
import Papa from 'papaparse';
import type { Field, Schema } from '../../types/data-type.js';
import type { InputFile, OutputStream } from '../input-file.js';
import { csvOptions, type CsvOptions } from './csv-options.js';
import { CsvReader } from './csv-reader.js';
import { CsvWriter } from './csv-writer.js';
import type { DecodeOptions, Format, FormatOptions, FormatReader, FormatWriter } from './format.js';
import { INFER_SAMPLE_BYTES, INFER_SAMPLE_ROWS, inferTextType } from './infer-schema.js';

/** The CSV format with the given options (`field-delimiter`, `null-literal`, … without `csv.`). */
export function csvFormat(options: FormatOptions = {}): Format {
  const parsed = csvOptions(options);
  return {
    name: 'csv',
    fileExtension: '.csv',
    createReader: (input: InputFile, schema: Schema, decode: DecodeOptions): FormatReader => new CsvReader(input, schema, parsed, decode),
    createWriter: (output: OutputStream, schema: Schema): FormatWriter => new CsvWriter(output, schema, parsed),
    inferSchema: (input: InputFile) => inferCsvSchema(input, parsed),
  };
}

/** Splits the start of a CSV text into rows (at most {@link INFER_SAMPLE_ROWS} + header). */
export function sampleCsvRows(text: string, options: CsvOptions, complete: boolean): string[][] {
  const rows: string[][] = [];
  const nl = text.indexOf('\n');
  const parser = new Papa.Parser({
    delimiter: options.fieldDelimiter,
    newline: nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n',
    quoteChar: options.quoteCharacter ?? '\u0000',
    escapeChar: options.escapeCharacter,
    comments: options.allowComments ? '#' : false,
    step: (r) => {
      const row = r.data[0]!;
      if (rows.length <= INFER_SAMPLE_ROWS && !(row.length === 1 && row[0] === '')) rows.push(row);
    },
  });
  parser.parse(text, 0, !complete);
  return rows;
}

async function inferCsvSchema(input: InputFile, options: CsvOptions): Promise<Schema> {
  const bytes = await input.read(0, INFER_SAMPLE_BYTES);
  const text = new TextDecoder().decode(bytes);
  const rows = sampleCsvRows(text, options, bytes.length >= input.size);
  const header = options.header ? rows.shift() : undefined;
  const width = Math.max(header?.length ?? 0, ...rows.map((r) => r.length));
  const isNull = (s: string) => s === '' || s === options.nullLiteral;
  const fields: Field[] = [];
  for (let c = 0; c < width; c++) {
    const name = header?.[c] || `f${c}`;
    fields.push({ name, type: inferTextType(rows.map((r) => r[c] ?? ''), isNull) });
  }
  return { fields };
}
