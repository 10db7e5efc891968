import type { WasmInstance } from './wasm-instance.js';
import { COL_SIZE, Kind, readDescs, writeDescs, writeDescsAt, type BatchDesc, type ColumnDesc } from './column.js';

/** Join types of a hash join (mirrors the physical plan's JoinType; semi/anti keep the left side). */
export type HashJoinType = 'inner' | 'left' | 'right' | 'full' | 'semi' | 'anti';

/** Options of {@link HashJoinTable.build}. */
export interface HashJoinOptions {
  readonly joinType: HashJoinType;
  /** Which input of the join is materialized as the build side. */
  readonly buildSide: 'left' | 'right';
  /** Allow the direct-array table for a dense single integer key (default true; false forces hashing). */
  readonly allowDense?: boolean;
}

/** Index pairs in linear memory (arena): i32 arrays of `count` row ids, -1 meaning a NULL row. */
export interface JoinPairs {
  readonly probeIdx: number;
  /** 0 when only probe rows are emitted (semi/anti keeping the probe side). */
  readonly buildIdx: number;
  readonly count: number;
}

/** Pairs that pass a residual condition: ascending i32 indices into the candidates (selPtr 0: all). */
export interface PairSelection {
  readonly selPtr: number;
  readonly count: number;
}

/**
 * Evaluates a residual (non-equi) join condition over candidate pairs whose keys are equal and
 * returns the passing ones. It may allocate its selection in the arena; the table resets the arena
 * after the chunk is emitted.
 */
export type ResidualFilter = (candidates: JoinPairs) => PairSelection;

/** Options of one {@link HashJoinTable.probe} call. */
export interface ProbeOptions {
  /** Selection vector of the probe batch (ascending i32 rows); absent or 0: all rows. */
  readonly selPtr?: number;
  readonly selLen?: number;
  readonly residual?: ResidualFilter;
  /** Most entries per emitted chunk (default: the probe rows, clamped to 1,024 .. 65,536). */
  readonly maxPairs?: number;
}

/** The key pre-filter of a table (see {@link HashJoinTable.keyFilter}). */
export type KeyFilter = 'none' | 'bitmap' | 'bloom';

/** KeyFilter by the kernel's FILTER_* code. */
const KEY_FILTERS: readonly KeyFilter[] = ['none', 'bitmap', 'bloom'];

/** What a table does with build rows after the last probe batch. */
export type BuildRowsAtEnd = 'unmatched' | 'matched' | null;

const PROBE_OUTER = 1;
const TRACK_BUILD = 2;
const EMIT_PAIRS = 4;
const SEMI = 8;
const ANTI = 16;
const MODE_DENSE = 2;

/**
 * The kernel's JOIN_* flags for a join type and build side: which output a probe writes and
 * whether build rows are tracked for emission at the end.
 */
export function hashJoinFlags(joinType: HashJoinType, buildSide: 'left' | 'right'): number {
  const buildLeft = buildSide === 'left';
  switch (joinType) {
    case 'inner': return EMIT_PAIRS;
    case 'left': return EMIT_PAIRS | (buildLeft ? TRACK_BUILD : PROBE_OUTER);
    case 'right': return EMIT_PAIRS | (buildLeft ? PROBE_OUTER : TRACK_BUILD);
    case 'full': return EMIT_PAIRS | PROBE_OUTER | TRACK_BUILD;
    case 'semi': return buildLeft ? TRACK_BUILD : SEMI;
    case 'anti': return buildLeft ? TRACK_BUILD : ANTI;
  }
}

function sameKeyKind(a: Kind, b: Kind): boolean {
  const str = (k: Kind) => k === Kind.UTF8 || k === Kind.DICT;
  return a === b || (str(a) && str(b));
}

/**
 * A vectorized hash join table in WASM linear memory, like DataFusion's HashJoinExec build side:
 * built once from the fully materialized build input, then probed batch by batch. A probe
 * writes (probeRow, buildRow) index pairs in chunks of at most maxPairs entries for a gather
 * kernel (-1 = NULL row), applying the join type, NULL-never-matches equality (-0 = 0, NaN = NaN)
 * and an optional residual condition. One WASM call per chunk; state lives in long-lived blocks,
 * output in the arena. The build columns must outlive the table; call free() when done.
 */
