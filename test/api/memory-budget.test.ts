import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { ResourcesExhaustedError, TableEnvironment } from '../../engine/index.js';

describe('the memory budget', () => {
  it('fails a query that exceeds it with a clear error, and the environment stays usable', async () => {
    const env = await TableEnvironment.create({ memoryBudgetBytes: 64 << 20 });
    const n = 2_000_000;
    const k = new Int32Array(n);
    for (let i = 0; i < n; i++) k[i] = i * 7;
    env.createTemporaryView('t', tableFromArrays({ k, v: new Float64Array(n).fill(1) }));
    const big = env.executeSql('SELECT k, SUM(v), COUNT(*), MIN(v), MAX(v) FROM t GROUP BY k').then((r) => r.toArrow());
    await expect(big).rejects.toThrow(ResourcesExhaustedError);
    await expect(big).rejects.toThrow(/memory budget of 64\.0 MiB is exhausted.*Raise memoryBudgetBytes/);
    // The failed job released its state: a query that fits still runs, and again after it.
    for (let i = 0; i < 2; i++) {
      const r = await (await env.executeSql('SELECT COUNT(*), SUM(v) FROM t WHERE k % 2 = 0')).toArrow();
      expect(r.getChildAt(0)!.get(0)).toBe(1_000_000n);
    }
    env.close();
  });
});
