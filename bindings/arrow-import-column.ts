import * as arrow from 'apache-arrow';
import { BatchAccumulator } from './batch-accumulator.js';
import { Kind, writeDescsAt, type ColumnDesc } from './column.js';
import { dictionaryEncode } from './dictionary-encoder.js';
import { ImportContext, STAGE_BYTES } from './import-context.js';

type Chunk = arrow.Data;
type ElementKernel = 'widen_i8_i32' | 'widen_u8_i32' | 'widen_i16_i32' | 'widen_u16_i32' | 'widen_u32_i64'
  | 'widen_f32_f64' | 'dec128_to_i64' | 'div_floor_i64_i32' | 'narrow_i64_i32';

/** How {@link importColumn} stores what it imports. */
export interface ColumnImportOptions {
  /**
   * Whether a Utf8/LargeUtf8 column with few distinct strings is stored dictionary-encoded (DICT)
   * rather than as UTF8 (see dictionary-encoder.ts for the rule). Default true.
   */
  readonly dictionaryEncode?: boolean;
}

/**
 * Copies one Arrow field (its chunks, one per record batch) into a contiguous long-lived column:
 * one copy per buffer, converting to the field's physical kind on the way (see layout.ts), and
 * dictionary-encoding low-cardinality strings unless `options` say not to.
 * Throws an Error naming the field and its type when weir cannot hold the type.
 */
export function importColumn(ctx: ImportContext, field: arrow.Field, chunks: readonly Chunk[], numRows: number, options: ColumnImportOptions = {}): ColumnDesc {
  const t = field.type as arrow.DataType;
  const fixed = (kind: Kind, width: number, fill: (dst: number) => void): ColumnDesc => {
    const values = ctx.alloc(numRows * width);
    fill(values);
    return { kind, validity: importValidity(ctx, chunks, numRows), validityOffset: 0, values, data: 0, length: numRows };
  };
  if (arrow.DataType.isBool(t)) return fixed(Kind.BOOL, 1, (dst) => copyBooleans(ctx, chunks, dst));
  if (arrow.DataType.isInt(t)) {
    const signed = t.isSigned;
    switch (t.bitWidth) {
      case 8: return fixed(Kind.I32, 4, (dst) => convert(ctx, chunks, dst, 1, 4, signed ? 'widen_i8_i32' : 'widen_u8_i32'));
      case 16: return fixed(Kind.I32, 4, (dst) => convert(ctx, chunks, dst, 2, 4, signed ? 'widen_i16_i32' : 'widen_u16_i32'));
      case 32: return signed
        ? fixed(Kind.I32, 4, (dst) => copyFixed(ctx, chunks, dst, 4))
        : fixed(Kind.I64, 8, (dst) => convert(ctx, chunks, dst, 4, 8, 'widen_u32_i64'));
      case 64: if (signed) return fixed(Kind.I64, 8, (dst) => copyFixed(ctx, chunks, dst, 8));
    }
  } else if (arrow.DataType.isFloat(t)) {
    if (t.precision === arrow.Precision.DOUBLE) return fixed(Kind.F64, 8, (dst) => copyFixed(ctx, chunks, dst, 8));
    if (t.precision === arrow.Precision.SINGLE) return fixed(Kind.F64, 8, (dst) => convert(ctx, chunks, dst, 4, 8, 'widen_f32_f64'));
  } else if (arrow.DataType.isDecimal(t)) {
    const width = t.bitWidth / 8;
    if (t.bitWidth === 64) return fixed(Kind.I64, 8, (dst) => copyFixed(ctx, chunks, dst, 8));
    if (t.bitWidth === 128 && t.precision <= 18) return fixed(Kind.I64, 8, (dst) => convert(ctx, chunks, dst, width, 8, 'dec128_to_i64'));
    if (t.bitWidth === 128) return fixed(Kind.I128, 16, (dst) => copyFixed(ctx, chunks, dst, 16));
  } else if (arrow.DataType.isDate(t)) {
    if (t.unit === arrow.DateUnit.DAY) return fixed(Kind.I32, 4, (dst) => copyFixed(ctx, chunks, dst, 4));
    return fixed(Kind.I32, 4, (dst) => convert(ctx, chunks, dst, 8, 4, 'div_floor_i64_i32', 86_400_000n));
  } else if (arrow.DataType.isTimestamp(t)) {
    return fixed(Kind.I64, 8, (dst) => {
      copyFixed(ctx, chunks, dst, 8);
      if (t.unit === arrow.TimeUnit.SECOND) ctx.w.fn.mul_i64!(dst, dst, numRows, 1000n);
      if (t.unit === arrow.TimeUnit.NANOSECOND) ctx.w.fn.div_floor_i64!(dst, dst, numRows, 1000n);
    });
  } else if (arrow.DataType.isUtf8(t) || arrow.DataType.isLargeUtf8(t)) {
    const { offsets, data } = copyStrings(ctx, chunks, numRows, field.name);
    const strings: ColumnDesc = { kind: Kind.UTF8, validity: importValidity(ctx, chunks, numRows), validityOffset: 0, values: offsets, data, length: numRows };
    const encoded = options.dictionaryEncode === false ? undefined : dictionaryEncode(ctx, strings);
    if (!encoded) return strings;
    ctx.free(offsets);
    ctx.free(data);
    return encoded;
  } else if (arrow.DataType.isDictionary(t)) {
    if (arrow.DataType.isUtf8(t.dictionary) || arrow.DataType.isLargeUtf8(t.dictionary)) {
      return importDictionary(ctx, field, chunks as arrow.Data<arrow.Dictionary>[], numRows);
    }
  } else if (arrow.DataType.isNull(t)) {
    // An all-NULL column: weir's NULL type is held as I32 rows that are all invalid.
    const values = ctx.allocZeroed(numRows * 4);
    return { kind: Kind.I32, validity: ctx.allocZeroed((numRows + 7) >> 3), validityOffset: 0, values, data: 0, length: numRows };
  }
  throw unsupported(field);
}

