import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileSystemTable } from '../../engine/connectors/filesystem/index.js';
import { writeAll } from '../../engine/connectors/sink.js';
import { typeToString } from '../../engine/types/data-type.js';
import { ALL_TYPES, edgeBatch, rowsOf, sourceRows, tempDir } from './fixtures.js';

const dir = tempDir();

const CASES: [string, Record<string, string>][] = [
  ['csv', { 'csv.null-literal': '\\N' }],
  ['json', {}],
  ['json', { 'json.timestamp-format.standard': 'ISO-8601' }],
  ['arrow', {}],
  ['arrow', { 'arrow.ipc-format': 'stream' }],
  ['parquet', {}],
];

describe('round trip through files: write then read back', () => {
  for (const [format, extra] of CASES) {
    it(`${format} ${JSON.stringify(extra)} keeps every value of every type`, async () => {
      const path = join(dir, `${format}-${Object.keys(extra).length}-${Math.random().toString(36).slice(2)}`);
      const table = createFileSystemTable({ connector: 'filesystem', path, format, ...extra }, ALL_TYPES);
      const batch = edgeBatch();
      await writeAll(table.sink, [batch, batch.slice(1, 3)]);
      const files = readdirSync(path);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(new RegExp(`^part-[0-9a-f-]{36}-0-0${table.format.fileExtension.replace('.', '\\.')}$`));
      const rows = await sourceRows(table.source);
      expect(rows).toEqual(rowsOf(batch, batch.slice(1, 3)));
      // The read batches carry the declared Arrow types.
      for await (const b of table.source.createReader((await table.source.enumerateSplits())[0]!, { batchSize: 100 })) {
        expect(b.schema.fields.map((f) => String(f.type))).toEqual(batch.schema.fields.map((f) => String(f.type)));
      }
    });
  }

  it('csv without a null literal reads an empty field as NULL, except in STRING columns (as Flink)', async () => {
    const path = join(dir, 'csv-default');
    const table = createFileSystemTable({ path, format: 'csv' }, ALL_TYPES);
    const batch = edgeBatch();
    await writeAll(table.sink, [batch]);
    const rows = await sourceRows(table.source);
    const expected = rowsOf(batch).map((r) => r.map((v, c) => (v === null && ALL_TYPES.fields[c]!.type.name === 'STRING' ? '' : v)));
    expect(rows).toEqual(expected);
  });

  it('an INSERT of no rows leaves one empty part file that reads as no rows', async () => {
    for (const format of ['csv', 'json', 'arrow', 'parquet']) {
      const path = join(dir, `empty-${format}`);
      const table = createFileSystemTable({ path, format }, ALL_TYPES);
      await writeAll(table.sink, []);
      expect(readdirSync(path)).toHaveLength(1);
      expect(await sourceRows(table.source), format).toEqual([]);
    }
  });

  it('json writes timestamps as yyyy-MM-dd HH:mm:ss.SSS and 64-bit integers exactly', async () => {
    const path = join(dir, 'json-text');
    const table = createFileSystemTable({ path, format: 'json' }, ALL_TYPES);
    await writeAll(table.sink, [edgeBatch()]);
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(join(path, readdirSync(path)[0]!), 'utf8').split('\n');
    expect(text[0]).toContain('"ts3":"2023-11-14 22:13:20.123"');
    expect(text[0]).toContain('"ts6":"2023-11-14 22:13:20.123456"');
    expect(text[0]).toContain('"i64":9223372036854775807');
    expect(text[0]).toContain('"dec":12345678901234.5678');
    expect(text[1]).toContain('"ts3":"1969-12-31 23:59:59.999"');
    expect(text[2]).toContain('"s":null');
    expect(ALL_TYPES.fields.map((f) => typeToString(f.type))).toContain('TIMESTAMP(3)');
  });
});
