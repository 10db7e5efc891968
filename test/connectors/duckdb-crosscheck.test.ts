import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileSystemTable, inferFileSystemTable } from '../../engine/connectors/filesystem/index.js';
import { writeAll } from '../../engine/connectors/sink.js';
import { duckdbQuery } from '../support/duckdb.js';
import { ALL_TYPES, edgeBatch, sourceRows, tempDir } from './fixtures.js';

const dir = tempDir();

// DuckDB writes the files and reads them back as the reference; weir must read the same rows.
const QUERY = `SELECT i::BIGINT AS id, (i % 7 - 3)::INTEGER AS small, CASE WHEN i % 5 = 0 THEN NULL ELSE 'név ' || i END AS name,
  (i * 1.25 - 100)::DOUBLE AS x, i % 2 = 0 AS even, (DATE '2020-02-28' + (i - 500)::INTEGER) AS day,
  (TIMESTAMP '2024-01-01 00:00:00' + to_milliseconds(i * 1001))::TIMESTAMP_MS AS at, (i * 1.5)::DECIMAL(18, 3) AS amount
  FROM range(0, 3000) t(i)`;

describe('cross-check against DuckDB', () => {
  it('reads a DuckDB-written Parquet file as DuckDB does', async () => {
    const path = join(dir, 'duck.parquet');
    await duckdbQuery(`COPY (${QUERY}) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`);
    const table = await inferFileSystemTable(path);
    expect(table.schema.fields.map((f) => f.type.name)).toEqual(['BIGINT', 'INT', 'STRING', 'DOUBLE', 'BOOLEAN', 'DATE', 'TIMESTAMP', 'DECIMAL']);
    expect(await sourceRows(table.source, 700)).toEqual(await duckdbQuery(`SELECT * FROM '${path}'`));
  });

  it('reads a DuckDB-written CSV file (with header) as DuckDB does', async () => {
    const path = join(dir, 'duck.csv');
    await duckdbQuery(`COPY (${QUERY}) TO '${path}' (FORMAT csv, HEADER true, TIMESTAMPFORMAT '%Y-%m-%d %H:%M:%S.%g')`);
    const table = await inferFileSystemTable(path);
    expect(table.schema.fields.map((f) => f.type.name)).toEqual(['BIGINT', 'BIGINT', 'STRING', 'DOUBLE', 'BOOLEAN', 'DATE', 'TIMESTAMP', 'DOUBLE']);
    const expected = await duckdbQuery(`SELECT id, CAST(small AS BIGINT), coalesce(name, ''), x, even, "day", CAST("at" AS TIMESTAMP_MS), CAST(amount AS DOUBLE) FROM '${path}'`);
    expect(await sourceRows(table.source, 1000)).toEqual(expected);
  });

  it('DuckDB reads the CSV and Parquet files weir writes', async () => {
    const reference = await duckdbQuery(`SELECT * FROM t`, { t: new (await import('apache-arrow')).Table([edgeBatch()]) });
    for (const [format, read] of [['csv', "read_csv('%', nullstr='\\N', header=false, columns={COLS})"], ['parquet', "read_parquet('%')"]] as const) {
      const path = join(dir, `weir-${format}`);
      const table = createFileSystemTable({ path, format, ...(format === 'csv' ? { 'csv.null-literal': '\\N' } : {}) }, ALL_TYPES);
      await writeAll(table.sink, [edgeBatch()]);
      const cols = `{'b':'BOOLEAN','i8':'TINYINT','i16':'SMALLINT','i32':'INTEGER','i64':'BIGINT','f32':'FLOAT','f64':'DOUBLE','dec':'DECIMAL(20,4)','s':'VARCHAR','d':'DATE','ts3':'TIMESTAMP_MS','ts6':'TIMESTAMP'}`;
      const rows = await duckdbQuery(`SELECT * FROM ${read.replace('%', `${path}/*`).replace('{COLS}', cols)}`);
      // FLOAT text: DuckDB parses '3.4028234663852886e+38' to the same float; -0 and extremes compare exactly.
      expect(rows, format).toEqual(reference);
    }
  });
});
