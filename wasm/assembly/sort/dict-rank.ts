// Dictionary ranking: a DICT key sorts by the string order of its dictionary, so the dictionary
// is sorted once per call and each code mapped to its rank; rows then compare ranks (u32), never
// strings. Equal strings share a rank; a null dictionary entry gets NULL_RANK (the row is NULL).

import { col_data, col_is_valid, col_length, col_validity, col_values, KIND_UTF8 } from '../layout';
import { mem_alloc, mem_free } from '../memory';
import {
  KEY_DESC, KEY_FLAGS, KEY_KIND, KEY_MAY_NULL, KEY_RANKS, KEY_RANKS_BYTES, KEY_SIZE, NULL_RANK, keyTable, numKeys, setKeyTable,
} from './context';
import { sortRows } from './sort-rows';
import { compareBytes } from './tiebreak';

/** Fills KEY_RANKS of a DICT key entry (and KEY_MAY_NULL when the dictionary holds nulls). */
export function rankDictionary(key: usize): void {
  const dict = col_data(<usize>load<u32>(key, KEY_DESC));
  const d = <usize>col_length(dict);
  const bytes = (d > 0 ? d : 1) << 2;
  const ranks = mem_alloc(bytes);
  store<u32>(key, <u32>ranks, KEY_RANKS);
  store<u32>(key, <u32>bytes, KEY_RANKS_BYTES);
  if (d == 0) return;

  // Sort the dictionary entries with a one-key table of its own, then restore the caller's.
  const savedTable = keyTable;
  const savedKeys = numKeys;
  const tmp = mem_alloc(KEY_SIZE);
  memory.fill(tmp, 0, KEY_SIZE);
  store<u32>(tmp, <u32>dict, KEY_DESC);
  store<u32>(tmp, KIND_UTF8, KEY_KIND);
  store<u32>(tmp, 0, KEY_FLAGS);
  store<u32>(tmp, col_validity(dict) != 0 ? 1 : 0, KEY_MAY_NULL);
  setKeyTable(tmp, 1);
  const order = mem_alloc(d << 2);
  sortRows(0, d, order, d);
  setKeyTable(savedTable, savedKeys);
  mem_free(tmp, KEY_SIZE);

  const offsets = col_values(dict);
  const data = col_data(dict);
  let rank: u32 = 0;
  let prev: usize = <usize>-1;
  for (let i: usize = 0; i < d; i++) {
    const e = <usize>load<u32>(order + (i << 2));
    if (!col_is_valid(dict, e)) {
      store<u32>(ranks + (e << 2), NULL_RANK);
      store<u32>(key, 1, KEY_MAY_NULL);
      continue;
    }
    if (prev != <usize>-1) {
      const ps = <usize>load<u32>(offsets + (prev << 2));
      const es = <usize>load<u32>(offsets + (e << 2));
      const c = compareBytes(data + ps, <usize>load<u32>(offsets + ((prev + 1) << 2)) - ps,
        data + es, <usize>load<u32>(offsets + ((e + 1) << 2)) - es);
      if (c != 0) rank++;
    }
    store<u32>(ranks + (e << 2), rank);
    prev = e;
  }
  mem_free(order, d << 2);
}
