import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { createFileSystemTable, inferFileSystemTable, listFiles } from '../../engine/connectors/filesystem/index.js';
import { writeAll } from '../../engine/connectors/sink.js';
import { DataTypes, type Schema } from '../../engine/types/data-type.js';
import { arrowRows } from '../support/arrow-rows.js';
import { batchOf, sourceRows, tempDir } from './fixtures.js';

const dir = tempDir();
const SCHEMA: Schema = { fields: [{ name: 'id', type: DataTypes.BIGINT() }, { name: 'name', type: DataTypes.STRING() }] };

function bigBatch(n: number, from = 0): arrow.RecordBatch {
  return batchOf(SCHEMA, [
    Array.from({ length: n }, (_, i) => BigInt(from + i)),
    Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : `name ${from + i} ü`)),
  ]);
}

describe('batch sizes', () => {
  for (const format of ['csv', 'json', 'arrow', 'parquet']) {
    it(`${format}: batch sizes 1, 7 and 8192 give the same rows, no batch over the size`, async () => {
      const path = join(dir, `sizes-${format}`);
      const table = createFileSystemTable({ path, format, ...(format === 'csv' ? { 'csv.null-literal': 'NULL' } : {}) }, SCHEMA);
      await writeAll(table.sink, [bigBatch(100), bigBatch(23, 100)]);
      const expected = arrowRows(new arrow.Table([bigBatch(100), bigBatch(23, 100)]));
      for (const size of [1, 7, 8192]) expect(await sourceRows(table.source, size), `batch size ${size}`).toEqual(expected);
    });
  }
});

describe('directories', () => {
  it('reads every file under a directory, recursively, sorted by path, skipping hidden and _ files', async () => {
    const root = join(dir, 'tree');
    mkdirSync(join(root, 'b', 'c'), { recursive: true });
    writeFileSync(join(root, 'b', 'c', 'z.csv'), '3,three\n');
    writeFileSync(join(root, 'a.csv'), '1,one\n2,two\n');
    writeFileSync(join(root, 'b', 'x.csv'), '4,four\n');
    writeFileSync(join(root, '.hidden.csv'), '9,hidden\n');
    writeFileSync(join(root, '_SUCCESS'), '');
    mkdirSync(join(root, '.staging'));
    writeFileSync(join(root, '.staging', 'q.csv'), '8,staged\n');
    const files = await listFiles(root);
    expect(files.map((f) => f.path.slice(root.length + 1))).toEqual(['a.csv', 'b/c/z.csv', 'b/x.csv']);
    const table = createFileSystemTable({ path: root, format: 'csv' }, SCHEMA);
    expect(await sourceRows(table.source)).toEqual([[1n, 'one'], [2n, 'two'], [3n, 'three'], [4n, 'four']]);
  });

  it('several INSERTs into one directory add part files, and in-progress files are not read', async () => {
    const path = join(dir, 'appends');
    const table = createFileSystemTable({ path, format: 'json' }, SCHEMA);
    await writeAll(table.sink, [bigBatch(3)]);
    const second = createFileSystemTable({ path, format: 'json' }, SCHEMA);
    await writeAll(second.sink, [bigBatch(2, 10)]);
    const writer = await second.sink.createWriter({ subtaskIndex: 1 });
    await writer.write(bigBatch(5, 50)); // never committed
    await writer.prepareCommit();
    const ids = (await sourceRows(table.source)).map((r) => r[0]).sort((a, b) => Number(a) - Number(b));
    expect(ids).toEqual([0n, 1n, 2n, 10n, 11n]);
  });
});

describe('resuming from a reported position', () => {
  for (const format of ['csv', 'json', 'arrow', 'parquet']) {
    it(`${format}: a reader started at a position reads exactly the remaining rows`, async () => {
      const path = join(dir, `resume-${format}`);
      const table = createFileSystemTable({ path, format, ...(format === 'csv' ? { 'csv.null-literal': 'NULL' } : {}) }, SCHEMA);
      await writeAll(table.sink, [bigBatch(50)]);
      const [split] = await table.source.enumerateSplits();
      const first = table.source.createReader(split!, { batchSize: 7 });
      const head: arrow.RecordBatch[] = [];
      for await (const b of first) { head.push(b); if (head.length === 3) break; }
      const position = first.position();
      expect(position.rowIndex).toBe(21);
      if (format === 'csv' || format === 'json') expect(position.byteOffset).toBeGreaterThan(0);
      const rest: arrow.RecordBatch[] = [];
      for await (const b of table.source.createReader(split!, { batchSize: 7, startAt: position })) rest.push(b);
      expect(arrowRows(new arrow.Table([...head, ...rest]))).toEqual(arrowRows(new arrow.Table([bigBatch(50)])));
    });
  }
});

