/**
 * Builders of one Arrow column of a weir type from text (CSV fields) or JSON values, writing
 * typed arrays directly (no per-value boxing through apache-arrow's builders). A builder holds
 * at most `capacity` values; `flush` hands the column over as Arrow Data and starts afresh.
 * Appending returns false when the value does not fit the type, so the decoder can name it.
 */
import * as arrow from 'apache-arrow';
import type { DataType } from '../../types/data-type.js';
import { toArrowType } from '../../types/arrow-types.js';
import {
  parseBigInt, parseBoolean, parseDate, parseDecimal, parseDouble, parseInteger, parseTimestampSeconds, parsedMicros,
} from './value-text.js';

/** One column being built; see the file comment. */
export interface ColumnBuilder {
  readonly length: number;
  appendNull(): void;
  /** Appends the value `text` spells; false (and nothing appended) if it is not one. */
  appendText(text: string): boolean;
  /** Appends a JSON value (numbers, strings, booleans, objects for STRING); false if it does not fit. */
  appendJson(value: unknown): boolean;
  /** Drops values from `length` on (undoes a partly appended row). */
  truncate(length: number): void;
  /** The values so far as Arrow Data; the builder is then empty. */
  flush(): arrow.Data;
}

const TWO_32 = 4294967296;

/** Writes a safe integer into slot `i` of an int64 array seen as 32-bit words. */
function setInt64(words: Uint32Array, i: number, v: number): void {
  const hi = Math.floor(v / TWO_32);
  words[2 * i] = v - hi * TWO_32;
  words[2 * i + 1] = hi; // ToUint32 wraps a negative high word into two's complement
}

function setBigInt128(words: Uint32Array, i: number, v: bigint): void {
  for (let k = 0; k < 4; k++) words[4 * i + k] = Number(BigInt.asUintN(32, v >> BigInt(32 * k)));
}

/** Shared validity handling: one byte per row while building, packed into bits at flush. */
abstract class BaseBuilder implements ColumnBuilder {
  length = 0;
  protected valid: Uint8Array;
  constructor(readonly type: arrow.DataType, protected readonly capacity: number) {
    this.valid = new Uint8Array(capacity);
  }
  appendNull(): void {
    this.valid[this.length] = 0;
    this.setNull(this.length++);
  }
  appendText(text: string): boolean {
    if (!this.setText(this.length, text)) return false;
    this.valid[this.length++] = 1;
    return true;
  }
  appendJson(value: unknown): boolean {
    if (value === null || value === undefined) { this.appendNull(); return true; }
    if (!this.setJson(this.length, value)) return false;
    this.valid[this.length++] = 1;
    return true;
  }
  truncate(length: number): void {
    this.length = Math.min(this.length, length);
  }
  protected setNull(_i: number): void {}
  protected abstract setText(i: number, text: string): boolean;
  /** Default: numbers and booleans by their text, strings as text. */
  protected setJson(i: number, value: unknown): boolean {
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? this.setText(i, String(value)) : false;
  }
  protected abstract data(length: number, nullCount: number, nullBitmap: Uint8Array | undefined): arrow.Data;
  flush(): arrow.Data {
    const n = this.length;
    let nullCount = 0;
    for (let i = 0; i < n; i++) nullCount += 1 - this.valid[i]!;
    let bitmap: Uint8Array | undefined;
    if (nullCount > 0) bitmap = packBits(this.valid, n);
    const out = this.data(n, nullCount, bitmap);
    this.length = 0;
    this.valid = new Uint8Array(this.capacity);
    this.reset();
    return out;
  }
  protected abstract reset(): void;
}

function packBits(bytes: Uint8Array, n: number): Uint8Array {
  const bits = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) if (bytes[i]) bits[i >> 3]! |= 1 << (i & 7);
  return bits;
}

type Typed = Int8Array | Int16Array | Int32Array | Float32Array | Float64Array | Uint32Array | Uint8Array;

