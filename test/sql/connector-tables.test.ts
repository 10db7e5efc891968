import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromArrays } from 'apache-arrow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TableEnvironment } from '../../engine/index.js';
import { arrowRows } from '../support/arrow-rows.js';

async function rows(env: TableEnvironment, sql: string) {
  return arrowRows(await (await env.executeSql(sql)).toArrow());
}

describe.each([1, 7, 8192])('CREATE TABLE and INSERT at batch size %i', (batchSize) => {
  let env: TableEnvironment;
  let dir: string;
  beforeEach(async () => {
    env = await TableEnvironment.create({ batchSize });
    dir = mkdtempSync(join(tmpdir(), 'weir-ddl-'));
    writeFileSync(join(dir, 'orders.csv'), '1,ann,10.5,2024-01-02 10:00:00.000\n2,bob,,2024-01-03 11:30:00.250\n3,ann,4.5,2024-01-03 12:00:00.000\n');
    await env.executeSql(`CREATE TABLE orders (
        id BIGINT, customer STRING, amount DOUBLE, ts TIMESTAMP(3),
        doubled AS amount * 2,
        WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
      ) WITH ('connector' = 'filesystem', 'path' = '${join(dir, 'orders.csv')}', 'format' = 'csv')`);
  });
  afterEach(() => env.close());

  it('reads a CSV table with its computed column', async () => {
    expect(await rows(env, 'SELECT id, customer, doubled FROM orders ORDER BY id')).toEqual([
      [1n, 'ann', 21], [2n, 'bob', null], [3n, 'ann', 9],
    ]);
  });

  it.each(['json', 'csv', 'arrow', 'parquet'])('INSERT INTO a %s table writes what a read returns', async (format) => {
    await env.executeSql(`CREATE TABLE totals (customer STRING, total DOUBLE, n BIGINT)
      WITH ('connector' = 'filesystem', 'path' = '${join(dir, format)}', 'format' = '${format}')`);
    const written = await rows(env, 'INSERT INTO totals SELECT customer, SUM(amount), COUNT(*) FROM orders GROUP BY customer');
    expect(written).toEqual([[2n]]);
    expect(readdirSync(join(dir, format)).filter((f) => f.startsWith('part-'))).toHaveLength(1);
    expect(await rows(env, 'SELECT * FROM totals ORDER BY customer')).toEqual([['ann', 15, 2n], ['bob', null, 1n]]);
  });

  it('runs a statement set and CREATE TABLE AS, with a column list and NULL for the rest', async () => {
    await env.executeSql(`CREATE TABLE people (id BIGINT, name STRING, note STRING)
      WITH ('connector' = 'filesystem', 'path' = '${join(dir, 'people')}', 'format' = 'json')`);
    const r = await rows(env, `EXECUTE STATEMENT SET BEGIN
        INSERT INTO people SELECT id, customer, 'a' FROM orders WHERE id = 1;
        INSERT INTO people (name, id) SELECT UPPER(customer), id * 10 FROM orders WHERE id > 1;
      END`);
    expect(r).toEqual([[1n, 2n]]);
    expect(await rows(env, 'SELECT id, name, note FROM people ORDER BY id')).toEqual([[1n, 'ann', 'a'], [20n, 'BOB', null], [30n, 'ANN', null]]);
    await env.executeSql(`CREATE TABLE big WITH ('connector' = 'filesystem', 'path' = '${join(dir, 'big')}', 'format' = 'csv')
      AS SELECT id, doubled FROM orders WHERE doubled > 10`);
    expect(await rows(env, 'SELECT * FROM big')).toEqual([[1n, 21]]);
  });

  it('describes computed columns and the watermark as Flink does', async () => {
    const d = await rows(env, 'DESCRIBE orders');
    expect(d.map((r) => [r[0], r[4], r[5]])).toEqual([
      ['id', null, null], ['customer', null, null], ['amount', null, null],
      ['ts', null, "ts - INTERVAL '5' SECOND"], ['doubled', 'AS amount * 2', null],
    ]);
  });
});

