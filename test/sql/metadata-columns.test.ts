/**
 * METADATA columns of CREATE TABLE (Flink's SupportsReadingMetadata / SupportsWritingMetadata)
 * and the filesystem connector's metadata: `file.path`, `file.name`, `file.size` and
 * `file.modification-time`, checked against what fs.stat says of each file, for every format,
 * at several batch sizes; the errors for unknown keys, wrong types, non-virtual columns written
 * by INSERT and connectors without metadata; DESCRIBE; the CLI.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { Table as ArrowTable, type RecordBatch } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSqlCommand } from '../../engine/cli/sql-command.js';
import {
  createFileSystemTable, DataTypes, FILE_METADATA, readAll, registerTableFactory, TableEnvironment, type Sink, type Source,
} from '../../engine/index.js';
import { arrowRows } from '../support/arrow-rows.js';
import type { Row } from '../support/values.js';

async function rows(env: TableEnvironment, sql: string): Promise<Row[]> {
  return arrowRows(await (await env.executeSql(sql)).toArrow());
}

/** What the filesystem metadata of `path` must read: absolute path, name, size, mtime in ms (as arrowRows' microseconds). */
function facts(path: string): [string, string, bigint, bigint] {
  const s = statSync(path);
  return [resolve(path), basename(path), BigInt(s.size), BigInt(Math.floor(s.mtimeMs)) * 1000n];
}

const FORMATS = ['csv', 'json', 'parquet', 'arrow'] as const;

/** Per format, a directory of two part files written by weir, and which ids each file holds. */
let root: string;
const written = new Map<string, { dir: string; files: Map<string, number[]> }>();

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'weir-metadata-'));
  const env = await TableEnvironment.create();
  for (const format of FORMATS) {
    const dir = join(root, format);
    await env.executeSql(`CREATE TABLE w_${format} (id INT, s STRING) WITH ('connector' = 'filesystem', 'path' = '${dir}', 'format' = '${format}')`);
    const files = new Map<string, number[]>();
    // Two INSERTs, two part files of different sizes: 20 rows, then 3 (batch size 1 reads many batches of one file).
    for (const ids of [Array.from({ length: 20 }, (_, i) => i + 1), [101, 102, 103]]) {
      const before = new Set(existsSync(dir) ? readdirSync(dir) : []);
      await env.executeSql(`INSERT INTO w_${format} VALUES ${ids.map((i) => `(${i}, 'row-${i}')`).join(', ')}`);
      const added = readdirSync(dir).filter((f) => !before.has(f) && !f.startsWith('.'));
      expect(added).toHaveLength(1);
      files.set(join(dir, added[0]!), ids);
    }
    written.set(format, { dir, files });
  }
  env.close();
});

/** The rows `SELECT id, s, p, n, sz, mt` must return over a format's directory, by id. */
function expectedRows(format: string): Row[] {
  const out: Row[] = [];
  for (const [path, ids] of written.get(format)!.files) for (const id of ids) out.push([id, `row-${id}`, ...facts(path)]);
  return out.sort((a, b) => (a[0] as number) - (b[0] as number));
}

describe.each([1, 7, 8192])('filesystem metadata at batch size %i', (batchSize) => {
  let env: TableEnvironment;
  beforeAll(async () => {
    env = await TableEnvironment.create({ batchSize });
  });
  afterAll(() => env.close());

  it.each(FORMATS)('reads file.path, file.name, file.size and file.modification-time of each %s file', async (format) => {
    await env.executeSql(`CREATE TABLE r_${format} (
        id INT,
        p STRING METADATA FROM 'file.path' VIRTUAL,
        s STRING,
        n STRING METADATA FROM 'file.name' VIRTUAL,
        sz BIGINT METADATA FROM 'file.size' VIRTUAL,
        mt TIMESTAMP(3) METADATA FROM 'file.modification-time' VIRTUAL
      ) WITH ('connector' = 'filesystem', 'path' = '${written.get(format)!.dir}', 'format' = '${format}')`);
    const expected = expectedRows(format);
    expect(expected).toHaveLength(23);
    expect(new Set(expected.map((r) => r[4])).size).toBe(2); // the two files differ in size
    // SELECT * gives every column in declaration order, virtual metadata included.
    const all = await rows(env, `SELECT * FROM r_${format} ORDER BY id`);
    expect(all).toEqual(expected.map(([id, s, p, n, sz, mt]) => [id, p, s, n, sz, mt]));
    expect(await rows(env, `SELECT id, s, p, n, sz, mt FROM r_${format} ORDER BY id`)).toEqual(expected);
    // Only metadata, and metadata in an aggregate: one group per file.
    expect(await rows(env, `SELECT n, COUNT(*), MIN(sz) FROM r_${format} GROUP BY n ORDER BY n`)).toEqual(
      [...written.get(format)!.files].map(([path, ids]) => [basename(path), BigInt(ids.length), BigInt(statSync(path).size)])
        .sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    );
  });
});

