/**
 * Seeded generators of small Arrow test tables for differential tests: nulls, NaN, -0,
 * ±Infinity, integer extremes, empty and non-ASCII strings, duplicate values, and join pairs
 * with duplicate, missing and null keys. The same seed always gives the same table.
 */
import {
  Bool,
  DataType,
  DateDay,
  Decimal,
  Dictionary,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  TimestampMicrosecond,
  TimestampMillisecond,
  Utf8,
  type Table,
} from 'apache-arrow';
import { SeededRandom } from '../../bench/prng.js';
import { arrowTable } from './arrow-build.js';
import { formatDecimal, type Value } from './values.js';

/** A column type the generator knows. */
export type GenType =
  | 'bool'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'float32'
  | 'float64'
  | 'utf8'
  | 'dict-utf8'
  | 'decimal'
  | 'date32'
  | 'timestamp-ms'
  | 'timestamp-us';

/** One generated column. */
export interface ColumnSpec {
  readonly name: string;
  readonly type: GenType;
  /** Probability of a null in each row (default 0.1; 0 for a NOT NULL column). */
  readonly nullRate?: number;
  /**
   * Mix in edge values (integer extremes, NaN, -0, ±Infinity, '', non-ASCII strings, epoch)
   * with probability 0.15 per row. Default true; turn off for columns fed to SUM that must
   * not overflow.
   */
  readonly special?: boolean;
  /** Draw non-null values from a pool of this many distinct values (creates duplicates). */
  readonly distinct?: number;
  /** Inclusive range of ordinary integer values (int types; default a type-dependent range). */
  readonly min?: number;
  readonly max?: number;
  /** DECIMAL precision and scale (default 18, 2). */
  readonly precision?: number;
  readonly scale?: number;
}

/** What to generate. */
export interface TableSpec {
  readonly rows: number;
  readonly seed: number;
  readonly columns: readonly ColumnSpec[];
}

const INT_LIMITS: Record<string, [number, number]> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
};

/** The Arrow type of a generated column. */
export function arrowTypeOf(spec: ColumnSpec): DataType {
  switch (spec.type) {
    case 'bool':
      return new Bool();
    case 'int8':
      return new Int8();
    case 'int16':
      return new Int16();
    case 'int32':
      return new Int32();
    case 'int64':
      return new Int64();
    case 'float32':
      return new Float32();
    case 'float64':
      return new Float64();
    case 'utf8':
      return new Utf8();
    case 'dict-utf8':
      return new Dictionary(new Utf8(), new Int32());
    case 'decimal':
      return new Decimal(spec.scale ?? 2, spec.precision ?? 18, 128);
    case 'date32':
      return new DateDay();
    case 'timestamp-ms':
      return new TimestampMillisecond();
    case 'timestamp-us':
      return new TimestampMicrosecond();
  }
}

const SPECIAL_STRINGS = ['', ' ', 'a', 'A', 'é', 'naïve café', '日本語', '😀', 'ﬀ', 'x'.repeat(40), 'NULL', "it's"];
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABC0123456789 _-';

function specials(spec: ColumnSpec): Value[] {
  switch (spec.type) {
    case 'int8':
    case 'int16':
    case 'int32': {
      const [lo, hi] = INT_LIMITS[spec.type]!;
      return [lo, hi, 0, -1, 1];
    }
    case 'int64':
      return [-(2n ** 63n), 2n ** 63n - 1n, 0n, -1n, 1n];
    case 'float32':
      return [NaN, -0, 0, Infinity, -Infinity, Math.fround(3.4028234663852886e38), Math.fround(1e-45), -1.5];
    case 'float64':
      return [NaN, -0, 0, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE, -1.5, 0.1];
    case 'utf8':
    case 'dict-utf8':
      return SPECIAL_STRINGS;
    case 'bool':
      return [true, false];
    case 'decimal': {
      const p = spec.precision ?? 18;
      const s = spec.scale ?? 2;
      const max = 10n ** BigInt(p) - 1n;
      return [max, -max, 0n, 1n, -1n].map((x) => formatDecimal(x, s));
    }
    case 'date32':
      return [0, -1, 1, -719162 /* 0001-01-01 */, 2932896 /* 9999-12-31 */];
    case 'timestamp-ms':
    case 'timestamp-us':
      return [0n, -1000n, 1000n, 253402300799000000n /* 9999-12-31T23:59:59 */];
  }
}

