import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../../engine/connectors/connector-error.js';
import { createFileSystemTable } from '../../engine/connectors/filesystem/index.js';
import { DataTypes, type Schema } from '../../engine/types/data-type.js';
import { sourceRows, tempDir } from './fixtures.js';

const dir = tempDir();
const SCHEMA: Schema = {
  fields: [{ name: 'id', type: DataTypes.INT() }, { name: 'name', type: DataTypes.STRING() }, { name: 'at', type: DataTypes.TIMESTAMP(3) }],
};

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const e = await promise.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(ConnectorError);
  return e as ConnectorError;
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('malformed CSV names the file, line, byte offset and column', () => {
  const text = '1,ä,2024-01-01 00:00:00.000\n2,"multi\nline",2024-01-01 00:00:00.000\n3x,c,2024-01-01 00:00:00.000\n4,d,2024-01-01 00:00:00.000\n';
  it('a value that does not parse', async () => {
    const path = file('bad-value.csv', text);
    const e = await failure(sourceRows(createFileSystemTable({ path, format: 'csv' }, SCHEMA).source));
    // Line 4 (a quoted field spans lines 2-3); the row starts after 29 + 39 bytes ('ä' is 2 bytes).
    expect(e.message).toBe(`${path}:4 (byte 68), column 'id': cannot read '3x' as INT`);
    expect(e.location).toMatchObject({ path, line: 4, byteOffset: 68, column: 'id' });
    expect(Buffer.from(text).subarray(68, 70).toString()).toBe('3x');
  });

  it('the same error at every batch size and across chunk boundaries', async () => {
    const rows = Array.from({ length: 30000 }, (_, i) => `${i},"név ${i}",2024-01-01 00:00:00.000`);
    rows[25000] = '25000,x,2024-13-01 00:00:00.000';
    const path = file('late-bad.csv', rows.join('\n') + '\n');
    const offset = Buffer.byteLength(rows.slice(0, 25000).join('\n') + '\n');
    for (const size of [1, 7, 8192]) {
      const e = await failure(sourceRows(createFileSystemTable({ path, format: 'csv' }, SCHEMA).source, size));
      expect(e.message).toBe(`${path}:25001 (byte ${offset}), column 'at': cannot read '2024-13-01 00:00:00.000' as TIMESTAMP(3)`);
    }
  });

  it('a wrong number of fields, and an unterminated quote', async () => {
    const path = file('bad-width.csv', '1,a,2024-01-01 00:00:00\n2,b\n');
    expect((await failure(sourceRows(createFileSystemTable({ path, format: 'csv' }, SCHEMA).source))).message)
      .toBe(`${path}:2 (byte 24): expected 3 fields (id, name, at), found 2`);
    const quote = file('bad-quote.csv', '1,a,2024-01-01 00:00:00\n2,"open,2024-01-01 00:00:00\n');
    expect((await failure(sourceRows(createFileSystemTable({ path: quote, format: 'csv' }, SCHEMA).source))).message)
      .toMatch(new RegExp(`^${quote}:2 \\(byte 24\\): malformed CSV record: Quoted field unterminated`));
  });

  it("'csv.ignore-parse-errors' skips and counts malformed rows instead", async () => {
    const path = file('skip.csv', text + '5,e\n6,f,2024-01-01 00:00:00.000\n');
    const table = createFileSystemTable({ path, format: 'csv', 'csv.ignore-parse-errors': 'true' }, SCHEMA);
    const [split] = await table.source.enumerateSplits();
    const reader = table.source.createReader(split!, { batchSize: 2 });
    const ids: unknown[] = [];
    for await (const b of reader) for (const r of b.toArray()) ids.push(r.id);
    expect(ids).toEqual([1, 2, 4, 6]);
    expect(reader.skippedRows).toBe(2);
  });

  it("options: a custom delimiter, quote, null literal and '#' comments", async () => {
    const path = file('opts.csv', "# comment\n1;'a;b';2024-01-01 00:00:00.5\nNULL;NULL;NULL\n");
    const table = createFileSystemTable({
      path, format: 'csv', 'csv.field-delimiter': ';', 'csv.quote-character': "'", 'csv.null-literal': 'NULL', 'csv.allow-comments': 'true',
    }, SCHEMA);
    expect(await sourceRows(table.source)).toEqual([[1, 'a;b', 1704067200500000n], [null, null, null]]);
  });
});

