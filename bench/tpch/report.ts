/**
 * The TPC-H report: per query the medians of each system, planning medians, weir's speed
 * relative to DuckDB and the agreed checksum; then the targets (weir within 1.5x of
 * DuckDB threads=1, planning under 5 ms) and any errors. JSON lines reuse bench/report.ts.
 */
import { jsonLine } from '../report.js';
import { rowsDiffer } from './checksum.js';
import type { TpchMeasurement } from './measure.js';
import { workloadName } from './measure.js';
import type { TpchQuery } from './queries.js';

/** weir may take at most this many times DuckDB's median. */
export const DUCKDB_RATIO_TARGET = 1.5;
/** weir's planning of one query must take less than this (ms). */
export const PLANNING_TARGET_MS = 5;

/** The JSON line of a successful measurement: bench/report.ts's fields, the run's settings, and `plan_ms` when planned. */
export function tpchJsonLine(m: TpchMeasurement, run: { readonly scaleFactor: number; readonly money: string }): string {
  const line = JSON.parse(jsonLine(m)) as Record<string, unknown>;
  return JSON.stringify({ ...line, sf: run.scaleFactor, money: run.money, ...(m.planMs !== undefined ? { plan_ms: Number(m.planMs.toFixed(3)) } : {}) });
}

function ms(x: number | undefined): string {
  if (x === undefined) return '-';
  return x >= 100 ? x.toFixed(0) : x.toFixed(2);
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

/**
 * Queries whose systems disagree beyond rounding, each compared with the first system that
 * answered (DuckDB first when present), with the first differing cell and both checksums.
 */
export function resultMismatches(measurements: readonly TpchMeasurement[]): string[] {
  const out: string[] = [];
  const byQuery = new Map<string, TpchMeasurement[]>();
  for (const m of measurements) {
    if (m.rows === undefined) continue;
    byQuery.set(m.workload, [...(byQuery.get(m.workload) ?? []), m]);
  }
  for (const [workload, ms] of byQuery) {
    const sorted = [...ms].sort((a, b) => Number(b.system === 'duckdb') - Number(a.system === 'duckdb'));
    const reference = sorted[0]!;
    for (const m of sorted.slice(1)) {
      const diff = rowsDiffer(reference.rows!, m.rows!);
      if (diff !== undefined) {
        out.push(`${workload}: ${m.system} differs from ${reference.system} at ${diff}\n` +
          `    ${reference.system.padEnd(7)} ${reference.checksum}\n    ${m.system.padEnd(7)} ${m.checksum}`);
      }
    }
  }
  return out;
}

/** The human-readable report. */
export function formatTpchReport(queries: readonly TpchQuery[], systems: readonly string[], measurements: readonly TpchMeasurement[]): string {
  const find = (q: TpchQuery, s: string) => measurements.find((m) => m.workload === workloadName(q) && m.system === s);
  const header = ['query', ...systems.flatMap((s) => [`${s} ms`, `${s} plan ms`]), 'weir/DuckDB', 'checksum'];
  const rows = queries.map((q) => {
    const weir = find(q, 'weir');
    const duck = find(q, 'duckdb');
    const ratio = weir?.medianMs !== undefined && duck?.medianMs !== undefined ? `${(weir.medianMs / duck.medianMs).toFixed(2)}x` : '-';
    const checksums = [...new Set(systems.map((s) => find(q, s)?.checksum).filter((c) => c !== undefined))];
    const agreed = checksums.length === 0 ? '-' : checksums.join(' / ');
    return [
      q.id,
      ...systems.flatMap((s) => {
        const m = find(q, s);
        return [m?.error !== undefined ? 'error' : ms(m?.medianMs), ms(m?.planMs)];
      }),
      ratio,
      agreed,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  widths[widths.length - 1] = 0;
  const lines = [pad(header, widths), ...rows.map((r) => pad(r, widths))];
  lines.push('', '"weir/DuckDB" = weir median / DuckDB median: the target is at most 1.50x.');
  lines.push('Results are compared within one cent or 1e-9 relative (decimal vs double); two checksums in a row mean such a difference.');
  const missed: string[] = [];
  for (const q of queries) {
    const weir = find(q, 'weir');
    const duck = find(q, 'duckdb');
    if (weir?.medianMs !== undefined && duck?.medianMs !== undefined && weir.medianMs > DUCKDB_RATIO_TARGET * duck.medianMs) {
      missed.push(`  ${q.id}: weir takes ${(weir.medianMs / duck.medianMs).toFixed(2)}x DuckDB's time (target ${DUCKDB_RATIO_TARGET}x)`);
    }
    if (weir?.planMs !== undefined && weir.planMs >= PLANNING_TARGET_MS) {
      missed.push(`  ${q.id}: weir plans in ${weir.planMs.toFixed(2)} ms (target < ${PLANNING_TARGET_MS} ms)`);
    }
  }
  if (missed.length > 0) lines.push('', 'targets missed:', ...missed);
  const errors = measurements.filter((m) => m.error !== undefined);
  if (errors.length > 0) lines.push('', 'errors:', ...errors.map((m) => `  ${m.workload} ${m.system}: ${m.error}`));
  return lines.join('\n');
}