/** Fixed-width columns: a typed array plus a per-type parser writing slot `i`. */
class FixedBuilder extends BaseBuilder {
  private values: Typed;
  constructor(
    type: arrow.DataType,
    capacity: number,
    private readonly make: (capacity: number) => Typed,
    private readonly parse: (values: Typed, i: number, text: string) => boolean,
    private readonly parseJson: ((values: Typed, i: number, value: unknown) => boolean) | undefined,
    private readonly slotWords = 1,
  ) {
    super(type, capacity);
    this.values = make(capacity);
  }
  protected setText(i: number, text: string): boolean {
    return this.parse(this.values, i, text);
  }
  protected override setJson(i: number, value: unknown): boolean {
    if (this.parseJson && typeof value !== 'string') return this.parseJson(this.values, i, value);
    return super.setJson(i, value);
  }
  protected override setNull(i: number): void {
    for (let k = 0; k < this.slotWords; k++) this.values[i * this.slotWords + k] = 0;
  }
  protected data(length: number, nullCount: number, nullBitmap: Uint8Array | undefined): arrow.Data {
    let data: ArrayBufferView = this.values.subarray(0, length * this.slotWords);
    if (arrow.DataType.isBool(this.type)) data = packBits(this.values as Uint8Array, length);
    else if (arrow.DataType.isInt(this.type) && this.type.bitWidth === 64) data = new BigInt64Array(this.values.buffer, 0, length);
    else if (arrow.DataType.isTimestamp(this.type)) data = new BigInt64Array(this.values.buffer, 0, length);
    return arrow.makeData({ type: this.type, length, nullCount, nullBitmap, data } as never);
  }
  protected reset(): void {
    this.values = this.make(this.capacity);
  }
}

/** Utf8 columns: strings kept as JS strings, encoded in one go at flush. */
class StringBuilder extends BaseBuilder {
  private strings: string[] = [];
  protected setText(i: number, text: string): boolean {
    this.strings[i] = text;
    return true;
  }
  protected override setJson(i: number, value: unknown): boolean {
    this.strings[i] = typeof value === 'string' ? value : JSON.stringify(value);
    return true;
  }
  protected override setNull(i: number): void {
    this.strings[i] = '';
  }
  override truncate(length: number): void {
    super.truncate(length);
    this.strings.length = this.length;
  }
  protected data(length: number, nullCount: number, nullBitmap: Uint8Array | undefined): arrow.Data {
    const strings = this.strings.length === length ? this.strings : this.strings.slice(0, length);
    const joined = strings.join('');
    const bytes = ENCODER.encode(joined);
    const offsets = new Int32Array(length + 1);
    let at = 0;
    const ascii = bytes.length === joined.length;
    for (let i = 0; i < length; i++) {
      at += ascii ? strings[i]!.length : utf8Length(strings[i]!);
      offsets[i + 1] = at;
    }
    return arrow.makeData({ type: this.type as arrow.Utf8, length, nullCount, nullBitmap, valueOffsets: offsets, data: bytes });
  }
  protected reset(): void {
    this.strings = [];
  }
}

const ENCODER = new TextEncoder();

/** UTF-8 byte length of `s[from, to)` without encoding it (lone surrogates count 3, as replaced). */
export function utf8Length(s: string, from = 0, to = s.length): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

/** A NULL-typed column: every value null, any text rejected but the empty one. */
class NullBuilder extends BaseBuilder {
  protected setText(): boolean { return false; }
  protected data(length: number): arrow.Data {
    return arrow.makeData({ type: new arrow.Null(), length });
  }
  protected reset(): void {}
}

function intBuilder(type: arrow.DataType, capacity: number, make: (n: number) => Typed, min: number, max: number): ColumnBuilder {
  const put = (values: Typed, i: number, v: number | undefined): boolean => {
    if (v === undefined || !Number.isInteger(v) || v < min || v > max) return false;
    values[i] = v;
    return true;
  };
  return new FixedBuilder(type, capacity, make, (values, i, text) => put(values, i, parseInteger(text)),
    (values, i, v) => typeof v === 'number' && put(values, i, v));
}

