// LIKE with % (any run of characters) and _ (exactly one character, i.e. one code point), and an
// optional ESCAPE character. A literal pattern is classified at compile time: exact, prefix,
// suffix and contains patterns become byte comparisons; others are compiled to tokens
// ([u32 count] then per token [u8 kind][u32 byte length][bytes]). A pattern from a column is
// tokenized per row. Matching backtracks only to the last %, which is linear for most patterns.
import { arena_alloc } from '../memory';
import { equalBytes } from './compare';
import { ERR_INVALID_ARGUMENT, raiseStr } from './errors';
import { LIKE_ANY, LIKE_CONTAINS, LIKE_DYNAMIC, LIKE_EXACT, LIKE_PREFIX, LIKE_SUFFIX } from './opcodes';
import { guardActive, isNullAt, nullsOr, pool, regNulls, regOwnValues, regValues, setReg, vecLen } from './state';
import { cpBytes, decodeAt, findBytes } from './utf8';

const TOK_LIT: u8 = 0;
const TOK_ANY: u8 = 1;
const TOK_ONE: u8 = 2;

/** Whether the string [s, s + l) matches the tokens at t. */
export function likeMatch(s: usize, l: usize, t: usize): bool {
  const count = load<u32>(t);
  const first = t + 4;
  let tp = first;       // current token
  let ti: u32 = 0;
  let si: usize = 0;
  let starTp: usize = 0;  // token after the last %, 0 when none
  let starTi: u32 = 0;
  let starSi: usize = 0;
  for (;;) {
    if (ti < count) {
      const kind = load<u8>(tp);
      const len = <usize>load<u32>(tp, 1);
      if (kind == TOK_ANY) {
        tp += 5;
        ti++;
        starTp = tp;
        starTi = ti;
        starSi = si;
        continue;
      }
      if (kind == TOK_ONE) {
        if (si < l) {
          si += cpBytes(<u32>load<u8>(s + si));
          if (si > l) si = l;
          tp += 5;
          ti++;
          continue;
        }
      } else if (si + len <= l && equalBytes(s + si, len, tp + 5, len)) {
        si += len;
        tp += 5 + len;
        ti++;
        continue;
      }
    } else if (si == l) {
      return true;
    }
    // Mismatch: let the last % swallow one more character, or fail.
    if (starTp == 0 || starSi >= l) return false;
    starSi += cpBytes(<u32>load<u8>(s + starSi));
    if (starSi > l) starSi = l;
    si = starSi;
    tp = starTp;
    ti = starTi;
  }
  return false;
}

let tokenizeOk: bool = true;

/**
 * Tokenizes pattern [p, p + l) with escape code point `esc` (-1: none) into `out` (room for
 * 5 * l + 4 bytes); tokenizeOk is false when an escape is not followed by %, _ or itself.
 */
function tokenize(p: usize, l: usize, esc: i32, out: usize): void {
  tokenizeOk = true;
  let count: u32 = 0;
  let w = out + 4;
  let lit: usize = 0; // open literal token, 0 when none
  let i: usize = 0;
  while (i < l) {
    const cp = decodeAt(p + i, l - i);
    const n = cpBytes(<u32>load<u8>(p + i));
    let litStart = p + i;
    let litLen = n;
    if (esc >= 0 && cp == <u32>esc) {
      if (i + n >= l) { tokenizeOk = false; return; }
      const next = decodeAt(p + i + n, l - i - n);
      if (next != 0x25 && next != 0x5F && next != <u32>esc) { tokenizeOk = false; return; }
      litStart = p + i + n;
      litLen = cpBytes(<u32>load<u8>(p + i + n));
      i += n + litLen;
    } else if (cp == 0x25 || cp == 0x5F) {
      // Consecutive % collapse into one.
      if (!(cp == 0x25 && lit == 0 && count > 0 && load<u8>(w - 5) == TOK_ANY)) {
        store<u8>(w, cp == 0x25 ? TOK_ANY : TOK_ONE);
        store<u32>(w, 0, 1);
        w += 5;
        count++;
      }
      lit = 0;
      i += n;
      continue;
    } else {
      i += n;
    }
    if (lit == 0) {
      lit = w;
      store<u8>(w, TOK_LIT);
      store<u32>(w, 0, 1);
      w += 5;
      count++;
    }
    memory.copy(w, litStart, litLen);
    w += litLen;
    store<u32>(lit, load<u32>(lit, 1) + <u32>litLen, 1);
  }
  store<u32>(out, count);
}

/** LIKE dst <- a LIKE pattern (form c, pattern b, escape d). */
export function op_like(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const guard = load<i32>(ins, 8);
  const a = load<i32>(ins, 12);
  const b = load<i32>(ins, 16);
  const form = load<i32>(ins, 20);
  const esc = load<i32>(ins, 24);
  const n = vecLen();
  const va = regValues(a);
  const out = regOwnValues(dst);
  if (form == LIKE_DYNAMIC) {
    const vp = regValues(b);
    const nulls = nullsOr(dst, regNulls(a), regNulls(b));
    setReg(dst, out, nulls);
    for (let i = 0; i < n; i++) {
      store<u8>(out + <usize>i, 0);
      if (isNullAt(nulls, i)) continue;
      const pp = <usize>load<u32>(vp + (<usize>i << 3));
      const pl = <usize>load<u32>(vp + (<usize>i << 3), 4);
      const tokens = arena_alloc(pl * 5 + 8);
      tokenize(pp, pl, esc, tokens);
      if (!tokenizeOk) {
        if (guardActive(guard, i)) {
          raiseStr(ERR_INVALID_ARGUMENT, i, pp, pl);
          return;
        }
        continue;
      }
      store<u8>(out + <usize>i, <u8>likeMatch(<usize>load<u32>(va + (<usize>i << 3)), <usize>load<u32>(va + (<usize>i << 3), 4), tokens));
    }
    return;
  }
  const pat = pool(b);
  const pl = <usize>load<u32>(pat);
  const pb = pat + 4;
  for (let i = 0; i < n; i++) {
    const s = <usize>load<u32>(va + (<usize>i << 3));
    const l = <usize>load<u32>(va + (<usize>i << 3), 4);
    let r: bool;
    switch (form) {
      case LIKE_EXACT: r = equalBytes(s, l, pb, pl); break;
      case LIKE_PREFIX: r = l >= pl && equalBytes(s, pl, pb, pl); break;
      case LIKE_SUFFIX: r = l >= pl && equalBytes(s + l - pl, pl, pb, pl); break;
      case LIKE_CONTAINS: r = findBytes(s, l, pb, pl) >= 0; break;
      case LIKE_ANY: r = true; break;
      default: r = likeMatch(s, l, pat); break;
    }
    store<u8>(out + <usize>i, <u8>r);
  }
  setReg(dst, out, regNulls(a));
}
