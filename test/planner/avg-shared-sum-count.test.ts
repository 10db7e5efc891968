// AVG(x) planned as SUM(x) / COUNT(x) when it can share the query's SUM or COUNT
// (engine/physical/share-aggregate-calls.ts): the plan shapes (what is shared, what stays a kernel
// AVG, equal calls computed once), and results identical to the kernel's AVG for DECIMAL (64- and
// 128-bit, scales below and above 6, HALF_UP halves, negative values), INT, SMALLINT, BIGINT,
// DOUBLE and FLOAT, with NULLs, FILTER clauses, empty groups, empty and filter-folded global
// aggregates, at two batch sizes; overflow still fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bool, DataType as ArrowType, Decimal, Float32, Float64, Int16, Int32, Int64 } from 'apache-arrow';
import { TableEnvironment } from '../../engine/index.js';
import { formatExecPlan } from '../../engine/physical/format-exec-plan.js';
import { arrowTable } from '../support/arrow-build.js';
import { arrowRows } from '../support/arrow-rows.js';
import { formatDecimal, parseDecimal, type Row, type Value } from '../support/values.js';
import { rng } from '../aggregate/aggregate-fixtures.js';

interface ArgCase {
  readonly name: string;
  readonly arrow: ArrowType;
  readonly gen: (r: () => number) => Value;
  /** The unscaled value of a DECIMAL cell (for the BigInt reference), else undefined. */
  readonly scale?: number;
}

const dec = (scale: number, precision: number, gen: (r: () => number) => bigint): ArgCase => ({
  name: `DECIMAL(${precision}, ${scale})`, arrow: new Decimal(scale, precision, 128), scale,
  gen: (r) => formatDecimal(gen(r), scale),
});
const int = (r: () => number, range: number) => Math.floor((r() - 0.5) * range);

const CASES: ArgCase[] = [
  dec(2, 15, (r) => BigInt(int(r, 2e7))),
  // Scale 8 > 6: AVG keeps the scale and rounds the quotient itself (small values: halves are common).
  dec(8, 12, (r) => BigInt(int(r, 9))),
  dec(4, 30, (r) => BigInt(int(r, 2e15)) * 10n ** 10n + BigInt(int(r, 1e9))),
  dec(0, 38, (r) => BigInt(int(r, 2e15)) * 10n ** 16n),
  { name: 'INT', arrow: new Int32(), gen: (r) => int(r, 4e9) },
  { name: 'SMALLINT', arrow: new Int16(), gen: (r) => int(r, 6e4) },
  { name: 'BIGINT', arrow: new Int64(), gen: (r) => BigInt(int(r, 2e12)) * 1000n },
  { name: 'DOUBLE', arrow: new Float64(), gen: (r) => [0.1, -0, 1e300, -1e-300, 3.5][Math.floor(r() * 5)]! * (r() < 0.5 ? -1 : 1) + int(r, 10) / 7 },
  { name: 'FLOAT', arrow: new Float32(), gen: (r) => Math.fround(int(r, 1e6) / 3) },
];

function tableOf(c: ArgCase, n: number, seed: number) {
  const r = rng(seed);
  const x = Array.from({ length: n }, () => (r() < 0.2 ? null : c.gen(r)));
  // Group 5 holds only NULLs; c is NULL or FALSE on every row of group 6 (an empty FILTER).
  const k = x.map((_, i) => (i % 17 === 0 ? null : Math.floor(r() * 7)));
  const x2 = x.map((v, i) => (k[i] === 5 ? null : v));
  const f = k.map((g) => (g === 6 ? (r() < 0.5 ? null : false) : r() < 0.7));
  return arrowTable({
    k: { type: new Int32(), values: k },
    x: { type: c.arrow, values: x2 },
    c: { type: new Bool(), values: f },
  });
}

const byKey = (a: Row, b: Row) => String(a[0]).localeCompare(String(b[0]));

