// Applying the join semantics to the candidate pairs of one chunk after a residual condition
// (ON a.k = b.k AND a.x < b.y) selected the pairs that pass. A probe row "matches" only through
// passing pairs: outer rows, semi/anti decisions and the matched bitmap all follow from them.
//
// The chunk's extent comes from the header: join_probe recorded where it started (H_C_*) and
// left the cursor where it stopped; a row whose chain continues in the next chunk is "open" and
// carries whether it matched so far in H_OPEN_MATCHED.

import {
  H_C_MATCHED0, H_C_POS0, H_C_STATE0, H_FLAGS, H_MATCHED, H_OPEN_MATCHED, H_P_SEL, H_POS, H_STATE,
  JOIN_ANTI, JOIN_EMIT_PAIRS, JOIN_PROBE_OUTER, JOIN_SEMI, STATE_IN_CHAIN, hdr, probe_row_at, set_hdr,
} from './header';

/**
 * Writes the output entries of a candidate chunk (candP/candB, `n` pairs from join_probe in
 * candidate mode) given the ascending indices `sel` of the `selCount` pairs that passed (sel 0:
 * all `n` passed) to outP/outB (outB may be 0 for semi/anti); returns how many. The output never
 * has more entries than the maxPairs of the join_probe call.
 */
export function join_residual_apply(t: usize, candP: usize, candB: usize, n: u32, sel: usize, selCount: u32, outP: usize, outB: usize): u32 {
  const flags = load<u32>(t + H_FLAGS);
  const emitPairs = (flags & JOIN_EMIT_PAIRS) != 0;
  const semi = (flags & JOIN_SEMI) != 0;
  const anti = (flags & JOIN_ANTI) != 0;
  const probeOuter = (flags & JOIN_PROBE_OUTER) != 0;
  const matchedMap = hdr(t, H_MATCHED);
  const psel = hdr(t, H_P_SEL);
  const pos0 = hdr(t, H_C_POS0);
  const open0 = load<u32>(t + H_C_STATE0) == STATE_IN_CHAIN;
  const matched0 = load<u32>(t + H_C_MATCHED0) != 0;
  const endPos = hdr(t, H_POS);
  const openEnd = load<u32>(t + H_STATE) == STATE_IN_CHAIN;
  const count: usize = sel == 0 ? <usize>n : <usize>selCount;
  let out: usize = 0;

  if (probeOuter || anti) {
    // Walk every position of the chunk: rows without a passing pair produce an entry too.
    const last = openEnd ? endPos + 1 : endPos;
    let j: usize = 0; // candidate
    let s: usize = 0; // passing index
    for (let pos = pos0; pos < last; pos++) {
      const row = <i32>probe_row_at(psel, pos);
      let matched = pos == pos0 && open0 ? matched0 : false;
      while (j < <usize>n && load<i32>(candP + (j << 2)) == row) {
        let passes = true;
        if (sel != 0) {
          passes = s < count && <usize>load<i32>(sel + (s << 2)) == j;
          if (passes) s++;
        }
        if (passes) {
          const b = load<i32>(candB + (j << 2));
          if (matchedMap != 0) store<u8>(matchedMap + <usize>b, 1);
          if (emitPairs) {
            store<i32>(outP + (out << 2), row);
            store<i32>(outB + (out << 2), b);
            out++;
          }
          matched = true;
        }
        j++;
      }
      if (pos == endPos) {
        set_hdr(t, H_OPEN_MATCHED, matched ? 1 : 0);
      } else if (!matched) {
        store<i32>(outP + (out << 2), row);
        if (outB != 0) store<i32>(outB + (out << 2), -1);
        out++;
      }
    }
    return <u32>out;
  }

  // Inner, build-side outer, semi and build-side semi/anti: only passing pairs matter.
  let lastMatched: i32 = open0 && matched0 ? <i32>probe_row_at(psel, pos0) : -1;
  for (let s: usize = 0; s < count; s++) {
    const j = sel == 0 ? s : <usize>load<i32>(sel + (s << 2));
    const row = load<i32>(candP + (j << 2));
    const b = load<i32>(candB + (j << 2));
    if (matchedMap != 0) store<u8>(matchedMap + <usize>b, 1);
    if (emitPairs) {
      store<i32>(outP + (out << 2), row);
      store<i32>(outB + (out << 2), b);
      out++;
    } else if (semi && row != lastMatched) {
      store<i32>(outP + (out << 2), row);
      if (outB != 0) store<i32>(outB + (out << 2), -1);
      out++;
    }
    lastMatched = row;
  }
  if (openEnd) {
    const row = <i32>probe_row_at(psel, endPos);
    set_hdr(t, H_OPEN_MATCHED, lastMatched == row ? 1 : 0);
  }
  return <u32>out;
}