/** The Error for a field whose Arrow type weir cannot import. */
export function unsupported(field: arrow.Field): Error {
  return new Error(
    `importArrow: field "${field.name}" has Arrow type ${String(field.type)}, which weir does not support ` +
      '(supported: Bool, Int8/16/32/64, Uint8/16/32, Float32/64, Decimal128, Utf8, LargeUtf8, ' +
      'Dictionary<Utf8>, Date, Timestamp, Null); cast it before importing',
  );
}

/** The validity bitmap of the concatenated chunks, or 0 when no chunk has a null. */
export function importValidity(ctx: ImportContext, chunks: readonly Chunk[], numRows: number): number {
  if (!chunks.some((d) => d.nullCount > 0)) return 0;
  const v = ctx.alloc((numRows + 7) >> 3);
  let row = 0;
  for (const d of chunks) {
    if (d.nullCount > 0) copyBits(ctx, d.nullBitmap!, d.offset, d.length, v, row, false);
    else ctx.w.fn.bitmap_fill!(v, row, d.length, 1);
    row += d.length;
  }
  return v;
}

/** Copies `n` bits from bit `bitOff` of `bits` to bit `dstRow` of a bitmap (or, unpacked, to bytes from `dst + dstRow`). */
function copyBits(ctx: ImportContext, bits: Uint8Array, bitOff: number, n: number, dst: number, dstRow: number, unpack: boolean): void {
  const per = STAGE_BYTES * 8;
  for (let k = 0; k < n; k += per) {
    const m = Math.min(per, n - k);
    const start = bitOff + k;
    const first = start >> 3;
    const bytes = ((start + m - 1) >> 3) - first + 1;
    const stage = ctx.stage(Math.min(bytes, STAGE_BYTES + 1));
    ctx.copyIn(stage, bits, first, bytes);
    if (unpack) ctx.w.fn.unpack_bits!(dst + dstRow + k, stage, start & 7, m);
    else ctx.w.fn.bitmap_copy!(dst, dstRow + k, stage, start & 7, m);
  }
}

