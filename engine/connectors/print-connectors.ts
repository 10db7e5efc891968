/**
 * Flink's two debugging sinks: `blackhole` swallows every row (for measuring a query without an
 * output), and `print` writes each row as `+I[v1, v2]` (prefixed with 'print-identifier' when
 * given) through a line writer, standard output by default.
 */
import type { RecordBatch } from 'apache-arrow';
import type { Schema } from '../types/data-type.js';
import { ConnectorError } from './connector-error.js';
import { cellText } from './formats/cell-text.js';
import type { Sink, SinkWriter } from './sink.js';
import type { DynamicTable } from './table-factory.js';

function checkOptions(options: Readonly<Record<string, string>>, allowed: readonly string[], connector: string): void {
  for (const k of Object.keys(options)) {
    if (k !== 'connector' && !allowed.includes(k)) {
      throw new ConnectorError(`unsupported option '${k}' for connector '${connector}'${allowed.length ? `; supported: ${allowed.join(', ')}` : ''}`);
    }
  }
}

/** A sink that accepts and drops rows. */
export function blackholeTable(options: Readonly<Record<string, string>>, schema: Schema): DynamicTable {
  checkOptions(options, [], 'blackhole');
  const writer: SinkWriter<never> = { write: async () => {}, prepareCommit: async () => [], abort: async () => {} };
  const sink: Sink<never> = { schema, createWriter: async () => writer, commit: async () => {} };
  return { sink };
}

/** A sink that prints rows as Flink's print connector does (`+I[1, abc]`). */
export function printTable(
  options: Readonly<Record<string, string>>,
  schema: Schema,
  writeLine: (line: string) => void = (line) => console.log(line),
): DynamicTable {
  checkOptions(options, ['print-identifier', 'standard-error'], 'print');
  const prefix = options['print-identifier'] ? `${options['print-identifier']}> ` : '';
  const writer: SinkWriter<never> = {
    write: async (batch: RecordBatch) => {
      const cols = schema.fields.map((_, c) => {
        const data = batch.getChildAt(c)!.data[0]!;
        const [text] = cellText(data);
        return (i: number) => (data.getValid(i) ? text(i) : 'null');
      });
      for (let r = 0; r < batch.numRows; r++) writeLine(`${prefix}+I[${cols.map((read) => read(r)).join(', ')}]`);
    },
    prepareCommit: async () => [],
    abort: async () => {},
  };
  return { sink: { schema, createWriter: async () => writer, commit: async () => {} } };
}
