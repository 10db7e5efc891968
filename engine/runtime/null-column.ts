import { Kind, kindWidth, type ColumnDesc } from '../../bindings/column.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';

/** An all-NULL column of `rows` rows (arena): the missing side of an outer join's unmatched rows. */
export function nullColumn(w: WasmInstance, kind: Kind, rows: number): ColumnDesc {
  const validity = w.fn.arena_alloc_zeroed!(Math.max(1, Math.ceil(rows / 8))) >>> 0;
  const width = kindWidth(kind);
  const n = kind === Kind.UTF8 ? rows + 1 : rows;
  const values = w.fn.arena_alloc_zeroed!(Math.max(1, n * width)) >>> 0;
  if (kind === Kind.DICT) throw new Error('nullColumn: a DICT column has no null form; use UTF8');
  return { kind, validity, validityOffset: 0, values, data: kind === Kind.UTF8 ? values : 0, length: rows };
}