function copyBooleans(ctx: ImportContext, chunks: readonly Chunk[], dst: number): void {
  let row = 0;
  for (const d of chunks) {
    if (d.length > 0) copyBits(ctx, d.values as Uint8Array, d.offset, d.length, dst, row, true);
    row += d.length;
  }
}

/**
 * Rows of a chunk that its values buffer really holds: arrow-js pads a shorter column of a table
 * with NULL rows without growing its values, and those rows are then left unwritten.
 */
function heldRows(d: Chunk, width: number): number {
  const values = d.values as ArrayBufferView | undefined;
  return Math.min(d.length, values ? Math.floor(values.byteLength / width) : 0);
}

/** Same-width values: one copy straight into place (Arrow's values[0] is row 0 of a slice). */
function copyFixed(ctx: ImportContext, chunks: readonly Chunk[], dst: number, width: number): void {
  let row = 0;
  for (const d of chunks) {
    ctx.copyIn(dst + row * width, d.values as ArrayBufferView, 0, heldRows(d, width) * width);
    row += d.length;
  }
}

/** Values that change width: copied through the cache-sized staging block and converted by a kernel. */
function convert(ctx: ImportContext, chunks: readonly Chunk[], dst: number, srcWidth: number, dstWidth: number, kernel: ElementKernel, arg?: bigint): void {
  const per = Math.floor(STAGE_BYTES / srcWidth);
  const fn = ctx.w.fn[kernel]!;
  let row = 0;
  for (const d of chunks) {
    const held = heldRows(d, srcWidth);
    for (let k = 0; k < held; k += per) {
      const m = Math.min(per, held - k);
      const stage = ctx.stage(m * srcWidth);
      ctx.copyIn(stage, d.values as ArrayBufferView, k * srcWidth, m * srcWidth);
      if (arg === undefined) fn(dst + (row + k) * dstWidth, stage, m);
      else fn(dst + (row + k) * dstWidth, stage, m, arg);
    }
    row += d.length;
  }
}

/** Utf8 or LargeUtf8 chunks as one UTF8 column: offsets from 0 (rebased per chunk) and the bytes. */
export function copyStrings(ctx: ImportContext, chunks: readonly Chunk[], numRows: number, name: string): { offsets: number; data: number } {
  let total = 0;
  for (const d of chunks) {
    if (d.length > 0) total += Number(d.valueOffsets[d.length]) - Number(d.valueOffsets[0]);
  }
  if (total > 0x7fffffff) {
    throw new Error(`importArrow: field "${name}" holds ${total} bytes of strings, more than the 2 GiB a weir UTF8 column can address; split the table`);
  }
  const offsets = ctx.alloc((numRows + 1) * 4);
  const data = ctx.alloc(total);
  const w = ctx.w;
  w.views.i32[offsets >> 2] = 0;
  let row = 0;
  let pos = 0;
  for (const d of chunks) {
    const n = d.length;
    if (n === 0) continue;
    const vo = d.valueOffsets as Int32Array | BigInt64Array;
    const first = Number(vo[0]);
    const bytes = Number(vo[n]) - first;
    ctx.copyIn(data + pos, d.values as Uint8Array, first, bytes);
    const at = offsets + row * 4;
    if (vo instanceof Int32Array) {
      ctx.copyIn(at, vo, 0, (n + 1) * 4);
      w.fn.rebase_offsets_i32!(at, at, n + 1, pos - first);
    } else {
      const per = STAGE_BYTES / 8;
      for (let k = 0; k <= n; k += per) {
        const m = Math.min(per, n + 1 - k);
        const stage = ctx.stage(m * 8);
        ctx.copyIn(stage, vo, k * 8, m * 8);
        w.fn.rebase_offsets_i64_i32!(at + k * 4, stage, m, BigInt(pos - first));
      }
    }
    row += n;
    pos += bytes;
  }
  return { offsets, data };
}

