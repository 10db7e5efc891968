/**
 * Parses sqllogictest files as DuckDB writes them (plus weir's EXPLAIN goldens) into records that
 * remember their line numbers, so that every failure can say `basic/select.test:42`.
 *
 * A file is a sequence of records separated by blank lines. Lines starting with `#` between
 * records are comments. Records:
 *
 * - `statement ok` / `statement error`, then the SQL lines. `statement error` may be followed by
 *   `----` and an expected message fragment (substring, or `<REGEX>:pattern`).
 * - `query <types> [nosort|rowsort|valuesort] [label]`, then the SQL lines, then optionally
 *   `----` and the expected rows: one row per line with cells separated by tabs, or DuckDB's
 *   older convention of one value per line (row after row). `<types>` has one letter per column
 *   (`I` integer, `R` real: compared with a tolerance, `T` text; any other letter compares as
 *   text). A query whose SQL starts with EXPLAIN is a plan golden: its expected block is the plan
 *   text, compared line by line (see runner.ts).
 * - `halt`: stop running the file here. `mode skip` / `mode unskip`: skip the records between.
 * - `skipif <engine>` / `onlyif <engine>` lines before a record condition it on the engine
 *   (`weir` or `duckdb`).
 *
 * DuckDB's other directives (`require`, `load`, `loop`, `foreach`, …) are rejected by name.
 */

/** The engines a record can be conditioned on. */
export const ENGINES = ['weir', 'duckdb'] as const;
/** The name of an engine that runs goldens. */
export type EngineName = (typeof ENGINES)[number];

/** How a query's result rows are ordered before comparison. */
export type SortMode = 'nosort' | 'rowsort' | 'valuesort';

/** A `skipif` / `onlyif` line. */
export interface Condition {
  readonly kind: 'skipif' | 'onlyif';
  readonly engine: EngineName;
}

/** What every record has: where it starts and the conditions in front of it. */
interface RecordBase {
  /** 1-based line of the record's directive (`statement …`, `query …`, `halt`, `mode …`). */
  readonly line: number;
  readonly conditions: readonly Condition[];
}

/** A block of lines in the file: its text and the 1-based line of its first line. */
export interface Block {
  readonly lines: readonly string[];
  readonly firstLine: number;
}

/** `statement ok` or `statement error [---- fragment]`. */
export interface StatementRecord extends RecordBase {
  readonly kind: 'statement';
  readonly expect: 'ok' | 'error';
  readonly sql: string;
  /** The expected error message fragment (lines joined by `\n`), when given after `----`. */
  readonly errorFragment?: string;
}

/** `query <types> [sort mode] [label]` with its SQL and expected block. */
export interface QueryRecord extends RecordBase {
  readonly kind: 'query';
  /** One letter per result column, e.g. `ITR`. */
  readonly types: string;
  readonly sortMode: SortMode;
  readonly label?: string;
  readonly sql: string;
  /** Whether the SQL is an EXPLAIN, whose expected block is plan text. */
  readonly isExplain: boolean;
  /** The lines after `----`; absent when the record has no `----` (an empty result, or a label-only query). */
  readonly expected?: Block;
  /** 0-based index of the `query` line, of the `----` line (if any) and one past the record's last line. */
  readonly layout: { readonly header: number; readonly separator?: number; readonly end: number };
}

/** `halt`: nothing after it runs (on the engines its conditions allow). */
export interface HaltRecord extends RecordBase {
  readonly kind: 'halt';
}

/** `mode skip` / `mode unskip`. */
export interface ModeRecord extends RecordBase {
  readonly kind: 'mode';
  readonly mode: 'skip' | 'unskip';
}

/** One record of a sqllogictest file. */
export type SltRecord = StatementRecord | QueryRecord | HaltRecord | ModeRecord;

/** A parsed file: its name (for messages), its text and its records in order. */
export interface SltFile {
  readonly name: string;
  readonly text: string;
  readonly records: readonly SltRecord[];
}

