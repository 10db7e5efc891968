/**
 * Command-line options of `node dist/bench/tpch/run.js`:
 *   --sf X            scale factor (default 1; e.g. 0.1)
 *   --only Q1,Q6      queries to run (default all six)
 *   --systems a,b     systems: weir, duckdb (default both)
 *   --iterations N    timed iterations per query and system (default 5; slow ones use fewer)
 *   --seed N          generator seed (default the generator's)
 *   --money T         money and quantity columns as `decimal` (DECIMAL(15,2), default) or `double`
 *   --json            print only one JSON line per query and system
 */
import { positiveInt, systemList } from '../options.js';
import type { MoneyType } from './arrow-tables.js';
import { DEFAULT_TPCH_SEED } from './generate.js';
import { TPCH_QUERIES, tpchQueryById, type TpchQuery } from './queries.js';

/** All system names, in report order. */
export const TPCH_SYSTEM_NAMES = ['weir', 'duckdb'] as const;

/** Parsed options. */
export interface TpchBenchOptions {
  readonly scaleFactor: number;
  readonly queries: readonly TpchQuery[];
  readonly systems: readonly string[];
  readonly iterations: number;
  readonly seed: number;
  readonly money: MoneyType;
  readonly json: boolean;
}

const USAGE = 'options: --sf 0.1 --only Q1,Q6 --systems weir,duckdb --iterations N --seed N --money decimal|double --json';


/** Parses `argv` (without node and script); throws an Error with a usage hint on bad input. */
export function parseTpchOptions(argv: readonly string[]): TpchBenchOptions {
  let scaleFactor = 1;
  let queries: readonly TpchQuery[] = TPCH_QUERIES;
  let systems: readonly string[] = TPCH_SYSTEM_NAMES;
  let iterations = 5;
  let seed = DEFAULT_TPCH_SEED;
  let money: MoneyType = 'decimal';
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => (eq >= 0 ? arg.slice(eq + 1) : argv[++i]);
    switch (flag) {
      case '--sf': {
        const text = value();
        scaleFactor = Number(text);
        if (!(scaleFactor > 0) || !Number.isFinite(scaleFactor)) throw new Error(`--sf needs a positive number, got '${text ?? ''}'`);
        break;
      }
      case '--only':
        queries = (value() ?? '').split(',').filter(Boolean).map(tpchQueryById);
        break;
      case '--systems':
        systems = systemList(value(), TPCH_SYSTEM_NAMES);
        break;
      case '--iterations':
        iterations = positiveInt(flag, value());
        break;
      case '--seed':
        seed = positiveInt(flag, value());
        break;
      case '--money': {
        const text = value();
        if (text !== 'decimal' && text !== 'double') throw new Error(`--money needs 'decimal' or 'double', got '${text ?? ''}'`);
        money = text;
        break;
      }
      case '--json':
        json = true;
        break;
      default:
        throw new Error(`unknown option '${arg}'; ${USAGE}`);
    }
  }
  if (queries.length === 0) throw new Error('--only selected no query');
  if (systems.length === 0) throw new Error('--systems selected no system');
  return { scaleFactor, queries, systems, iterations, seed, money, json };
}
