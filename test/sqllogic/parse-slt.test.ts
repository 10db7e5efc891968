import { describe, expect, it } from 'vitest';
import { expectedRows, parseSlt, SltParseError, type QueryRecord, type StatementRecord } from './parse-slt.js';

const FILE = [
  '# name: sample.test', // 1
  '', // 2
  'statement ok', // 3
  'CREATE TEMPORARY VIEW v AS', // 4
  'SELECT 1 AS x;', // 5
  '', // 6
  'skipif duckdb', // 7
  'onlyif weir', // 8
  'statement error', // 9
  'SELECT nope', // 10
  '----', // 11
  "Column 'nope' not found", // 12
  '', // 13
  'query IT rowsort my_label', // 14
  'SELECT x, name', // 15
  'FROM t', // 16
  '----', // 17
  '1\ta', // 18
  '2\t(empty)', // 19
  '', // 20
  'halt', // 21
  '', // 22
  'mode skip', // 23
  '', // 24
  'query I', // 25
  'SELECT 1', // 26
].join('\n');

describe('parseSlt', () => {
  const file = parseSlt(FILE, 'sample.test');

  it('reads statements, queries, conditions, halt and mode with their line numbers', () => {
    expect(file.records.map((r) => [r.kind, r.line])).toEqual([
      ['statement', 3],
      ['statement', 9],
      ['query', 14],
      ['halt', 21],
      ['mode', 23],
      ['query', 25],
    ]);
    const ok = file.records[0] as StatementRecord;
    expect(ok).toMatchObject({ expect: 'ok', sql: 'CREATE TEMPORARY VIEW v AS\nSELECT 1 AS x;', conditions: [] });
    const error = file.records[1] as StatementRecord;
    expect(error.expect).toBe('error');
    expect(error.errorFragment).toBe("Column 'nope' not found");
    expect(error.conditions).toEqual([
      { kind: 'skipif', engine: 'duckdb' },
      { kind: 'onlyif', engine: 'weir' },
    ]);
  });

  it('keeps a query’s types, sort mode, label, SQL, expected block and layout', () => {
    const q = file.records[2] as QueryRecord;
    expect(q).toMatchObject({ types: 'IT', sortMode: 'rowsort', label: 'my_label', sql: 'SELECT x, name\nFROM t', isExplain: false });
    expect(q.expected).toEqual({ lines: ['1\ta', '2\t(empty)'], firstLine: 18 });
    expect(q.layout).toEqual({ header: 13, separator: 16, end: 19 });
    expect(expectedRows(q, 'sample.test')).toEqual([
      { cells: ['1', 'a'], line: 18 },
      { cells: ['2', '(empty)'], line: 19 },
    ]);
    const last = file.records[5] as QueryRecord;
    expect(last).toMatchObject({ types: 'I', sortMode: 'nosort', sql: 'SELECT 1' });
    expect(last.expected).toBeUndefined();
    expect(last.label).toBeUndefined();
  });

  it('regroups DuckDB’s one-value-per-line blocks into rows', () => {
    const q = parseSlt('query IIT\nSELECT 1, 2, 3\n----\n1\n2\nx\n4\n5\ny\n', 'f.test').records[0] as QueryRecord;
    expect(expectedRows(q, 'f.test')).toEqual([
      { cells: ['1', '2', 'x'], line: 4 },
      { cells: ['4', '5', 'y'], line: 7 },
    ]);
  });

  it('marks EXPLAIN queries and does not split their plan text', () => {
    const q = parseSlt('query T\nexplain SELECT 1\n----\n== Plan ==\n  Calc(select=[1])\n', 'f.test').records[0] as QueryRecord;
    expect(q.isExplain).toBe(true);
    expect(q.expected?.lines).toEqual(['== Plan ==', '  Calc(select=[1])']);
  });

  it('accepts CRLF line endings', () => {
    const q = parseSlt('query I\r\nSELECT 1\r\n----\r\n1\r\n', 'f.test').records[0] as QueryRecord;
    expect(q.sql).toBe('SELECT 1');
    expect(q.expected?.lines).toEqual(['1']);
  });

  it.each([
    ['statement maybe\nSELECT 1', 1, "expected 'statement ok' or 'statement error'"],
    ['statement ok\nSELECT 1\n----\n1', 3, "'statement ok' has no expected block"],
    ['query\nSELECT 1', 1, "'query' needs column types"],
    ['query I sorted\nSELECT 1', 1, "unknown sort mode 'sorted'"],
    ['query II\nSELECT 1, 2\n----\n1\t2\n3\t4\t5', 5, 'expected row has 3 tab-separated values'],
    ['query I\n----\n1', 1, 'the record has no SQL'],
    ['skipif mysql\nstatement ok\nSELECT 1', 1, "'skipif' needs one engine: weir or duckdb, got 'mysql'"],
    ['onlyif weir\n\nstatement ok\nSELECT 1', 2, 'a blank line separates'],
    ['\n\nrequire parquet', 3, "the sqllogictest directive 'require' is not supported"],
    ['# c\nselect 1', 2, "unknown directive 'select'"],
    ['mode output_result', 1, "unsupported mode 'output_result'"],
    ['statement error\nSELECT 1\n----', 3, "must be followed by the expected message"],
    ['statement ok\nSELECT 1\n\nskipif weir', 4, 'has no record'],
  ])('rejects %j at line %i', (text, line, message) => {
    let error: unknown;
    try {
      parseSlt(text, 'bad.test');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SltParseError);
    expect((error as SltParseError).line).toBe(line);
    expect((error as Error).message).toContain(`bad.test:${line}: `);
    expect((error as Error).message).toContain(message);
  });
});