describe('METADATA columns', () => {
  let env: TableEnvironment;
  let csvDir: string;
  beforeAll(async () => {
    env = await TableEnvironment.create({ batchSize: 2 });
    csvDir = written.get('csv')!.dir;
  });
  afterAll(() => env.close());

  it('takes the column name as the key without FROM, and reads a non-virtual column', async () => {
    await env.executeSql(`CREATE TABLE k (id INT, s STRING, \`file.size\` BIGINT METADATA, \`file.name\` STRING METADATA VIRTUAL)
      WITH ('connector' = 'filesystem', 'path' = '${csvDir}', 'format' = 'csv')`);
    const expected = expectedRows('csv').map(([id, , , n, sz]) => [id, sz, n]);
    expect(await rows(env, 'SELECT id, `file.size`, `file.name` FROM k ORDER BY id')).toEqual(expected);
  });

  it('casts metadata to a declared castable type, and lets computed columns read metadata', async () => {
    await env.executeSql(`CREATE TABLE c (
        id INT,
        big AS sz * 2,
        sz DECIMAL(20, 0) METADATA FROM 'file.size' VIRTUAL,
        szs STRING METADATA FROM 'file.size' VIRTUAL,
        mt6 TIMESTAMP(6) METADATA FROM 'file.modification-time' VIRTUAL,
        day DATE METADATA FROM 'file.modification-time' VIRTUAL,
        upper_name AS UPPER(nm),
        nm STRING NOT NULL METADATA FROM 'file.name' VIRTUAL,
        s STRING
      ) WITH ('connector' = 'filesystem', 'path' = '${csvDir}', 'format' = 'csv')`);
    const got = await rows(env, 'SELECT id, sz, big, szs, mt6, day, upper_name FROM c ORDER BY id');
    expect(got).toEqual(expectedRows('csv').map(([id, , , n, sz, mt]) => [
      id, String(sz), String((sz as bigint) * 2n), String(sz), mt, Math.floor(Number((mt as bigint) / 1000n) / 86_400_000), (n as string).toUpperCase(),
    ]));
    // Columns in declaration order, computed ones where they were declared.
    const d = await rows(env, 'DESCRIBE c');
    expect(d.map((r) => r.slice(0, 3))).toEqual([
      ['id', 'INT', true], ['big', 'DECIMAL(30, 0)', true], ['sz', 'DECIMAL(20, 0)', true], ['szs', 'STRING', true],
      ['mt6', 'TIMESTAMP(6)', true], ['day', 'DATE', true], ['upper_name', 'STRING', false], ['nm', 'STRING', false], ['s', 'STRING', true],
    ]);
  });

  it('describes metadata columns as Flink does', async () => {
    await env.executeSql(`CREATE TABLE d (
        id INT, p STRING METADATA FROM 'file.path' VIRTUAL, \`file.size\` BIGINT METADATA, n STRING METADATA FROM 'file.name',
        mt TIMESTAMP(3) METADATA FROM 'file.modification-time' VIRTUAL,
        WATERMARK FOR mt AS mt - INTERVAL '1' SECOND
      ) WITH ('connector' = 'filesystem', 'path' = '${csvDir}', 'format' = 'csv')`);
    expect((await rows(env, 'DESCRIBE d')).map((r) => [r[0], r[1], r[4], r[5]])).toEqual([
      ['id', 'INT', null, null],
      ['p', 'STRING', "METADATA FROM 'file.path' VIRTUAL", null],
      ['file.size', 'BIGINT', 'METADATA', null],
      ['n', 'STRING', "METADATA FROM 'file.name'", null],
      ['mt', 'TIMESTAMP(3)', "METADATA FROM 'file.modification-time' VIRTUAL", "mt - INTERVAL '1' SECOND"],
    ]);
  });

  it('skips VIRTUAL metadata columns in INSERT and reads the new file back with its metadata', async () => {
    const dir = join(root, 'insert-virtual');
    await env.executeSql(`CREATE TABLE v (id INT, p STRING METADATA FROM 'file.path' VIRTUAL, s STRING, sz BIGINT METADATA FROM 'file.size' VIRTUAL)
      WITH ('connector' = 'filesystem', 'path' = '${dir}', 'format' = 'csv')`);
    expect(await rows(env, "INSERT INTO v SELECT 7, 'seven'")).toEqual([[1n]]);
    expect(await rows(env, "INSERT INTO v (s, id) SELECT 'eight', 8")).toEqual([[1n]]);
    const files = readdirSync(dir).filter((f) => f.startsWith('part-')).map((f) => join(dir, f));
    expect(files).toHaveLength(2);
    for (const f of files) expect(readFileSync(f, 'utf8')).toMatch(/^[78],(seven|eight)\n$/);
    const byId = new Map(files.map((f) => [Number(readFileSync(f, 'utf8')[0]), f]));
    expect(await rows(env, 'SELECT id, p, s, sz FROM v ORDER BY id')).toEqual([
      [7, resolve(byId.get(7)!), 'seven', BigInt(statSync(byId.get(7)!).size)],
      [8, resolve(byId.get(8)!), 'eight', BigInt(statSync(byId.get(8)!).size)],
    ]);
    await expect(env.executeSql("INSERT INTO v (id, p) SELECT 1, 'x'")).rejects.toThrow(/column 'p' is a VIRTUAL metadata column of v and cannot be written/);
    await expect(env.executeSql("INSERT INTO v SELECT 1, 'x', 'y'")).rejects.toThrow(/INSERT INTO v writes 2 columns but the query returns 3/);
  });

  it('rejects INSERT into a table with a non-virtual metadata column of a read-only key, and still reads it', async () => {
    await env.executeSql(`CREATE TABLE nv (id INT, s STRING, n STRING METADATA FROM 'file.name')
      WITH ('connector' = 'filesystem', 'path' = '${csvDir}', 'format' = 'csv')`);
    await expect(env.executeSql("INSERT INTO nv SELECT 1, 'x', 'y'")).rejects.toThrow(
      /line 1, column 13: cannot INSERT INTO nv: its METADATA column 'n' is not VIRTUAL, so INSERT would write it, but connector 'filesystem' writes no metadata \('file\.name' is read-only\); declare the column VIRTUAL/,
    );
    await expect(env.executeSql("INSERT INTO nv (id, s) SELECT 1, 'x'")).rejects.toThrow(/its METADATA column 'n' is not VIRTUAL/);
    expect(await rows(env, 'SELECT COUNT(DISTINCT n) FROM nv')).toEqual([[2n]]);
  });

  it('names an unknown key, the column, the keys offered and the nearest one', async () => {
    const ddl = (col: string) => env.executeSql(`CREATE TABLE bad (id INT, ${col}) WITH ('connector' = 'filesystem', 'path' = '${csvDir}', 'format' = 'csv')`);
    const offered = "connector 'filesystem' reads 'file.path', 'file.name', 'file.size', 'file.modification-time'";
    await expect(ddl("p STRING METADATA FROM 'file.pth'")).rejects.toThrow(
      `SQL validation error at line 1, column 27: unknown metadata key 'file.pth' in column 'p' of bad; ${offered}; did you mean 'file.path'?`,
    );
    await expect(ddl('`file.Size` BIGINT METADATA')).rejects.toThrow(`unknown metadata key 'file.Size' in column 'file.Size' of bad; ${offered}; did you mean 'file.size'?`);
    await expect(ddl("o BIGINT METADATA FROM 'offset'")).rejects.toThrow(new RegExp(`unknown metadata key 'offset' in column 'o' of bad; ${offered.replaceAll('.', '\\.')}$`));
    expect(env.listTables()).not.toContain('bad');
  });

  it('rejects a declared type the metadata does not CAST to, and TIMESTAMP_LTZ', async () => {
    const ddl = (col: string) => env.executeSql(`CREATE TABLE bad (id INT, ${col}) WITH ('connector' = 'filesystem', 'path' = '${csvDir}', 'format' = 'csv')`);
    await expect(ddl("sz DATE METADATA FROM 'file.size'")).rejects.toThrow(/metadata column 'sz' of bad cannot be DATE: metadata 'file.size' is BIGINT, which does not CAST to DATE/);
    await expect(ddl("mt BIGINT METADATA FROM 'file.modification-time'")).rejects.toThrow(/metadata 'file.modification-time' is TIMESTAMP\(3\), which does not CAST to BIGINT/);
    await expect(ddl("mt TIMESTAMP_LTZ(3) METADATA FROM 'file.modification-time'")).rejects.toThrow(/the TIMESTAMP_LTZ type is not implemented yet/);
    await expect(ddl("id STRING METADATA FROM 'file.name'")).rejects.toThrow(/column 'id' is declared twice in bad/);
  });
});

