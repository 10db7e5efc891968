// A filter's conjuncts run one after the other, each over the rows the ones before it kept: the
// guard pattern `x <> 0 AND 10 / x > 1` never divides by zero, and the result is the same as one
// program evaluating the whole conjunction, at every batch size.
import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { TableEnvironment } from '../../engine/index.js';

const n = 5000;
const x = Int32Array.from({ length: n }, (_, i) => (i * 7919) % 23 - 11);
const y = Float64Array.from({ length: n }, (_, i) => ((i * 104729) % 1000) / 10);

describe('filter conjuncts', () => {
  for (const batchSize of [1, 7, 8192]) {
    it(`keep exactly the rows where every conjunct is TRUE, guards included (batch size ${batchSize})`, async () => {
      const env = await TableEnvironment.create({ batchSize });
      try {
        env.createTemporaryView('t', tableFromArrays({ x, y }));
        const rows = async (sql: string) => (await (await env.executeSql(sql)).toArrow()).toArray().map((r) => r.toJSON());
        const got = await rows('SELECT x, y FROM t WHERE x <> 0 AND 10 / x > 1 AND y < 50.0 AND y >= 5.0');
        const want = [...x].flatMap((v, i) => (v !== 0 && Math.trunc(10 / v) > 1 && y[i]! < 50 && y[i]! >= 5 ? [{ x: v, y: y[i] }] : []));
        expect(got).toEqual(want);
        await expect(rows('SELECT x FROM t WHERE 10 / x > 1 AND x <> 0')).rejects.toThrow(/division by zero/i);
      } finally {
        env.close();
      }
    });
  }
});