describe('connector errors', () => {
  it('names the connector, the option, the column and the position', async () => {
    const env = await TableEnvironment.create();
    const dir = mkdtempSync(join(tmpdir(), 'weir-ddl-'));
    await expect(env.executeSql("CREATE TABLE t (a INT) WITH ('connector' = 'kafka')")).rejects.toThrow(/unknown connector 'kafka'; available: 'blackhole', 'filesystem', 'print'/);
    await expect(env.executeSql("CREATE TABLE t (a INT) WITH ('connector' = 'filesystem', 'format' = 'csv')")).rejects.toThrow(/path/);
    await env.executeSql(`CREATE TABLE t (a INT NOT NULL, b STRING) WITH ('connector' = 'filesystem', 'path' = '${dir}', 'format' = 'csv')`);
    await expect(env.executeSql("INSERT INTO t SELECT 'x', 'y'")).rejects.toThrow(/cannot write STRING into column 'a' \(INT\) of t/);
    await expect(env.executeSql("INSERT INTO t (b) SELECT 'y'")).rejects.toThrow(/column 'a' of t is NOT NULL and not written/);
    await env.executeSql('CREATE TEMPORARY VIEW v AS SELECT 1 AS a');
    await expect(env.executeSql('INSERT INTO v SELECT 2')).rejects.toThrow(/cannot INSERT INTO 'v': it is a view/);
    await expect(env.executeSql("CREATE TABLE w (a INT, WATERMARK FOR a AS a) WITH ('connector' = 'blackhole')")).rejects.toThrow(/WATERMARK needs a TIMESTAMP column/);
    await expect(env.executeSql("CREATE TABLE bad (a INT, c AS nope + 1) WITH ('connector' = 'blackhole')")).rejects.toThrow(/line 1, column 31: column 'nope' not found/);
    writeFileSync(join(dir, 'bad.csv'), '1,x\nzz,y\n');
    await env.executeSql(`CREATE TABLE r (a INT, b STRING) WITH ('connector' = 'filesystem', 'path' = '${join(dir, 'bad.csv')}', 'format' = 'csv')`);
    await expect(env.executeSql('SELECT * FROM r').then((x) => x.toArrow())).rejects.toThrow(/bad\.csv:2.*column 'a'/);
    env.close();
  });

  it('prints rows through the print connector and drops them in blackhole', async () => {
    const env = await TableEnvironment.create();
    const lines: string[] = [];
    const log = console.log;
    console.log = (line: string) => { lines.push(line); };
    try {
      await env.executeSql("CREATE TABLE p (a INT, b STRING) WITH ('connector' = 'print', 'print-identifier' = 'x')");
      await env.executeSql("INSERT INTO p VALUES (1, 'one'), (2, CAST(NULL AS STRING))");
      await env.executeSql("CREATE TABLE h (a INT) WITH ('connector' = 'blackhole')");
      expect(await rows(env, 'INSERT INTO h VALUES (1), (2), (3)')).toEqual([[3n]]);
    } finally {
      console.log = log;
    }
    expect(lines).toEqual(['x> +I[1, one]', 'x> +I[2, null]']);
    env.close();
  });
});

describe('SET', () => {
  it("'weir.batch-size' sets the rows per batch of later jobs; RESET restores the default", async () => {
    const env = await TableEnvironment.create({ batchSize: 8192 });
    env.createTemporaryView('t', tableFromArrays({ x: Int32Array.from([1, 2, 3, 4, 5]) }));
    const sizes = async () => (await (await env.executeSql('SELECT x FROM t')).toArrow()).batches.map((b) => b.numRows);
    expect((await sizes()).reduce((a, b) => a + b, 0)).toBe(5);
    await env.executeSql("SET 'weir.batch-size' = '2'");
    expect(Math.max(...(await sizes()))).toBeLessThanOrEqual(2);
    expect(await rows(env, 'SET')).toEqual([['weir.batch-size', '2']]);
    await env.executeSql("RESET 'weir.batch-size'");
    expect(Math.max(...(await sizes()))).toBe(5);
    await expect(env.executeSql("SET 'weir.batch-size' = '0'")).rejects.toThrow(/not a valid value/);
    await expect(env.executeSql("SET 'no.such.key' = '1'")).rejects.toThrow(/unknown configuration key 'no.such.key'/);
    await env.executeSql("SET 'execution.runtime-mode' = 'streaming'");
    await expect(env.executeSql('SELECT 1')).rejects.toThrow(/'execution.runtime-mode' = 'streaming' is not implemented yet/);
    env.close();
  });
});
