// Test data for the columns family: Arrow columns of every supported type built directly with
// makeData (so nulls, extremes and bit offsets are under our control), and a plain reader of
// Arrow cells that is independent of weir, to compare round trips exactly.
import * as arrow from 'apache-arrow';

export const LENGTHS = [0, 1, 63, 64, 65, 1000];

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TypeCase {
  readonly name: string;
  readonly type: arrow.DataType;
  /** Value of row i (never null; nulls are laid over by the bitmap). */
  readonly value: (r: () => number, i: number) => unknown;
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const bigRange = (r: () => number, digits: number) => {
  let s = '';
  const len = int(r, 1, digits);
  for (let i = 0; i < len; i++) s += String(int(r, 0, 9));
  return (r() < 0.5 ? -1n : 1n) * BigInt(s);
};
const STRINGS = ['', 'a', 'héllo', '日本語', '🎉 party', 'x'.repeat(40), 'NULL', ' '];
const randomString = (r: () => number) =>
  r() < 0.4 ? pick(r, STRINGS) : Array.from({ length: int(r, 0, 12) }, () => String.fromCharCode(int(r, 32, 0x24f))).join('');

export const DICT_WORDS = ['apple', 'banana', '', 'cherry', 'ünïcödé', '🍒'];

/** Every Arrow type the importer supports, with value generators that hit the extremes. */
export const TYPE_CASES: readonly TypeCase[] = [
  { name: 'Bool', type: new arrow.Bool(), value: (r) => r() < 0.5 },
  { name: 'Int8', type: new arrow.Int8(), value: (r) => (r() < 0.2 ? pick(r, [-128, 127, 0, -1]) : int(r, -128, 127)) },
  { name: 'Int16', type: new arrow.Int16(), value: (r) => (r() < 0.2 ? pick(r, [-32768, 32767]) : int(r, -32768, 32767)) },
  { name: 'Int32', type: new arrow.Int32(), value: (r) => (r() < 0.2 ? pick(r, [-2147483648, 2147483647, 0]) : int(r, -1e9, 1e9)) },
  { name: 'Int64', type: new arrow.Int64(), value: (r) => (r() < 0.2 ? pick(r, [-(2n ** 63n), 2n ** 63n - 1n, 0n]) : bigRange(r, 18)) },
  { name: 'Uint8', type: new arrow.Uint8(), value: (r) => (r() < 0.2 ? pick(r, [0, 255]) : int(r, 0, 255)) },
  { name: 'Uint16', type: new arrow.Uint16(), value: (r) => (r() < 0.2 ? pick(r, [0, 65535]) : int(r, 0, 65535)) },
  { name: 'Uint32', type: new arrow.Uint32(), value: (r) => (r() < 0.2 ? pick(r, [0, 4294967295]) : int(r, 0, 4294967295)) },
  {
    name: 'Float32',
    type: new arrow.Float32(),
    value: (r) => (r() < 0.3 ? pick(r, [NaN, -0, 0, Infinity, -Infinity, 3.4028234663852886e38, 1.401298464324817e-45]) : Math.fround((r() - 0.5) * 1e6)),
  },
  {
    name: 'Float64',
    type: new arrow.Float64(),
    value: (r) => (r() < 0.3 ? pick(r, [NaN, -0, 0, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE, -Number.MAX_VALUE]) : (r() - 0.5) * 1e12),
  },
  { name: 'Decimal(10,2)', type: new arrow.Decimal(2, 10, 128), value: (r) => bigRange(r, 10) },
  { name: 'Decimal(18,0)', type: new arrow.Decimal(0, 18, 128), value: (r) => (r() < 0.2 ? pick(r, [10n ** 18n - 1n, -(10n ** 18n) + 1n]) : bigRange(r, 18)) },
  { name: 'Decimal(30,4)', type: new arrow.Decimal(4, 30, 128), value: (r) => (r() < 0.2 ? pick(r, [10n ** 30n - 1n, -(10n ** 30n) + 1n]) : bigRange(r, 30)) },
  { name: 'Utf8', type: new arrow.Utf8(), value: randomString },
  { name: 'LargeUtf8', type: new arrow.LargeUtf8(), value: randomString },
  { name: 'Dictionary<Utf8,Int32>', type: new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32()), value: (r) => int(r, 0, DICT_WORDS.length - 1) },
  { name: 'Dictionary<Utf8,Int8>', type: new arrow.Dictionary(new arrow.Utf8(), new arrow.Int8()), value: (r) => int(r, 0, DICT_WORDS.length - 1) },
  { name: 'Dictionary<Utf8,Uint16>', type: new arrow.Dictionary(new arrow.Utf8(), new arrow.Uint16()), value: (r) => int(r, 0, DICT_WORDS.length - 1) },
  { name: 'DateDay', type: new arrow.DateDay(), value: (r) => int(r, -100000, 100000) },
  { name: 'DateMillisecond', type: new arrow.DateMillisecond(), value: (r) => BigInt(int(r, -100000, 100000)) * 86_400_000n },
  { name: 'TimestampSecond', type: new arrow.TimestampSecond(), value: (r) => BigInt(int(r, -1e10, 1e10)) },
  { name: 'TimestampMillisecond(UTC)', type: new arrow.TimestampMillisecond('UTC'), value: (r) => BigInt(int(r, -1e13, 1e13)) },
  { name: 'TimestampMicrosecond', type: new arrow.TimestampMicrosecond('Europe/Paris'), value: (r) => BigInt(int(r, -1e15, 1e15)) * 10n },
  { name: 'TimestampNanosecond', type: new arrow.TimestampNanosecond(), value: (r) => BigInt(int(r, -1e15, 1e15)) * 1000n },
  { name: 'Null', type: new arrow.Null(), value: () => null },
];

