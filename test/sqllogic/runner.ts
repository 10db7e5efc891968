/**
 * Runs parsed sqllogictest files (parse-slt.ts) against a {@link SqlExecutor} and reports one
 * outcome per record: pass, fail (with `file:line`, the SQL and a diff) or skipped (with why).
 *
 * The golden suite runs under vitest (sqllogic.test.ts):
 *
 *     npx vitest run test/sqllogic                        # DuckDB, and weir at batch sizes 1, 7, 8192
 *     SLT_COMPLETE=1 npx vitest run test/sqllogic         # rewrite expected blocks from weir's output
 *                                                         # (DuckDB's while weir has no executeSql)
 *     SLT_COMPLETE=duckdb npx vitest run test/sqllogic    # rewrite them from DuckDB's output
 *
 * Rules (see README.md): a record's SQL is executed with one trailing `;` removed. Query results
 * are rendered by format-values.ts and compared as text, `R` columns with a numeric tolerance.
 * `rowsort` sorts rows and `valuesort` sorts single values on both sides before comparing. A
 * query without `----` expects no rows, unless it has a label seen before: then it must return
 * what the first query with that label returned. EXPLAIN queries compare plan text line by line
 * (trailing spaces and blank lines ignored) and run only on weir unless an `onlyif` names another
 * engine. `statement error` message fragments are checked when `checkErrorMessages` is on (weir);
 * other engines only have to reject the statement.
 */
import type { Table } from 'apache-arrow';
import { arrowColumnValues } from '../support/arrow-rows.js';
import { compareRows, DEFAULT_FLOAT_TOLERANCE, lineDiff, sortForComparison } from './compare-results.js';
import { renderTable } from './format-values.js';
import { expectedRows, type QueryRecord, type SltFile, type SltRecord, type StatementRecord } from './parse-slt.js';

/** An engine that runs SQL: weir's TableEnvironment, DuckDB, or a stand-in in tests. */
export interface SqlExecutor {
  /** The engine name `skipif` / `onlyif` lines refer to (`weir`, `duckdb`). */
  readonly name: string;
  /** Runs one statement; queries resolve to their result, other statements may resolve to nothing. */
  execute(sql: string): Promise<Table | void>;
  /** Frees the engine (called once a file is done). */
  close?(): Promise<void> | void;
}

/** Options of a run. */
export interface RunOptions {
  /** Check `statement error` message fragments (default true; off for engines whose messages differ from weir's). */
  readonly checkErrorMessages?: boolean;
  /** Relative tolerance of `R` columns (default {@link DEFAULT_FLOAT_TOLERANCE}). */
  readonly floatTolerance?: number;
}

/** What `--complete` writes for a query record: its column letters and its expected-block lines. */
export interface Completion {
  readonly types: string;
  readonly lines: readonly string[];
}

/** The outcome of one record. */
export type RecordOutcome =
  | { readonly status: 'pass'; readonly record: SltRecord; readonly completion?: Completion }
  | { readonly status: 'fail'; readonly record: SltRecord; readonly message: string; readonly completion?: Completion }
  | { readonly status: 'skipped'; readonly record: SltRecord; readonly reason: string };

/** A short title of a record for test names: `query II rowsort` or `statement error`. */
export function recordTitle(record: SltRecord): string {
  switch (record.kind) {
    case 'statement':
      return `statement ${record.expect}`;
    case 'query':
      return `query ${record.types}${record.sortMode === 'nosort' ? '' : ` ${record.sortMode}`}${record.label ? ` ${record.label}` : ''}`;
    case 'halt':
      return 'halt';
    case 'mode':
      return `mode ${record.mode}`;
  }
}