describe('malformed JSON lines', () => {
  it('a syntax error, a non-object line, and a value of the wrong type name the line and byte', async () => {
    const good = '{"id":1,"name":"é","at":"2024-01-01 00:00:00.000"}\n';
    const bad = file('bad.json', good + '{"id":2,"name":"b",\n');
    expect((await failure(sourceRows(createFileSystemTable({ path: bad, format: 'json' }, SCHEMA).source))).message)
      .toMatch(new RegExp(`^${bad}:2 \\(byte 52\\): malformed JSON: `));
    const arr = file('array.json', good + '[1,2]\n');
    expect((await failure(sourceRows(createFileSystemTable({ path: arr, format: 'json' }, SCHEMA).source))).message)
      .toBe(`${arr}:2 (byte 52): expected a JSON object per line`);
    const typed = file('typed.json', good + good + '{"id":"x"}\n');
    expect((await failure(sourceRows(createFileSystemTable({ path: typed, format: 'json' }, SCHEMA).source))).message)
      .toBe(`${typed}:3 (byte 104), column 'id': cannot read "x" as INT`);
  });

  it("missing keys read as NULL, or fail with 'json.fail-on-missing-field'", async () => {
    const path = file('missing.json', '{"id":1}\n');
    expect(await sourceRows(createFileSystemTable({ path, format: 'json' }, SCHEMA).source)).toEqual([[1, null, null]]);
    expect((await failure(sourceRows(createFileSystemTable({ path, format: 'json', 'json.fail-on-missing-field': 'true' }, SCHEMA).source))).message)
      .toBe(`${path}:1 (byte 0), column 'name': field is missing`);
  });

  it("'json.ignore-parse-errors' skips bad lines; numeric strings and ISO timestamps are read", async () => {
    const path = file('skip.json', '{"id":"7","at":"2024-01-01T00:00:00.250Z"}\nnot json\n{"id":1.5}\n{"id":3}\n');
    const table = createFileSystemTable({ path, format: 'json', 'json.ignore-parse-errors': 'true' }, SCHEMA);
    expect(await sourceRows(table.source)).toEqual([[7, null, 1704067200250000n], [3, null, null]]);
  });
});

describe('files and options that are wrong', () => {
  it('a missing path names it', async () => {
    const path = join(dir, 'nope', 'missing.csv');
    expect((await failure(sourceRows(createFileSystemTable({ path, format: 'csv' }, SCHEMA).source))).message)
      .toBe(`no such file or directory: ${path}`);
  });

  it('a corrupt Parquet or Arrow file names the path', async () => {
    const path = file('junk.parquet', 'this is not parquet');
    expect((await failure(sourceRows(createFileSystemTable({ path, format: 'parquet' }, SCHEMA).source))).message)
      .toMatch(new RegExp(`^${path}: not a readable Parquet file`));
    const arrowPath = file('junk.arrow', 'this is not arrow either');
    expect((await failure(sourceRows(createFileSystemTable({ path: arrowPath, format: 'arrow' }, SCHEMA).source))).message)
      .toMatch(new RegExp(`^${arrowPath}: not a readable Arrow IPC file or stream`));
  });

  it('unknown formats and options are rejected with the supported ones listed', () => {
    expect(() => createFileSystemTable({ path: dir, format: 'avro' }, SCHEMA)).toThrow(/unknown format 'avro'.*'csv', 'json', 'arrow', 'parquet'/);
    expect(() => createFileSystemTable({ path: dir, format: 'csv', 'csv.delimiter': ';' }, SCHEMA)).toThrow(/unsupported option for format 'csv': 'csv.delimiter'; supported: 'csv.field-delimiter'/);
    expect(() => createFileSystemTable({ path: dir, format: 'csv', 'csv.field-delimiter': ';;' }, SCHEMA)).toThrow(/must be a single character/);
    expect(() => createFileSystemTable({ path: dir, format: 'json', 'json.timestamp-format.standard': 'RFC' }, SCHEMA)).toThrow(/'SQL', 'ISO-8601'/);
  });
});

describe('universal code stays free of Node built-ins', () => {
  it('nothing outside engine/connectors/filesystem imports node: modules or the filesystem folder', () => {
    const root = resolve(import.meta.dirname, '../../engine/connectors');
    const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? (e.name === 'filesystem' ? [] : walk(join(d, e.name))) : e.name.endsWith('.ts') ? [join(d, e.name)] : []);
    const files = walk(root);
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(text, f).not.toMatch(/from '(node:|fs|path|os)|from '\.\.?\/(\.\.\/)?filesystem\//);
      expect(dirname(f)).not.toMatch(/filesystem/);
    }
  });
});
