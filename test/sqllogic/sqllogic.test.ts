/**
 * The golden SQL suite: every `test/sqllogic/**\/*.test` file (plain sqllogictest text; vitest
 * itself only collects `*.test.ts`) becomes a `describe`, with one `it` per record for each
 * engine run: DuckDB (records it accepts), and weir at batch sizes 1, 7 and 8192 once
 * TableEnvironment has `executeSql` (until then weir's runs are reported as skipped with the
 * reason). See runner.ts for the commands, including `SLT_COMPLETE` to rewrite expected blocks.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { completeSlt } from './complete.js';
import { createDuckdbExecutor } from './duckdb-executor.js';
import { parseSlt, type EngineName, type SltFile } from './parse-slt.js';
import { recordTitle, SltRunner, type RecordOutcome, type RunOptions, type SqlExecutor } from './runner.js';
import { weirSqlSupport } from './weir-executor.js';

/** Batch sizes of weir's runs: record at a time, an odd size that splits groups, a large one. */
export const WEIR_BATCH_SIZES = [1, 7, 8192] as const;

const root = import.meta.dirname;

/** Paths (relative to test/sqllogic, `/`-separated, sorted) of the golden files. */
function goldenFiles(): string[] {
  return (readdirSync(root, { recursive: true }) as string[])
    .map((p) => p.split('\\').join('/'))
    .filter((p) => p.endsWith('.test'))
    .sort();
}

/** One engine configuration the suite runs every file on. */
interface EngineRun {
  readonly title: string;
  readonly engine: EngineName;
  /** The executor factory, or why this run cannot happen. */
  readonly create: (() => Promise<SqlExecutor>) | { readonly unavailable: string };
  readonly options: RunOptions;
}

const weir = weirSqlSupport();
const runs: EngineRun[] = [
  { title: 'duckdb', engine: 'duckdb', create: createDuckdbExecutor, options: { checkErrorMessages: false } },
  ...WEIR_BATCH_SIZES.map((batchSize): EngineRun => ({
    title: `weir batchSize=${batchSize}`,
    engine: 'weir',
    create: weir.available ? () => weir.create(batchSize) : { unavailable: weir.reason },
    options: { checkErrorMessages: true },
  })),
];

/** The engine whose output SLT_COMPLETE writes into the files, if set (`1`: weir when it can run SQL, else DuckDB). */
function completeEngine(): EngineName | undefined {
  const setting = process.env['SLT_COMPLETE'];
  if (!setting) return undefined;
  const engine = setting === '1' || setting === 'true' ? (weir.available ? 'weir' : 'duckdb') : setting;
  if (engine !== 'weir' && engine !== 'duckdb') throw new Error(`SLT_COMPLETE must be 1, weir or duckdb, got '${setting}'`);
  if (engine === 'weir' && !weir.available) throw new Error(`SLT_COMPLETE=weir: ${weir.reason}`);
  return engine;
}

const completing = completeEngine();
/** When completing, only the first run of the completing engine runs (batch size 1 for weir). */
const activeRuns = completing ? [runs.find((r) => r.engine === completing)!] : runs;

function describeRun(path: string, file: SltFile, run: EngineRun): void {
  const create = run.create;
  if (typeof create !== 'function') {
    describe(run.title, () => {
      for (const record of file.records) it.skip(`${path}:${record.line} ${recordTitle(record)} (${create.unavailable})`, () => {});
    });
    return;
  }
  describe(run.title, () => {
    let runner: SltRunner | undefined;
    const outcomes: RecordOutcome[] = [];
    beforeAll(async () => {
      runner = new SltRunner(file, await create(), run.options);
    });
    afterAll(async () => {
      await runner?.executor.close?.();
      if (completing) {
        const text = completeSlt(file, outcomes);
        if (text !== file.text) writeFileSync(join(root, path), text);
      }
    });
    for (const record of file.records) {
      it(`${path}:${record.line} ${recordTitle(record)}`, async (ctx) => {
        const outcome = await runner!.run(record);
        outcomes.push(outcome);
        if (outcome.status === 'skipped') ctx.skip(outcome.reason);
        // While completing, a query whose result was captured counts as done.
        if (outcome.status === 'fail' && !(completing && outcome.completion)) throw new Error(outcome.message);
      });
    }
  });
}

for (const path of goldenFiles()) {
  describe(path, () => {
    let file: SltFile;
    try {
      file = parseSlt(readFileSync(join(root, path), 'utf8'), path);
    } catch (e) {
      it('parses', () => {
        throw e;
      });
      return;
    }
    for (const run of activeRuns) describeRun(path, file, run);
  });
}