function ordinary(spec: ColumnSpec, rnd: SeededRandom): Value {
  switch (spec.type) {
    case 'bool':
      return rnd.chance(0.5);
    case 'int8':
    case 'int16':
    case 'int32': {
      const [lo, hi] = INT_LIMITS[spec.type]!;
      return rnd.nextRange(spec.min ?? Math.max(lo, -1000), spec.max ?? Math.min(hi, 1000));
    }
    case 'int64':
      return BigInt(rnd.nextRange(spec.min ?? -1_000_000, spec.max ?? 1_000_000)) * (rnd.chance(0.2) ? 1_000_003n : 1n);
    case 'float32':
      return Math.fround((rnd.nextFloat() - 0.5) * 2000);
    case 'float64':
      return rnd.chance(0.5) ? (rnd.nextFloat() - 0.5) * 2000 : rnd.nextRange(-100, 100) / 4;
    case 'utf8':
    case 'dict-utf8': {
      let s = '';
      const len = rnd.nextInt(12);
      for (let i = 0; i < len; i++) s += ALPHABET[rnd.nextInt(ALPHABET.length)];
      return s;
    }
    case 'decimal': {
      const digits = Math.min(spec.precision ?? 18, 12);
      return formatDecimal(BigInt(rnd.nextRange(-(10 ** digits) + 1, 10 ** digits - 1)), spec.scale ?? 2);
    }
    case 'date32':
      return rnd.nextRange(-25_000, 40_000);
    case 'timestamp-ms':
    case 'timestamp-us': {
      const ms = BigInt(rnd.nextRange(-2_000_000_000_000, 4_000_000_000_000));
      return spec.type === 'timestamp-ms' ? ms * 1000n : ms * 1000n + BigInt(rnd.nextInt(1000));
    }
  }
}

/** The values of one generated column. */
export function generateColumn(spec: ColumnSpec, rows: number, rnd: SeededRandom): Value[] {
  const nullRate = spec.nullRate ?? 0.1;
  const special = spec.special ?? true;
  const edge = specials(spec);
  const draw = (): Value => (special && rnd.chance(0.15) ? rnd.pick(edge) : ordinary(spec, rnd));
  const pool = spec.distinct !== undefined ? Array.from({ length: spec.distinct }, draw) : undefined;
  const out: Value[] = [];
  for (let r = 0; r < rows; r++) {
    if (nullRate > 0 && rnd.chance(nullRate)) out.push(null);
    else out.push(pool ? rnd.pick(pool) : draw());
  }
  return out;
}

/** A table of `spec.rows` rows with the given columns. */
export function generateTable(spec: TableSpec): Table {
  const rnd = new SeededRandom(spec.seed);
  const columns: Record<string, { type: DataType; values: Value[] }> = {};
  for (const c of spec.columns) columns[c.name] = { type: arrowTypeOf(c), values: generateColumn(c, spec.rows, rnd) };
  return arrowTable(columns);
}

/** What {@link generateJoinTables} builds. */
export interface JoinSpec {
  readonly seed: number;
  readonly leftRows: number;
  readonly rightRows: number;
  /** Key column type (default int32). */
  readonly keyType?: 'int32' | 'int64' | 'utf8' | 'dict-utf8';
  /** Number of distinct key values over both sides (default max(4, rows/3): duplicates). */
  readonly keys?: number;
  /** Probability of a null key (default 0.1). */
  readonly nullRate?: number;
}

function keyValue(type: 'int32' | 'int64' | 'utf8' | 'dict-utf8', k: number): Value {
  if (type === 'int64') return BigInt(k) * 4_294_967_311n - 7n;
  if (type === 'utf8' || type === 'dict-utf8') return k === 0 ? '' : `key-${k}`;
  return k * 7 - 3;
}

/**
 * A left table `(lk, lv INT, lx DOUBLE)` and a right table `(rk, rv INT, ry STRING)` to join on
 * `lk = rk`. Left keys come from the lower 75% of the key range and right keys from the upper
 * 75%, so each side has keys the other lacks; the range is small relative to the rows so keys
 * repeat on both sides; null keys appear on both sides (and never match in SQL).
 */
export function generateJoinTables(spec: JoinSpec): { left: Table; right: Table } {
  const rnd = new SeededRandom(spec.seed);
  const type = spec.keyType ?? 'int32';
  const keyCount = spec.keys ?? Math.max(4, Math.floor(Math.max(spec.leftRows, spec.rightRows) / 3));
  const nullRate = spec.nullRate ?? 0.1;
  const lo = Math.floor(keyCount * 0.25);
  const hi = Math.ceil(keyCount * 0.75);
  const keys = (rows: number, from: number, to: number) =>
    Array.from({ length: rows }, () => (rnd.chance(nullRate) ? null : keyValue(type, rnd.nextRange(from, to - 1))));
  const keyArrow = arrowTypeOf({ name: 'k', type });
  const lk = keys(spec.leftRows, 0, hi);
  const rk = keys(spec.rightRows, lo, keyCount);
  const left = arrowTable({
    lk: { type: keyArrow, values: lk },
    lv: { type: new Int32(), values: generateColumn({ name: 'lv', type: 'int32', special: false }, spec.leftRows, rnd) },
    lx: { type: new Float64(), values: generateColumn({ name: 'lx', type: 'float64' }, spec.leftRows, rnd) },
  });
  const right = arrowTable({
    rk: { type: keyArrow, values: rk },
    rv: { type: new Int32(), values: generateColumn({ name: 'rv', type: 'int32', special: false }, spec.rightRows, rnd) },
    ry: { type: new Utf8(), values: generateColumn({ name: 'ry', type: 'utf8' }, spec.rightRows, rnd) },
  });
  return { left, right };
}
