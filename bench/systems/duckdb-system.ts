/**
 * DuckDB (`@duckdb/node-api`) with one thread. The tables are created in an in-memory database
 * and filled by appending whole DataChunks (2,048 rows each, written column-wise from the typed
 * arrays): 10M rows load in a few seconds, while row-by-row appends or INSERTs take minutes.
 *
 * The timed part is `connection.run(sql)`, which executes the query and materializes its result
 * inside DuckDB; converting result values to JS happens in `checksum`, untimed, as it does for
 * every system.
 */
import {
  DOUBLE,
  DuckDBDataChunk,
  DuckDBInstance,
  INTEGER,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBMaterializedResult,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { BenchData } from '../data.js';
import { groupChecksum, scalarChecksum, sequenceChecksum, type CanonicalValue } from '../checksum.js';
import { WORKLOADS } from '../workloads.js';
import { query, type BenchSystem, type PreparedQuery } from './bench-system.js';

type ColumnSource = { readonly type: DuckDBType; readonly get: (row: number) => DuckDBValue };

async function appendColumns(con: DuckDBConnection, table: string, rows: number, columns: ColumnSource[]): Promise<void> {
  const appender = await con.createAppender(table);
  const size = 2048;
  const chunk = DuckDBDataChunk.create(columns.map((c) => c.type), size);
  for (let offset = 0; offset < rows; offset += size) {
    const n = Math.min(size, rows - offset);
    chunk.reset();
    chunk.rowCount = n;
    for (let c = 0; c < columns.length; c++) {
      const vector = chunk.getColumnVector(c);
      const get = (columns[c] as ColumnSource).get;
      for (let i = 0; i < n; i++) vector.setItem(i, get(offset + i));
      vector.flush();
    }
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
  appender.closeSync();
}

/** Every value of column `c` of a materialized result, in order. */
function resultColumn(result: DuckDBMaterializedResult, c: number): DuckDBValue[] {
  const out: DuckDBValue[] = [];
  for (let i = 0; i < result.chunkCount; i++) {
    for (const value of result.getChunk(i).getColumnValues(c)) out.push(value);
  }
  return out;
}

function groupsOf(result: DuckDBMaterializedResult): string {
  const columns: CanonicalValue[][] = [];
  for (let c = 0; c < result.columnCount; c++) columns.push(resultColumn(result, c) as CanonicalValue[]);
  return groupChecksum(columns);
}

function scalarOf(result: DuckDBMaterializedResult): string {
  return scalarChecksum(resultColumn(result, 0)[0] as number | bigint | null);
}

function sequenceOf(result: DuckDBMaterializedResult): string {
  const values = new Float64Array(result.rowCount);
  let at = 0;
  for (let i = 0; i < result.chunkCount; i++) {
    for (const value of result.getChunk(i).getColumnValues(0)) values[at++] = value as number;
  }
  return sequenceChecksum(values);
}

/** Loads the benchmark tables into a fresh in-memory DuckDB with `threads=1`. */
export async function duckdbSystem(data: BenchData): Promise<BenchSystem> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await instance.connect();
  await con.run('SET threads = 1');
  const { t, d } = data;
  await con.run('CREATE TABLE t (k INTEGER NOT NULL, g INTEGER NOT NULL, fk INTEGER NOT NULL, v DOUBLE NOT NULL, s VARCHAR NOT NULL)');
  await con.run('CREATE TABLE d (dk INTEGER NOT NULL, attr INTEGER NOT NULL)');
  const dict = t.sDictionary;
  await appendColumns(con, 't', t.rows, [
    { type: INTEGER, get: (r) => t.k[r]! },
    { type: INTEGER, get: (r) => t.g[r]! },
    { type: INTEGER, get: (r) => t.fk[r]! },
    { type: DOUBLE, get: (r) => t.v[r]! },
    { type: VARCHAR, get: (r) => dict[t.sCode[r]!]! },
  ]);
  await appendColumns(con, 'd', d.rows, [
    { type: INTEGER, get: (r) => d.dk[r]! },
    { type: INTEGER, get: (r) => d.attr[r]! },
  ]);
  const checksums: Record<string, (r: DuckDBMaterializedResult) => string> = {
    W1: scalarOf,
    W2: groupsOf,
    W2b: groupsOf,
    W3: scalarOf,
    W4a: sequenceOf,
    W4b: sequenceOf,
    W6: groupsOf,
  };
  const queries = new Map<string, PreparedQuery>();
  for (const w of WORKLOADS) queries.set(w.id, query(() => con.run(w.sql), checksums[w.id]!));
  return {
    name: 'duckdb',
    jsonFields: { threads: 1 },
    prepare: (id) => queries.get(id),
    close: () => {
      con.closeSync();
      instance.closeSync();
    },
  };
}