const encoder = new TextEncoder();
/** One dictionary shared by every batch built here (the IPC file format forbids replacing it). */
export const SHARED_DICTIONARY = arrow.vectorFromArray(DICT_WORDS as string[], new arrow.Utf8());

/**
 * Builds one Arrow column of `n` rows; with `nullRate` > 0 some rows are NULL. `offset` > 0 builds
 * `offset` extra leading rows and slices them off, so buffers start at a non-zero bit offset.
 */
export function makeColumn(tc: TypeCase, n: number, nullRate: number, seed: number, offset = 0, dictionary?: arrow.Vector): arrow.Data {
  const r = rng(seed);
  const total = n + offset;
  const values = Array.from({ length: total }, (_, i) => tc.value(r, i));
  const valid = values.map(() => !(nullRate > 0 && r() < nullRate));
  const nullBitmap = new Uint8Array(Math.max(1, Math.ceil(total / 8)));
  valid.forEach((v, i) => { if (v) nullBitmap[i >> 3]! |= 1 << (i & 7); });
  const nullCount = valid.filter((v) => !v).length;
  const t = tc.type;
  const common = { length: total, nullCount, nullBitmap: nullCount > 0 ? nullBitmap : undefined };
  let data: arrow.Data;
  if (arrow.DataType.isNull(t)) {
    data = arrow.makeData({ type: t, length: total });
  } else if (arrow.DataType.isBool(t)) {
    const bits = new Uint8Array(Math.max(1, Math.ceil(total / 8)));
    values.forEach((v, i) => { if (v) bits[i >> 3]! |= 1 << (i & 7); });
    data = arrow.makeData({ type: t, ...common, data: bits });
  } else if (arrow.DataType.isUtf8(t) || arrow.DataType.isLargeUtf8(t)) {
    const parts = values.map((v) => encoder.encode(v as string));
    const offs = [0];
    for (const p of parts) offs.push(offs[offs.length - 1]! + p.length);
    const bytes = new Uint8Array(offs[offs.length - 1]!);
    parts.forEach((p, i) => bytes.set(p, offs[i]!));
    const valueOffsets = arrow.DataType.isLargeUtf8(t) ? BigInt64Array.from(offs.map(BigInt)) : Int32Array.from(offs);
    data = arrow.makeData({ type: t as arrow.Utf8, ...common, valueOffsets: valueOffsets as Int32Array, data: bytes });
  } else if (arrow.DataType.isDictionary(t)) {
    const indices = new (t.indices.ArrayType as Int32ArrayConstructor)(total);
    values.forEach((v, i) => { indices[i] = v as number; });
    data = arrow.makeData({ type: t, ...common, data: indices, dictionary: dictionary ?? SHARED_DICTIONARY });
  } else if (arrow.DataType.isDecimal(t)) {
    const words = new Uint32Array(total * 4);
    values.forEach((v, i) => {
      let x = BigInt.asUintN(128, v as bigint);
      for (let k = 0; k < 4; k++) { words[i * 4 + k] = Number(x & 0xffffffffn); x >>= 32n; }
    });
    data = arrow.makeData({ type: t, ...common, data: words });
  } else {
    const Ctor = t.ArrayType as { from(x: unknown[]): ArrayBufferView };
    data = arrow.makeData({ type: t, ...common, data: Ctor.from(values) } as Parameters<typeof arrow.makeData>[0]);
  }
  return offset > 0 ? data.slice(offset, n) : data;
}

