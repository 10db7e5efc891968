// A plain BigInt reference for aggregates over DECIMAL columns with Flink's result types:
// SUM(DECIMAL(p, s)) is DECIMAL(38, s), AVG is DECIMAL(38, max(6, s)) rounded half up (away
// from zero), MIN/MAX keep the type, COUNT counts non-NULL values. Results are the canonical
// decimal strings of test/support/values.ts, so they compare with arrowRows' cells.
import { formatDecimal } from '../support/values.js';

/** 10^38: the first unscaled value DECIMAL(38, s) cannot hold. */
export const DECIMAL38_LIMIT = 10n ** 38n;

/** Per group: [SUM, AVG, MIN, MAX, COUNT(a), COUNT(*)] as canonical strings / bigints. */
export type DecimalAggRow = [string | null, string | null, string | null, string | null, bigint, bigint];

/** q = n / d rounded half away from zero (d > 0). */
export function divRoundHalfUp(n: bigint, d: bigint): bigint {
  const neg = n < 0n;
  const m = neg ? -n : n;
  let q = m / d;
  if (2n * (m % d) >= d) q += 1n;
  return neg ? -q : q;
}

/**
 * Aggregates unscaled values (null = NULL) of scale `scale` per group key (one group for a
 * global aggregate: pass every key as the same value). Throws "SUM overflowed" ("AVG
 * overflowed") when a group's sum (average) leaves DECIMAL(38, s), like the engine.
 */
export function referenceDecimalAggregate<K>(keys: readonly K[], values: readonly (bigint | null)[], scale: number): Map<K, DecimalAggRow> {
  const avgScale = Math.max(6, scale);
  const up = 10n ** BigInt(avgScale - scale);
  const groups = new Map<K, { sum: bigint; n: bigint; rows: bigint; min: bigint | null; max: bigint | null }>();
  keys.forEach((k, i) => {
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { sum: 0n, n: 0n, rows: 0n, min: null, max: null }));
    g.rows++;
    const v = values[i]!;
    if (v === null) return;
    g.sum += v;
    g.n++;
    if (g.min === null || v < g.min) g.min = v;
    if (g.max === null || v > g.max) g.max = v;
  });
  const out = new Map<K, DecimalAggRow>();
  for (const [k, g] of groups) {
    if (g.sum >= DECIMAL38_LIMIT || g.sum <= -DECIMAL38_LIMIT) throw new Error(`SUM overflowed DECIMAL(38, ${scale})`);
    const avg = g.n === 0n ? null : divRoundHalfUp(g.sum * up, g.n);
    if (avg !== null && (avg >= DECIMAL38_LIMIT || avg <= -DECIMAL38_LIMIT)) throw new Error(`AVG overflowed DECIMAL(38, ${avgScale})`);
    const fmt = (x: bigint | null, s: number) => (x === null ? null : formatDecimal(x, s));
    out.set(k, [
      g.n === 0n ? null : fmt(g.sum, scale),
      fmt(avg, avgScale),
      fmt(g.min, scale),
      fmt(g.max, scale),
      g.n,
      g.rows,
    ]);
  }
  return out;
}
