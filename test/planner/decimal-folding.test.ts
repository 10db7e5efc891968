// Constant folding of DECIMAL arithmetic must give exactly what the runtime computes: each
// expression runs once over literals (folded at planning time) and once over columns of an
// Arrow table (evaluated by the WASM expression VM), and the two results must be identical,
// including the errors (an overflow the runtime raises must not be folded away).
import { tableFromArrays } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableEnvironment } from '../../engine/index.js';

const VALUES = ['0.00', '0.01', '-0.01', '0.06', '1.5', '-2.25', '999.99', '-999.99', '12345678.91', '9999999999999.99'];
const TYPES = ['DECIMAL(15, 2)', 'DECIMAL(5, 1)', 'DECIMAL(38, 2)', 'DECIMAL(4, 0)', 'INT'];
const OPS = ['+', '-', '*'];

describe('DECIMAL constant folding', () => {
  let env: TableEnvironment;
  beforeAll(async () => {
    env = await TableEnvironment.create();
    env.createTemporaryView('t', tableFromArrays({ a: VALUES, b: [...VALUES].reverse() }));
  });
  afterAll(() => env.close());

  const run = async (sql: string): Promise<string> => {
    try {
      const table = await (await env.executeSql(sql)).toArrow();
      const col = table.getChildAt(0)!;
      return `${col.type}: ${Array.from({ length: table.numRows }, (_, i) => String(col.get(i))).join(', ')}`;
    } catch (e) {
      return /overflow|out of range|does not fit|cannot cast/i.test((e as Error).message) ? 'error: out of range' : `error: ${(e as Error).message}`;
    }
  };

  it('folds +, - and * of literals to what the runtime computes over columns', async () => {
    let folded = 0;
    for (const ta of TYPES) {
      for (const tb of TYPES) {
        for (const op of OPS) {
          for (let i = 0; i < VALUES.length; i++) {
            const a = VALUES[i]!, b = VALUES[VALUES.length - 1 - i]!;
            const castA = (x: string) => (ta === 'INT' ? `CAST(CAST(${x} AS DECIMAL(30, 2)) AS INT)` : `CAST(${x} AS ${ta})`);
            const castB = (x: string) => (tb === 'INT' ? `CAST(CAST(${x} AS DECIMAL(30, 2)) AS INT)` : `CAST(${x} AS ${tb})`);
            const lit = `SELECT ${castA(`'${a}'`)} ${op} ${castB(`'${b}'`)} AS r`;
            const col = `SELECT ${castA('a')} ${op} ${castB('b')} AS r FROM t WHERE a = '${a}'`;
            const plan = env.sqlQuery(lit).explain();
            if (!/Values|Project: [-\d.]+ AS r/.test(plan)) continue;
            if (/Project: [-\d.]+ AS r/.test(plan)) folded++;
            expect(await run(lit), `${lit}`).toBe(await run(col));
          }
        }
      }
    }
    expect(folded).toBeGreaterThan(100);
  });

  it('folds the TPC-H Q6 bounds (0.06 - 0.01, 0.06 + 0.01) so the filter compares with literals', () => {
    const plan = env.sqlQuery("SELECT a FROM t WHERE CAST(a AS DECIMAL(15, 2)) BETWEEN 0.06 - 0.01 AND 0.06 + 0.01").explain();
    expect(plan).toMatch(/BETWEEN 0\.05 AND 0\.07/);
  });
});
