/**
 * Command-line options of `npm run bench`:
 *   --rows N          fact rows (default 10,000,000; underscores allowed: 100_000)
 *   --only W1,W2      workloads to run (default all)
 *   --systems a,b     systems to run: weir, duckdb, arquero, plain-js (default all)
 *   --iterations N    timed iterations per workload and system (default 5; slow ones use fewer)
 *   --seed N          data seed (default 42)
 *   --json            print only one JSON line per workload and system
 */
import { WORKLOADS, workloadById, type Workload } from './workloads.js';

/** All system names, in report order. */
export const SYSTEM_NAMES = ['weir', 'duckdb', 'arquero', 'plain-js'] as const;

/** The systems a `--systems a,b` value names, in `valid`'s order; an unknown name is an Error. */
export function systemList(text: string | undefined, valid: readonly string[]): string[] {
  const names = (text ?? '').split(',').filter(Boolean);
  for (const n of names) {
    if (!valid.includes(n)) throw new Error(`unknown system '${n}'; valid: ${valid.join(', ')}`);
  }
  return valid.filter((n) => names.includes(n));
}

/** Parsed options. */
export interface BenchOptions {
  readonly rows: number;
  readonly workloads: readonly Workload[];
  readonly systems: readonly string[];
  readonly iterations: number;
  readonly seed: number;
  readonly json: boolean;
}

/** A positive integer option value (underscores allowed: 100_000), or an Error naming the flag. */
export function positiveInt(flag: string, text: string | undefined): number {
  const n = Number((text ?? '').replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${flag} needs a positive integer, got '${text ?? ''}'`);
  return n;
}

/** Parses `argv` (without node and script); throws an Error with a usage hint on bad input. */
export function parseOptions(argv: readonly string[]): BenchOptions {
  let rows = 10_000_000;
  let workloads: readonly Workload[] = WORKLOADS;
  let systems: readonly string[] = SYSTEM_NAMES;
  let iterations = 5;
  let seed = 42;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--rows':
        rows = positiveInt(flag, value());
        break;
      case '--only':
        workloads = (value() ?? '').split(',').filter(Boolean).map(workloadById);
        break;
      case '--systems':
        systems = systemList(value(), SYSTEM_NAMES);
        break;
      case '--iterations':
        iterations = positiveInt(flag, value());
        break;
      case '--seed':
        seed = positiveInt(flag, value());
        break;
      case '--json':
        json = true;
        break;
      default:
        throw new Error(`unknown option '${arg}'; options: --rows N --only W1,W2 --systems weir,duckdb --iterations N --seed N --json`);
    }
  }
  if (workloads.length === 0) throw new Error('--only selected no workload');
  return { rows, workloads, systems, iterations, seed, json };
}
