// Exports of the sort kernel family: multi-key sort and top-N of a batch's rows, as row indices.

import { COL_SIZE, col_validity, col_kind, KIND_DICT } from '../layout';
import { arena_alloc, mem_alloc, mem_free } from '../memory';
import { KEY_DESC, KEY_FLAGS, KEY_KIND, KEY_MAY_NULL, KEY_RANKS, KEY_RANKS_BYTES, KEY_SIZE, keyAt, setKeyTable } from './context';
import { rankDictionary } from './dict-rank';
import { sortColumn } from './sort-column';
import { sortRows } from './sort-rows';

/**
 * Sorts the rows of a batch by `numKeys` ORDER BY keys and returns an arena pointer to the i32
 * row indices of the first min(limit, rows) rows of the order. Stable: ties keep input order.
 *
 * descs: the batch's column descriptors; numRows: its row count. keySpec: numKeys pairs of i32
 * (column index, flags: 1 = descending, 2 = nulls first). sel/selLen: ascending selection vector
 * of the rows to sort (sel 0: all rows). limit: rows wanted (0xFFFFFFFF: all). A small limit takes
 * a bounded heap instead of a full sort. Scratch memory is returned before the call ends; only the
 * result stays, in the arena.
 */
export function sort_indices(descs: usize, keySpec: usize, numKeys: i32, numRows: u32, sel: usize, selLen: u32, limit: u32): usize {
  const m = <usize>(sel != 0 ? selLen : numRows);
  const count = <usize>limit < m ? <usize>limit : m;
  const out = arena_alloc((count > 0 ? count : 1) << 2);
  if (count == 0) return out;

  const tableBytes = (numKeys > 0 ? <usize>numKeys : 1) * KEY_SIZE;
  const table = mem_alloc(tableBytes);
  memory.fill(table, 0, tableBytes);
  setKeyTable(table, numKeys);
  for (let k = 0; k < numKeys; k++) {
    const key = keyAt(k);
    const desc = descs + <usize>load<u32>(keySpec + (<usize>k << 3)) * COL_SIZE;
    store<u32>(key, <u32>desc, KEY_DESC);
    store<u32>(key, col_kind(desc), KEY_KIND);
    store<u32>(key, load<u32>(keySpec + (<usize>k << 3), 4), KEY_FLAGS);
    store<u32>(key, col_validity(desc) != 0 ? 1 : 0, KEY_MAY_NULL);
  }
  for (let k = 0; k < numKeys; k++) {
    if (load<u32>(keyAt(k), KEY_KIND) == KIND_DICT) rankDictionary(keyAt(k));
  }
  setKeyTable(table, numKeys);

  sortRows(sel, m, out, count);

  for (let k = 0; k < numKeys; k++) {
    const key = keyAt(k);
    if (load<u32>(key, KEY_KIND) == KIND_DICT) mem_free(<usize>load<u32>(key, KEY_RANKS), <usize>load<u32>(key, KEY_RANKS_BYTES));
  }
  mem_free(table, tableBytes);
  return out;
}

/**
 * Sorts the values of the column whose descriptor is at `desc` (I32, I64 or F64), for an ORDER
 * BY whose key is the only column of the result; flags as in sort_indices' key spec. The column's
 * buffers must belong to the caller (they are rewritten, NULLs moved to their end). Returns where
 * the sorted values are: the column's values pointer, or a new block of `length` values the caller
 * must mem_free; 0 when the column must be sorted by rows instead (sort-column.ts).
 */
export function sort_column(desc: usize, flags: u32): usize {
  return sortColumn(desc, flags);
}