/** A syntax error in a sqllogictest file, naming the file and line. */
export class SltParseError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = 'SltParseError';
  }
}

const SORT_MODES: readonly string[] = ['nosort', 'rowsort', 'valuesort'];
const UNSUPPORTED = ['require', 'load', 'loop', 'foreach', 'concurrentloop', 'endloop', 'restart', 'reconnect', 'hash-threshold', 'set', 'unset', 'sleep', 'require-env', 'tags'];

const isBlank = (line: string): boolean => line.trim() === '';

/** Parses the text of a sqllogictest file; `name` is used in error messages and results. */
export function parseSlt(text: string, name: string): SltFile {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const records: SltRecord[] = [];
  const fail = (index: number, message: string): never => {
    throw new SltParseError(name, index + 1, message);
  };
  let conditions: Condition[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      if (conditions.length > 0) fail(i, `a blank line separates '${conditions.at(-1)!.kind}' from its record`);
      i++;
      continue;
    }
    if (line.startsWith('#')) {
      i++;
      continue;
    }
    const words = line.trim().split(/\s+/);
    const directive = words[0]!;
    const base = { line: i + 1, conditions };
    // The record's body: lines up to the next blank line or the end of the file.
    let end = i + 1;
    while (end < lines.length && !isBlank(lines[end]!)) end++;
    switch (directive) {
      case 'skipif':
      case 'onlyif': {
        const engine = words[1];
        if (words.length !== 2 || !(ENGINES as readonly string[]).includes(engine!)) {
          fail(i, `'${directive}' needs one engine: ${ENGINES.join(' or ')}${engine ? `, got '${words.slice(1).join(' ')}'` : ''}`);
        }
        conditions = [...conditions, { kind: directive, engine: engine as EngineName }];
        i++;
        continue;
      }
      case 'statement':
        records.push(parseStatement(lines, i, end, words, base, fail));
        break;
      case 'query':
        records.push(parseQuery(lines, i, end, words, base, fail, name));
        break;
      case 'halt':
        if (words.length !== 1) fail(i, `'halt' takes no arguments`);
        if (end !== i + 1) fail(i + 1, `'halt' is a record on its own; add a blank line after it`);
        records.push({ kind: 'halt', ...base });
        break;
      case 'mode':
        if (words.length !== 2 || (words[1] !== 'skip' && words[1] !== 'unskip')) {
          fail(i, `unsupported mode '${words.slice(1).join(' ')}'; weir's runner knows 'mode skip' and 'mode unskip'`);
        }
        if (conditions.length > 0) fail(i, `'mode' cannot be conditioned with skipif/onlyif`);
        if (end !== i + 1) fail(i + 1, `'mode' is a record on its own; add a blank line after it`);
        records.push({ kind: 'mode', mode: words[1] as 'skip' | 'unskip', ...base });
        break;
      default:
        if (UNSUPPORTED.includes(directive)) fail(i, `the sqllogictest directive '${directive}' is not supported by weir's runner`);
        fail(i, `unknown directive '${directive}'; expected statement, query, halt, mode, skipif, onlyif or a # comment`);
    }
    conditions = [];
    i = end;
  }
  if (conditions.length > 0) fail(lines.length - 1, `'${conditions.at(-1)!.kind}' at the end of the file has no record`);
  return { name, text, records };
}

type Fail = (index: number, message: string) => never;
type Base = { line: number; conditions: Condition[] };

/** The index of the `----` line within [from, end), or -1. */
function separatorIndex(lines: readonly string[], from: number, end: number): number {
  for (let j = from; j < end; j++) if (lines[j]!.trim() === '----') return j;
  return -1;
}

/** SQL text of lines [from, to), or an error when there is none. */
function sqlOf(lines: readonly string[], from: number, to: number, header: number, fail: Fail): string {
  if (to <= from) fail(header, `the record has no SQL`);
  return lines.slice(from, to).join('\n');
}

