/**
 * Connector discovery, as Flink's DynamicTableFactory: `CREATE TABLE … WITH ('connector' = 'x')`
 * asks the factory registered under `x` for the table's source and sink. The universal entry
 * registers the connectors that need no Node built-ins (blackhole, print); the Node entry adds
 * the filesystem connector.
 */
import type { Schema } from '../types/data-type.js';
import type { Sink } from './sink.js';
import type { Source } from './source.js';
import { ConnectorError } from './connector-error.js';
import { blackholeTable, printTable } from './print-connectors.js';

/** What a connector makes of a table definition: how to read it, how to write it, or both. */
export interface DynamicTable {
  readonly source?: Source;
  readonly sink?: Sink;
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
