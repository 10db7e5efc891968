/**
 * Renders Arrow result cells as the expected blocks of the golden files hold them. One rule per
 * type, deterministic, independent of the engine that produced the table:
 *
 * | Arrow type                  | text                                                                   |
 * | --------------------------- | ---------------------------------------------------------------------- |
 * | any, null cell              | `NULL`                                                                 |
 * | Bool                        | `true` / `false`                                                       |
 * | Int (8–64 bit, signed/not)  | decimal digits, `-` when negative                                      |
 * | Float64                     | shortest round-trip digits (JavaScript's Number#toString): `0.1`, `3`  |
 * |                             | (no `.0`), `1e+21`, `1e-7`; `-0` renders `0`; `nan`, `inf`, `-inf`     |
 * | Float32                     | the same, with the fewest digits that round-trip through float32       |
 * |                             | (`0.1`, not `0.10000000149011612`)                                     |
 * | Decimal(p, s)               | exact, with exactly `s` fractional digits: DECIMAL(5,2) 1.5 is `1.50`  |
 * | Utf8, LargeUtf8, Dict<Utf8> | the string; the empty string is `(empty)`; newline, carriage return    |
 * |                             | and tab are written `\n`, `\r`, `\t`                                   |
 * | Date                        | `yyyy-MM-dd`                                                           |
 * | Timestamp (any unit, tz)    | `yyyy-MM-dd HH:mm:ss.SSS` in UTC; `.SSSSSS` when the value has         |
 * |                             | microseconds (nanoseconds are truncated)                               |
 *
 * Years outside 0000–9999 are written with a sign and at least four digits (`-0001`, `+10000`).
 * Cells are read through test/support/arrow-rows.ts, the same exact reader the differential tests
 * use; a column of any other type is an error naming the column.
 */
import { DataType, Type, type Table } from 'apache-arrow';
import { arrowColumnValues } from '../support/arrow-rows.js';
import type { Value } from '../support/values.js';

/** The rendering of SQL NULL. */
export const NULL_TEXT = 'NULL';
/** The rendering of the empty string (a blank line would end the record). */
export const EMPTY_TEXT = '(empty)';

/** A result rendered as text: a column-type letter per column and the rows' cells. */
export interface RenderedResult {
  /** One letter per column as `query` headers declare them: I, R or T (see {@link typeLetter}). */
  readonly types: string;
  readonly rows: string[][];
}

/** The sqllogictest letter of an Arrow type: `I` integers and booleans, `R` floats and decimals, `T` the rest. */
export function typeLetter(type: DataType): 'I' | 'R' | 'T' {
  switch (type.typeId) {
    case Type.Int:
    case Type.Bool:
      return 'I';
    case Type.Float:
      return 'R';
    case Type.Decimal:
      return (type as DataType & { scale: number }).scale === 0 ? 'I' : 'R';
    default:
      return 'T';
  }
}

/** Every cell of `table`, rendered by the rules in this module's comment. */
export function renderTable(table: Table): RenderedResult {
  const fields = table.schema.fields;
  const columns = fields.map((f, c) => {
    const type = f.type as DataType;
    return arrowColumnValues(table.getChildAt(c)!, f.name).map((v) => formatCell(v, type, f.name));
  });
  const rows: string[][] = [];
  const numRows = table.numRows;
  for (let r = 0; r < numRows; r++) rows.push(columns.map((col) => col[r]!));
  return { types: fields.map((f) => typeLetter(f.type as DataType)).join(''), rows };
}

/** One cell as text; `value` is in the representation of test/support/values.ts for `type`. */
export function formatCell(value: Value, type: DataType, column = '?'): string {
  if (value === null) return NULL_TEXT;
  switch (type.typeId) {
    case Type.Bool:
      return value ? 'true' : 'false';
    case Type.Int:
      return String(value);
    case Type.Float:
      return formatFloat(value as number, (type as DataType & { precision: number }).precision === 1);
    case Type.Decimal:
      return padDecimal(value as string, (type as DataType & { scale: number }).scale);
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Dictionary:
      return formatString(value as string);
    case Type.Date:
      return formatDate(value as number);
    case Type.Timestamp:
      return formatTimestamp(value as bigint);
    case Type.Null:
      return NULL_TEXT;
    default:
      throw new Error(`formatCell: column '${column}' has type ${String(type)}, which the sqllogictest formatter does not render`);
  }
}

/** A double (or float, when `single`) with the fewest digits that read back to the same value. */
export function formatFloat(x: number, single = false): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return '0';
  if (single) {
    for (let digits = 1; digits <= 9; digits++) {
      const candidate = Number(x.toPrecision(digits));
      if (Math.fround(candidate) === x) return String(candidate);
    }
  }
  return String(x);
}

/** Decimal text without trailing zeros (values.ts) padded to exactly `scale` fractional digits. */
export function padDecimal(text: string, scale: number): string {
  if (scale <= 0) return text;
  const [int, frac = ''] = text.split('.');
  return `${int}.${frac.padEnd(scale, '0')}`;
}

/** A string cell: `(empty)` for '', control characters that would break the block escaped. */
export function formatString(s: string): string {
  if (s === '') return EMPTY_TEXT;
  return s.replace(/[\n\r\t]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

const pad = (n: number | bigint, width: number): string => String(n).padStart(width, '0');

function formatYear(year: number): string {
  if (year >= 0 && year <= 9999) return pad(year, 4);
  return `${year < 0 ? '-' : '+'}${pad(Math.abs(year), 4)}`;
}

/** The proleptic Gregorian `yyyy-MM-dd` of a count of days since 1970-01-01 (civil-from-days). */
export function formatDate(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${formatYear(year)}-${pad(month, 2)}-${pad(day, 2)}`;
}

const MICROS_PER_DAY = 86_400_000_000n;

/** `yyyy-MM-dd HH:mm:ss.SSS` (or `.SSSSSS` when sub-millisecond) of microseconds since the epoch, UTC. */
export function formatTimestamp(micros: bigint): string {
  let days = micros / MICROS_PER_DAY;
  let rest = micros % MICROS_PER_DAY;
  if (rest < 0n) {
    rest += MICROS_PER_DAY;
    days -= 1n;
  }
  const seconds = rest / 1_000_000n;
  const fraction = rest % 1_000_000n;
  const time = `${pad(seconds / 3600n, 2)}:${pad((seconds / 60n) % 60n, 2)}:${pad(seconds % 60n, 2)}`;
  const frac = fraction % 1000n === 0n ? pad(fraction / 1000n, 3) : pad(fraction, 6);
  return `${formatDate(Number(days))} ${time}.${frac}`;
}
