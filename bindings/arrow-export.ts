import * as arrow from 'apache-arrow';
import { Kind, readDescs, writeDescsAt, type BatchDesc, type ColumnDesc } from './column.js';
import type { WasmInstance } from './wasm-instance.js';

type MakeDataProps = Parameters<typeof arrow.makeData>[0];

/** Dictionary vectors already exported, by the linear-memory address of their descriptor. */
export type DictionaryCache = Map<number, arrow.Vector>;

/**
 * Copies a batch out of linear memory into an Arrow RecordBatch of `schema`: at most one copy
 * per buffer into fresh JS ArrayBuffers (never views onto WASM memory, which the next arena
 * reset or memory growth would invalidate), narrowing each column back to its field's Arrow
 * type. A Dictionary field whose column is plain UTF8 is exported as Utf8 (the returned batch's
 * schema says so). Leaves the arena where it was.
 */
export function exportBatch(w: WasmInstance, batch: BatchDesc, schema: arrow.Schema, dictionaries: DictionaryCache = new Map()): arrow.RecordBatch {
  if (batch.columns.length !== schema.fields.length) {
    throw new Error(`exportBatch: a batch of ${batch.columns.length} columns for a schema of ${schema.fields.length} fields`);
  }
  const mark = w.fn.arena_mark!() >>> 0;
  try {
    const fields: arrow.Field[] = [];
    const children = schema.fields.map((field, i) => {
      const data = exportColumn(w, batch.columns[i]!, batch.numRows, field, dictionaries);
      fields.push(data.type === field.type ? field : new arrow.Field(field.name, data.type, field.nullable, field.metadata));
      return data;
    });
    const out = fields.every((f, i) => f === schema.fields[i]) ? schema : new arrow.Schema(fields, schema.metadata);
    const struct = arrow.makeData({ type: new arrow.Struct(out.fields), length: batch.numRows, nullCount: 0, children });
    return new arrow.RecordBatch(out, struct);
  } finally {
    w.fn.arena_reset!(mark);
  }
}

/**
 * Exports batches as one Arrow Table of `schema`. A Dictionary field stays dictionary-encoded
 * only when every batch holds it as DICT (else all its batches are exported as Utf8), so that
 * every record batch of the table has the same schema; batches sharing a dictionary share one
 * exported dictionary vector. Zero batches give an empty table.
 */
export function exportTable(w: WasmInstance, batches: readonly BatchDesc[], schema: arrow.Schema): arrow.Table {
  const fields = schema.fields.map((f, i) => {
    if (!arrow.DataType.isDictionary(f.type) || batches.every((b) => b.columns[i]?.kind === Kind.DICT)) return f;
    return new arrow.Field(f.name, new arrow.Utf8(), f.nullable, f.metadata);
  });
  const out = fields.every((f, i) => f === schema.fields[i]) ? schema : new arrow.Schema(fields, schema.metadata);
  const cache: DictionaryCache = new Map();
  return new arrow.Table(out, batches.map((b) => exportBatch(w, b, out, cache)));
}

/** Copies `bytes` bytes at `ptr` into a fresh ArrayBuffer. */
function copyOut(w: WasmInstance, ptr: number, bytes: number): ArrayBuffer {
  const buf = new ArrayBuffer(bytes);
  if (bytes > 0) new Uint8Array(buf).set(w.views.u8.subarray(ptr, ptr + bytes));
  return buf;
}

function arena(w: WasmInstance, bytes: number): number {
  return w.fn.arena_alloc!(Math.max(1, bytes)) >>> 0;
}

/** Converts n elements with a kernel into the arena, then copies the result out. */
function converted(w: WasmInstance, kernel: string, src: number, n: number, outWidth: number, arg?: bigint | number): ArrayBuffer {
  const dst = arena(w, n * outWidth);
  if (arg === undefined) w.fn[kernel]!(dst, src, n);
  else w.fn[kernel]!(dst, src, n, arg);
  return copyOut(w, dst, n * outWidth);
}

