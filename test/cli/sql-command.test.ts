import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { endsStatement } from '../../engine/cli/sql-shell.js';

// The built CLI, as a user runs it (npm ci builds dist/ through the prepare script).
const CLI = resolve(import.meta.dirname, '../../dist/engine/cli/main.js');
const run = promisify(execFile);

async function weir(args: string[], input?: string): Promise<{ stdout: string; stderr: string; code: number }> {
  const child = run(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (input !== undefined) {
    child.child.stdin!.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; code: number };
    return { stdout: err.stdout, stderr: err.stderr, code: err.code };
  }
}

describe('weir sql', { timeout: 30_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'weir-cli-'));
    writeFileSync(join(dir, 'orders.csv'), 'id,customer,amount,ts\n1,ann,10.5,2024-01-02 10:00:00.000\n2,bob,,2024-01-03 11:30:00.250\n3,ann,4.5,\n');
    writeFileSync(join(dir, 'customers.jsonl'), '{"customer":"ann","city":"Oslo"}\n{"customer":"bob","city":"Lima"}\n');
  });

  it('prints jsonl rows only: select-list order, Flink-unique keys, SQL timestamps', async () => {
    const r = await weir(['sql', '--table', `orders=${join(dir, 'orders.csv')}`, '--format', 'jsonl', '-e',
      'SELECT id, customer, ts, id FROM orders ORDER BY id']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { id: 1, customer: 'ann', ts: '2024-01-02 10:00:00.000', id0: 1 },
      { id: 2, customer: 'bob', ts: '2024-01-03 11:30:00.250', id0: 2 },
      { id: 3, customer: 'ann', ts: null, id0: 3 },
    ]);
    expect(Object.keys(JSON.parse(r.stdout.split('\n')[0]!))).toEqual(['id', 'customer', 'ts', 'id0']);
  });

  it('joins a CSV and a JSON-lines file and writes CSV to --output', async () => {
    const out = join(dir, 'out.csv');
    const r = await weir(['sql', '-t', `orders=${join(dir, 'orders.csv')}`, '-t', `customers=${join(dir, 'customers.jsonl')}`,
      '--format', 'csv', '--output', out, '-e',
      'SELECT c.city, SUM(o.amount) AS total, COUNT(*) AS n FROM orders o JOIN customers c ON o.customer = c.customer GROUP BY c.city ORDER BY c.city']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8').trim().split('\n')).toEqual(['city,total,n', 'Lima,,1', 'Oslo,15.0,2']);
  });

  it('runs a script from -f, prints the tableau, and arrow output reads back', async () => {
    const script = join(dir, 'job.sql');
    writeFileSync(script, "CREATE TEMPORARY VIEW big AS\n  SELECT * FROM orders WHERE amount > 5;\nSELECT customer, amount FROM big;\n");
    const r = await weir(['sql', '-t', `orders=${join(dir, 'orders.csv')}`, '-f', script]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[INFO] Execute statement succeeded.');
    expect(r.stdout).toContain('| customer | amount |');
    expect(r.stdout).toContain('1 row in set');
    const arrowOut = join(dir, 'out.arrow');
    const a = await weir(['sql', '-t', `orders=${join(dir, 'orders.csv')}`, '--format', 'arrow', '-o', arrowOut, '-e', 'SELECT id FROM orders ORDER BY id DESC']);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect([...tableFromIPC(readFileSync(arrowOut)).getChild('id')!].map(Number)).toEqual([3, 2, 1]);
  });

  it('reads statements from stdin when it is not a terminal', async () => {
    const r = await weir(['sql', '--format', 'jsonl'], 'SELECT 1 + 1 AS two;\nSELECT UPPER(\'x\') AS u;');
    expect(r.stdout.trim().split('\n')).toEqual(['{"two":2}', '{"u":"X"}']);
  });

  it('fails with the line and column of a bad statement and a non-zero exit code', async () => {
    const r = await weir(['sql', '-t', `orders=${join(dir, 'orders.csv')}`, '-e', 'SELECT id\nFROM orders\nWHERE custmer = 1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 3, column 7');
    expect(r.stderr).toContain("did you mean 'customer'?");
    const syntax = await weir(['sql', '-e', 'SELECT FROM WHERE']);
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toMatch(/SQL parse error at line 1, column \d+/);
  });

  it('names a missing file', async () => {
    const r = await weir(['sql', '-t', `x=${join(dir, 'missing.csv')}`, '-e', 'SELECT 1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('missing.csv');
  });
});

describe('the shell', () => {
  it('ends a statement only at a semicolon outside strings and comments', () => {
    expect(endsStatement('SELECT 1;')).toBe(true);
    expect(endsStatement('SELECT 1')).toBe(false);
    expect(endsStatement("SELECT ';'")).toBe(false);
    expect(endsStatement('SELECT 1 -- done;')).toBe(false);
    expect(endsStatement('SELECT 1; -- done')).toBe(true);
    expect(endsStatement('SELECT `a;b`')).toBe(false);
  });
});
