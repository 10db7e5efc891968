/**
 * Checksums of TPC-H query results that do not depend on how a system represents values.
 *
 * Each system turns its result into columns of {@link ResultCell}s (outside the timed region);
 * every number (integer, double or decimal) is then rounded half away from zero to hundredths
 * and held as an integer count of hundredths: DECIMAL(38,6) 1234.500000 and DOUBLE 1234.5 both
 * become 123450, BIGINT 1234 becomes 123400. Dates are ISO `YYYY-MM-DD`
 * strings. The checksum hashes every cell in row order, so it is order-sensitive, as the
 * queries' ORDER BY makes their answers.
 *
 * The checksum is exact, so two systems that both compute in decimals (or both in doubles) give
 * equal checksums. Between a decimal and a double computation it can differ: an exact product
 * such as 12.345 sits on a half cent that a double may land just below, and a double sum of
 * millions of values drifts by more than a cent at SF 1 (Q1's sums are about 5e10). Systems are
 * therefore compared with {@link rowsDiffer}, which allows one hundredth or a relative 1e-9, and
 * the checksum identifies an answer for the report.
 */
import { hashNumber, hashString } from '../checksum.js';

/** An exact decimal: `unscaled / 10^scale`. */
export interface DecimalCell {
  readonly unscaled: bigint;
  readonly scale: number;
}

/** A value as a system reports it, after the system's own adapter: dates already as ISO text. */
export type ResultCell = number | bigint | string | DecimalCell | null;

/** A value in canonical form: a number is an integer count of hundredths. */
export type CanonicalCell = number | string | null;

function roundHalfAway(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (2n * (r < 0n ? -r : r) >= d) return n < 0n ? q - 1n : q + 1n;
  return q;
}

/** The canonical form of a cell: numbers to integer hundredths (half away from zero). */
export function canonicalCell(c: ResultCell): CanonicalCell {
  if (c === null || typeof c === 'string') return c;
  if (typeof c === 'bigint') return Number(c * 100n);
  if (typeof c === 'number') {
    if (!Number.isFinite(c)) throw new Error(`canonicalCell: non-finite number ${c}`);
    const hundredths = Math.round(Math.abs(c) * 100);
    return c < 0 ? -hundredths : hundredths;
  }
  if (c.scale <= 2) return Number(c.unscaled * 10n ** BigInt(2 - c.scale));
  return Number(roundHalfAway(c.unscaled, 10n ** BigInt(c.scale - 2)));
}

/** Result columns (`columns[c][r]`) as canonical rows (`rows[r][c]`). */
export function canonicalRows(columns: readonly (readonly ResultCell[])[]): CanonicalCell[][] {
  const n = columns[0]?.length ?? 0;
  for (const col of columns) {
    if (col.length !== n) throw new Error(`canonicalRows: columns have different lengths (${n} and ${col.length})`);
  }
  const rows: CanonicalCell[][] = [];
  for (let r = 0; r < n; r++) rows.push(columns.map((col) => canonicalCell(col[r]!)));
  return rows;
}

const NULL_HASH = 0x6e756c6c;

/** The order-sensitive checksum of canonical rows: `rows=N cols=C h=xxxxxxxx`. */
export function rowsChecksum(rows: readonly (readonly CanonicalCell[])[]): string {
  let h = 0x1b873593;
  for (const row of rows) {
    for (let c = 0; c < row.length; c++) {
      const v = row[c]!;
      const cell = v === null ? NULL_HASH : typeof v === 'string' ? hashString(v, c) : hashNumber(v, c);
      h = hashNumber(h, cell);
    }
  }
  return `rows=${rows.length} cols=${rows[0]?.length ?? 0} h=${h.toString(16).padStart(8, '0')}`;
}

/** Numbers (in hundredths) may differ by this much, or by this fraction of their magnitude. */
export const ABSOLUTE_SLACK = 1;
export const RELATIVE_SLACK = 1e-9;

/**
 * Where two canonical results differ beyond rounding (`row 3, column 2: 1250 vs 1300`), or
 * undefined when they agree: same shape, equal strings and nulls, and numbers within
 * {@link ABSOLUTE_SLACK} hundredths or {@link RELATIVE_SLACK} of their magnitude.
 */
export function rowsDiffer(a: readonly (readonly CanonicalCell[])[], b: readonly (readonly CanonicalCell[])[]): string | undefined {
  if (a.length !== b.length) return `${a.length} rows vs ${b.length} rows`;
  for (let r = 0; r < a.length; r++) {
    const x = a[r]!;
    const y = b[r]!;
    if (x.length !== y.length) return `row ${r + 1}: ${x.length} columns vs ${y.length} columns`;
    for (let c = 0; c < x.length; c++) {
      const u = x[c]!;
      const v = y[c]!;
      const same =
        typeof u === 'number' && typeof v === 'number'
          ? Math.abs(u - v) <= Math.max(ABSOLUTE_SLACK, RELATIVE_SLACK * Math.max(Math.abs(u), Math.abs(v)))
          : u === v;
      if (!same) return `row ${r + 1}, column ${c + 1}: ${JSON.stringify(u)} vs ${JSON.stringify(v)}`;
    }
  }
  return undefined;
}

/** The checksum of a result given as columns. */
export function resultChecksum(columns: readonly (readonly ResultCell[])[]): string {
  return rowsChecksum(canonicalRows(columns));
}