export class HashJoinTable {
  private ptr: number;
  /** Payload columns laid out by key (preparePayload), 0 when none. */
  private payloadCols = 0;

  private constructor(
    private readonly w: WasmInstance,
    ptr: number,
    /** The join type the table was built for. */
    readonly joinType: HashJoinType,
    /** Which join input is the build side. */
    readonly buildSide: 'left' | 'right',
    /** Rows of the build side. */
    readonly buildRows: number,
    private readonly keyKinds: readonly Kind[],
    private readonly flags: number,
  ) {
    this.ptr = ptr;
  }

  /** Builds the table over `build`'s `keyCols` (NULL keys are never inserted). */
  static build(w: WasmInstance, build: BatchDesc, keyCols: readonly number[], options: HashJoinOptions): HashJoinTable {
    if (keyCols.length === 0) throw new Error('hash join: at least one key column is required');
    const cols: ColumnDesc[] = keyCols.map((c, i) => {
      const col = build.columns[c];
      if (!col) throw new Error(`hash join: build key ${i} refers to column ${c}, but the build side has ${build.columns.length} columns`);
      return col;
    });
    const flags = hashJoinFlags(options.joinType, options.buildSide);
    const mark = w.fn.arena_mark!() >>> 0;
    let ptr: number;
    try {
      const descs = writeDescs(w, cols);
      ptr = w.fn.join_build!(descs, cols.length, build.numRows, flags, options.allowDense === false ? 0 : 1) >>> 0;
    } finally {
      w.fn.arena_reset!(mark);
    }
    return new HashJoinTable(w, ptr, options.joinType, options.buildSide, build.numRows, cols.map((c) => c.kind), flags);
  }

  /** 'dense' when the build key got a direct array, else 'hash'. */
  get strategy(): 'dense' | 'hash' {
    return this.w.fn.join_mode!(this.live()) === MODE_DENSE ? 'dense' : 'hash';
  }

  /**
   * The key pre-filter a probe checks before the hash table, to skip probe rows that certainly
   * have no match: 'bitmap' (one bit per value of a single integer key's min..max), 'bloom' (a
   * Bloom filter over the key hash, after min..max for an integer key), or 'none' (direct-array
   * tables, tables without keys).
   */
  get keyFilter(): KeyFilter {
    return KEY_FILTERS[this.w.fn.join_filter_kind!(this.live())] ?? 'none';
  }

  /** What probe() emits: index pairs, probe rows only (semi/anti on the probe side), or nothing. */
  get probeOutput(): 'pairs' | 'probe-rows' | 'none' {
    if (this.flags & EMIT_PAIRS) return 'pairs';
    return this.flags & (SEMI | ANTI) ? 'probe-rows' : 'none';
  }

  /** Which build rows the join still emits after the last probe batch (see finalBuildRows). */
  get buildRowsAtEnd(): BuildRowsAtEnd {
    if (!(this.flags & TRACK_BUILD)) return null;
    return this.joinType === 'semi' ? 'matched' : 'unmatched';
  }

  /**
   * Probes the table with one batch: calls `emit` once per output chunk with pairs valid only
   * during the call (the arena is reset to its mark after `emit` returns, so `emit` may allocate
   * there but must not reset it below the mark it found). Output follows probe row order.
   */
  probe(probe: BatchDesc, keyCols: readonly number[], emit: (pairs: JoinPairs) => void, options: ProbeOptions = {}): void {
    const t = this.live();
    const w = this.w;
    const cols = this.probeKeyCols(probe, keyCols);
    const selPtr = options.selPtr ?? 0;
    const len = selPtr === 0 ? probe.numRows : (options.selLen ?? 0);
    const maxPairs = options.maxPairs ?? Math.min(65536, Math.max(1024, len));
    if (!(maxPairs >= 1)) throw new Error(`hash join: maxPairs must be at least 1, got ${maxPairs}`);
    writeDescsAt(w, w.fn.join_probe_descs!(t) >>> 0, cols);
    w.fn.join_probe_begin!(t, probe.numRows, selPtr, len);
    const residual = options.residual;
    const pairsOut = (this.flags & EMIT_PAIRS) !== 0;
    const bytes = maxPairs * 4;
    do {
      const mark = w.fn.arena_mark!() >>> 0;
      try {
        const p = w.fn.arena_alloc!(bytes) >>> 0;
        const b = pairsOut || residual ? w.fn.arena_alloc!(bytes) >>> 0 : 0;
        const n = w.fn.join_probe!(t, p, b, maxPairs, residual ? 1 : 0) >>> 0;
        if (residual) this.applyResidual(residual, p, b, n, bytes, pairsOut, emit);
        else if (n > 0) emit({ probeIdx: p, buildIdx: b, count: n });
      } finally {
        w.fn.arena_reset!(mark);
      }
    } while (!w.fn.join_probe_done!(t));
  }