function int64Builder(type: arrow.DataType, capacity: number): ColumnBuilder {
  const put = (values: Typed, i: number, text: string): boolean => {
    const small = parseInteger(text);
    if (small !== undefined && Number.isSafeInteger(small)) { setInt64(values as Uint32Array, i, small); return true; }
    const big = parseBigInt(text);
    if (big === undefined) return false;
    new BigInt64Array(values.buffer, i * 8, 1)[0] = big;
    return true;
  };
  return new FixedBuilder(type, capacity, (n) => new Uint32Array(2 * n), put,
    (values, i, v) => typeof v === 'number' && Number.isSafeInteger(v) ? (setInt64(values as Uint32Array, i, v), true) : false, 2);
}

function timestampBuilder(type: arrow.DataType, capacity: number, micros: boolean): ColumnBuilder {
  const put = (values: Typed, i: number, text: string): boolean => {
    const seconds = parseTimestampSeconds(text);
    if (seconds === undefined) return false;
    if (!micros) setInt64(values as Uint32Array, i, seconds * 1000 + Math.floor(parsedMicros / 1000));
    else if (Math.abs(seconds) < 9e9) setInt64(values as Uint32Array, i, seconds * 1e6 + parsedMicros);
    else new BigInt64Array(values.buffer, i * 8, 1)[0] = BigInt(seconds) * 1_000_000n + BigInt(parsedMicros);
    return true;
  };
  return new FixedBuilder(type, capacity, (n) => new Uint32Array(2 * n), put, undefined, 2);
}

/** A builder for a column of weir type `t`, holding up to `capacity` values. */
export function columnBuilder(t: DataType, capacity: number): ColumnBuilder {
  const type = toArrowType(t);
  switch (t.name) {
    case 'NULL': return new NullBuilder(type, capacity);
    case 'BOOLEAN': {
      const put = (values: Typed, i: number, v: boolean | undefined) => v === undefined ? false : ((values[i] = v ? 1 : 0), true);
      return new FixedBuilder(type, capacity, (n) => new Uint8Array(n), (values, i, text) => put(values, i, parseBoolean(text)),
        (values, i, v) => put(values, i, typeof v === 'boolean' ? v : undefined));
    }
    case 'TINYINT': return intBuilder(type, capacity, (n) => new Int8Array(n), -128, 127);
    case 'SMALLINT': return intBuilder(type, capacity, (n) => new Int16Array(n), -32768, 32767);
    case 'INT': return intBuilder(type, capacity, (n) => new Int32Array(n), -2147483648, 2147483647);
    case 'BIGINT': return int64Builder(type, capacity);
    case 'FLOAT':
    case 'DOUBLE': {
      const make = t.name === 'FLOAT' ? (n: number) => new Float32Array(n) : (n: number) => new Float64Array(n);
      const put = (values: Typed, i: number, v: number | undefined) => v === undefined ? false : ((values[i] = v), true);
      return new FixedBuilder(type, capacity, make, (values, i, text) => put(values, i, parseDouble(text)),
        (values, i, v) => put(values, i, typeof v === 'number' ? v : undefined));
    }
    case 'DECIMAL': {
      const precision = t.precision ?? 38, scale = t.scale ?? 0;
      const put = (values: Typed, i: number, text: string): boolean => {
        const v = parseDecimal(text, precision, scale);
        if (v === undefined) return false;
        setBigInt128(values as Uint32Array, i, v);
        return true;
      };
      return new FixedBuilder(type, capacity, (n) => new Uint32Array(4 * n), put, undefined, 4);
    }
    case 'STRING': return new StringBuilder(type, capacity);
    case 'DATE': {
      const put = (values: Typed, i: number, v: number | undefined) => v === undefined ? false : ((values[i] = v), true);
      return new FixedBuilder(type, capacity, (n) => new Int32Array(n), (values, i, text) => put(values, i, parseDate(text)), undefined);
    }
    case 'TIMESTAMP': return timestampBuilder(type, capacity, (t.precision ?? 3) > 3);
  }
}