/** Dictionary indices of any integer type as i32. */
function copyIndices(ctx: ImportContext, chunks: readonly Chunk[], dst: number, indexType: arrow.Int): void {
  switch (indexType.bitWidth) {
    case 8: return convert(ctx, chunks, dst, 1, 4, indexType.isSigned ? 'widen_i8_i32' : 'widen_u8_i32');
    case 16: return convert(ctx, chunks, dst, 2, 4, indexType.isSigned ? 'widen_i16_i32' : 'widen_u16_i32');
    case 32: return copyFixed(ctx, chunks, dst, 4);
    default: return convert(ctx, chunks, dst, 8, 4, 'narrow_i64_i32');
  }
}

/** A dictionary vector as a UTF8 column plus its 32-byte descriptor; returns the descriptor's pointer. */
function copyDictionary(ctx: ImportContext, dict: arrow.Vector | undefined, name: string): number {
  const chunks = dict ? dict.data : [];
  const n = dict ? dict.length : 0;
  if (dict && dict.nullCount > 0) {
    throw new Error(`importArrow: field "${name}" has a dictionary with NULL entries, which weir does not support; mark the rows NULL instead`);
  }
  const { offsets, data } = copyStrings(ctx, chunks, n, name);
  const desc = ctx.alloc(32);
  writeDescsAt(ctx.w, desc, [{ kind: Kind.UTF8, validity: 0, validityOffset: 0, values: offsets, data, length: n }]);
  return desc;
}

/** Whether every entry of `a` equals the entry of `b` at the same position (b may be longer). */
function isPrefix(a: arrow.Vector, b: arrow.Vector): boolean {
  if (a === b) return true;
  if (a.length > b.length) return false;
  for (let i = 0; i < a.length; i++) if (a.get(i) !== b.get(i)) return false;
  return true;
}

/**
 * Dictionary<Utf8> chunks: kept as DICT when every batch's dictionary is a prefix of the longest
 * one (one shared dictionary, or the growing dictionary of an IPC stream with delta batches),
 * which is then copied once; otherwise decoded to one UTF8 column through an accumulator.
 */
function importDictionary(ctx: ImportContext, field: arrow.Field, chunks: readonly arrow.Data<arrow.Dictionary>[], numRows: number): ColumnDesc {
  const type = field.type as arrow.Dictionary;
  const dicts = [...new Set(chunks.map((d) => d.dictionary).filter((d): d is arrow.Vector => d !== undefined))];
  const longest = dicts.reduce<arrow.Vector | undefined>((a, d) => (a && a.length >= d.length ? a : d), undefined);
  if (dicts.every((d) => isPrefix(d, longest!))) {
    const dict = copyDictionary(ctx, longest, field.name);
    const indices = ctx.alloc(numRows * 4);
    copyIndices(ctx, chunks, indices, type.indices);
    return { kind: Kind.DICT, validity: importValidity(ctx, chunks, numRows), validityOffset: 0, values: indices, data: dict, length: numRows };
  }
  const w = ctx.w;
  const acc = new BatchAccumulator(w, [Kind.UTF8]);
  ctx.onFree(() => acc.free(), () => acc.bytes);
  for (const d of chunks) {
    const tmp = new ImportContext(w);
    try {
      const dict = copyDictionary(tmp, d.dictionary, field.name);
      const indices = tmp.alloc(d.length * 4);
      copyIndices(tmp, [d], indices, type.indices);
      const validity = importValidity(tmp, [d], d.length);
      acc.append({ numRows: d.length, columns: [{ kind: Kind.DICT, validity, validityOffset: 0, values: indices, data: dict, length: d.length }] });
    } finally {
      tmp.freeAll();
    }
  }
  return acc.finish().columns[0]!;
}