/** A table of one column per type case, built from `chunks` record batches of the given lengths. */
export function makeTable(cases: readonly TypeCase[], lengths: readonly number[], nullRate: number, seed: number, offset = 0): arrow.Table {
  const fields = cases.map((tc) => new arrow.Field(tc.name, tc.type, true));
  const schema = new arrow.Schema(fields);
  const batches = lengths.map((n, b) => {
    const children = cases.map((tc, c) => makeColumn(tc, n, nullRate, seed * 7919 + b * 131 + c, offset));
    return new arrow.RecordBatch(schema, arrow.makeData({ type: new arrow.Struct(fields), length: n, nullCount: 0, children }));
  });
  return new arrow.Table(schema, batches);
}

const decoder = new TextDecoder();

function bit(bits: Uint8Array, i: number): boolean {
  return ((bits[i >> 3]! >> (i & 7)) & 1) === 1;
}

/** Cells of one Data, read straight from its buffers: null, or a comparable plain value. */
export function cellsOfData(d: arrow.Data): unknown[] {
  const out: unknown[] = [];
  const t = d.type as arrow.DataType;
  for (let i = 0; i < d.length; i++) {
    if (arrow.DataType.isNull(t) || (d.nullCount > 0 && !bit(d.nullBitmap!, d.offset + i))) {
      out.push(null);
      continue;
    }
    if (arrow.DataType.isBool(t)) out.push(bit(d.values as Uint8Array, d.offset + i));
    else if (arrow.DataType.isUtf8(t) || arrow.DataType.isLargeUtf8(t)) {
      const vo = d.valueOffsets as ArrayLike<number | bigint>;
      out.push(decoder.decode((d.values as Uint8Array).subarray(Number(vo[i]), Number(vo[i + 1]))));
    } else if (arrow.DataType.isDictionary(t)) {
      out.push(d.dictionary!.get(Number((d.values as ArrayLike<number | bigint>)[i])));
    } else if (arrow.DataType.isDecimal(t)) {
      const w = d.values as Uint32Array;
      let x = 0n;
      for (let k = 3; k >= 0; k--) x = (x << 32n) | BigInt(w[i * 4 + k]!);
      out.push(BigInt.asIntN(128, x));
    } else {
      const v = (d.values as ArrayLike<number | bigint>)[i]!;
      out.push(typeof v === 'number' && Object.is(v, -0) ? '-0' : v);
    }
  }
  return out;
}

/** Cells of column `i` of a table, over all its batches. */
export function cells(table: arrow.Table, i: number): unknown[] {
  return table.batches.flatMap((b) => cellsOfData(b.data.children[i]!));
}