/** The validity bitmap from bit 0 and its null count; no bitmap when the column has no null. */
function exportValidity(w: WasmInstance, c: ColumnDesc, n: number): { nullBitmap?: Uint8Array; nullCount: number } {
  if (c.validity === 0 || n === 0) return { nullCount: 0 };
  const nullCount = n - (w.fn.bitmap_count!(c.validity, c.validityOffset, n) >>> 0);
  if (nullCount === 0) return { nullCount: 0 };
  const bytes = (n + 7) >> 3;
  let src = c.validity + (c.validityOffset >> 3);
  if ((c.validityOffset & 7) !== 0) {
    src = w.fn.arena_alloc_zeroed!(bytes) >>> 0;
    w.fn.bitmap_copy!(src, 0, c.validity, c.validityOffset, n);
  }
  return { nullBitmap: new Uint8Array(copyOut(w, src, bytes)), nullCount };
}

function expectKind(c: ColumnDesc, field: arrow.Field, ...kinds: Kind[]): void {
  if (!kinds.includes(c.kind)) {
    throw new Error(`exportBatch: field "${field.name}" of Arrow type ${String(field.type)} cannot be exported from a column of physical kind ${c.kind}`);
  }
}

function exportColumn(w: WasmInstance, c: ColumnDesc, n: number, field: arrow.Field, dictionaries: DictionaryCache): arrow.Data {
  const t = field.type as arrow.DataType;
  if (arrow.DataType.isNull(t)) return arrow.makeData({ type: t, length: n });
  const validity = exportValidity(w, c, n);
  const make = (type: arrow.DataType, data: ArrayBuffer, Array: { new (b: ArrayBuffer): ArrayBufferView }): arrow.Data =>
    arrow.makeData({ type, length: n, ...validity, data: new Array(data) } as MakeDataProps);
  if (arrow.DataType.isBool(t)) {
    expectKind(c, field, Kind.BOOL);
    const dst = arena(w, (n + 7) >> 3);
    w.fn.pack_bits!(dst, c.values, n);
    return make(t, copyOut(w, dst, (n + 7) >> 3), Uint8Array);
  }
  if (arrow.DataType.isInt(t)) {
    if (t.bitWidth === 64 || (t.bitWidth === 32 && !t.isSigned)) expectKind(c, field, Kind.I64);
    else expectKind(c, field, Kind.I32);
    switch (t.bitWidth) {
      case 8: return make(t, converted(w, 'narrow_i32_i8', c.values, n, 1), t.isSigned ? Int8Array : Uint8Array);
      case 16: return make(t, converted(w, 'narrow_i32_i16', c.values, n, 2), t.isSigned ? Int16Array : Uint16Array);
      case 32: return t.isSigned
        ? make(t, copyOut(w, c.values, n * 4), Int32Array)
        : make(t, converted(w, 'narrow_i64_i32', c.values, n, 4), Uint32Array);
      default: return make(t, copyOut(w, c.values, n * 8), t.isSigned ? BigInt64Array : BigUint64Array);
    }
  }
  if (arrow.DataType.isFloat(t) && t.precision !== arrow.Precision.HALF) {
    expectKind(c, field, Kind.F64);
    return t.precision === arrow.Precision.DOUBLE
      ? make(t, copyOut(w, c.values, n * 8), Float64Array)
      : make(t, converted(w, 'narrow_f64_f32', c.values, n, 4), Float32Array);
  }
  if (arrow.DataType.isDecimal(t) && (t.bitWidth === 128 || t.bitWidth === 64)) {
    if (t.bitWidth === 64) {
      expectKind(c, field, Kind.I64);
      return make(t, copyOut(w, c.values, n * 8), Uint32Array);
    }
    expectKind(c, field, Kind.I64, Kind.I128);
    const data = c.kind === Kind.I128 ? copyOut(w, c.values, n * 16) : converted(w, 'i64_to_dec128', c.values, n, 16);
    return make(t, data, Uint32Array);
  }
  if (arrow.DataType.isDate(t)) {
    expectKind(c, field, Kind.I32);
    return t.unit === arrow.DateUnit.DAY
      ? make(t, copyOut(w, c.values, n * 4), Int32Array)
      : make(t, converted(w, 'mul_i32_i64', c.values, n, 8, 86_400_000n), BigInt64Array);
  }
  if (arrow.DataType.isTimestamp(t)) {
    expectKind(c, field, Kind.I64);
    switch (t.unit) {
      case arrow.TimeUnit.SECOND: return make(t, converted(w, 'div_floor_i64', c.values, n, 8, 1000n), BigInt64Array);
      case arrow.TimeUnit.NANOSECOND: return make(t, converted(w, 'mul_i64', c.values, n, 8, 1000n), BigInt64Array);
      default: return make(t, copyOut(w, c.values, n * 8), BigInt64Array);
    }
  }
  if (arrow.DataType.isUtf8(t) || arrow.DataType.isLargeUtf8(t) || arrow.DataType.isDictionary(t)) {
    expectKind(c, field, Kind.UTF8, Kind.DICT);
    if (arrow.DataType.isDictionary(t) && c.kind === Kind.DICT) return exportDictionary(w, c, n, t, validity, dictionaries);
    const strings = c.kind === Kind.DICT ? decode(w, c) : c;
    const type = arrow.DataType.isLargeUtf8(t) ? t : new arrow.Utf8();
    return exportStrings(w, strings, n, type, validity);
  }
  throw new Error(`exportBatch: field "${field.name}" has Arrow type ${String(t)}, which weir cannot export`);
}