/** Half-up AVG of DECIMAL cells (the BigInt reference): DECIMAL(38, max(6, s)). */
function decimalAvg(values: readonly Value[], scale: number): string | null {
  const cells = values.filter((v): v is string => v !== null).map((v) => parseDecimal(v, scale));
  if (cells.length === 0) return null;
  const up = Math.max(6, scale) - scale;
  const num = cells.reduce((s, v) => s + v, 0n) * 10n ** BigInt(up);
  const count = BigInt(cells.length);
  const mag = num < 0n ? -num : num;
  let q = mag / count;
  if (2n * (mag % count) >= count) q++;
  return formatDecimal(num < 0n ? -q : q, scale + up);
}

for (const batchSize of [5, 65536]) {
  describe(`AVG as SUM / COUNT (batch size ${batchSize})`, () => {
    let env: TableEnvironment;
    beforeAll(async () => { env = await TableEnvironment.create({ batchSize }); });
    afterAll(() => env.close());
    const rows = async (sql: string) => arrowRows(await (await env.executeSql(sql)).toArrow());
    const plan = (sql: string) => formatExecPlan(env.sqlQuery(sql).execute().physicalPlan);
    const aggregates = (sql: string) => /aggregates=\[(.*?)\](?:, where=| \[)/.exec(plan(sql))?.[1] ?? '';

    it('shares the query\'s SUM and COUNT(*), computes equal calls once and leaves a lone AVG to the kernel', () => {
      env.createTemporaryView('shape', tableOf(CASES[0]!, 20, 1));
      // x is nullable: AVG(x) shares SUM(x) and adds COUNT(x); AVG(COALESCE(..)) is over a NOT NULL argument.
      expect(aggregates('SELECT k, SUM(x), AVG(x), COUNT(*) FROM shape GROUP BY k'))
        .toBe('SUM(x@1) AS EXPR$1, COUNT(*) AS EXPR$3, COUNT(x@1) AS EXPR$2$count');
      expect(aggregates('SELECT AVG(COALESCE(x, 0)), AVG(COALESCE(x, 1)) FROM shape'))
        .toBe('SUM(EXPR$0$arg@0) AS EXPR$0$sum, COUNT(*) AS EXPR$0$count, SUM(EXPR$1$arg@1) AS EXPR$1$sum');
      expect(aggregates('SELECT k, AVG(x), SUM(x), COUNT(x) FROM shape GROUP BY k'))
        .toBe('SUM(x@1) AS EXPR$2, COUNT(x@1) AS EXPR$3');
      expect(aggregates('SELECT k, AVG(x) FROM shape GROUP BY k')).toBe('AVG(x@1) AS EXPR$1');
      expect(aggregates('SELECT k, AVG(x), AVG(x) FROM shape GROUP BY k')).toBe('AVG(x@1) AS EXPR$1');
      // A FILTER makes a different call: nothing to share.
      expect(aggregates('SELECT k, AVG(x) FILTER (WHERE c), SUM(x) FROM shape GROUP BY k'))
        .toBe('AVG(x@1) FILTER (WHERE c@2) AS EXPR$1, SUM(x@1) AS EXPR$2');
      expect(plan('SELECT k, AVG(x), SUM(x) FROM shape GROUP BY k')).toContain('(EXPR$2@1 / CAST(EXPR$1$count@2 AS DECIMAL(19, 0) NOT NULL)) AS EXPR$1');
    });

    for (const c of CASES) {
      it(`${c.name}: the shared AVG equals the kernel's AVG${c.scale !== undefined ? ' and the BigInt reference' : ''}`, async () => {
        for (const n of [0, 1, 64, 700]) {
          const t = `t_${c.name.replace(/\W+/g, '_')}_${n}`;
          const data = tableOf(c, n, n * 31 + c.name.length);
          env.createTemporaryView(t, data);
          const queries: [string, string][] = [
            [`SELECT k, AVG(x) FROM ${t} GROUP BY k`, `SELECT k, AVG(x), SUM(x), COUNT(x) FROM ${t} GROUP BY k`],
            [`SELECT k, AVG(x) FILTER (WHERE c) FROM ${t} GROUP BY k`, `SELECT k, AVG(x) FILTER (WHERE c), SUM(x) FILTER (WHERE c) FROM ${t} GROUP BY k`],
            [`SELECT AVG(x) FROM ${t}`, `SELECT AVG(x), COUNT(x) FROM ${t}`],
            [`SELECT AVG(x) FROM ${t} WHERE k > 100`, `SELECT AVG(x), SUM(x) FROM ${t} WHERE k > 100`],
            [`SELECT AVG(x) FROM ${t} WHERE k < 4`, `SELECT AVG(x), SUM(x) FROM ${t} WHERE k < 4`],
            [`SELECT k, AVG(COALESCE(x, 0)) FROM ${t} GROUP BY k`, `SELECT k, AVG(COALESCE(x, 0)), COUNT(*) FROM ${t} GROUP BY k`],
          ];
          for (const [lone, shared] of queries) {
            expect(aggregates(lone), lone).toContain('AVG(');
            expect(aggregates(shared), shared).not.toContain('AVG(');
            const width = (sql: string) => (sql.includes('GROUP BY') ? 2 : 1);
            const expected = (await rows(lone)).sort(byKey);
            const got = (await rows(shared)).map((r) => r.slice(0, width(shared))).sort(byKey);
            expect(got.length, shared).toBe(expected.length);
            got.forEach((row, i) => row.forEach((v, j) => {
              expect(Object.is(v, expected[i]![j]) || v === expected[i]![j], `${shared}: row ${i}: ${String(v)} vs ${String(expected[i]![j])}`).toBe(true);
            }));
          }
          if (c.scale !== undefined) {
            const x = arrowRows(data).map((r) => r[1]!);
            const k = arrowRows(data).map((r) => r[0]!);
            const groups = new Map<Value, Value[]>();
            k.forEach((g, i) => groups.set(g, [...(groups.get(g) ?? []), x[i]!]));
            const reference = [...groups].map(([g, v]) => [g, decimalAvg(v, c.scale!)] as Row).sort(byKey);
            const got = (await rows(queries[0]![1])).map((r) => r.slice(0, 2)).sort(byKey);
            expect(got).toEqual(reference);
          }
        }
      });
    }

    it('rounds halves away from zero exactly as the kernel (DECIMAL(12, 8): AVG keeps scale 8)', async () => {
      const x = ['0.00000001', '0', '-0.00000001', '0', '0.00000003', '0', '-0.00000005', '0', '0.00000001', '0.00000001', '0.00000001'];
      const k = [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 5];
      env.createTemporaryView('halves', arrowTable({ k: { type: new Int32(), values: k }, x: { type: new Decimal(8, 12, 128), values: x } }));
      const got = (await rows('SELECT k, AVG(x), SUM(x) FROM halves GROUP BY k')).map((r) => r.slice(0, 2)).sort(byKey);
      expect(got).toEqual([[1, '0.00000001'], [2, '-0.00000001'], [3, '0.00000002'], [4, '-0.00000003'], [5, '0.00000001']]);
    });

    it('still fails when the quotient or the sum overflows', async () => {
      const big = (10n ** 33n).toString();
      env.createTemporaryView('huge', arrowTable({ x: { type: new Decimal(0, 38, 128), values: [big, big] } }));
      await expect(rows('SELECT AVG(x) FROM huge')).rejects.toThrow(/AVG overflowed DECIMAL\(38, 6\)/);
      await expect(rows('SELECT AVG(x), SUM(x) FROM huge')).rejects.toThrow(/overflow/);
      env.createTemporaryView('wide', arrowTable({ x: { type: new Int64(), values: [2n ** 62n, 2n ** 62n] } }));
      await expect(rows('SELECT AVG(x) FROM wide')).rejects.toThrow(/integer overflow/);
      await expect(rows('SELECT AVG(x), COUNT(x) FROM wide')).rejects.toThrow(/integer overflow/);
    });
  });
}
