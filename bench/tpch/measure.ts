/**
 * Times one TPC-H query on one system the way bench/run.ts times its workloads: one untimed
 * first run (warm-up, and the result the checksum is taken from), then the median of N tinybench
 * iterations (at most SLOW_ITERATIONS when the first run is slow). Planning, when the system
 * offers a plan-only call, is timed the same way but separately.
 */
import { Bench } from 'tinybench';
import type { Measurement } from '../report.js';
import { canonicalRows, rowsChecksum, type CanonicalCell } from './checksum.js';
import type { TpchQuery } from './queries.js';
import type { TpchPreparedQuery, TpchSystem } from './tpch-system.js';

/** A first run slower than this many ms is timed at most SLOW_ITERATIONS times. */
export const SLOW_MS = 2_000;
export const SLOW_ITERATIONS = 3;

/**
 * A measurement of bench/report.ts, plus the planning median when the system can plan alone and
 * the canonical result rows, which systems are compared on (see checksum.ts).
 */
export interface TpchMeasurement extends Measurement {
  readonly planMs?: number;
  readonly rows?: readonly (readonly CanonicalCell[])[];
}

/** The report and JSON name of a query: `TPCH-Q1`. */
export function workloadName(q: TpchQuery): string {
  return `TPCH-${q.id}`;
}

async function median(name: string, fn: () => unknown, iterations: number): Promise<number> {
  const bench = new Bench({ iterations, time: 0, warmup: false, throws: true });
  bench.add(name, async () => {
    await fn();
  });
  const [task] = await bench.run();
  const result = task!.result;
  if (result.state !== 'completed') throw new Error(`tinybench task ${result.state}`);
  return result.latency.p50;
}

function firstFrames(e: unknown): string {
  const stack = (e as Error).stack ?? String(e);
  return stack.split('\n').slice(0, 5).join('\n');
}

/**
 * Measures `query` on `system`; a failure becomes a measurement with `error` set. Planning is
 * timed first, so that its median is reported even when execution fails.
 */
export async function measureQuery(system: TpchSystem, query: TpchQuery, iterations: number): Promise<TpchMeasurement> {
  const workload = workloadName(query);
  let base: Measurement & { planMs?: number } = { workload, system: system.name, jsonFields: system.jsonFields };
  let prepared: TpchPreparedQuery;
  try {
    prepared = system.prepare(query);
    const plan = prepared.plan?.bind(prepared);
    if (plan) base = { ...base, planMs: await median(`${workload} ${system.name} plan`, plan, Math.max(iterations, 20)) };
  } catch (e) {
    return { ...base, error: `planning failed: ${firstFrames(e)}` };
  }
  try {
    const t0 = performance.now();
    const first = await prepared.run();
    const firstMs = performance.now() - t0;
    const rows = canonicalRows(await prepared.columns(first));
    const checksum = rowsChecksum(rows);
    const n = firstMs > SLOW_MS ? Math.min(iterations, SLOW_ITERATIONS) : iterations;
    const medianMs = await median(`${workload} ${system.name}`, () => prepared.run(), n);
    return { ...base, medianMs, samples: n, checksum, rows };
  } catch (e) {
    return { ...base, error: firstFrames(e) };
  }
}