  /**
   * Lays out build columns `cols` of `build` by key, for {@link probePayload}: possible for an
   * inner join whose build key got a direct array and is unique, when every column is
   * fixed-width without NULLs (DuckDB's perfect hash join). Returns whether it was done; call at
   * most once, with the batch the table was built from.
   */
  preparePayload(build: BatchDesc, cols: readonly number[]): boolean {
    const t = this.live();
    if (cols.length === 0) return false;
    const w = this.w;
    const mark = w.fn.arena_mark!() >>> 0;
    try {
      const descs = writeDescs(w, cols.map((c) => {
        const col = build.columns[c];
        if (!col) throw new Error(`hash join: payload column ${c} is outside the build side's ${build.columns.length} columns`);
        return col;
      }));
      const done = w.fn.join_payload_prepare!(t, descs, cols.length) === 1;
      if (done) this.payloadCols = cols.length;
      return done;
    } finally {
      w.fn.arena_reset!(mark);
    }
  }

  /**
   * Probes a batch of a table with payload ({@link preparePayload}): calls `emit` once per chunk
   * of at most `maxRows` matched probe rows with their ascending row ids (0 unless `probeRows`)
   * and the payload columns' values for them, valid only during the call (arena, reset after it).
   * The result equals {@link probe} followed by a gather of the payload columns.
   */
  probePayload(
    probe: BatchDesc,
    keyCols: readonly number[],
    emit: (probeIdx: number, count: number, payload: readonly ColumnDesc[]) => void,
    options: { readonly selPtr?: number; readonly selLen?: number; readonly probeRows?: boolean; readonly maxRows?: number } = {},
  ): void {
    const t = this.live();
    const w = this.w;
    if (this.payloadCols === 0) throw new Error('hash join: probePayload needs a table with payload (preparePayload)');
    const cols = this.probeKeyCols(probe, keyCols);
    const selPtr = options.selPtr ?? 0;
    const len = selPtr === 0 ? probe.numRows : (options.selLen ?? 0);
    const maxRows = options.maxRows ?? Math.min(65536, Math.max(1024, len));
    if (!(maxRows >= 1)) throw new Error(`hash join: maxRows must be at least 1, got ${maxRows}`);
    writeDescsAt(w, w.fn.join_probe_descs!(t) >>> 0, cols);
    w.fn.join_probe_begin!(t, probe.numRows, selPtr, len);
    const ncols = this.payloadCols;
    do {
      const mark = w.fn.arena_mark!() >>> 0;
      try {
        const p = options.probeRows ? w.fn.arena_alloc!(maxRows * 4) >>> 0 : 0;
        const descs = w.fn.arena_alloc!(ncols * COL_SIZE) >>> 0;
        const n = w.fn.join_probe_payload!(t, p, maxRows, descs) >>> 0;
        if (n > 0) emit(p, n, readDescs(w, descs, ncols));
      } finally {
        w.fn.arena_reset!(mark);
      }
    } while (!w.fn.join_probe_done!(t));
  }

