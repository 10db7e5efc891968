import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import * as arrow from 'apache-arrow';
import { TableEnvironment } from '../api/table-environment.js';
import type { TableResult } from '../api/table-result.js';
import { readAll } from '../connectors/source.js';
import { inferFileSystemTable } from '../connectors/filesystem/filesystem-connector.js';
import { localOutputStream } from '../connectors/filesystem/local-file.js';
import { createFormat } from '../connectors/formats/index.js';
import type { OutputStream } from '../connectors/input-file.js';
import { parseStatements } from '../sql/parser.js';
import { toArrowSchema } from '../types/arrow-types.js';
import { runShell } from './sql-shell.js';
import '../connectors/filesystem/register.js';

export const SQL_HELP = `Usage: weir sql [options]

Runs Flink SQL statements in batch mode over files and prints their results.

Options:
  -e, --execute SQL        run these statements (separated by ';')
  -f, --file PATH          run the statements in this file
  -t, --table NAME=PATH    register a CSV, JSON-lines, Arrow IPC or Parquet file (or a directory
                           of them) as table NAME; the schema is inferred; repeatable
  --format FORMAT          how results are written: table (default), csv, jsonl, arrow
  -o, --output PATH        write results to this file instead of stdout
  --batch-size N           rows per batch (default 65536)
  -h, --help               this help

With neither -e nor -f, statements are read from stdin; on a terminal that is an interactive
shell (statements end with ';', history kept in ~/.weir_sql_history).
`;

/** Output formats of `weir sql` and the connector format writing each. */
const OUTPUT_FORMATS: Readonly<Record<string, { format: string; options: Record<string, string> }>> = {
  csv: { format: 'csv', options: { header: 'true' } },
  jsonl: { format: 'json', options: {} },
  arrow: { format: 'arrow', options: {} },
};

/** `weir sql …`: returns the process exit code. */
export async function runSqlCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      execute: { type: 'string', short: 'e' },
      file: { type: 'string', short: 'f' },
      table: { type: 'string', short: 't', multiple: true },
      format: { type: 'string', default: 'table' },
      output: { type: 'string', short: 'o' },
      'batch-size': { type: 'string', default: '65536' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(SQL_HELP);
    return 0;
  }
  const format = values.format!;
  if (format !== 'table' && !OUTPUT_FORMATS[format]) throw new Error(`--format must be table, csv, jsonl or arrow, got '${format}'`);
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`--batch-size must be a positive integer, got '${values['batch-size']}'`);

  const env = await TableEnvironment.create({ batchSize });
  try {
    for (const spec of values.table ?? []) await registerFile(env, spec, batchSize);
    const out = values.output ? await localOutputStream(values.output) : stdoutStream();
    const sink = new ResultSink(format, out);
    try {
      if (values.execute !== undefined || values.file !== undefined) {
        const sql = values.execute ?? (await readFile(values.file!, 'utf8'));
        await runScript(env, sql, sink);
      } else if (process.stdin.isTTY) {
        await runShell(env, (r) => sink.write(r));
      } else {
        await runScript(env, await readStdin(), sink);
      }
    } finally {
      await sink.close();
    }
    return 0;
  } finally {
    env.close();
  }
}

/** Runs every statement of `sql` in order; the first error stops the script. */
export async function runScript(env: TableEnvironment, sql: string, sink: { write(r: TableResult): Promise<void> }): Promise<void> {
  for (const stmt of parseStatements(sql)) await sink.write(await env.executeStatement(stmt, sql));
}

/** `--table name=path`: reads the file (or directory) into the engine as a view. */
async function registerFile(env: TableEnvironment, spec: string, batchSize: number): Promise<void> {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new Error(`--table takes NAME=PATH, got '${spec}'`);
  const name = spec.slice(0, eq), path = spec.slice(eq + 1);
  const table = await inferFileSystemTable(path);
  const batches: arrow.RecordBatch[] = [];
  for await (const b of readAll(table.source, { batchSize })) batches.push(b);
  env.createTemporaryView(name, batches.length > 0 ? new arrow.Table(batches) : new arrow.Table(toArrowSchema(table.schema)));
}

/**
 * Writes results: `table` prints Flink's tableau (and `OK` for DDL, as the SQL client's info
 * line); the file formats write the rows of queries only, so stdout holds nothing else.
 */
class ResultSink {
  constructor(private readonly format: string, private readonly out: OutputStream) {}

  async write(result: TableResult): Promise<void> {
    const schema = result.getResolvedSchema();
    const isStatus = schema.fields.length === 1 && schema.fields[0]!.name === 'result';
    if (this.format === 'table') {
      const table = await result.toArrow();
      const text = isStatus && table.numRows === 1 && table.getChildAt(0)!.get(0) === 'OK'
        ? '[INFO] Execute statement succeeded.'
        : isStatus ? String(table.getChildAt(0)!.get(0)) : await result.print(() => {});
      await this.out.write(new TextEncoder().encode(`${text}\n`));
      return;
    }
    const table = await result.toArrow();
    if (isStatus) return;
    const { format, options } = OUTPUT_FORMATS[this.format]!;
    const writer = createFormat(format, options).createWriter(unclosable(this.out), schema);
    for (const batch of table.batches) await writer.write(batch);
    await writer.finish();
  }

  close(): Promise<void> {
    return this.out.close();
  }
}

/** `out` with `close` deferred to the owner, so one stream takes several results. */
function unclosable(out: OutputStream): OutputStream {
  return { write: (b) => out.write(b), close: async () => {} };
}

function stdoutStream(): OutputStream {
  return {
    write: (bytes) => new Promise((resolve, reject) => process.stdout.write(bytes, (e) => (e ? reject(e) : resolve()))),
    close: async () => {},
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
