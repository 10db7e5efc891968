#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { runDemo } from './demo.js';

const HELP = `weir: a stream-first batch and stream processing engine (Flink's model, WebAssembly kernels)

Usage:
  weir demo [--rows N] [--batch-size N] [--runs N]   run the demo batch job on generated data
  weir sql [-e SQL | -f FILE] [--table NAME=PATH] [--format table|csv|jsonl|arrow] [--output PATH]
                                                     run Flink SQL (weir sql --help for more)
  weir --help | --version
`;

/** The `weir` command line. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write(HELP);
    return command ? 0 : 1;
  }
  if (command === '--version') {
    const { createRequire } = await import('node:module');
    process.stdout.write(`${createRequire(import.meta.url)('../../../package.json').version}\n`);
    return 0;
  }
  if (command === 'demo') {
    const { values } = parseArgs({
      args: rest,
      options: { rows: { type: 'string', default: '5000000' }, 'batch-size': { type: 'string', default: '65536' }, runs: { type: 'string', default: '5' } },
    });
    await runDemo({ rows: positive(values.rows, 'rows'), batchSize: positive(values['batch-size'], 'batch-size'), runs: positive(values.runs, 'runs') });
    return 0;
  }
  if (command === 'sql') {
    const { runSqlCommand } = await import('./sql-command.js');
    return runSqlCommand(rest);
  }
  process.stderr.write(`weir: unknown command '${command}'\n\n${HELP}`);
  return 2;
}

function positive(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got '${v}'`);
  return n;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    process.stderr.write(`weir: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
