import { COL_SIZE, Kind, readDescs, type BatchDesc, type ColumnDesc } from './column.js';
import type { WasmInstance } from './wasm-instance.js';

/** Aggregate functions the hash aggregate computes. */
export type AggregateFn = 'count_star' | 'count' | 'count_distinct' | 'sum' | 'min' | 'max' | 'avg';

/** One aggregate of a {@link HashAggregateSpec}: `argKind` is the physical kind of its argument column. */
export interface AggregateSpec {
  readonly fn: AggregateFn;
  /** Kind of the argument (in 'final' mode: of the raw argument, or of the partial state column; both work). */
  readonly argKind?: Kind;
  /** Name used in errors, e.g. `price` gives "integer overflow in SUM(price)"; a name like `SUM(price)` is used as is. */
  readonly name: string;
  /**
   * SUM or AVG over a DECIMAL (argument kind I64 or I128): the sum is kept exactly in 128 bits
   * and the result is an I128 DECIMAL(38, resultScale), as Flink types it: SUM(DECIMAL(p, s)) is
   * DECIMAL(38, s) (resultScale = scale), AVG is DECIMAL(38, max(6, s)), the quotient rounded
   * half up. A sum beyond 38 digits throws "SUM overflowed DECIMAL(38, s) in SUM(name)".
   */
  readonly decimal?: { readonly scale: number; readonly resultScale: number };
}

/** What a {@link HashAggregateTable} computes. */
export interface HashAggregateSpec {
  readonly keyKinds: readonly Kind[];
  readonly aggregates: readonly AggregateSpec[];
  /**
   * 'single': raw rows in, final values out. 'partial': raw rows in, state columns out (avg: sum
   * and count; sum, min, max, count: one column each; a decimal sum is an I128 column). 'final': partial state columns in, final
   * values out. COUNT(DISTINCT) only runs in 'single' mode.
   */
  readonly mode: 'single' | 'partial' | 'final';
  /** Number of key groups (Flink's maxParallelism), default 128; the state is organised by key group. */
  readonly maxParallelism?: number;
}

const FN_CODE: Record<AggregateFn, number> = {
  count_star: 1, count: 2, count_distinct: 3, sum: 4, min: 5, max: 6, avg: 7,
};
const MODE_CODE = { single: 0, partial: 1, final: 2 } as const;
const ERR_OVERFLOW = 1;
const ERR_AVG_OVERFLOW = 2;
const DESCS_PER_AGG = 3;
const NUMERIC: readonly Kind[] = [Kind.I32, Kind.I64, Kind.F64];
const DECIMALS: readonly Kind[] = [Kind.I64, Kind.I128];
const ORDERED: readonly Kind[] = [Kind.BOOL, Kind.I32, Kind.I64, Kind.F64, Kind.UTF8, Kind.DICT, Kind.I128];
const ANY: readonly Kind[] = [Kind.BOOL, Kind.I32, Kind.I64, Kind.F64, Kind.UTF8, Kind.DICT, Kind.I128];
/** A predicate `batch column <op> literal` that {@link HashAggregateTable.updateWhere} folds in. */
export interface CompareLiteral {
  readonly column: number;
  readonly op: CompareOp;
  /** The literal, of the column's kind: a number for I32 and F64, a bigint (or integer) for I64. */
  readonly value: number | bigint;
  readonly kind: Kind;
}

/** Comparison operators, as the expression VM numbers them (CMP_EQ .. CMP_GE). */
export type CompareOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';
const COMPARE_CODE: Record<CompareOp, number> = { eq: 0, ne: 1, lt: 2, le: 3, gt: 4, ge: 5 };
/** Bytes of one comparison record of agg_update_where (wasm/assembly/aggregate/global-where.ts PRED_SIZE). */
const PRED_SIZE = 12;

function columnOf(batch: BatchDesc, i: number): ColumnDesc {
  const c = batch.columns[i];
  if (!c) throw new Error(`hash aggregate: column ${i} is not in the batch (${batch.columns.length} columns)`);
  return c;
}

const EMPTY_DESC: ColumnDesc = { kind: 0 as Kind, validity: 0, validityOffset: 0, values: 0, data: 0, length: 0 };

/** Which layout a table currently uses (see wasm/assembly/aggregate/table-layout.ts). */
export type AggregateLayout = 'undecided' | 'global' | 'dense' | 'keyed';
const LAYOUTS: readonly AggregateLayout[] = ['undecided', 'global', 'dense', 'keyed'];

