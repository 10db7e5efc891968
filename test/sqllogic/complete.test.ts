import { Int32, Utf8, type Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { arrowTable } from '../support/arrow-build.js';
import { completeSlt } from './complete.js';
import { parseSlt } from './parse-slt.js';
import { runSlt, type SqlExecutor } from './runner.js';

const table = (rows: [number, string][]): Table =>
  arrowTable({ id: { type: new Int32(), values: rows.map((r) => r[0]) }, name: { type: new Utf8(), values: rows.map((r) => r[1]) } });

const engine: SqlExecutor = {
  name: 'weir',
  async execute(sql) {
    if (sql === 'SELECT pairs') return table([[2, 'b'], [1, '']]);
    if (sql === 'SELECT one') return table([[1, 'a']]);
    if (sql === 'EXPLAIN SELECT one') return arrowTable({ plan: { type: new Utf8(), values: ['== Plan ==\n\nValues(1)\n'] } });
    if (sql === 'CREATE v') return undefined;
    throw new Error(`unknown SQL ${sql}`);
  },
};

async function complete(text: string): Promise<string> {
  const file = parseSlt(text, 'c.test');
  return completeSlt(file, await runSlt(file, engine));
}

describe('completeSlt', () => {
  it('rewrites wrong blocks, adds missing ones, fixes the column letters and leaves the rest', async () => {
    const text = [
      '# header kept', // 0
      'statement ok', // 1
      'CREATE v', // 2
      '', // 3
      'query IT rowsort', // 4
      'SELECT pairs', // 5
      '----', // 6
      '1\twrong', // 7
      '', // 8
      'query I', // 9
      'SELECT one', // 10
      '', // 11
      '# a passing block keeps its one-value-per-line form', // 12
      'query IT', // 13
      'SELECT one', // 14
      '----', // 15
      '1', // 16
      'a', // 17
      '', // 18
      'query T', // 19
      'EXPLAIN SELECT one', // 20
      '----', // 21
      'old plan', // 22
    ].join('\n');
    const completed = await complete(text);
    expect(completed).toBe(
      [
        '# header kept',
        'statement ok',
        'CREATE v',
        '',
        'query IT rowsort',
        'SELECT pairs',
        '----',
        '1\t(empty)',
        '2\tb',
        '',
        'query IT',
        'SELECT one',
        '----',
        '1\ta',
        '',
        '# a passing block keeps its one-value-per-line form',
        'query IT',
        'SELECT one',
        '----',
        '1',
        'a',
        '',
        'query T',
        'EXPLAIN SELECT one',
        '----',
        '== Plan ==',
        'Values(1)',
      ].join('\n'),
    );
    const rerun = await runSlt(parseSlt(completed, 'c.test'), engine);
    expect(rerun.map((o) => o.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
  });

  it('changes nothing when every record passes', async () => {
    const text = 'query IT\nSELECT one\n----\n1\ta\n';
    expect(await complete(text)).toBe(text);
  });
});