  /** The probe key columns, checked against the build keys. */
  private probeKeyCols(probe: BatchDesc, keyCols: readonly number[]): ColumnDesc[] {
    if (keyCols.length !== this.keyKinds.length) {
      throw new Error(`hash join: the probe side has ${keyCols.length} key columns, the build side ${this.keyKinds.length}`);
    }
    return keyCols.map((c, i) => {
      const col = probe.columns[c];
      if (!col) throw new Error(`hash join: probe key ${i} refers to column ${c}, but the probe side has ${probe.columns.length} columns`);
      if (!sameKeyKind(col.kind, this.keyKinds[i]!)) {
        throw new Error(`hash join: key ${i} has kind ${col.kind} on the probe side but ${this.keyKinds[i]} on the build side; the planner must cast both to one type`);
      }
      return col;
    });
  }

  private applyResidual(residual: ResidualFilter, p: number, b: number, n: number, bytes: number, pairsOut: boolean, emit: (pairs: JoinPairs) => void): void {
    const w = this.w;
    const sel = n > 0 ? residual({ probeIdx: p, buildIdx: b, count: n }) : { selPtr: 0, count: 0 };
    if (sel.count < 0 || sel.count > n || (sel.selPtr === 0 && sel.count !== n && n > 0)) {
      throw new Error(`hash join: the residual filter selected ${sel.count} of ${n} candidate pairs with selPtr ${sel.selPtr}`);
    }
    const op = w.fn.arena_alloc!(bytes) >>> 0;
    const ob = pairsOut ? w.fn.arena_alloc!(bytes) >>> 0 : 0;
    const m = w.fn.join_residual_apply!(this.ptr, p, b, n, sel.selPtr, sel.count, op, ob) >>> 0;
    if (m > 0) emit({ probeIdx: op, buildIdx: ob, count: m });
  }

  /**
   * Emits the build rows the join still outputs after the last probe batch, ascending in chunks
   * of at most `maxRows`: the unmatched ones (build-side outer joins, anti with build = left), the
   * matched ones (semi with build = left), or none. For outer joins the runtime pairs them with a
   * NULL probe side; for semi/anti they are the output rows. Rows are valid only during `emit`.
   */
  finalBuildRows(emit: (buildIdx: number, count: number) => void, maxRows = 65536): void {
    const atEnd = this.buildRowsAtEnd;
    if (atEnd === null) this.live();
    else this.scanBuildRows(atEnd === 'matched' ? 1 : 0, emit, maxRows);
  }

  /** Emits, ascending in chunks of at most `maxRows`, the build rows no probe row matched. */
  unmatchedBuildRows(emit: (buildIdx: number, count: number) => void, maxRows = 65536): void {
    this.scanBuildRows(0, emit, maxRows);
  }

  /** Emits, ascending in chunks of at most `maxRows`, the build rows some probe row matched. */
  matchedBuildRows(emit: (buildIdx: number, count: number) => void, maxRows = 65536): void {
    this.scanBuildRows(1, emit, maxRows);
  }

  private scanBuildRows(matched: number, emit: (buildIdx: number, count: number) => void, maxRows: number): void {
    const t = this.live();
    if (!(this.flags & TRACK_BUILD)) {
      throw new Error(`hash join: a ${this.joinType} join with build side ${this.buildSide} does not track matched build rows`);
    }
    if (!(maxRows >= 1)) throw new Error(`hash join: maxRows must be at least 1, got ${maxRows}`);
    const w = this.w;
    const size = Math.min(maxRows, Math.max(1, this.buildRows));
    w.fn.join_build_rows_begin!(t);
    for (;;) {
      const mark = w.fn.arena_mark!() >>> 0;
      try {
        const out = w.fn.arena_alloc!(size * 4) >>> 0;
        const n = w.fn.join_build_rows!(t, matched, out, size) >>> 0;
        if (n === 0) return;
        emit(out, n);
      } finally {
        w.fn.arena_reset!(mark);
      }
    }
  }

  /** Frees the table's memory; the table is unusable afterwards. */
  free(): void {
    if (this.ptr !== 0) this.w.fn.join_free!(this.ptr);
    this.ptr = 0;
  }

  private live(): number {
    if (this.ptr === 0) throw new Error('hash join: the table was freed');
    return this.ptr;
  }
}
