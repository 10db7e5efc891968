/**
 * DuckDB (`@duckdb/node-api`) with one thread, as the TPC-H reference. The generated columns are
 * appended chunk by chunk (2,048 rows, column-wise, from the typed arrays) into tables declared
 * with the spec's types; DuckDB cannot read the Arrow tables directly here because its arrow
 * extension cannot be downloaded.
 *
 * Timed: `connection.run(sql)`, which plans, executes and materializes the result inside DuckDB.
 * Planning alone is `connection.prepare(sql)` (parse, bind, optimize). Reading result values
 * into JS is untimed.
 */
import {
  DATE,
  DOUBLE,
  DuckDBDataChunk,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBInstance,
  DECIMAL,
  INTEGER,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBMaterializedResult,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { ResultCell } from './checksum.js';
import { TPCH_TABLE_NAMES, stringReader, type TpchColumn, type TpchData, type TpchTable } from './columns.js';
import { DECIMAL_PRECISION, DECIMAL_SCALE, type MoneyType } from './arrow-tables.js';
import { formatDay } from './dates.js';
import type { TpchSystem } from './tpch-system.js';

const CHUNK_ROWS = 2048;

function sqlType(kind: TpchColumn['kind'], money: MoneyType): string {
  switch (kind) {
    case 'int': return 'INTEGER';
    case 'decimal': return money === 'double' ? 'DOUBLE' : `DECIMAL(${DECIMAL_PRECISION},${DECIMAL_SCALE})`;
    case 'date': return 'DATE';
    case 'string': return 'VARCHAR';
  }
}

/** The CREATE TABLE statement of a generated table (every column NOT NULL). */
export function createTableSql(t: TpchTable, money: MoneyType = 'decimal'): string {
  return `CREATE TABLE ${t.name} (${t.columns.map((c) => `${c.name} ${sqlType(c.kind, money)} NOT NULL`).join(', ')})`;
}

interface ColumnSource {
  readonly type: DuckDBType;
  readonly get: (row: number) => DuckDBValue;
}

function sourceOf(c: TpchColumn, money: MoneyType): ColumnSource {
  switch (c.kind) {
    case 'int': {
      const v = c.values;
      return { type: INTEGER, get: (r) => v[r]! };
    }
    case 'decimal': {
      const v = c.cents;
      if (money === 'double') return { type: DOUBLE, get: (r) => v[r]! / 100 };
      return { type: DECIMAL(DECIMAL_PRECISION, DECIMAL_SCALE), get: (r) => new DuckDBDecimalValue(BigInt(v[r]!), DECIMAL_PRECISION, DECIMAL_SCALE) };
    }
    case 'date': {
      const v = c.days;
      return { type: DATE, get: (r) => new DuckDBDateValue(v[r]!) };
    }
    case 'string':
      return { type: VARCHAR, get: stringReader(c.strings) };
  }
}

async function appendTable(con: DuckDBConnection, t: TpchTable, money: MoneyType): Promise<void> {
  await con.run(createTableSql(t, money));
  const sources = t.columns.map((c) => sourceOf(c, money));
  const appender = await con.createAppender(t.name);
  const chunk = DuckDBDataChunk.create(sources.map((s) => s.type), CHUNK_ROWS);
  for (let offset = 0; offset < t.rows; offset += CHUNK_ROWS) {
    const n = Math.min(CHUNK_ROWS, t.rows - offset);
    chunk.reset();
    chunk.rowCount = n;
    for (let c = 0; c < sources.length; c++) {
      const vector = chunk.getColumnVector(c);
      const get = sources[c]!.get;
      for (let i = 0; i < n; i++) vector.setItem(i, get(offset + i));
      vector.flush();
    }
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
  appender.closeSync();
}

/** A DuckDB result value as a result cell (decimals exact, dates as ISO text). */
export function duckdbCell(v: DuckDBValue): ResultCell {
  if (v === null || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string') return v;
  if (v instanceof DuckDBDecimalValue) return { unscaled: v.value, scale: v.scale };
  if (v instanceof DuckDBDateValue) return formatDay(v.days);
  throw new Error(`duckdbCell: unexpected value ${String(v)} in a TPC-H result`);
}

/** Every column of a materialized result as result cells. */
export function duckdbResultColumns(result: DuckDBMaterializedResult): ResultCell[][] {
  const out: ResultCell[][] = [];
  for (let c = 0; c < result.columnCount; c++) {
    const col: ResultCell[] = [];
    for (let i = 0; i < result.chunkCount; i++) {
      for (const v of result.getChunk(i).getColumnValues(c)) col.push(duckdbCell(v));
    }
    out.push(col);
  }
  return out;
}

/** Loads the tables into a fresh in-memory DuckDB with `threads=1`. */
export async function duckdbTpchSystem(data: TpchData, money: MoneyType = 'decimal'): Promise<TpchSystem> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await instance.connect();
  await con.run('SET threads = 1');
  for (const name of TPCH_TABLE_NAMES) await appendTable(con, data[name], money);
  return {
    name: 'duckdb',
    jsonFields: { threads: 1 },
    prepare: (q) => ({
      run: () => con.run(q.sql),
      columns: (r) => duckdbResultColumns(r as DuckDBMaterializedResult),
      plan: async () => {
        const prepared = await con.prepare(q.sql);
        prepared.destroySync();
      },
    }),
    close: () => {
      con.closeSync();
      instance.closeSync();
    },
  };
}
