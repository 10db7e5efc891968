// The hash join table's header: one long-lived block per table, holding the pointers of its
// arrays, its join semantics, and the probe cursor that lets a probe resume across output chunks.
//
// Build rows are found through chains: a head holds the first build row of a key and links[row]
// (u32) the next one (row ids are stored +1, so 0 ends a chain). Chains run in ascending
// build-row order.
//   MODE_HASH   heads: 64-byte buckets over the distinct keys (buckets.ts); a generic key is
//               stored as its 64-bit hash and a probe compares the keys of the chain's rows.
//   MODE_DENSE  single integer key whose min..max range is close to the row count: heads is a
//               direct u32 array indexed by key - min; no hashing, no key comparison on probe.
// A hash table may carry a key pre-filter (key-filter.ts) that probes check before the buckets.

export const H_ROWS: usize = 0;         // build rows
export const H_KEYS: usize = 4;         // key columns
export const H_BUILD_DESCS: usize = 8;  // copy of the build key descriptors (keys * 32 bytes)
export const H_PROBE_DESCS: usize = 12; // probe key descriptors, written before each probe batch
export const H_MODE: usize = 16;
export const H_FLAGS: usize = 20;       // JOIN_* semantics
export const H_HEADS: usize = 24;
export const H_HEADS_SIZE: usize = 28;  // bytes, for mem_free
export const H_MASK: usize = 32;        // hash: bucket mask; dense: key range
export const H_LINKS: usize = 36;
export const H_LINKS_SIZE: usize = 40;
export const H_MATCHED: usize = 44;     // u8 per build row (JOIN_TRACK_BUILD), else 0
export const H_KEY_MIN: usize = 48;     // i64: smallest build key (single integer key: dense, key filter)
export const H_SCRATCH: usize = 56;     // per-vector scratch: VECTOR u64 hashes, u8 null flags, u32 heads, u32 candidates
export const H_SHAPE: usize = 60;       // SHAPE_*: specialised key comparison
export const H_P_ROWS: usize = 64;      // probe batch: rows
export const H_P_SEL: usize = 68;       // probe batch: selection vector or 0
export const H_P_LEN: usize = 72;       // probe batch: positions (selLen or rows)
export const H_POS: usize = 76;         // cursor: next position
export const H_STATE: usize = 80;       // cursor: STATE_* of the row at H_POS
export const H_UNIQUE: usize = 84;      // 1 when every chain has one row
export const H_CHAIN: usize = 88;       // cursor: chain entry (row + 1) to resume at (STATE_IN_CHAIN)
export const H_OPEN_MATCHED: usize = 96;// cursor: the row at H_POS has a match already
export const H_C_POS0: usize = 100;     // candidate chunk: H_POS at its start
export const H_C_STATE0: usize = 104;   // candidate chunk: H_STATE at its start
export const H_C_MATCHED0: usize = 108; // candidate chunk: H_OPEN_MATCHED at its start
export const H_SCAN: usize = 112;       // next build row of a matched/unmatched scan
export const H_ANY_NULL: usize = 116;   // probe keys of the current batch may hold nulls
export const H_DICT_MAP: usize = 120;   // DICT probe key: u32 per dictionary entry, its chain head
export const H_DICT_CAP: usize = 124;   // bytes of H_DICT_MAP
export const H_DICT_LEN: usize = 128;   // entries mapped for the current batch; 0 when not in use
export const H_PAYLOAD: usize = 132;    // build columns laid out by key slot (payload.ts): descriptors, or 0
export const H_PAYLOAD_COLS: usize = 136;
export const H_PAYLOAD_FULL: usize = 140; // 1 when every slot of the dense key range holds a build row
export const H_FILTER_KIND: usize = 144;  // FILTER_* of the key pre-filter (key-filter.ts)
export const H_FILTER: usize = 148;       // its bitmap or Bloom words, or 0
export const H_FILTER_SIZE: usize = 152;  // bytes, for mem_free
export const H_FILTER_MASK: usize = 156;  // Bloom: word index mask
export const H_KEY_SPAN: usize = 160;     // u64: largest - smallest build key (single integer key)
export const H_FILTER_REST: usize = 168;  // vectors the bitmap/Bloom filter still sits out (key-filter.ts)
export const H_FILTER_BACKOFF: usize = 172; // vectors of its last rest, 0 after a vector it thinned out
export const HEADER_SIZE: usize = 192;

export const MODE_HASH: u32 = 1;
export const MODE_DENSE: u32 = 2;

export const SHAPE_GENERIC: u32 = 0;
export const SHAPE_I32: u32 = 1;
export const SHAPE_I64: u32 = 2;
export const SHAPE_BOOL: u32 = 3;

/** Emit (probeRow, -1) for probe rows without a match (probe-side outer). */
export const JOIN_PROBE_OUTER: u32 = 1;
/** Mark matched build rows in the matched bitmap (build-side outer, build-side semi/anti). */
export const JOIN_TRACK_BUILD: u32 = 2;
/** Emit (probeRow, buildRow) for every match (inner, outer). */
export const JOIN_EMIT_PAIRS: u32 = 4;
/** Emit each probe row with a match once (probe-side semi). */
export const JOIN_SEMI: u32 = 8;
/** Emit each probe row without a match (probe-side anti). */
export const JOIN_ANTI: u32 = 16;

export const STATE_FRESH: u32 = 0;      // row at H_POS not started
export const STATE_IN_CHAIN: u32 = 1;   // resume its chain at H_CHAIN
export const STATE_EXHAUSTED: u32 = 2;  // chain done, only its no-match output is pending

/** Probe rows hashed at a time: the hash vector stays in L1. */
export const VECTOR: usize = 1024;

// @ts-ignore: decorator
@inline export function hdr(t: usize, field: usize): usize { return <usize>load<u32>(t + field); }
// @ts-ignore: decorator
@inline export function set_hdr(t: usize, field: usize, v: usize): void { store<u32>(t + field, <u32>v); }

/** Row of the probe batch at position `pos` (through the selection vector when there is one). */
// @ts-ignore: decorator
@inline export function probe_row_at(sel: usize, pos: usize): usize {
  return sel == 0 ? pos : <usize>load<i32>(sel + (pos << 2));
}
