import type { WasmInstance } from './wasm-instance.js';

/** Physical column kinds in linear memory; mirrors wasm/assembly/layout.ts (see there for the layout). */
export const Kind = {
  BOOL: 1,
  I32: 2,
  I64: 3,
  F64: 4,
  UTF8: 5,
  DICT: 6,
  I128: 7,
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

/** Size of one column descriptor in linear memory. */
export const COL_SIZE = 32;

/**
 * A column in linear memory: pointers, never data. Valid only while the memory it points to is
 * (an arena column until the arena is reset below it; a block column until it is freed).
 */
export interface ColumnDesc {
  readonly kind: Kind;
  /** Arrow validity bitmap, or 0 when the column has no nulls. */
  readonly validity: number;
  /** Bit position of row 0 in `validity`. */
  readonly validityOffset: number;
  /** Fixed width: values of row 0. UTF8: i32 offsets of row 0. DICT: i32 indices of row 0. */
  readonly values: number;
  /** UTF8: base of the bytes. DICT: pointer to the dictionary's UTF8 descriptor. Else 0. */
  readonly data: number;
  readonly length: number;
}

/** A batch of columns in linear memory, all of `numRows` rows. */
export interface BatchDesc {
  readonly numRows: number;
  readonly columns: readonly ColumnDesc[];
}

/** Byte width of one value (UTF8 offsets and DICT indices: 4). */
export function kindWidth(kind: Kind): number {
  switch (kind) {
    case Kind.BOOL: return 1;
    case Kind.I32: case Kind.UTF8: case Kind.DICT: return 4;
    case Kind.I64: case Kind.F64: return 8;
    case Kind.I128: return 16;
  }
}

/** Writes `cols` as consecutive descriptors into the arena; returns the pointer of the first. */
export function writeDescs(w: WasmInstance, cols: readonly ColumnDesc[]): number {
  const ptr = w.fn.arena_alloc!(Math.max(1, cols.length) * COL_SIZE) >>> 0;
  writeDescsAt(w, ptr, cols);
  return ptr;
}

/** Writes `cols` as consecutive descriptors at `ptr`. */
export function writeDescsAt(w: WasmInstance, ptr: number, cols: readonly ColumnDesc[]): void {
  const u32 = w.views.u32;
  for (let i = 0; i < cols.length; i++) {
    const c = cols[i]!;
    const o = (ptr + i * COL_SIZE) >>> 2;
    u32[o] = c.kind;
    u32[o + 1] = c.validity;
    u32[o + 2] = c.validityOffset;
    u32[o + 3] = c.values;
    u32[o + 4] = c.data;
    u32[o + 5] = c.length;
    u32[o + 6] = 0;
    u32[o + 7] = 0;
  }
}

/** Reads `n` consecutive descriptors starting at `ptr`. */
export function readDescs(w: WasmInstance, ptr: number, n: number): ColumnDesc[] {
  const u32 = w.views.u32;
  const out: ColumnDesc[] = [];
  for (let i = 0; i < n; i++) {
    const o = (ptr + i * COL_SIZE) >>> 2;
    out.push({
      kind: u32[o]! as Kind,
      validity: u32[o + 1]!,
      validityOffset: u32[o + 2]!,
      values: u32[o + 3]!,
      data: u32[o + 4]!,
      length: u32[o + 5]!,
    });
  }
  return out;
}