describe('connectors and metadata', () => {
  it('rejects metadata columns of a source that reads none', async () => {
    const physicalOnly: Source = { boundedness: 'BOUNDED', schema: { fields: [] }, enumerateSplits: async () => [], createReader: () => { throw new Error('unused'); } };
    registerTableFactory('test-plain-source', () => ({ source: physicalOnly }));
    const env = await TableEnvironment.create();
    await expect(env.executeSql("CREATE TABLE t (a INT, m STRING METADATA FROM 'x' VIRTUAL) WITH ('connector' = 'test-plain-source')"))
      .rejects.toThrow(/line 1, column 24: column 'm' of t is a METADATA column, but connector 'test-plain-source' reads no metadata/);
    env.close();
  });

  it('lets a sink-only connector take VIRTUAL metadata columns, and rejects writing the others', async () => {
    const env = await TableEnvironment.create();
    await env.executeSql("CREATE TABLE bh (a INT, m STRING METADATA VIRTUAL) WITH ('connector' = 'blackhole')");
    expect(await rows(env, 'INSERT INTO bh SELECT 1')).toEqual([[1n]]);
    await env.executeSql("CREATE TABLE pr (a INT, m STRING METADATA FROM 'topic') WITH ('connector' = 'print')");
    await expect(env.executeSql('INSERT INTO pr SELECT 1, CAST(NULL AS STRING)')).rejects.toThrow(
      /its METADATA column 'm' is not VIRTUAL, so INSERT would write it, but connector 'print' writes no metadata; declare the column VIRTUAL/,
    );
    env.close();
  });

  it('writes non-virtual metadata columns through a connector that writes them, cast to the key type', async () => {
    const batches: RecordBatch[] = [];
    let keys: readonly string[] = [];
    const sinkOf = (): Sink => ({
      schema: { fields: [] },
      createWriter: async () => ({ write: async (b) => { batches.push(b); }, prepareCommit: async () => [], abort: async () => {} }),
      commit: async () => {},
    });
    registerTableFactory('test-metadata-sink', () => ({
      sink: sinkOf(),
      writableMetadata: { timestamp: DataTypes.TIMESTAMP(3, true), partition: DataTypes.BIGINT(false) },
      applyWritableMetadata: (k) => { keys = k; return sinkOf(); },
    }));
    const env = await TableEnvironment.create();
    await env.executeSql(`CREATE TABLE m (
        ts TIMESTAMP(3) METADATA FROM 'timestamp', a INT, \`partition\` INT METADATA, v STRING METADATA FROM 'vv' VIRTUAL
      ) WITH ('connector' = 'test-metadata-sink')`);
    expect(await rows(env, "INSERT INTO m SELECT TIMESTAMP '2024-01-02 03:04:05.678', 5, 2")).toEqual([[1n]]);
    expect(keys).toEqual(['timestamp', 'partition']);
    // The sink takes the physical columns, then the metadata, typed as the connector writes them.
    expect(arrowRows(new ArrowTable(batches))).toEqual([[5, 1704164645678000n, 2n]]);
    expect(batches[0]!.schema.fields.map((f) => f.name)).toEqual(['a', 'ts', 'partition']);
    await env.executeSql("CREATE TABLE m2 (a INT, o BIGINT METADATA FROM 'ofset') WITH ('connector' = 'test-metadata-sink')");
    await expect(env.executeSql('INSERT INTO m2 SELECT 1, 2')).rejects.toThrow(
      /unknown metadata key 'ofset' in column 'o' of m2; connector 'test-metadata-sink' writes 'timestamp', 'partition'$/,
    );
    await env.executeSql("CREATE TABLE m3 (a INT, p DATE METADATA FROM 'partition') WITH ('connector' = 'test-metadata-sink')");
    await expect(env.executeSql("INSERT INTO m3 SELECT 1, DATE '2024-01-01'")).rejects.toThrow(/metadata column 'p' of m3 cannot be written: DATE does not CAST to metadata 'partition' \(BIGINT\)/);
    env.close();
  });

  it('appends constant metadata columns to every batch of a file source, dictionary-encoding strings', async () => {
    const { dir, files } = written.get('json')!;
    const table = createFileSystemTable({ path: dir, format: 'json' }, { fields: [{ name: 'id', type: DataTypes.INT() }] });
    expect(table.source.withMetadata([]).schema.fields.map((f) => f.name)).toEqual(['id']);
    const source = table.source.withMetadata(['file.name', 'file.size', 'file.name']);
    expect(source.schema.fields.map((f) => [f.name, f.type])).toEqual([
      // Metadata fields carry names no physical column can take.
      ['id', DataTypes.INT()], ['$metadata0:file.name', FILE_METADATA['file.name']], ['$metadata1:file.size', FILE_METADATA['file.size']],
      ['$metadata2:file.name', FILE_METADATA['file.name']],
    ]);
    const batches: RecordBatch[] = [];
    for await (const b of readAll(source, { batchSize: 8 })) batches.push(b);
    // Splits come in path order (part file names are random): 20 rows as 8, 8, 4 and 3 rows as 3.
    expect(batches.map((b) => b.numRows).sort()).toEqual([3, 4, 8, 8]);
    expect(String(batches[0]!.schema.fields[1]!.type)).toMatch(/Dictionary/);
    const got = arrowRows(new ArrowTable(batches));
    const expected = [...files].sort(([a], [b]) => (a < b ? -1 : 1))
      .flatMap(([path, ids]) => ids.map((id) => [id, basename(path), BigInt(statSync(path).size), basename(path)]));
    expect(got).toEqual(expected);
    expect(() => table.source.withMetadata(['file.owner'])).toThrow(/unknown filesystem metadata key 'file.owner'; available: 'file.path', 'file.name', 'file.size', 'file.modification-time'/);
  });
});