/**
 * A vectorized hash aggregate whose state lives in the WASM instance's linear memory, organised
 * by key group (one open-addressing sub-table per key group; a narrow integer key starts in a
 * dense array and converts on demand). One WASM call per batch folds every aggregate; results
 * are emitted in arena chunks. Single-threaded, like its instance; call {@link free} when done.
 */
export class HashAggregateTable {
  private ptr: number;
  private readonly kinds: Kind[];
  /** Where update() writes its column descriptors: a block of the table's own, so a batch costs one WASM call. */
  private descs: number;
  private readonly descsBytes: number;

  private constructor(private readonly w: WasmInstance, private readonly spec: HashAggregateSpec, ptr: number) {
    this.ptr = ptr;
    this.kinds = outputKindsOf(spec);
    this.descsBytes = Math.max(1, spec.keyKinds.length + DESCS_PER_AGG * spec.aggregates.length) * COL_SIZE;
    this.descs = w.fn.mem_alloc!(this.descsBytes) >>> 0;
  }

  /** Validates `spec` and creates the table (its blocks come from the instance's budget). */
  static create(w: WasmInstance, spec: HashAggregateSpec): HashAggregateTable {
    validate(spec);
    const p = spec.maxParallelism ?? 128;
    const nk = spec.keyKinds.length;
    const na = spec.aggregates.length;
    const mark = w.fn.arena_mark!() >>> 0;
    try {
      const keys = w.fn.arena_alloc!(Math.max(1, nk) * 4) >>> 0;
      const aggs = w.fn.arena_alloc!(Math.max(1, na) * 12) >>> 0;
      const u32 = w.views.u32;
      spec.keyKinds.forEach((k, i) => { u32[(keys >>> 2) + i] = k; });
      spec.aggregates.forEach((a, i) => {
        u32[(aggs >>> 2) + 3 * i] = FN_CODE[a.fn];
        u32[(aggs >>> 2) + 3 * i + 1] = a.argKind ?? 0;
        u32[(aggs >>> 2) + 3 * i + 2] = a.decimal ? 1 | ((a.decimal.resultScale - a.decimal.scale) << 8) : 0;
      });
      const ptr = w.fn.agg_create!(MODE_CODE[spec.mode], p, nk, keys, na, aggs) >>> 0;
      return new HashAggregateTable(w, spec, ptr);
    } finally {
      w.fn.arena_reset!(mark);
    }
  }

  /**
   * Folds the selected rows of `batch` into the table with one WASM call. `keyCols`: the key
   * columns' positions in `batch`; `argCols[i]` / `filterCols[i]`: aggregate i's argument and
   * FILTER (BOOL, counts only TRUE rows) column, undefined when absent. In 'final' mode
   * `argCols[i]` is aggregate i's first partial state column; avg's count column is the one right
   * after it (`argCols[i] + 1`). Throws "integer overflow in SUM(name)" when a sum overflows (the
   * table is then unusable except for {@link free}).
   */
  update(batch: BatchDesc, keyCols: readonly number[], argCols: readonly (number | undefined)[],
    filterCols: readonly (number | undefined)[], selPtr = 0, selLen = batch.numRows): void {
    const t = this.live();
    if (keyCols.length !== this.spec.keyKinds.length) {
      throw new Error(`hash aggregate: ${keyCols.length} key columns given, ${this.spec.keyKinds.length} expected`);
    }
    if (selLen === 0) return;
    this.writeDescs(batch, keyCols, argCols, filterCols);
    this.check(this.w.fn.agg_update!(t, this.descs, selPtr, selLen) | 0);
  }

