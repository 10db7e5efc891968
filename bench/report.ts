/**
 * Turns measurements into the report: a table of medians per workload and system, the speed of
 * weir relative to DuckDB and Arquero, the agreed checksum, and the list of disagreements.
 */
import type { Workload } from './workloads.js';

/** The outcome of one workload on one system. */
export interface Measurement {
  readonly workload: string;
  readonly system: string;
  readonly jsonFields: Readonly<Record<string, number | string>>;
  /** Median of the timed iterations, in milliseconds; absent when the run failed. */
  readonly medianMs?: number;
  readonly samples?: number;
  readonly checksum?: string;
  readonly error?: string;
}

/** The JSON line of one successful measurement, as `npm run bench -- --json` prints it. */
export function jsonLine(m: Measurement): string {
  return JSON.stringify({
    workload: m.workload,
    system: m.system,
    ...m.jsonFields,
    median_ms: Number((m.medianMs ?? NaN).toFixed(3)),
    checksum: m.checksum,
  });
}

/** Workloads whose successful systems disagree on the checksum, with each system's checksum. */
export function checksumMismatches(measurements: readonly Measurement[]): string[] {
  const out: string[] = [];
  const byWorkload = new Map<string, Measurement[]>();
  for (const m of measurements) {
    if (m.checksum === undefined) continue;
    byWorkload.set(m.workload, [...(byWorkload.get(m.workload) ?? []), m]);
  }
  for (const [workload, ms] of byWorkload) {
    if (new Set(ms.map((m) => m.checksum)).size > 1) {
      out.push(`${workload}: checksums differ:\n${ms.map((m) => `    ${m.system.padEnd(9)} ${m.checksum}`).join('\n')}`);
    }
  }
  return out;
}

function ms(m: Measurement | undefined): string {
  if (!m) return '-';
  if (m.medianMs === undefined) return 'error';
  return m.medianMs >= 100 ? m.medianMs.toFixed(0) : m.medianMs.toFixed(2);
}

/** How many times faster weir is than `peer` ("2.10x"), or '-' when either is missing. */
function speedup(weir: Measurement | undefined, peer: Measurement | undefined): string {
  if (weir?.medianMs === undefined || peer?.medianMs === undefined) return '-';
  return `${(peer.medianMs / weir.medianMs).toFixed(2)}x`;
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

/** The human-readable report: the table, then target verdicts and errors. */
export function formatReport(
  workloads: readonly Workload[],
  systems: readonly string[],
  measurements: readonly Measurement[],
): string {
  const find = (w: string, s: string) => measurements.find((m) => m.workload === w && m.system === s);
  const header = ['workload', ...systems.map((s) => `${s} ms`), 'weir vs DuckDB', 'weir vs Arquero', 'checksum'];
  const rows = workloads.map((w) => {
    const agreed = measurements.find((m) => m.workload === w.id && m.checksum !== undefined)?.checksum ?? '-';
    return [
      w.id,
      ...systems.map((s) => ms(find(w.id, s))),
      speedup(find(w.id, 'weir'), find(w.id, 'duckdb')),
      speedup(find(w.id, 'weir'), find(w.id, 'arquero')),
      agreed,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  widths[widths.length - 1] = 0;
  const lines = [pad(header, widths), ...rows.map((r) => pad(r, widths))];
  lines.push('', 'workloads:', ...workloads.map((w) => `  ${w.id.padEnd(4)} ${w.title}   [${w.sql}]`));
  lines.push('', '"weir vs X" = X median / weir median: above 1.00x weir is faster.');
  const verdicts: string[] = [];
  for (const w of workloads) {
    const weir = find(w.id, 'weir');
    const duck = find(w.id, 'duckdb');
    const arq = find(w.id, 'arquero');
    if (weir?.medianMs === undefined) continue;
    if (duck?.medianMs !== undefined && weir.medianMs > duck.medianMs) {
      verdicts.push(`  ${w.id}: weir misses the DuckDB target (${speedup(weir, duck)} of DuckDB threads=1's speed)`);
    }
    if (arq?.medianMs !== undefined && arq.medianMs / weir.medianMs < 20) {
      verdicts.push(`  ${w.id}: weir misses the 20x-Arquero target (${speedup(weir, arq)})`);
    }
  }
  if (verdicts.length > 0) lines.push('', 'targets missed:', ...verdicts);
  const errors = measurements.filter((m) => m.error !== undefined);
  if (errors.length > 0) lines.push('', 'errors:', ...errors.map((m) => `  ${m.workload} ${m.system}: ${m.error}`));
  return lines.join('\n');
}