describe('weir sql -f with METADATA columns', () => {
  it('runs a script whose CREATE TABLE reads file metadata', async () => {
    const dir = join(root, 'cli');
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'data', 'a.csv'), '1,x\n2,y\n');
    writeFileSync(join(dir, 'data', 'b.csv'), '3,zzz\n');
    writeFileSync(join(dir, 'job.sql'), `CREATE TABLE t (
  id INT, s STRING,
  name STRING METADATA FROM 'file.name' VIRTUAL,
  size BIGINT METADATA FROM 'file.size' VIRTUAL,
  mtime TIMESTAMP(3) METADATA FROM 'file.modification-time' VIRTUAL
) WITH ('connector' = 'filesystem', 'path' = '${join(dir, 'data')}', 'format' = 'csv');
SELECT id, name, size, mtime FROM t ORDER BY id;
`);
    const out = join(dir, 'out.jsonl');
    expect(await runSqlCommand(['-f', join(dir, 'job.sql'), '--format', 'jsonl', '-o', out])).toBe(0);
    const mtime = (f: string) => new Date(Math.floor(statSync(join(dir, 'data', f)).mtimeMs)).toISOString().replace('T', ' ').replace('Z', '');
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => 'id' in l)).toEqual([
      { id: 1, name: 'a.csv', size: 8, mtime: mtime('a.csv') },
      { id: 2, name: 'a.csv', size: 8, mtime: mtime('a.csv') },
      { id: 3, name: 'b.csv', size: 6, mtime: mtime('b.csv') },
    ]);
  });
});

describe('a physical column named like a metadata key', () => {
  it('reads its own values, not the metadata (`file.name` is a legal column name)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weir-metadata-clash-'));
    writeFileSync(join(dir, 'one.csv'), '1,x\n2,y\n');
    const env = await TableEnvironment.create();
    try {
      await env.executeSql(`CREATE TABLE u (\`file.name\` STRING, b STRING, n STRING METADATA FROM 'file.name' VIRTUAL) WITH ('connector' = 'filesystem', 'path' = '${dir}', 'format' = 'csv')`);
      expect(await rows(env, 'SELECT * FROM u ORDER BY b')).toEqual([['1', 'x', 'one.csv'], ['2', 'y', 'one.csv']]);
    } finally {
      env.close();
    }
  });
});
