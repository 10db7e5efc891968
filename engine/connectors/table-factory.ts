/**
 * Connector discovery, as Flink's DynamicTableFactory: `CREATE TABLE … WITH ('connector' = 'x')`
 * asks the factory registered under `x` for the table's source and sink. The universal entry
 * registers the connectors that need no Node built-ins (blackhole, print); the Node entry adds
 * the filesystem connector.
 */
import type { DataType, Schema } from '../types/data-type.js';
import type { Sink } from './sink.js';
import type { Source } from './source.js';
import { ConnectorError } from './connector-error.js';
import { blackholeTable, printTable } from './print-connectors.js';

/**
 * Metadata keys a connector offers, each with the type of its values, in the order the connector
 * lists them (Flink's `listReadableMetadata` / `listWritableMetadata`).
 */
export type MetadataTypes = Readonly<Record<string, DataType>>;

/**
 * What a connector makes of a table definition: how to read it, how to write it, or both, and the
 * metadata it can read and write beside the physical columns (Flink's SupportsReadingMetadata and
 * SupportsWritingMetadata: `file.path` of the filesystem source, a Kafka record's `timestamp`).
 * A connector without `readableMetadata` (`writableMetadata`) reads (writes) no metadata, as the
 * print and blackhole sinks; the planner then rejects METADATA columns with a clear error.
 */
export interface DynamicTable {
  readonly source?: Source;
  readonly sink?: Sink;
  /** The metadata the source can append to its rows. */
  readonly readableMetadata?: MetadataTypes;
  /**
   * A source whose rows are the physical columns followed by one column per key of `keys`, in
   * that order, typed as `readableMetadata` says (Flink's applyReadableMetadata). Every key is
   * one of `readableMetadata`; a key may repeat. Present whenever `readableMetadata` is.
   */
  applyReadableMetadata?(keys: readonly string[]): Source;
  /** The metadata the sink can take from each row. */
  readonly writableMetadata?: MetadataTypes;
  /**
   * A sink taking rows of the physical columns followed by one column per key of `keys`, typed
   * as `writableMetadata` says (Flink's applyWritableMetadata). Present whenever `writableMetadata` is.
   */
  applyWritableMetadata?(keys: readonly string[]): Sink;
}

/** Creates a connector's table from the WITH options and the DDL's physical columns. */
export type DynamicTableFactory = (options: Readonly<Record<string, string>>, schema: Schema) => DynamicTable;

const factories = new Map<string, DynamicTableFactory>();

/** Registers (or replaces) the factory for `'connector' = name`. */
export function registerTableFactory(name: string, factory: DynamicTableFactory): void {
  factories.set(name, factory);
}

/** The table for a CREATE TABLE's WITH options; a missing or unknown connector names the known ones. */
export function createDynamicTable(options: Readonly<Record<string, string>>, schema: Schema): DynamicTable {
  const name = options['connector'];
  const known = [...factories.keys()].sort().map((n) => `'${n}'`).join(', ');
  if (name === undefined) throw new ConnectorError(`the WITH options need 'connector'; available: ${known}`);
  const factory = factories.get(name);
  if (!factory) throw new ConnectorError(`unknown connector '${name}'; available: ${known}`);
  return factory(options, schema);
}

registerTableFactory('blackhole', blackholeTable);
registerTableFactory('print', (options, schema) => printTable(options, schema));
