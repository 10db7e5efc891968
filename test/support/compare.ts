/**
 * Result comparison for differential tests: `expectSameRows(actual, expected, options)`.
 *
 * Value equality:
 * - `null` equals only `null`; booleans and strings compare exactly (strings by code units).
 * - NaN equals NaN (SQL engines treat NaN as one value in grouping and sorting).
 * - -0 equals 0 by default, as in SQL (`-0.0 = 0.0` is true, and engines may print either);
 *   pass `signedZero: true` to tell them apart.
 * - Two numbers that are both safe integers compare exactly; otherwise they are equal when
 *   `|a - b| <= floatTolerance * max(|a|, |b|)` (relative, default 1e-9), so float sums computed
 *   in a different order agree while an off-by-one integer never passes. ±Infinity equals only
 *   itself.
 * - A bigint equals a number of the same integer value (engines differ on BIGINT vs HUGEINT vs
 *   INT results); beyond 2^53 the number side is compared with the float tolerance.
 *
 * Unordered comparison treats both sides as multisets: rows are sorted canonically (NULL <
 * booleans < numbers < strings; NaN after all numbers), matched in one merge pass, and any
 * leftovers matched pairwise under the tolerance. Ordered comparison (for ORDER BY) compares
 * position by position.
 */
import { formatRow, type Row, type Value } from './values.js';

/** Options of {@link compareRows} and {@link expectSameRows}. */
export interface CompareOptions {
  /** Compare in order (ORDER BY queries). Default false: compare as multisets. */
  readonly ordered?: boolean;
  /** Relative tolerance for non-integer numbers. Default 1e-9; 0 means exact. */
  readonly floatTolerance?: number;
  /** Distinguish -0 from 0. Default false. */
  readonly signedZero?: boolean;
}

const DEFAULT_TOLERANCE = 1e-9;
const MAX_SHOWN = 10;

function rank(v: Value): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') return 1;
  if (typeof v === 'string') return 3;
  return 2;
}

function numbersEqual(a: number, b: number, tol: number, signedZero: boolean): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return !signedZero || Object.is(a, b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  if (Number.isSafeInteger(a) && Number.isSafeInteger(b)) return false;
  return Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b));
}

/** Whether two values are equal under the rules in this module's comment. */
export function valuesEqual(a: Value, b: Value, options: CompareOptions = {}): boolean {
  const tol = options.floatTolerance ?? DEFAULT_TOLERANCE;
  const signedZero = options.signedZero ?? false;
  if (a === null || b === null) return a === b;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a === b;
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    const big = (typeof a === 'bigint' ? a : b) as bigint;
    const other = typeof a === 'bigint' ? b : a;
    if (typeof other !== 'number') return false;
    if (Number.isSafeInteger(other)) return BigInt(other) === big;
    return numbersEqual(Number(big), other, tol, false);
  }
  if (typeof a === 'number' && typeof b === 'number') return numbersEqual(a, b, tol, signedZero);
  return a === b;
}

/** Canonical total order of values (numbers exactly, bigints by value, -0 = 0, NaN last). */
export function compareValues(a: Value, b: Value): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (a === null || b === null) return 0;
  if (typeof a === 'boolean') return Number(a) - Number(b as boolean);
  if (typeof a === 'string') return a < (b as string) ? -1 : a > (b as string) ? 1 : 0;
  const x = a as number | bigint;
  const y = b as number | bigint;
  const xNaN = typeof x === 'number' && Number.isNaN(x);
  const yNaN = typeof y === 'number' && Number.isNaN(y);
  if (xNaN || yNaN) return Number(xNaN) - Number(yNaN);
  // Mixed bigint/number compares correctly with < and > in JS.
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Canonical order of rows: lexicographic by {@link compareValues}, shorter rows first on a tie. */
export function compareRowsOrder(a: Row, b: Row): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Whether two rows are equal value by value. */
export function rowsEqual(a: Row, b: Row, options: CompareOptions = {}): boolean {
  return a.length === b.length && a.every((v, i) => valuesEqual(v, b[i]!, options));
}

function listRows(title: string, rows: readonly Row[]): string[] {
  if (rows.length === 0) return [];
  const shown = rows.slice(0, MAX_SHOWN).map((r) => `    ${formatRow(r)}`);
  const more = rows.length > MAX_SHOWN ? [`    … and ${rows.length - MAX_SHOWN} more`] : [];
  return [`  ${title} (${rows.length}):`, ...shown, ...more];
}

function diffUnordered(actual: readonly Row[], expected: readonly Row[], options: CompareOptions): string | null {
  const a = [...actual].sort(compareRowsOrder);
  const e = [...expected].sort(compareRowsOrder);
  const aLeft: Row[] = [];
  const eLeft: Row[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < e.length) {
    if (rowsEqual(a[i]!, e[j]!, options)) {
      i++;
      j++;
    } else if (compareRowsOrder(a[i]!, e[j]!) < 0) {
      aLeft.push(a[i++]!);
    } else {
      eLeft.push(e[j++]!);
    }
  }
  aLeft.push(...a.slice(i));
  eLeft.push(...e.slice(j));
  // Rows that differ only within the tolerance may sort apart; pair them up greedily.
  if (aLeft.length > 0 && eLeft.length > 0 && aLeft.length * eLeft.length <= 4_000_000) {
    const used = new Uint8Array(eLeft.length);
    const unmatched: Row[] = [];
    for (const row of aLeft) {
      const k = eLeft.findIndex((other, idx) => used[idx] === 0 && rowsEqual(row, other, options));
      if (k >= 0) used[k] = 1;
      else unmatched.push(row);
    }
    aLeft.length = 0;
    aLeft.push(...unmatched);
    const remaining = eLeft.filter((_, idx) => used[idx] === 0);
    eLeft.length = 0;
    eLeft.push(...remaining);
  }
  if (aLeft.length === 0 && eLeft.length === 0) return null;
  return [
    `rows differ as multisets: actual has ${actual.length} rows, expected ${expected.length}`,
    ...listRows('only in actual', aLeft),
    ...listRows('only in expected', eLeft),
  ].join('\n');
}

function diffOrdered(actual: readonly Row[], expected: readonly Row[], options: CompareOptions): string | null {
  const lines: string[] = [];
  let differing = 0;
  const n = Math.max(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    const a = actual[i];
    const e = expected[i];
    if (a !== undefined && e !== undefined && rowsEqual(a, e, options)) continue;
    differing++;
    if (differing <= MAX_SHOWN) {
      lines.push(`  row ${i}: actual   ${a ? formatRow(a) : '(missing)'}`);
      lines.push(`  ${' '.repeat(String(i).length + 4)}expected ${e ? formatRow(e) : '(missing)'}`);
    }
  }
  if (differing === 0) return null;
  if (differing > MAX_SHOWN) lines.push(`  … and ${differing - MAX_SHOWN} more differing rows`);
  return [`rows differ in order: actual has ${actual.length} rows, expected ${expected.length}; ${differing} positions differ`, ...lines].join('\n');
}

/** A readable description of how `actual` differs from `expected`, or null when they match. */
export function compareRows(actual: readonly Row[], expected: readonly Row[], options: CompareOptions = {}): string | null {
  return options.ordered ? diffOrdered(actual, expected, options) : diffUnordered(actual, expected, options);
}

/** Throws an Error with a readable diff (first 10 differing rows) unless the rows match. */
export function expectSameRows(actual: readonly Row[], expected: readonly Row[], options: CompareOptions = {}): void {
  const diff = compareRows(actual, expected, options);
  if (diff !== null) throw new Error(diff);
}
