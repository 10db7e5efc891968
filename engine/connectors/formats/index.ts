/**
 * The file formats by name, for the filesystem connector's `'format'` option. Universal: no fs.
 */
import { ConnectorError } from '../connector-error.js';
import { arrowFormat } from './arrow-ipc.js';
import { csvFormat } from './csv.js';
import type { Format, FormatOptions } from './format.js';
import { jsonFormat } from './json.js';
import { parquetFormat } from './parquet.js';

export { arrowFormat, csvFormat, jsonFormat, parquetFormat };
export { setParquetWasm } from './parquet.js';
export type { DecodeOptions, FilePosition, Format, FormatOptions, FormatReader, FormatWriter } from './format.js';

const FORMATS: Record<string, (options: FormatOptions) => Format> = {
  csv: csvFormat,
  json: jsonFormat,
  arrow: arrowFormat,
  parquet: parquetFormat,
};

/** Names of the formats {@link createFormat} knows. */
export const FORMAT_NAMES = Object.keys(FORMATS);

/** The format called `name` with its options (keys without the format prefix). */
export function createFormat(name: string, options: FormatOptions = {}): Format {
  const make = FORMATS[name.toLowerCase()];
  if (!make) throw new ConnectorError(`unknown format '${name}'; the filesystem connector supports ${FORMAT_NAMES.map((n) => `'${n}'`).join(', ')}`);
  return make(options);
}

/** The format a file's extension suggests (`.csv`, `.json`/`.jsonl`/`.ndjson`, `.arrow`/`.arrows`/`.ipc`/`.feather`, `.parquet`). */
export function formatNameForPath(path: string): string | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase();
  switch (ext) {
    case 'csv': case 'tsv': case 'txt': return 'csv';
    case 'json': case 'jsonl': case 'ndjson': return 'json';
    case 'arrow': case 'arrows': case 'ipc': case 'feather': return 'arrow';
    case 'parquet': case 'pq': return 'parquet';
    default: return undefined;
  }
}
