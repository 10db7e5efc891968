// Regular expressions of REGEXP, REGEXP_EXTRACT and REGEXP_REPLACE: a Pike VM (Thompson NFA
// simulation with capture slots) over programs compiled by engine/logical/regex-pattern.ts. It
// runs in O(input × program) per search and gives the leftmost-first (Java/Perl) match, as a
// backtracking matcher would, without its exponential worst case.
//
// Program in the constant pool (i32 words): [status (0 ok, 1 a pattern Java rejects), number of
// instructions, number of groups, number of range words, instructions (4 words: op, x, y, 0),
// ranges (inclusive code point pairs)].
import { arena_alloc } from '../memory';
import { toLowerCp, toUpperCp } from './case-map';
import { nullAt, ownNulls, setView, viewLen, viewPtr } from './str-view';
import { pool, regOwnValues, regValues, setReg, vecLen } from './state';
import { cpBytes, decodeAt } from './utf8';

const RX_CHAR: i32 = 0;
const RX_CLASS: i32 = 1;
const RX_SPLIT: i32 = 2;
const RX_JMP: i32 = 3;
const RX_SAVE: i32 = 4;
const RX_ASSERT: i32 = 5;
const RX_MATCH: i32 = 6;

const RXA_BEGIN_LINE: i32 = 0;
const RXA_END_LINE: i32 = 1;
const RXA_WORD_BOUNDARY: i32 = 2;
const RXA_NOT_WORD_BOUNDARY: i32 = 3;
const RXA_BEGIN_INPUT: i32 = 4;
const RXA_END_INPUT: i32 = 5;

// The running program and its work areas (one program runs at a time).
let code: usize = 0;
let ranges: usize = 0;
let nInstr: i32 = 0;
let nGroups: i32 = 0;
let slotBytes: usize = 0;
let curPcs: usize = 0;
let curCaps: usize = 0;
let curCount: i32 = 0;
let nextPcs: usize = 0;
let nextCaps: usize = 0;
let marks: usize = 0;
let gen: i32 = 0;
let work: usize = 0;
/** Capture slots of the last successful search (byte offsets, -1: group did not take part). */
let best: usize = 0;
// The list threads are added to.
let tPcs: usize = 0;
let tCaps: usize = 0;
let tCount: i32 = 0;
// The subject string.
let subj: usize = 0;
let subjLen: i32 = 0;

/** Binds the program at pool offset `off` and allocates its work areas; false for an invalid pattern. */
function bindRegex(off: i32): bool {
  const p = pool(off);
  if (load<i32>(p) != 0) return false;
  nInstr = load<i32>(p, 4);
  nGroups = load<i32>(p, 8);
  code = p + 16;
  ranges = code + (<usize>nInstr << 4);
  slotBytes = <usize>(2 * (nGroups + 1)) << 2;
  const n = <usize>nInstr;
  curPcs = arena_alloc(n << 2);
  nextPcs = arena_alloc(n << 2);
  curCaps = arena_alloc(n * slotBytes);
  nextCaps = arena_alloc(n * slotBytes);
  marks = arena_alloc(n << 2);
  memory.fill(marks, 0, n << 2);
  gen = 0;
  work = arena_alloc(slotBytes);
  best = arena_alloc(slotBytes);
  return true;
}

function inClass(cp: u32, off: i32, count: i32): bool {
  const r = ranges + (<usize>off << 2);
  for (let k = 0; k < count; k++) {
    const lo = load<u32>(r + (<usize>k << 3));
    if (cp < lo) return false;
    if (cp <= load<u32>(r + (<usize>k << 3), 4)) return true;
  }
  return false;
}

/** Java's word characters for \b: letters, digits and '_' (non-ASCII letters: cased ones and CJK/kana/hangul). */
function isWordCp(cp: u32): bool {
  if (cp < 0x80) return cp - 0x30 < 10 || cp - 0x41 < 26 || cp - 0x61 < 26 || cp == 0x5F;
  if (toUpperCp(cp) != cp || toLowerCp(cp) != cp) return true;
  return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7A3);
}

function wordBefore(pos: i32): bool {
  if (pos <= 0) return false;
  let q = pos - 1;
  while (q > 0 && (load<u8>(subj + <usize>q) & 0xC0) == 0x80) q--;
  return isWordCp(decodeAt(subj + <usize>q, <usize>(pos - q)));
}

