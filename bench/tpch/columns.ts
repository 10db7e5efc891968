/**
 * The generator's column model: each TPC-H column as one typed array (or an offsets/bytes pair
 * for text), written directly by the generator and wrapped without copying into Arrow (see
 * arrow-tables.ts). Keys and other integers are INTEGER (int32), money and quantities are
 * DECIMAL(15,2) held as integer cents, dates are day numbers, text is ASCII UTF-8.
 */

/** The SQL type of a generated column: INTEGER, DECIMAL(15,2), DATE or VARCHAR. */
export type TpchColumnKind = 'int' | 'decimal' | 'date' | 'string';

/** Text column storage: row i is `bytes[offsets[i] .. offsets[i + 1])` (Arrow's Utf8 layout). */
export interface Utf8Strings {
  readonly offsets: Int32Array;
  readonly bytes: Uint8Array;
}

/** One generated column. `decimal` values are cents: 1234 is 12.34. */
export type TpchColumn =
  | { readonly name: string; readonly kind: 'int'; readonly values: Int32Array }
  | { readonly name: string; readonly kind: 'decimal'; readonly cents: Int32Array }
  | { readonly name: string; readonly kind: 'date'; readonly days: Int32Array }
  | { readonly name: string; readonly kind: 'string'; readonly strings: Utf8Strings };

/** The eight table names, in the spec's order. */
export const TPCH_TABLE_NAMES = ['region', 'nation', 'supplier', 'customer', 'part', 'partsupp', 'orders', 'lineitem'] as const;
export type TpchTableName = (typeof TPCH_TABLE_NAMES)[number];

/** One generated table: its columns in the spec's order, each `rows` long. */
export interface TpchTable {
  readonly name: TpchTableName;
  readonly rows: number;
  readonly columns: readonly TpchColumn[];
}

/** All eight tables of one generation run. */
export type TpchData = Readonly<Record<TpchTableName, TpchTable>>;

/** The column `name` of `table`; throws naming the table and its columns when absent. */
export function columnOf(table: TpchTable, name: string): TpchColumn {
  const c = table.columns.find((col) => col.name === name);
  if (!c) throw new Error(`table ${table.name} has no column '${name}' (columns: ${table.columns.map((x) => x.name).join(', ')})`);
  return c;
}

function typed<K extends TpchColumnKind>(table: TpchTable, name: string, kind: K): Extract<TpchColumn, { kind: K }> {
  const c = columnOf(table, name);
  if (c.kind !== kind) throw new Error(`column ${table.name}.${name} is ${c.kind}, not ${kind}`);
  return c as Extract<TpchColumn, { kind: K }>;
}

/** The values of an INTEGER column. */
export const intsOf = (t: TpchTable, name: string): Int32Array => typed(t, name, 'int').values;
/** The cents of a DECIMAL(15,2) column. */
export const centsOf = (t: TpchTable, name: string): Int32Array => typed(t, name, 'decimal').cents;
/** The day numbers of a DATE column. */
export const daysOf = (t: TpchTable, name: string): Int32Array => typed(t, name, 'date').days;
/** The storage of a VARCHAR column. */
export const stringsOf = (t: TpchTable, name: string): Utf8Strings => typed(t, name, 'string').strings;

/** A reader of a text column's rows as JS strings (the text is ASCII, so latin1 decoding is exact). */
export function stringReader(s: Utf8Strings): (row: number) => string {
  const buf = Buffer.from(s.bytes.buffer, s.bytes.byteOffset, s.bytes.byteLength);
  const offsets = s.offsets;
  return (row) => buf.toString('latin1', offsets[row]!, offsets[row + 1]!);
}

/**
 * Builds a text column row by row from ASCII strings, growing its byte buffer by doubling.
 * `finish()` trims the buffer to the bytes written.
 */
export class Utf8Builder {
  private readonly offsets: Int32Array;
  private bytes: Uint8Array;
  private row = 0;
  private end = 0;

  /** A builder for exactly `rows` rows, expecting about `bytesPerRow` bytes each. */
  constructor(private readonly rows: number, bytesPerRow: number) {
    this.offsets = new Int32Array(rows + 1);
    this.bytes = new Uint8Array(Math.max(16, rows * bytesPerRow));
  }

  private reserve(n: number): void {
    if (this.end + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.end + n));
    grown.set(this.bytes.subarray(0, this.end));
    this.bytes = grown;
  }

  /** Appends the next row; `text` must be ASCII. */
  append(text: string): void {
    this.reserve(text.length);
    const b = this.bytes;
    let at = this.end;
    for (let i = 0; i < text.length; i++) b[at++] = text.charCodeAt(i);
    this.end = at;
    this.offsets[++this.row] = at;
  }

  /** Appends the next row as a copy of `src[from, to)`. */
  appendBytes(src: Uint8Array, from: number, to: number): void {
    this.reserve(to - from);
    this.bytes.set(src.subarray(from, to), this.end);
    this.end += to - from;
    this.offsets[++this.row] = this.end;
  }

  /** The finished column; throws when fewer or more rows were appended than announced. */
  finish(): Utf8Strings {
    if (this.row !== this.rows) throw new Error(`Utf8Builder: ${this.row} rows appended, ${this.rows} expected`);
    return { offsets: this.offsets, bytes: this.bytes.slice(0, this.end) };
  }
}

/** A text column whose row i is `dictionary[codes[i]]`: low-cardinality columns such as L_SHIPMODE. */
export function enumStrings(codes: Uint8Array, dictionary: readonly string[]): Utf8Strings {
  const encoded = dictionary.map((s) => Uint8Array.from(s, (ch) => ch.charCodeAt(0)));
  const offsets = new Int32Array(codes.length + 1);
  let end = 0;
  for (let i = 0; i < codes.length; i++) offsets[i + 1] = end += encoded[codes[i]!]!.length;
  const bytes = new Uint8Array(end);
  for (let i = 0; i < codes.length; i++) {
    const word = encoded[codes[i]!]!;
    let at = offsets[i]!;
    for (let j = 0; j < word.length; j++) bytes[at++] = word[j]!;
  }
  return { offsets, bytes };
}
