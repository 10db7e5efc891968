/**
 * Compares a rendered result with a query's expected block: applies the sort mode, matches cells
 * (text equality, or a numeric tolerance in `R` columns) and renders a line diff that names the
 * file line of the first difference.
 */
import type { SortMode } from './parse-slt.js';

/** Relative tolerance of `R` columns: |a - b| <= tol * max(1, |a|, |b|). */
export const DEFAULT_FLOAT_TOLERANCE = 1e-9;

/** The rows in the order they are compared: rowsort sorts rows, valuesort sorts single values. */
export function sortForComparison(rows: readonly (readonly string[])[], mode: SortMode): string[][] {
  if (mode === 'nosort') return rows.map((r) => [...r]);
  if (mode === 'rowsort') return rows.map((r) => [...r]).sort((a, b) => compareText(a.join('\t'), b.join('\t')));
  return rows.flat().sort(compareText).map((v) => [v]);
}

/** Code-unit order, so that sorting never depends on the locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function parseReal(text: string): number | undefined {
  if (text === 'nan') return NaN;
  if (text === 'inf') return Infinity;
  if (text === '-inf') return -Infinity;
  return NUMBER.test(text) ? Number(text) : undefined;
}

/** Whether an actual cell matches an expected one; `real` columns compare numerically within `tolerance`. */
export function cellsMatch(expected: string, actual: string, real: boolean, tolerance = DEFAULT_FLOAT_TOLERANCE): boolean {
  if (expected === actual) return true;
  if (!real) return false;
  const e = parseReal(expected);
  const a = parseReal(actual);
  if (e === undefined || a === undefined) return false;
  if (Number.isNaN(e) || Number.isNaN(a)) return Number.isNaN(e) && Number.isNaN(a);
  if (!Number.isFinite(e) || !Number.isFinite(a)) return e === a;
  return Math.abs(e - a) <= tolerance * Math.max(1, Math.abs(e), Math.abs(a));
}

/** The outcome of comparing rows: `undefined` when equal, else a description and a diff. */
export interface RowsMismatch {
  readonly summary: string;
  /** Index of the first differing expected row (or expected.length when actual has more rows). */
  readonly firstDifference: number;
  readonly diff: string;
}

/** Compares rows position by position; `realColumns[c]` marks columns compared with the tolerance. */
export function compareRows(
  expected: readonly (readonly string[])[],
  actual: readonly (readonly string[])[],
  realColumns: readonly boolean[],
  tolerance = DEFAULT_FLOAT_TOLERANCE,
): RowsMismatch | undefined {
  const rowMatches = (e: readonly string[], a: readonly string[]): boolean =>
    e.length === a.length && e.every((cell, c) => cellsMatch(cell, a[c]!, realColumns[c] ?? false, tolerance));
  const n = Math.min(expected.length, actual.length);
  let first = 0;
  while (first < n && rowMatches(expected[first]!, actual[first]!)) first++;
  if (first === n && expected.length === actual.length) return undefined;
  const summary =
    expected.length !== actual.length
      ? `expected ${expected.length} row${expected.length === 1 ? '' : 's'}, got ${actual.length}`
      : `row ${first + 1} of ${expected.length} differs`;
  return { summary, firstDifference: first, diff: lineDiff(expected.map((r) => r.join('\t')), actual.map((r) => r.join('\t')), rowMatchesAt(expected, actual, rowMatches)) };
}

function rowMatchesAt(
  expected: readonly (readonly string[])[],
  actual: readonly (readonly string[])[],
  match: (e: readonly string[], a: readonly string[]) => boolean,
): (i: number) => boolean {
  return (i) => i < expected.length && i < actual.length && match(expected[i]!, actual[i]!);
}

const MAX_DIFF_LINES = 60;

/**
 * A positional diff: `  line` where both sides agree, `- expected` / `+ actual` where they do
 * not; long runs of agreement are elided.
 */
export function lineDiff(expected: readonly string[], actual: readonly string[], same: (i: number) => boolean = (i) => expected[i] === actual[i]): string {
  const out: string[] = [];
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n && out.length < MAX_DIFF_LINES; i++) {
    if (same(i)) {
      out.push(`  ${expected[i]}`);
      continue;
    }
    if (i < expected.length) out.push(`- ${expected[i]}`);
    if (i < actual.length) out.push(`+ ${actual[i]}`);
  }
  if (out.length >= MAX_DIFF_LINES) out.push(`  … (${n} lines in all)`);
  return out.join('\n');
}
