import { Float64, Int32, Utf8, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrowTable } from '../support/arrow-build.js';
import { createDuckdbExecutor } from './duckdb-executor.js';
import { parseSlt } from './parse-slt.js';
import { errorMatches, executableSql, runSlt, type RecordOutcome, type RunOptions, type SqlExecutor } from './runner.js';

/** A stand-in engine: answers each SQL text from a map, throws for anything else; logs what ran. */
function fakeExecutor(name: string, answers: Record<string, Table | Error | undefined>): SqlExecutor & { ran: string[] } {
  const ran: string[] = [];
  return {
    name,
    ran,
    async execute(sql) {
      ran.push(sql);
      if (!(sql in answers)) throw new Error(`unexpected SQL: ${sql}`);
      const answer = answers[sql];
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

const ints = (...values: (number | null)[]): Table => arrowTable({ x: { type: new Int32(), values } });
const pairs = (rows: [number, string][]): Table =>
  arrowTable({ id: { type: new Int32(), values: rows.map((r) => r[0]) }, name: { type: new Utf8(), values: rows.map((r) => r[1]) } });
const doubles = (...values: number[]): Table => arrowTable({ d: { type: new Float64(), values } });

async function run(text: string, executor: SqlExecutor, options?: RunOptions): Promise<RecordOutcome[]> {
  return runSlt(parseSlt(text, 'case.test'), executor, options);
}

const statuses = (outcomes: RecordOutcome[]): string[] => outcomes.map((o) => o.status);
const messageOf = (o: RecordOutcome): string => (o.status === 'fail' ? o.message : `(${o.status})`);

describe('SltRunner queries', () => {
  it('passes a matching block and reports a wrong one with file:line, the SQL and a diff', async () => {
    const exec = fakeExecutor('duckdb', { 'SELECT id, name FROM t ORDER BY id': pairs([[1, 'a'], [2, 'b'], [3, 'c']]) });
    const good = await run('query IT\nSELECT id, name FROM t ORDER BY id\n----\n1\ta\n2\tb\n3\tc\n', exec);
    expect(statuses(good)).toEqual(['pass']);
    const text = ['# header', '', 'query IT', 'SELECT id, name FROM t ORDER BY id', '----', '1\ta', '2\tB', '3\tc', ''].join('\n');
    const [bad] = await run(text, exec);
    expect(bad!.status).toBe('fail');
    const message = messageOf(bad!);
    expect(message).toContain('case.test:3: query result differs: row 2 of 3 differs, first difference at case.test:7');
    expect(message).toContain('SELECT id, name FROM t ORDER BY id');
    expect(message).toContain('  1\ta\n- 2\tB\n+ 2\tb\n  3\tc');
  });

  it('reports missing and extra rows', async () => {
    const exec = fakeExecutor('duckdb', { 'SELECT x': ints(1, 2) });
    expect(messageOf((await run('query I\nSELECT x\n----\n1\n', exec))[0]!)).toContain('expected 1 row, got 2, first difference at case.test:5');
    expect(messageOf((await run('query I\nSELECT x\n----\n1\n2\n3\n', exec))[0]!)).toContain('expected 3 rows, got 2, first difference at case.test:6');
  });

  it('sorts rows for rowsort and single values for valuesort, on both sides', async () => {
    const exec = fakeExecutor('duckdb', { 'SELECT id, name FROM t': pairs([[2, 'b'], [10, 'a'], [1, 'z']]) });
    expect(statuses(await run('query IT rowsort\nSELECT id, name FROM t\n----\n2\tb\n1\tz\n10\ta\n', exec))).toEqual(['pass']);
    expect(statuses(await run('query IT valuesort\nSELECT id, name FROM t\n----\n1\n10\n2\na\nb\nz\n', exec))).toEqual(['pass']);
    expect(statuses(await run('query IT\nSELECT id, name FROM t\n----\n1\tz\n2\tb\n10\ta\n', exec))).toEqual(['fail']);
  });

  it('compares R columns with a tolerance and other columns exactly', async () => {
    const exec = fakeExecutor('duckdb', { 'SELECT d': doubles(0.30000000000000004, 1e20) });
    expect(statuses(await run('query R\nSELECT d\n----\n0.3\n100000000000000000000\n', exec))).toEqual(['pass']);
    expect(statuses(await run('query R\nSELECT d\n----\n0.301\n1e20\n', exec))).toEqual(['fail']);
    expect(statuses(await run('query T\nSELECT d\n----\n0.3\n1e+20\n', exec))).toEqual(['fail']);
    expect(statuses(await run('query R\nSELECT d\n----\n0.3\n1e+20\n', exec, { floatTolerance: 0 }))).toEqual(['fail']);
  });

  it('fails when the declared column count differs from the result', async () => {
    const exec = fakeExecutor('duckdb', { 'SELECT x': ints(1) });
    const [outcome] = await run('query II\nSELECT x\n----\n1\t1\n', exec);
    expect(messageOf(outcome!)).toContain("case.test:1: 'query II' declares 2 column(s) but the result has 1 (x)");
  });

  it('expects no rows from a query without ----', async () => {
    const exec = fakeExecutor('duckdb', { 'SELECT none': ints(), 'SELECT one': ints(1) });
    expect(statuses(await run('query I\nSELECT none\n\nquery I\nSELECT one\n', exec))).toEqual(['pass', 'fail']);
  });

  it('compares a labelled query without a block against the first result of its label', async () => {
    const exec = fakeExecutor('duckdb', { 'SELECT a': ints(1, 2), 'SELECT b': ints(2, 1), 'SELECT c': ints(3) });
    const text = 'query I rowsort L\nSELECT a\n----\n1\n2\n\nquery I rowsort L\nSELECT b\n\nquery I rowsort L\nSELECT c\n';
    const outcomes = await run(text, exec);
    expect(statuses(outcomes)).toEqual(['pass', 'pass', 'fail']);
    expect(messageOf(outcomes[2]!)).toContain("(label 'L' from case.test:1)");
  });

  it('hands the executor the SQL without a trailing semicolon', async () => {
    const exec = fakeExecutor('duckdb', { 'SELECT x': ints(7) });
    await run('query I\nSELECT x ;  \n----\n7\n', exec);
    expect(exec.ran).toEqual(['SELECT x']);
    expect(executableSql('INSERT INTO t VALUES (1);\n')).toBe('INSERT INTO t VALUES (1)');
  });

  it('fails a query the engine rejects, or one that returns no table', async () => {
    const exec = fakeExecutor('duckdb', { 'SELECT boom': new Error('kaboom'), 'CREATE x': undefined });
    const outcomes = await run('query I\nSELECT boom\n----\n1\n\nquery I\nCREATE x\n', exec);
    expect(messageOf(outcomes[0]!)).toContain('case.test:1: query failed on duckdb: kaboom');
    expect(messageOf(outcomes[1]!)).toContain('case.test:6: query returned no result table on duckdb');
  });
});

describe('SltRunner statements', () => {
  const exec = fakeExecutor('weir', { 'CREATE ok': undefined, 'SELECT bad': new Error("Column 'bad' not found in table t") });

  it('passes statement ok on success and fails it on error', async () => {
    expect(statuses(await run('statement ok\nCREATE ok\n\nstatement ok\nSELECT bad\n', exec))).toEqual(['pass', 'fail']);
  });

  it('requires statement error to fail, and checks the message fragment when asked', async () => {
    const outcomes = await run('statement error\nCREATE ok\n\nstatement error\nSELECT bad\n----\nnot found\n\nstatement error\nSELECT bad\n----\nsyntax error\n', exec);
    expect(statuses(outcomes)).toEqual(['fail', 'pass', 'fail']);
    expect(messageOf(outcomes[0]!)).toContain('case.test:1: statement succeeded on weir, but an error was expected');
    expect(messageOf(outcomes[2]!)).toContain('expected: syntax error');
    const lenient = await run('statement error\nSELECT bad\n----\nsyntax error\n', exec, { checkErrorMessages: false });
    expect(statuses(lenient)).toEqual(['pass']);
  });

  it('matches <REGEX>: fragments as regular expressions', () => {
    expect(errorMatches("Column 'bad' not found", "<REGEX>:Column '\\w+' not found")).toBe(true);
    expect(errorMatches('Column bad', '<REGEX>:^Table')).toBe(false);
  });
});

describe('SltRunner control records and conditions', () => {
  it('applies skipif and onlyif by engine name', async () => {
    const text = 'skipif duckdb\nstatement ok\nA\n\nonlyif weir\nstatement ok\nB\n\nonlyif duckdb\nstatement ok\nC\n';
    const duck = fakeExecutor('duckdb', { C: undefined });
    const outcomes = await run(text, duck);
    expect(outcomes.map((o) => (o.status === 'skipped' ? o.reason : o.status))).toEqual(['skipif duckdb', 'onlyif weir', 'pass']);
    expect(duck.ran).toEqual(['C']);
  });

  it('skips everything after halt and between mode skip and mode unskip', async () => {
    const exec = fakeExecutor('duckdb', { A: undefined, D: undefined });
    const text = 'statement ok\nA\n\nmode skip\n\nstatement ok\nB\n\nmode unskip\n\nstatement ok\nD\n\nhalt\n\nstatement ok\nE\n';
    const outcomes = await run(text, exec);
    expect(outcomes.map((o) => (o.status === 'skipped' ? o.reason : o.status))).toEqual([
      'pass', 'pass', 'mode skip at case.test:4', 'pass', 'pass', 'pass', 'after halt at case.test:14',
    ]);
  });

  it('applies a conditioned halt only on its engine', async () => {
    const exec = fakeExecutor('duckdb', { A: undefined });
    expect(statuses(await run('onlyif weir\nhalt\n\nstatement ok\nA\n', exec))).toEqual(['skipped', 'pass']);
  });
});

describe('EXPLAIN goldens', () => {
  const plan = arrowTable({ plan: { type: new Utf8(), values: ['== Physical Plan ==\n\nCalc(select=[x])   \n  Values(tuples=[[1]])\n'] } });
  const text = (lines: string[]): string => ['query T', 'EXPLAIN SELECT x', '----', ...lines, ''].join('\n');

  it('compare plan text line by line, ignoring trailing spaces and blank lines', async () => {
    const exec = fakeExecutor('weir', { 'EXPLAIN SELECT x': plan });
    expect(statuses(await run(text(['== Physical Plan ==', 'Calc(select=[x])', '  Values(tuples=[[1]])']), exec))).toEqual(['pass']);
    const [bad] = await run(text(['== Physical Plan ==', 'Calc(select=[y])', '  Values(tuples=[[1]])']), exec);
    expect(messageOf(bad!)).toContain('case.test:1: EXPLAIN plan differs\n  == Physical Plan ==\n- Calc(select=[y])\n+ Calc(select=[x])');
  });

  it('run only on weir unless an onlyif names the engine', async () => {
    const exec = fakeExecutor('duckdb', { 'EXPLAIN SELECT x': plan });
    const [skipped] = await run(text(['x']), exec);
    expect(skipped!.status).toBe('skipped');
    expect(statuses(await run(`onlyif duckdb\n${text(['== Physical Plan ==', 'Calc(select=[x])', '  Values(tuples=[[1]])'])}`, exec))).toEqual(['pass']);
  });
});

describe('SltRunner on DuckDB', () => {
  let duckdb: SqlExecutor;
  beforeAll(async () => {
    duckdb = await createDuckdbExecutor();
  });
  afterAll(() => duckdb.close?.());

  it('converts DuckDB types to Arrow and renders them by the golden rules', async () => {
    const text = [
      'query IIRRTTTI',
      "SELECT 1::TINYINT, SUM(x), 1.5::DECIMAL(10,3), 0.5::FLOAT, DATE '2024-02-29', TIMESTAMP '2024-01-01 10:00:00.5', '', NULL",
      'FROM (VALUES (1), (2)) AS t(x)',
      '----',
      '1\t3\t1.500\t0.5\t2024-02-29\t2024-01-01 10:00:00.500\t(empty)\tNULL',
      '',
      'query T',
      'SELECT TIMESTAMP_NS \'2024-01-01 10:00:00.123456789\'',
      '----',
      '2024-01-01 10:00:00.123456',
      '',
      'query I',
      'SELECT 1 WHERE false',
    ].join('\n');
    const outcomes = await runSlt(parseSlt(text, 'types.test'), duckdb);
    expect(outcomes.map(messageOf)).toEqual(['(pass)', '(pass)', '(pass)']);
  });

  it('reports a wrong golden as a failure at its line', async () => {
    const text = ['statement ok', 'CREATE TABLE t AS SELECT * FROM (VALUES (1, \'a\'), (2, \'b\')) AS v(id, name)', '', 'query IT', 'SELECT id, name FROM t ORDER BY id', '----', '1\ta', '2\tc', ''].join('\n');
    const outcomes = await runSlt(parseSlt(text, 'wrong.test'), duckdb);
    expect(outcomes[0]!.status).toBe('pass');
    expect(outcomes[1]!.status).toBe('fail');
    expect(messageOf(outcomes[1]!)).toContain('wrong.test:4: query result differs: row 2 of 2 differs, first difference at wrong.test:8');
    expect(messageOf(outcomes[1]!)).toContain('- 2\tc\n+ 2\tb');
  });

  it('follows Flink on integer division and NULL order', async () => {
    const text = 'query II\nSELECT 7 / 2, -7 / 2\n----\n3\t-3\n\nquery I\nSELECT x FROM (VALUES (2), (NULL), (1)) AS t(x) ORDER BY x\n----\nNULL\n1\n2\n';
    expect((await runSlt(parseSlt(text, 'flink.test'), duckdb)).map(messageOf)).toEqual(['(pass)', '(pass)']);
  });
});
