/**
 * The `json` format on files: JSON lines, read by {@link JsonLinesReader} and written by
 * {@link JsonLinesWriter}. Inference takes the keys of the first lines in order of first
 * appearance and a type per key from its values.
 */
import type { Schema } from '../../types/data-type.js';
import type { InputFile, OutputStream } from '../input-file.js';
import type { DecodeOptions, Format, FormatOptions } from './format.js';
import { INFER_SAMPLE_BYTES, INFER_SAMPLE_ROWS, inferJsonType } from './infer-schema.js';
import { isBlank, parseJsonLine } from './json-lines.js';
import { jsonOptions } from './json-options.js';
import { JsonLinesReader } from './json-reader.js';
import { JsonLinesWriter } from './json-writer.js';
import { ConnectorError } from '../connector-error.js';

/** The JSON lines format with the given options (`timestamp-format.standard`, … without `json.`). */
export function jsonFormat(options: FormatOptions = {}): Format {
  const parsed = jsonOptions(options);
  return {
    name: 'json',
    fileExtension: '.json',
    createReader: (input: InputFile, schema: Schema, decode: DecodeOptions) => new JsonLinesReader(input, schema, parsed, decode),
    createWriter: (output: OutputStream, schema: Schema) => new JsonLinesWriter(output, schema, parsed),
    inferSchema: inferJsonSchema,
  };
}

async function inferJsonSchema(input: InputFile): Promise<Schema> {
  const bytes = await input.read(0, INFER_SAMPLE_BYTES);
  const lines = new TextDecoder().decode(bytes).split('\n');
  if (bytes.length < input.size) lines.pop(); // possibly cut short
  const values = new Map<string, unknown[]>();
  let rows = 0;
  for (let i = 0; i < lines.length && rows < INFER_SAMPLE_ROWS; i++) {
    if (isBlank(lines[i]!)) continue;
    let obj: unknown;
    try {
      obj = parseJsonLine(lines[i]!);
    } catch (e) {
      throw new ConnectorError(`malformed JSON while inferring a schema: ${(e as Error).message}`, { path: input.path, line: i + 1 });
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      throw new ConnectorError('expected a JSON object per line', { path: input.path, line: i + 1 });
    }
    for (const [k, v] of Object.entries(obj)) {
      let list = values.get(k);
      if (!list) values.set(k, (list = []));
      list.push(v);
    }
    rows++;
  }
  return { fields: [...values].map(([name, vs]) => ({ name, type: inferJsonType(vs) })) };
}