function parseStatement(lines: readonly string[], i: number, end: number, words: string[], base: Base, fail: Fail): StatementRecord {
  const expect = words[1];
  if (words.length !== 2 || (expect !== 'ok' && expect !== 'error')) {
    fail(i, `expected 'statement ok' or 'statement error', got '${words.join(' ')}'`);
  }
  const sep = separatorIndex(lines, i + 1, end);
  if (sep >= 0 && expect === 'ok') fail(sep, `'statement ok' has no expected block; use 'query' to check results`);
  const sql = sqlOf(lines, i + 1, sep >= 0 ? sep : end, i, fail);
  if (sep < 0) return { kind: 'statement', expect: expect as 'ok' | 'error', sql, ...base };
  if (sep + 1 >= end) fail(sep, `'----' after 'statement error' must be followed by the expected message`);
  return { kind: 'statement', expect: 'error', sql, errorFragment: lines.slice(sep + 1, end).join('\n'), ...base };
}

function parseQuery(lines: readonly string[], i: number, end: number, words: string[], base: Base, fail: Fail, name: string): QueryRecord {
  const types = words[1];
  if (!types || !/^[A-Z]+$/.test(types)) fail(i, `'query' needs column types, one capital letter per column (e.g. 'query ITR'), got '${types ?? ''}'`);
  const sortMode = words[2] ?? 'nosort';
  if (!SORT_MODES.includes(sortMode)) fail(i, `unknown sort mode '${sortMode}'; use nosort, rowsort or valuesort`);
  if (words.length > 4) fail(i, `too many words after 'query': '${words.slice(4).join(' ')}'`);
  const label = words[3];
  const sep = separatorIndex(lines, i + 1, end);
  const sql = sqlOf(lines, i + 1, sep >= 0 ? sep : end, i, fail);
  const isExplain = /^\s*explain\b/i.test(sql);
  const record: QueryRecord = {
    kind: 'query',
    types: types!,
    sortMode: sortMode as SortMode,
    ...(label !== undefined ? { label } : {}),
    sql,
    isExplain,
    ...(sep >= 0 ? { expected: { lines: lines.slice(sep + 1, end), firstLine: sep + 2 } } : {}),
    layout: { header: i, ...(sep >= 0 ? { separator: sep } : {}), end },
    ...base,
  };
  // Check the block's shape now, so a malformed golden fails when the file is parsed.
  if (record.expected && !isExplain) expectedRows(record, name);
  return record;
}

/** One expected row and the 1-based line it starts on. */
export interface ExpectedRow {
  readonly cells: readonly string[];
  readonly line: number;
}

/**
 * The expected rows of a (non-EXPLAIN) query, in file order: lines split at tabs when each line
 * holds one cell per declared column; otherwise, when no line has a tab and the line count is a
 * multiple of the column count, DuckDB's one-value-per-line convention (row after row).
 */
export function expectedRows(record: QueryRecord, fileName: string): ExpectedRow[] {
  const block = record.expected;
  if (!block) return [];
  const n = record.types.length;
  const split = block.lines.map((l) => l.split('\t'));
  if (split.every((cells) => cells.length === n)) return split.map((cells, k) => ({ cells, line: block.firstLine + k }));
  if (split.every((cells) => cells.length === 1) && block.lines.length % n === 0) {
    const rows: ExpectedRow[] = [];
    for (let k = 0; k < block.lines.length; k += n) rows.push({ cells: block.lines.slice(k, k + n), line: block.firstLine + k });
    return rows;
  }
  const bad = split.findIndex((cells) => cells.length !== n);
  const message = `expected row has ${split[bad]!.length} tab-separated values but 'query ${record.types}' declares ${n} column${n === 1 ? '' : 's'}`;
  throw new SltParseError(fileName, block.firstLine + bad, message);
}