  /**
   * {@link update} of a table without keys over the rows where every comparison of `where`
   * (`column <op> literal`, a conjunction) holds, in one pass with no selection vector. `ordinal`
   * is the number of rows offered to this table before this batch (DOUBLE sums assign rows to
   * lanes by it, so batch boundaries do not change the result). Returns false, doing nothing,
   * when the table or a comparison is not covered (see wasm/assembly/aggregate/global-where.ts):
   * the caller then filters and calls update().
   */
  updateWhere(batch: BatchDesc, argCols: readonly (number | undefined)[], filterCols: readonly (number | undefined)[],
    where: readonly CompareLiteral[], ordinal: number, selPtr = 0, selLen = batch.numRows): boolean {
    const t = this.live();
    const { w } = this;
    if (selLen === 0) return true;
    if (where.length === 0 || where.some((c) => c.kind !== Kind.F64 && c.kind !== Kind.I64 && c.kind !== Kind.I32)) return false;
    this.writeDescs(batch, [], argCols, filterCols);
    const mark = w.fn.arena_mark!() >>> 0;
    try {
      // Per comparison: its column's descriptor, its literal (8 bytes), and its record for the kernel.
      const block = w.fn.arena_alloc!(where.length * (COL_SIZE + 8 + PRED_SIZE)) >>> 0;
      const preds = block + where.length * (COL_SIZE + 8);
      where.forEach((c, i) => {
        const desc = block + i * (COL_SIZE + 8);
        const lit = desc + COL_SIZE;
        this.put(desc, columnOf(batch, c.column));
        if (c.kind === Kind.F64) w.views.f64[lit >>> 3] = Number(c.value);
        else if (c.kind === Kind.I64) w.views.i64[lit >>> 3] = BigInt(c.value);
        else w.views.i32[lit >>> 2] = Number(c.value);
        const r = (preds + i * PRED_SIZE) >>> 2;
        w.views.u32[r] = desc;
        w.views.i32[r + 1] = COMPARE_CODE[c.op];
        w.views.u32[r + 2] = lit;
      });
      const done = w.fn.agg_update_where!(t, this.descs, preds, where.length, selPtr, selLen, batch.numRows, ordinal % 8) | 0;
      if (done < 0) return false;
      this.check(done);
      return true;
    } finally {
      w.fn.arena_reset!(mark);
    }
  }

  private writeDescs(batch: BatchDesc, keyCols: readonly number[], argCols: readonly (number | undefined)[],
    filterCols: readonly (number | undefined)[]): void {
    const { spec } = this;
    const nk = spec.keyKinds.length;
    const col = (i: number | undefined): ColumnDesc => (i === undefined ? EMPTY_DESC : columnOf(batch, i));
    for (let c = 0; c < nk; c++) this.put(this.descs + c * COL_SIZE, col(keyCols[c]));
    for (let a = 0; a < spec.aggregates.length; a++) {
      const base = this.descs + (nk + DESCS_PER_AGG * a) * COL_SIZE;
      const fn = spec.aggregates[a]!.fn;
      const arg = argCols[a];
      this.put(base, fn === 'count_star' && spec.mode !== 'final' ? EMPTY_DESC : col(arg));
      this.put(base + COL_SIZE, spec.mode === 'final' ? EMPTY_DESC : col(filterCols[a]));
      this.put(base + 2 * COL_SIZE, fn === 'avg' && spec.mode === 'final' ? col(arg! + 1) : EMPTY_DESC);
    }
  }

  private put(at: number, c: ColumnDesc): void {
    const u32 = this.w.views.u32;
    const o = at >>> 2;
    u32[o] = c.kind; u32[o + 1] = c.validity; u32[o + 2] = c.validityOffset;
    u32[o + 3] = c.values; u32[o + 4] = c.data; u32[o + 5] = c.length; u32[o + 6] = 0; u32[o + 7] = 0;
  }

  /** Number of groups so far (a global aggregate always has one). */
  get groupCount(): number {
    const t = this.flushed();
    return this.w.fn.agg_group_count!(t) >>> 0;
  }

  /** The layout the table chose from the data so far. */
  get layout(): AggregateLayout {
    return LAYOUTS[this.w.fn.agg_layout!(this.live()) >>> 0]!;
  }

  /**
   * Groups held by key group `g` (0 ≤ g < maxParallelism). A dense table first moves its groups
   * into their key groups' sub-tables, which is how per-key-group state is always available.
   */
  keyGroupSize(g: number): number {
    const t = this.flushed();
    if (this.spec.keyKinds.length === 0) return 0;
    this.w.fn.agg_to_keyed!(t);
    return this.w.fn.agg_key_group_size!(t, g) >>> 0;
  }

  /** Output column kinds: the keys (DICT as UTF8), then each aggregate's value or state columns. */
  outputKinds(): Kind[] {
    return [...this.kinds];
  }

  /**
   * Emits every group, at most `maxRows` per chunk. Each chunk's columns live in the arena; the
   * caller resets the arena after consuming a chunk (the cursor is kept in the table).
   */
  *emit(maxRows: number): Generator<BatchDesc> {
    const t = this.flushed();
    const { w } = this;
    w.fn.agg_emit_begin!(t);
    const n = this.kinds.length;
    for (;;) {
      const descs = w.fn.agg_emit_next!(t, Math.max(1, maxRows)) >>> 0;
      if (descs === 0) {
        this.check(w.fn.agg_error!(t) | 0);
        return;
      }
      yield { numRows: w.fn.agg_emit_rows!(t) >>> 0, columns: readDescs(w, descs, n) };
    }
  }