describe('the CLI registration of a bare file', () => {
  it('infers a CSV schema from a header row', async () => {
    const path = join(dir, 'people.csv');
    writeFileSync(path, 'id,name,score,ok,born,seen,big\n1,Ann,1.5,true,2000-01-02,2024-05-06 07:08:09.123,1\n2,,2,false,,,9223372036854775807\n-3,"Bo, Jr",-0.5,TRUE,1999-12-31,2024-05-06 07:08:09,-12\n');
    const table = await inferFileSystemTable(path);
    expect(table.options['format']).toBe('csv');
    expect(table.schema.fields.map((f) => `${f.name} ${f.type.name}${f.type.precision ? `(${f.type.precision})` : ''}`)).toEqual([
      'id BIGINT', 'name STRING', 'score DOUBLE', 'ok BOOLEAN', 'born DATE', 'seen TIMESTAMP(3)', 'big BIGINT',
    ]);
    const rows = await sourceRows(table.source);
    expect(rows[2]).toEqual([-3n, 'Bo, Jr', -0.5, true, 10956, 1714979289000000n, -12n]);
    expect(rows[1]![4]).toBe(null);
  });

  it('infers types that widen: ints then a double is DOUBLE, a date then text is STRING, no header gives f0, f1', async () => {
    const path = join(dir, 'widen.csv');
    writeFileSync(path, '1,2020-01-01,x\n2.5,oops,\n');
    const table = await inferFileSystemTable(path, { 'csv.header': 'false' });
    expect(table.schema.fields.map((f) => [f.name, f.type.name])).toEqual([['f0', 'DOUBLE'], ['f1', 'STRING'], ['f2', 'STRING']]);
  });

  it('infers a JSON lines schema from the keys of the first rows, in order of appearance', async () => {
    const path = join(dir, 'events.jsonl');
    writeFileSync(path, '{"id":1,"at":"2024-01-01 00:00:00.000","tags":["a"]}\n\n{"id":2,"v":2.5,"ok":true,"day":"2024-02-03"}\n{"id":3,"v":3}\n');
    const table = await inferFileSystemTable(path);
    expect(table.schema.fields.map((f) => [f.name, f.type.name])).toEqual([
      ['id', 'BIGINT'], ['at', 'TIMESTAMP'], ['tags', 'STRING'], ['v', 'DOUBLE'], ['ok', 'BOOLEAN'], ['day', 'DATE'],
    ]);
    const rows = await sourceRows(table.source);
    expect(rows.map((r) => r[2])).toEqual(['["a"]', null, null]);
    expect(rows.map((r) => r[3])).toEqual([null, 2.5, 3]);
  });

  it('takes the schema of Arrow and Parquet files from the files, and a DDL schema converts types', async () => {
    const src = join(dir, 'typed');
    const table = createFileSystemTable({ path: src, format: 'parquet' }, { fields: [{ name: 'a', type: DataTypes.INT() }, { name: 'b', type: DataTypes.TIMESTAMP(6) }] });
    await writeAll(table.sink, [batchOf(table.schema, [[1, null, -5], [1000001n, -1n, null]])]);
    const inferred = await inferFileSystemTable(src);
    expect(inferred.schema.fields.map((f) => [f.name, f.type.name, f.type.precision])).toEqual([['a', 'INT', undefined], ['b', 'TIMESTAMP', 6]]);
    // Declared wider/narrower than the file: INT→BIGINT, TIMESTAMP(6)→TIMESTAMP(3), columns reordered.
    const declared = createFileSystemTable({ path: src, format: 'parquet' }, { fields: [{ name: 'b', type: DataTypes.TIMESTAMP(3) }, { name: 'a', type: DataTypes.BIGINT() }] });
    expect(await sourceRows(declared.source)).toEqual([[1000000n, 1n], [-1000n, null], [null, -5n]]);
  });
});