/** A DICT column decoded to a UTF8 arena column. */
function decode(w: WasmInstance, c: ColumnDesc): ColumnDesc {
  const descs = arena(w, 64);
  writeDescsAt(w, descs, [c]);
  w.fn.decode_dict!(descs, descs + 32);
  return readDescs(w, descs + 32, 1)[0]!;
}

function exportStrings(w: WasmInstance, c: ColumnDesc, n: number, type: arrow.Utf8 | arrow.LargeUtf8, validity: { nullBitmap?: Uint8Array; nullCount: number }): arrow.Data {
  const i32 = w.views.i32;
  const first = n === 0 ? 0 : i32[c.values >> 2]!;
  const last = n === 0 ? 0 : i32[(c.values >> 2) + n]!;
  let offsets: ArrayBufferView;
  if (arrow.DataType.isLargeUtf8(type)) {
    offsets = new BigInt64Array(converted(w, 'widen_offsets_i32_i64', c.values, n + 1, 8, -first));
  } else if (first === 0 && n > 0) {
    offsets = new Int32Array(copyOut(w, c.values, (n + 1) * 4));
  } else {
    offsets = n === 0 ? new Int32Array(1) : new Int32Array(converted(w, 'rebase_offsets_i32', c.values, n + 1, 4, -first));
  }
  const data = new Uint8Array(copyOut(w, c.data + first, last - first));
  return arrow.makeData({ type, length: n, ...validity, valueOffsets: offsets, data } as MakeDataProps);
}

function exportDictionary(w: WasmInstance, c: ColumnDesc, n: number, t: arrow.Dictionary, validity: { nullBitmap?: Uint8Array; nullCount: number }, cache: DictionaryCache): arrow.Data {
  let dictionary = cache.get(c.data);
  if (!dictionary) {
    const d = readDescs(w, c.data, 1)[0]!;
    const valueType = arrow.DataType.isLargeUtf8(t.dictionary) ? t.dictionary : new arrow.Utf8();
    dictionary = arrow.makeVector(exportStrings(w, d, d.length, valueType, { nullCount: 0 }));
    cache.set(c.data, dictionary);
  }
  const it = t.indices as arrow.Int;
  let indices: ArrayBufferView;
  switch (it.bitWidth) {
    case 8: indices = new (it.isSigned ? Int8Array : Uint8Array)(converted(w, 'narrow_i32_i8', c.values, n, 1)); break;
    case 16: indices = new (it.isSigned ? Int16Array : Uint16Array)(converted(w, 'narrow_i32_i16', c.values, n, 2)); break;
    case 32: indices = new (it.isSigned ? Int32Array : Uint32Array)(copyOut(w, c.values, n * 4)); break;
    default: indices = new (it.isSigned ? BigInt64Array : BigUint64Array)(converted(w, 'mul_i32_i64', c.values, n, 8, 1n));
  }
  return arrow.makeData({ type: t, length: n, ...validity, data: indices, dictionary } as MakeDataProps);
}
