/**
 * `npm run bench`: generates the benchmark data once, loads it into every system (untimed),
 * then times each workload on each system with tinybench, interleaving systems per workload so
 * that a noisy neighbour on the machine affects all of them alike. Prints medians, speed ratios
 * and checksums; exits non-zero when checksums disagree or a query fails.
 */
import { Bench } from 'tinybench';
import { generateBenchData, type BenchData } from './data.js';
import { parseOptions, type BenchOptions } from './options.js';
import { checksumMismatches, formatReport, jsonLine, type Measurement } from './report.js';
import type { BenchSystem, PreparedQuery, SystemLoader } from './systems/bench-system.js';
import { arqueroSystem } from './systems/arquero-system.js';
import { duckdbSystem } from './systems/duckdb-system.js';
import { plainJsSystem } from './systems/plain-js-system.js';
import { weirSystem } from './systems/weir-system.js';

/** A first run slower than this many ms is timed at most SLOW_ITERATIONS times. */
const SLOW_MS = 2_000;
const SLOW_ITERATIONS = 3;

function stringColumn(data: BenchData): string[] {
  const out = new Array<string>(data.t.rows);
  for (let i = 0; i < out.length; i++) out[i] = data.t.sDictionary[data.t.sCode[i]!]!;
  return out;
}

async function measure(system: BenchSystem, workload: string, q: PreparedQuery, iterations: number): Promise<Measurement> {
  const base = { workload, system: system.name, jsonFields: system.jsonFields };
  try {
    // The first run warms up and gives the result the checksum is taken from (both untimed).
    const t0 = performance.now();
    const first = await q.run();
    const firstMs = performance.now() - t0;
    const checksum = await q.checksum(first);
    const n = firstMs > SLOW_MS ? Math.min(iterations, SLOW_ITERATIONS) : iterations;
    const bench = new Bench({ iterations: n, time: 0, warmup: false, throws: true });
    bench.add(`${workload} ${system.name}`, async () => {
      await q.run();
    });
    const [task] = await bench.run();
    const result = task!.result;
    if (result.state !== 'completed') throw new Error(`tinybench task ${result.state}`);
    return { ...base, medianMs: result.latency.p50, samples: n, checksum };
  } catch (e) {
    // The message and the innermost frames: enough to find the failing operator.
    const stack = (e as Error).stack ?? String(e);
    return { ...base, error: stack.split('\n').slice(0, 5).join('\n') };
  }
}

async function main(opts: BenchOptions): Promise<number> {
  const log = (msg: string) => {
    if (!opts.json) process.stderr.write(`${msg}\n`);
  };
  let t0 = performance.now();
  const data = generateBenchData(opts.rows, opts.seed);
  const strings = stringColumn(data);
  log(`generated ${opts.rows.toLocaleString('en-US')} rows in ${(performance.now() - t0).toFixed(0)} ms`);
  const loaders: Record<string, SystemLoader> = {
    weir: weirSystem,
    duckdb: duckdbSystem,
    arquero: async (d) => arqueroSystem(d, strings),
    'plain-js': async (d) => plainJsSystem(d, strings),
  };
  const systems: BenchSystem[] = [];
  const notices: string[] = [];
  for (const name of opts.systems) {
    t0 = performance.now();
    try {
      const loaded = await loaders[name]!(data);
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
  const measurements: Measurement[] = [];
  for (const w of opts.workloads) {
    for (const system of systems) {
      const q = system.prepare(w.id);
      if (!q) continue;
      const m = await measure(system, w.id, q, opts.iterations);
      measurements.push(m);
      if (opts.json) {
        if (m.medianMs !== undefined) process.stdout.write(`${jsonLine(m)}\n`);
        else process.stderr.write(`${w.id} ${system.name}: ${m.error}\n`);
      } else {
        log(`${w.id.padEnd(4)} ${system.name.padEnd(9)} ${m.medianMs !== undefined ? `${m.medianMs.toFixed(2)} ms (${m.samples} runs)` : 'error'}`);
      }
    }
  }
  for (const s of systems) await s.close();
  if (!opts.json) {
    const shown = opts.systems.filter((s) => systems.some((x) => x.name === s));
    process.stdout.write(
      `\nweir bench: ${opts.rows.toLocaleString('en-US')} rows, seed ${opts.seed}, median of ${opts.iterations} iterations ` +
        `(at most ${SLOW_ITERATIONS} when a run exceeds ${SLOW_MS} ms); weir parallelism 1, DuckDB threads=1\n\n`,
    );
    process.stdout.write(`${formatReport(opts.workloads, shown, measurements)}\n`);
    if (notices.length > 0) process.stdout.write(`\n${notices.join('\n')}\n`);
  }
  const mismatches = checksumMismatches(measurements);
  if (mismatches.length > 0) {
    process.stderr.write(`\nCHECKSUM MISMATCH: systems disagree on the answer\n${mismatches.join('\n')}\n`);
    return 1;
  }
  if (measurements.some((m) => m.error !== undefined)) {
    process.stderr.write('\nsome queries failed (see errors above)\n');
    return 1;
  }
  return 0;
}

let options: BenchOptions;
try {
  options = parseOptions(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(2);
}
process.exitCode = await main(options);