/** The SQL handed to the executor: trailing whitespace and one trailing `;` removed. */
export function executableSql(sql: string): string {
  return sql.trimEnd().replace(/;$/, '').trimEnd();
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Runs the records of one file, in order, against one executor; the records must be run in file order. */
export class SltRunner {
  private skipFrom?: number;
  private haltedAt?: number;
  private readonly labels = new Map<string, { rows: string[][]; line: number }>();

  constructor(
    readonly file: SltFile,
    readonly executor: SqlExecutor,
    readonly options: RunOptions = {},
  ) {}

  private where(line: number): string {
    return `${this.file.name}:${line}`;
  }

  /** Why `record` does not run on this engine, or undefined when it runs. */
  private skipReason(record: SltRecord): string | undefined {
    const engine = this.executor.name;
    if (this.haltedAt !== undefined) return `after halt at ${this.where(this.haltedAt)}`;
    for (const c of record.conditions) {
      if (c.kind === 'skipif' && c.engine === engine) return `skipif ${c.engine}`;
      if (c.kind === 'onlyif' && c.engine !== engine) return `onlyif ${c.engine}`;
    }
    if (record.kind === 'mode') return undefined;
    if (this.skipFrom !== undefined) return `mode skip at ${this.where(this.skipFrom)}`;
    if (record.kind === 'query' && record.isExplain && engine !== 'weir' && !record.conditions.some((c) => c.kind === 'onlyif')) {
      return `EXPLAIN goldens pin weir's plans (write 'onlyif ${engine}' to pin this engine's)`;
    }
    return undefined;
  }

  /** Runs one record (control records update the run's state and pass). */
  async run(record: SltRecord): Promise<RecordOutcome> {
    const reason = this.skipReason(record);
    if (reason !== undefined) return { status: 'skipped', record, reason };
    switch (record.kind) {
      case 'mode':
        if (record.mode === 'skip') this.skipFrom = record.line;
        else delete this.skipFrom;
        return { status: 'pass', record };
      case 'halt':
        this.haltedAt = record.line;
        return { status: 'pass', record };
      case 'statement':
        return this.runStatement(record);
      case 'query':
        return this.runQuery(record);
    }
  }

  private async runStatement(record: StatementRecord): Promise<RecordOutcome> {
    const at = this.where(record.line);
    let error: unknown;
    let failed = false;
    try {
      await this.executor.execute(executableSql(record.sql));
    } catch (e) {
      error = e;
      failed = true;
    }
    const fail = (what: string): RecordOutcome => ({ status: 'fail', record, message: `${at}: ${what}\n${record.sql}` });
    if (record.expect === 'ok') return failed ? fail(`statement failed on ${this.executor.name}: ${messageOf(error)}`) : { status: 'pass', record };
    if (!failed) return fail(`statement succeeded on ${this.executor.name}, but an error was expected`);
    const fragment = record.errorFragment;
    if (fragment !== undefined && (this.options.checkErrorMessages ?? true) && !errorMatches(messageOf(error), fragment)) {
      return fail(`the error message does not contain the expected fragment\nexpected: ${fragment}\nactual:   ${messageOf(error)}`);
    }
    return { status: 'pass', record };
  }

  private async runQuery(record: QueryRecord): Promise<RecordOutcome> {
    const at = this.where(record.line);
    const fail = (what: string, completion?: Completion): RecordOutcome => ({
      status: 'fail',
      record,
      message: `${at}: ${what}\n${record.sql}`,
      ...(completion ? { completion } : {}),
    });
    let table: Table | void;
    try {
      table = await this.executor.execute(executableSql(record.sql));
    } catch (e) {
      return fail(`query failed on ${this.executor.name}: ${messageOf(e)}`);
    }
    if (!table) return fail(`query returned no result table on ${this.executor.name}`);
    return record.isExplain ? this.checkPlan(record, table, fail) : this.checkRows(record, table, fail);
  }

  private checkPlan(record: QueryRecord, table: Table, fail: (what: string, c?: Completion) => RecordOutcome): RecordOutcome {
    const actual = planLines(table);
    const expected = normalizePlan(record.expected?.lines ?? []);
    const completion = { types: record.types, lines: actual };
    if (expected.length === actual.length && expected.every((l, i) => l === actual[i])) return { status: 'pass', record, completion };
    return fail(`EXPLAIN plan differs\n${lineDiff(expected, actual)}`, completion);
  }

  private checkRows(record: QueryRecord, table: Table, fail: (what: string, c?: Completion) => RecordOutcome): RecordOutcome {
    let rendered;
    try {
      rendered = renderTable(table);
    } catch (e) {
      return fail(messageOf(e));
    }
    const actual = sortForComparison(rendered.rows, record.sortMode);
    const completion = { types: rendered.types, lines: actual.map((r) => r.join('\t')) };
    if (rendered.types.length !== record.types.length) {
      const names = table.schema.fields.map((f) => f.name).join(', ');
      return fail(`'query ${record.types}' declares ${record.types.length} column(s) but the result has ${rendered.types.length} (${names})`, completion);
    }
    const realColumns = record.sortMode === 'valuesort' ? [/^R+$/.test(record.types)] : [...record.types].map((t) => t === 'R');
    const tolerance = this.options.floatTolerance ?? DEFAULT_FLOAT_TOLERANCE;
    const label = record.label !== undefined ? this.labels.get(record.label) : undefined;
    let expected: string[][];
    let lineOf: (row: number) => number;
    if (record.expected) {
      const rows = expectedRows(record, this.file.name);
      expected = sortForComparison(rows.map((r) => r.cells), record.sortMode);
      const end = record.expected.firstLine + record.expected.lines.length;
      lineOf = (i) => (record.sortMode === 'nosort' ? (rows[i]?.line ?? end) : record.expected!.firstLine);
    } else if (label) {
      expected = label.rows;
      lineOf = () => label.line;
    } else {
      expected = [];
      lineOf = () => record.line;
    }
    if (record.label !== undefined && !label) this.labels.set(record.label, { rows: actual, line: record.line });
    const mismatch = compareRows(expected, actual, realColumns, tolerance);
    if (!mismatch) return { status: 'pass', record, completion };
    const against = !record.expected && label ? ` (label '${record.label}' from ${this.where(label.line)})` : '';
    return fail(`query result differs${against}: ${mismatch.summary}, first difference at ${this.where(lineOf(mismatch.firstDifference))}\n${mismatch.diff}`, completion);
  }
}

/** Whether an error message matches a `statement error` fragment: a substring, or `<REGEX>:pattern`. */
export function errorMatches(message: string, fragment: string): boolean {
  if (fragment.startsWith('<REGEX>:')) return new RegExp(fragment.slice('<REGEX>:'.length), 's').test(message);
  return message.includes(fragment);
}

/** Plan text lines: trailing spaces trimmed, blank lines dropped (a blank line ends a record). */
export function normalizePlan(lines: readonly string[]): string[] {
  return lines.map((l) => l.trimEnd()).filter((l) => l !== '');
}

/** The plan text of an EXPLAIN result: the last column's strings, row after row, as normalized lines. */
export function planLines(table: Table): string[] {
  const last = table.numCols - 1;
  if (last < 0) return [];
  const cells = arrowColumnValues(table.getChildAt(last)!, table.schema.fields[last]!.name);
  return normalizePlan(cells.filter((c) => c !== null).map(String).join('\n').split('\n'));
}

/** Runs every record of `file` in order and closes nothing (the caller owns the executor). */
export async function runSlt(file: SltFile, executor: SqlExecutor, options: RunOptions = {}): Promise<RecordOutcome[]> {
  const runner = new SltRunner(file, executor, options);
  const outcomes: RecordOutcome[] = [];
  for (const record of file.records) outcomes.push(await runner.run(record));
  return outcomes;
}