function wordAt(pos: i32): bool {
  return pos < subjLen && isWordCp(decodeAt(subj + <usize>pos, <usize>(subjLen - pos)));
}

function isTerminator(cp: u32): bool {
  return cp == 0x0A || cp == 0x0D || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

/** Java's `$` (and `\Z`) without MULTILINE: at the end, or before a final line terminator. */
function atEndZ(pos: i32): bool {
  const rest = subjLen - pos;
  if (rest == 0) return true;
  const p = subj + <usize>pos;
  if (rest == 2 && load<u8>(p) == 0x0D && load<u8>(p, 1) == 0x0A) return true;
  const w = <i32>cpBytes(<u32>load<u8>(p));
  if (w != rest) return false;
  const cp = decodeAt(p, <usize>rest);
  if (!isTerminator(cp)) return false;
  return !(cp == 0x0A && pos > 0 && load<u8>(p - 1) == 0x0D);
}

function assertAt(kind: i32, pos: i32): bool {
  switch (kind) {
    case RXA_BEGIN_LINE: case RXA_BEGIN_INPUT: return pos == 0;
    case RXA_END_INPUT: return pos == subjLen;
    case RXA_WORD_BOUNDARY: return wordBefore(pos) != wordAt(pos);
    case RXA_NOT_WORD_BOUNDARY: return wordBefore(pos) == wordAt(pos);
    default: return atEndZ(pos); // RXA_END_LINE, RXA_END_INPUT_Z
  }
}

/** Adds the thread at `pc` (following jumps, splits, saves and assertions at `pos`) to the target list. */
function addThread(pc: i32, pos: i32, caps: usize): void {
  const m = marks + (<usize>pc << 2);
  if (load<i32>(m) == gen) return;
  store<i32>(m, gen);
  const ins = code + (<usize>pc << 4);
  const op = load<i32>(ins);
  const x = load<i32>(ins, 4);
  if (op == RX_JMP) {
    addThread(x, pos, caps);
  } else if (op == RX_SPLIT) {
    addThread(x, pos, caps);
    addThread(load<i32>(ins, 8), pos, caps);
  } else if (op == RX_SAVE) {
    const slot = caps + (<usize>x << 2);
    const old = load<i32>(slot);
    store<i32>(slot, pos);
    addThread(pc + 1, pos, caps);
    store<i32>(slot, old);
  } else if (op == RX_ASSERT) {
    if (assertAt(x, pos)) addThread(pc + 1, pos, caps);
  } else {
    const k = tCount++;
    store<i32>(tPcs + (<usize>k << 2), pc);
    memory.copy(tCaps + <usize>k * slotBytes, caps, slotBytes);
  }
}

/** The leftmost-first match in the subject at or after byte `from`; its slots are left in `best`. */
function search(from: i32): bool {
  let matched = false;
  gen++;
  curCount = 0;
  let pos = from;
  for (;;) {
    if (!matched) {
      memory.fill(work, 0xFF, slotBytes);
      tPcs = curPcs;
      tCaps = curCaps;
      tCount = curCount;
      addThread(0, pos, work);
      curCount = tCount;
    }
    if (curCount == 0 && (matched || pos >= subjLen)) break;
    let cp: u32 = 0;
    let next = pos;
    if (pos < subjLen) {
      cp = decodeAt(subj + <usize>pos, <usize>(subjLen - pos));
      next = pos + <i32>cpBytes(<u32>load<u8>(subj + <usize>pos));
      if (next > subjLen) next = subjLen;
    }
    gen++;
    tPcs = nextPcs;
    tCaps = nextCaps;
    tCount = 0;
    for (let k = 0; k < curCount; k++) {
      const pc = load<i32>(curPcs + (<usize>k << 2));
      const ins = code + (<usize>pc << 4);
      const op = load<i32>(ins);
      const caps = curCaps + <usize>k * slotBytes;
      if (op == RX_MATCH) {
        matched = true;
        memory.copy(best, caps, slotBytes);
        break;
      }
      if (pos >= subjLen) continue;
      const ok = op == RX_CHAR ? cp == <u32>load<i32>(ins, 4) : inClass(cp, load<i32>(ins, 4), load<i32>(ins, 8));
      if (ok) addThread(pc + 1, next, caps);
    }
    const ps = curPcs; curPcs = nextPcs; nextPcs = ps;
    const cs = curCaps; curCaps = nextCaps; nextCaps = cs;
    curCount = tCount;
    if (pos >= subjLen) break;
    pos = next;
  }
  return matched;
}

// @ts-ignore: decorator
@inline function slot(k: i32): i32 { return load<i32>(best + (<usize>k << 2)); }

/** REGEXP dst(BOOL) <- whether some substring of a matches the program at pool b (FALSE for an invalid pattern). */
export function op_regexp(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const n = vecLen();
  const va = regValues(a);
  const out = regOwnValues(dst);
  const nulls = ownNulls(dst, a, -1, -1);
  const valid = bindRegex(load<i32>(ins, 16));
  for (let i = 0; i < n; i++) {
    if (nullAt(nulls, i)) continue;
    subj = viewPtr(va, i);
    subjLen = <i32>viewLen(va, i);
    store<u8>(out + <usize>i, valid && search(0) ? 1 : 0);
  }
  setReg(dst, out, nulls);
}

/**
 * REGEXP_EXTRACT dst <- group c (I32 register; -1: group 0, the whole match) of the first match
 * in a; NULL when nothing matches, the group does not exist or did not take part, or the pattern
 * is invalid (Flink's rules).
 */
export function op_regexp_extract(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const c = load<i32>(ins, 20);
  const n = vecLen();
  const va = regValues(a);
  const vc = c >= 0 ? regValues(c) : 0;
  const out = regOwnValues(dst);
  const nulls = ownNulls(dst, a, c, -1);
  const valid = bindRegex(load<i32>(ins, 16));
  for (let i = 0; i < n; i++) {
    if (nullAt(nulls, i)) continue;
    const g = c >= 0 ? load<i32>(vc + (<usize>i << 2)) : 0;
    subj = viewPtr(va, i);
    subjLen = <i32>viewLen(va, i);
    if (!valid || g < 0 || g > nGroups || !search(0) || slot(2 * g) < 0) {
      store<u8>(nulls + <usize>i, 1);
      continue;
    }
    setView(out, i, subj + <usize>slot(2 * g), <usize>(slot(2 * g + 1) - slot(2 * g)));
  }
  setReg(dst, out, nulls);
}

/**
 * REGEXP_REPLACE dst <- a with every match replaced by the text c (taken literally, as Flink
 * quotes it); after an empty match the next search starts one character later (Java's rule).
 * NULL for an invalid pattern.
 */
export function op_regexp_replace(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const c = load<i32>(ins, 20);
  const n = vecLen();
  const va = regValues(a);
  const vc = regValues(c);
  const out = regOwnValues(dst);
  const nulls = ownNulls(dst, a, c, -1);
  const valid = bindRegex(load<i32>(ins, 16));
  for (let i = 0; i < n; i++) {
    if (nullAt(nulls, i)) continue;
    if (!valid) { store<u8>(nulls + <usize>i, 1); continue; }
    subj = viewPtr(va, i);
    subjLen = <i32>viewLen(va, i);
    const rep = viewPtr(vc, i);
    const rl = viewLen(vc, i);
    // Matches as (start, end) pairs: at most one per position plus one at the end.
    const found = arena_alloc(<usize>(subjLen + 2) << 3);
    let count = 0;
    let from = 0;
    while (from <= subjLen && search(from)) {
      const s = slot(0);
      const e = slot(1);
      store<i32>(found + (<usize>count << 3), s);
      store<i32>(found + (<usize>count << 3), e, 4);
      count++;
      if (e == s) {
        if (e >= subjLen) break;
        from = e + <i32>cpBytes(<u32>load<u8>(subj + <usize>e));
      } else from = e;
    }
    if (count == 0) {
      setView(out, i, subj, <usize>subjLen);
      continue;
    }
    let size = <usize>subjLen;
    for (let k = 0; k < count; k++) size += rl - <usize>(load<i32>(found + (<usize>k << 3), 4) - load<i32>(found + (<usize>k << 3)));
    const p = arena_alloc(size);
    let q = p;
    let last = 0;
    for (let k = 0; k < count; k++) {
      const s = load<i32>(found + (<usize>k << 3));
      const e = load<i32>(found + (<usize>k << 3), 4);
      memory.copy(q, subj + <usize>last, <usize>(s - last));
      q += <usize>(s - last);
      memory.copy(q, rep, rl);
      q += rl;
      last = e;
    }
    memory.copy(q, subj + <usize>last, <usize>(subjLen - last));
    setView(out, i, p, size);
  }
  setReg(dst, out, nulls);
}
