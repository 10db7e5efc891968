/**
 * The `'connector' = 'filesystem'` table factory: turns a CREATE TABLE's WITH options into a
 * source and a sink, and registers a bare file for the CLI's `--table name=path` with its schema
 * inferred. Options follow Flink: `path`, `format`, and format options prefixed by the format's
 * name (`csv.field-delimiter`, `json.timestamp-format.standard`). Node-only.
 */
import type { Schema } from '../../types/data-type.js';
import { ConnectorError } from '../connector-error.js';
import { createFormat, formatNameForPath } from '../formats/index.js';
import type { Format } from '../formats/format.js';
import type { DynamicTable } from '../table-factory.js';
import { FILE_METADATA } from './file-metadata.js';
import { FileSystemSink } from './filesystem-sink.js';
import { FileSystemSource } from './filesystem-source.js';
import { listFiles } from './list-files.js';
import { localInputFile } from './local-file.js';

/** Connector-level keys the filesystem connector accepts besides `<format>.*` keys. */
const CONNECTOR_KEYS = ['connector', 'path', 'format', 'source.monitor-interval', 'sink.rolling-policy.file-size', 'sink.rolling-policy.rollover-interval'];

/** A filesystem table: where it is, its format, its schema, and its source and sink. */
export interface FileSystemTable {
  readonly path: string;
  readonly format: Format;
  readonly schema: Schema;
  readonly source: FileSystemSource;
  readonly sink: FileSystemSink;
}

/** The format and its prefixed options from WITH options; checks the connector keys. */
export function formatFromOptions(options: Readonly<Record<string, string>>): Format {
  const name = options['format'];
  if (!name) throw new ConnectorError("the filesystem connector needs the option 'format' ('csv', 'json', 'arrow' or 'parquet')");
  const prefix = `${name.toLowerCase()}.`;
  const formatOptions: Record<string, string> = {};
  const unknown: string[] = [];
  for (const [k, v] of Object.entries(options)) {
    if (k.startsWith(prefix)) formatOptions[k.slice(prefix.length)] = v;
    else if (!CONNECTOR_KEYS.includes(k)) unknown.push(k);
  }
  if (unknown.length > 0) {
    throw new ConnectorError(`unsupported option${unknown.length > 1 ? 's' : ''} for the filesystem connector: ${unknown.map((k) => `'${k}'`).join(', ')}; supported: ${CONNECTOR_KEYS.map((k) => `'${k}'`).join(', ')} and '${prefix}*'`);
  }
  return createFormat(name, formatOptions);
}

/**
 * The table of a `CREATE TABLE … WITH ('connector' = 'filesystem', …)`: `schema` is the DDL's
 * columns. Nothing is read yet (a missing path fails when the source enumerates its splits).
 */
export function createFileSystemTable(options: Readonly<Record<string, string>>, schema: Schema): FileSystemTable {
  const path = options['path'];
  if (!path) throw new ConnectorError("the filesystem connector needs the option 'path'");
  if (options['connector'] !== undefined && options['connector'] !== 'filesystem') {
    throw new ConnectorError(`createFileSystemTable got 'connector' = '${options['connector']}'`);
  }
  const format = formatFromOptions(options);
  return { path, format, schema, source: new FileSystemSource(path, format, schema), sink: new FileSystemSink(path, format, schema) };
}

/**
 * A filesystem table as the planner sees it (a {@link DynamicTable}): its source and sink, and the
 * file metadata the source can read. Nothing is writable: the sink takes physical columns only.
 */
export function fileSystemDynamicTable(table: FileSystemTable): DynamicTable {
  return {
    source: table.source,
    sink: table.sink,
    readableMetadata: FILE_METADATA,
    applyReadableMetadata: (keys) => table.source.withMetadata(keys),
  };
}

/**
 * The table for the CLI's `--table name=path`: the format from `options.format` or the file
 * extension, the schema from `schema` (a DDL's) or inferred from the first file. CSV files
 * registered this way have a header row unless `csv.header` says otherwise; `.tsv` is
 * tab-separated.
 */
export async function inferFileSystemTable(
  path: string,
  options: Readonly<Record<string, string>> = {},
  schema?: Schema,
): Promise<FileSystemTable & { readonly options: Readonly<Record<string, string>> }> {
  const files = await listFiles(path);
  const name = options['format'] ?? formatNameForPath(files[0]?.path ?? path);
  if (!name) throw new ConnectorError(`cannot tell the format of ${path} from its extension; give one of csv, json, arrow, parquet`);
  const all: Record<string, string> = { connector: 'filesystem', path, format: name, ...options };
  if (name === 'csv') {
    all['csv.header'] ??= 'true';
    if (/\.tsv$/i.test(files[0]?.path ?? path)) all['csv.field-delimiter'] ??= '\t';
  }
  const format = formatFromOptions(all);
  if (!schema) {
    if (files.length === 0) throw new ConnectorError(`no files to infer a schema from under ${path}`);
    schema = await format.inferSchema(await localInputFile(files[0]!.path));
  }
  return { ...createFileSystemTable(all, schema), options: all };
}
