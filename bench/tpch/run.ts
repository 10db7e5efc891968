/**
 * `node dist/bench/tpch/run.js [--sf 0.1] [--only Q1,Q6] [--iterations N] [--json]`: generates the
 * TPC-H tables once, loads them into every system (untimed, load time printed), then times each
 * query on each system, interleaving systems per query so that a noisy neighbour affects all
 * alike. Prints medians, planning medians, weir's ratio to DuckDB and checksums; exits non-zero
 * when systems disagree on a result (beyond rounding, see checksum.ts) or a query fails.
 * Options: see options.ts.
 */
import { generateTpchData } from './generate.js';
import { duckdbTpchSystem } from './duckdb-system.js';
import { SLOW_ITERATIONS, SLOW_MS, measureQuery, type TpchMeasurement } from './measure.js';
import { parseTpchOptions, type TpchBenchOptions } from './options.js';
import { formatTpchReport, resultMismatches, tpchJsonLine } from './report.js';
import type { TpchSystem, TpchSystemLoader } from './tpch-system.js';
import { weirTpchSystem } from './weir-system.js';

const LOADERS: Record<string, TpchSystemLoader> = {
  weir: weirTpchSystem,
  duckdb: duckdbTpchSystem,
};

async function main(opts: TpchBenchOptions): Promise<number> {
  const log = (msg: string) => {
    if (!opts.json) process.stderr.write(`${msg}\n`);
  };
  let t0 = performance.now();
  const data = generateTpchData({ scaleFactor: opts.scaleFactor, seed: opts.seed });
  log(
    `generated TPC-H SF ${opts.scaleFactor} (lineitem ${data.lineitem.rows.toLocaleString('en-US')} rows, ` +
      `orders ${data.orders.rows.toLocaleString('en-US')}) in ${(performance.now() - t0).toFixed(0)} ms`,
  );
  const systems: TpchSystem[] = [];
  const notices: string[] = [];
  for (const name of opts.systems) {
    t0 = performance.now();
    try {
      const loaded = await LOADERS[name]!(data, opts.money);
      if ('unavailable' in loaded) {
        notices.push(`${name}: not available (${loaded.unavailable})`);
        continue;
      }
      systems.push(loaded);
      log(`loaded ${name} in ${(performance.now() - t0).toFixed(0)} ms`);
    } catch (e) {
      notices.push(`${name}: not available (loading failed: ${(e as Error).message.split('\n')[0]})`);
    }
  }
  for (const n of notices) process.stderr.write(`${n}\n`);
  const measurements: TpchMeasurement[] = [];
  for (const q of opts.queries) {
    for (const system of systems) {
      const m = await measureQuery(system, q, opts.iterations);
      measurements.push(m);
      if (opts.json) {
        if (m.medianMs !== undefined) process.stdout.write(`${tpchJsonLine(m, opts)}\n`);
        else process.stderr.write(`${m.workload} ${system.name}: ${m.error}\n`);
      } else if (m.medianMs !== undefined) {
        const plan = m.planMs !== undefined ? `, plan ${m.planMs.toFixed(2)} ms` : '';
        log(`${q.id.padEnd(4)} ${system.name.padEnd(7)} ${m.medianMs.toFixed(2)} ms (${m.samples} runs${plan})`);
      } else {
        const plan = m.planMs !== undefined ? ` (plan ${m.planMs.toFixed(2)} ms)` : '';
        log(`${q.id.padEnd(4)} ${system.name.padEnd(7)} error${plan}`);
      }
    }
  }
  for (const s of systems) await s.close();
  if (!opts.json) {
    const shown = opts.systems.filter((s) => systems.some((x) => x.name === s));
    process.stdout.write(
      `\nweir TPC-H bench: SF ${opts.scaleFactor}, seed ${opts.seed}, money as ${opts.money}, median of ${opts.iterations} iterations ` +
        `(at most ${SLOW_ITERATIONS} when a run exceeds ${SLOW_MS} ms); weir parallelism 1, DuckDB threads=1\n\n`,
    );
    process.stdout.write(`${formatTpchReport(opts.queries, shown, measurements)}\n`);
    if (notices.length > 0) process.stdout.write(`\n${notices.join('\n')}\n`);
  }
  const mismatches = resultMismatches(measurements);
  if (mismatches.length > 0) {
    process.stderr.write(`\nRESULT MISMATCH: systems disagree on the answer\n${mismatches.join('\n')}\n`);
    return 1;
  }
  if (measurements.some((m) => m.error !== undefined)) {
    process.stderr.write('\nsome queries failed (see errors above)\n');
    return 1;
  }
  return 0;
}

let options: TpchBenchOptions;
try {
  options = parseTpchOptions(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(2);
}
process.exitCode = await main(options);