  /** Frees every block of the table; it cannot be used afterwards. */
  free(): void {
    if (this.ptr === 0) return;
    this.w.fn.agg_free!(this.ptr);
    this.w.fn.mem_free!(this.descs, this.descsBytes);
    this.ptr = 0;
    this.descs = 0;
  }

  /** Folds rows a big table still buffers into its groups (before anything reads the table). */
  private flushed(): number {
    const t = this.live();
    this.check(this.w.fn.agg_flush!(t) | 0);
    return t;
  }

  private check(err: number): void {
    if (err !== ERR_OVERFLOW && err !== ERR_AVG_OVERFLOW) return;
    const a = this.spec.aggregates[this.w.fn.agg_error_agg!(this.ptr) >>> 0]!;
    const label = a.name.includes('(') ? a.name : `${a.fn.toUpperCase()}(${a.name})`;
    if (!a.decimal) throw new Error(`integer overflow in ${label}`);
    if (err === ERR_AVG_OVERFLOW) throw new Error(`AVG overflowed DECIMAL(38, ${a.decimal.resultScale}) in ${label}`);
    throw new Error(`SUM overflowed DECIMAL(38, ${a.decimal.scale}) in ${label}`);
  }

  private live(): number {
    if (this.ptr === 0) throw new Error('hash aggregate table used after free()');
    return this.ptr;
  }
}

function validate(spec: HashAggregateSpec): void {
  const p = spec.maxParallelism ?? 128;
  if (!Number.isInteger(p) || p < 1 || p > 32768) throw new Error(`hash aggregate: maxParallelism must be an integer in 1..32768, got ${p}`);
  for (const k of spec.keyKinds) {
    if (!ANY.includes(k)) throw new Error(`hash aggregate: unsupported key kind ${k}`);
  }
  for (const a of spec.aggregates) {
    const where = `${a.fn.toUpperCase()}(${a.name})`;
    if (a.fn === 'count_distinct' && spec.mode !== 'single') {
      throw new Error(`hash aggregate: ${where}: COUNT(DISTINCT) cannot be split into partial and final phases; plan it in 'single' mode`);
    }
    if (a.fn === 'count_star') continue;
    if (a.decimal) validateDecimal(a, where);
    const allowed = a.fn === 'sum' || a.fn === 'avg' ? (a.decimal ? DECIMALS : NUMERIC) : a.fn === 'min' || a.fn === 'max' ? ORDERED : ANY;
    if (a.argKind === undefined) throw new Error(`hash aggregate: ${where} needs an argument kind`);
    if (!allowed.includes(a.argKind)) throw new Error(`hash aggregate: ${where} does not accept argument kind ${a.argKind}`);
  }
}

function validateDecimal(a: AggregateSpec, where: string): void {
  const { scale, resultScale } = a.decimal!;
  if (a.fn !== 'sum' && a.fn !== 'avg') throw new Error(`hash aggregate: ${where}: only SUM and AVG take decimal options`);
  if (!Number.isInteger(scale) || scale < 0 || scale > 38) throw new Error(`hash aggregate: ${where}: decimal scale must be an integer in 0..38, got ${scale}`);
  const up = resultScale - scale;
  if (!Number.isInteger(resultScale) || up < 0 || up > 38 || resultScale > 38 || (a.fn === 'sum' && up !== 0)) {
    throw new Error(`hash aggregate: ${where}: result scale ${resultScale} does not fit argument scale ${scale}`);
  }
}

/** Output kinds of a spec (mirrors wasm/assembly/aggregate/emit.ts). */
function outputKindsOf(spec: HashAggregateSpec): Kind[] {
  const out: Kind[] = spec.keyKinds.map((k) => (k === Kind.DICT ? Kind.UTF8 : k));
  for (const a of spec.aggregates) {
    const k = a.argKind;
    switch (a.fn) {
      case 'count_star': case 'count': case 'count_distinct': out.push(Kind.I64); break;
      case 'sum': out.push(a.decimal ? Kind.I128 : k === Kind.F64 ? Kind.F64 : Kind.I64); break;
      case 'min': case 'max': out.push(k === Kind.DICT ? Kind.UTF8 : k!); break;
      case 'avg':
        if (a.decimal) out.push(...(spec.mode === 'partial' ? [Kind.I128, Kind.I64] : [Kind.I128]));
        else if (spec.mode === 'partial') out.push(k === Kind.F64 ? Kind.F64 : Kind.I64, Kind.I64);
        else out.push(Kind.F64);
        break;
    }
  }
  return out;
}
