import { Kind, writeDescsAt, type ColumnDesc } from './column.js';
import { ResourcesExhaustedError } from './errors.js';
import type { ImportContext } from './import-context.js';
import type { WasmInstance } from './wasm-instance.js';

/**
 * Rows the cardinality estimate looks at: the first rows of the column, encoded for real (their
 * codes are kept), so the estimate costs nothing when the column is then encoded.
 */
export const DICTIONARY_SAMPLE_ROWS = 1 << 18;

/** The most distinct strings a dictionary-encoded column may have. */
export const MAX_DICTIONARY_SIZE = 1 << 20;

/**
 * The most distinct strings a column of `numRows` rows may have to be stored dictionary-encoded:
 * a quarter of its rows (every string repeats four times on average, so the dictionary is small
 * next to the codes and grouping hashes each string once instead of once per row), at most
 * {@link MAX_DICTIONARY_SIZE}.
 */
export function dictionaryLimit(numRows: number): number {
  return Math.min(Math.floor(numRows / 4), MAX_DICTIONARY_SIZE);
}

/**
 * The most distinct strings the sample of a longer column may show: half its rows. The estimate
 * only rejects columns that are plainly high-cardinality (unique keys, free text) early; a column
 * that passes it is then held to {@link dictionaryLimit} over all its rows.
 */
export function sampleLimit(sampleRows: number): number {
  return Math.floor(sampleRows / 2);
}

// Mirrors DICT_* of wasm/assembly/columns/dict-encode.ts.
const DICT_DONE = 0;
const DICT_OVER_LIMIT = 1;
const DICT_GROW_SLOTS = 2;
const DICT_GROW_OFFSETS = 3;
const DICT_GROW_BYTES = 4;

const HEADER_BYTES = 64;
/** Bytes of one hash slot; mirrors SLOT_SIZE of dict-encode.ts. */
const SLOT_BYTES = 32;
const INITIAL_SLOTS = 1024;
const INITIAL_BYTES = 16 * 1024;

/**
 * Dictionary-encodes a UTF8 column held in `ctx`'s blocks: returns the DICT column (codes and
 * dictionary owned by `ctx`, validity shared with `col`; codes in order of first appearance, a
 * NULL row has code 0), or undefined when the column has more distinct strings than the rules
 * above allow, none at all (every row NULL), or encoding would exceed the memory budget. Either way the encoder's working memory
 * is freed and `col` is left as it was; the caller frees `col`'s offsets and bytes when it keeps
 * the DICT column.
 */
export function dictionaryEncode(ctx: ImportContext, col: ColumnDesc): ColumnDesc | undefined {
  const n = col.length;
  const limit = dictionaryLimit(n);
  if (col.kind !== Kind.UTF8 || limit < 1) return undefined;
  const builder = new DictionaryBuilder(ctx.w);
  let codes = 0;
  try {
    codes = ctx.alloc(n * 4);
    builder.start(col, limit);
    const sample = Math.min(n, DICTIONARY_SAMPLE_ROWS);
    if (sample < n) builder.setLimit(Math.min(limit, sampleLimit(sample)));
    if (!builder.encode(0, sample, codes)) return giveUp(ctx, codes);
    builder.setLimit(limit);
    // An all-NULL column has no entry for its codes to point at: it stays UTF8.
    if (!builder.encode(sample, n, codes) || builder.count() === 0) return giveUp(ctx, codes);
    const dict = ctx.alloc(builder.blockSize());
    builder.finish(dict);
    return { kind: Kind.DICT, validity: col.validity, validityOffset: col.validityOffset, values: codes, data: dict, length: n };
  } catch (e) {
    if (!(e instanceof ResourcesExhaustedError)) throw e;
    // The encoded form is an optimization: without the memory for it, keep the column as it is.
    return giveUp(ctx, codes);
  } finally {
    builder.free();
  }
}

function giveUp(ctx: ImportContext, codes: number): undefined {
  if (codes !== 0) ctx.free(codes);
  return undefined;
}

/**
 * The working memory of dict_encode (header, hash slots, dictionary offsets and bytes) as blocks
 * this object tracks, grown between calls when the kernel asks for room, and freed by {@link free}.
 */
class DictionaryBuilder {
  private header = 0;
  private slots = 0;
  private slotCount = 0;
  private offsets = 0;
  private offsetsCap = 0;
  private bytes = 0;
  private bytesCap = 0;

  constructor(private readonly w: WasmInstance) {}

  /** Allocates the blocks and the descriptor of `col` (kept after the header). */
  start(col: ColumnDesc, limit: number): void {
    const fn = this.w.fn;
    this.header = fn.mem_alloc!(HEADER_BYTES + 32) >>> 0;
    writeDescsAt(this.w, this.header + HEADER_BYTES, [col]);
    this.slotCount = INITIAL_SLOTS;
    this.slots = fn.mem_alloc_zeroed!(this.slotCount * SLOT_BYTES) >>> 0;
    this.offsetsCap = INITIAL_SLOTS / 2 + 1;
    this.offsets = fn.mem_alloc!(this.offsetsCap * 4) >>> 0;
    this.bytesCap = INITIAL_BYTES;
    this.bytes = fn.mem_alloc!(this.bytesCap) >>> 0;
    fn.dict_builder_init!(this.header, this.slots, this.slotCount, limit, this.offsets, this.offsetsCap, this.bytes, this.bytesCap);
  }

  setLimit(limit: number): void {
    this.w.fn.dict_set_limit!(this.header, limit);
  }

  /** Encodes rows [from, to) into `codes`, growing blocks as asked; false when the limit was passed. */
  encode(from: number, to: number, codes: number): boolean {
    const fn = this.w.fn;
    let row = from;
    for (;;) {
      row = fn.dict_encode!(this.header, this.header + HEADER_BYTES, row, to, codes) >>> 0;
      switch (fn.dict_status!(this.header)) {
        case DICT_DONE: return true;
        case DICT_OVER_LIMIT: return false;
        case DICT_GROW_SLOTS: this.growSlots(); break;
        case DICT_GROW_OFFSETS: this.growOffsets(); break;
        case DICT_GROW_BYTES: this.growBytes((fn.dict_bytes_used!(this.header) >>> 0) + (fn.dict_need!(this.header) >>> 0)); break;
        default: throw new Error(`dict_encode: unknown status ${fn.dict_status!(this.header)}`);
      }
    }
  }

  private growSlots(): void {
    const fn = this.w.fn;
    const count = this.slotCount * 2;
    const slots = fn.mem_alloc_zeroed!(count * SLOT_BYTES) >>> 0;
    fn.dict_rehash!(this.header, slots, count);
    fn.mem_free!(this.slots, this.slotCount * SLOT_BYTES);
    this.slots = slots;
    this.slotCount = count;
  }

  private growOffsets(): void {
    const cap = (this.offsetsCap - 1) * 2 + 1;
    this.offsets = this.w.fn.mem_realloc!(this.offsets, this.offsetsCap * 4, cap * 4) >>> 0;
    this.offsetsCap = cap;
    this.moved();
  }

  private growBytes(need: number): void {
    // need <= the column's bytes < 2 GiB (copyStrings checks), so the capacity stays an i32.
    const cap = Math.max(need, Math.min(this.bytesCap * 2, 0x7fffffff));
    this.bytes = this.w.fn.mem_realloc!(this.bytes, this.bytesCap, cap) >>> 0;
    this.bytesCap = cap;
    this.moved();
  }

  private moved(): void {
    this.w.fn.dict_builder_move!(this.header, this.offsets, this.offsetsCap, this.bytes, this.bytesCap);
  }

  /** Distinct strings so far. */
  count(): number {
    return this.w.fn.dict_count!(this.header) >>> 0;
  }

  /** Bytes of the block {@link finish} fills. */
  blockSize(): number {
    return this.w.fn.dict_builder_block_size!(this.header) >>> 0;
  }

  /** Writes the dictionary (descriptor, offsets, bytes) into `block`. */
  finish(block: number): void {
    this.w.fn.dict_builder_finish!(this.header, block);
  }

  /** Frees every block; idempotent. */
  free(): void {
    const fn = this.w.fn;
    if (this.bytes !== 0) fn.mem_free!(this.bytes, this.bytesCap);
    if (this.offsets !== 0) fn.mem_free!(this.offsets, this.offsetsCap * 4);
    if (this.slots !== 0) fn.mem_free!(this.slots, this.slotCount * SLOT_BYTES);
    if (this.header !== 0) fn.mem_free!(this.header, HEADER_BYTES + 32);
    this.header = this.slots = this.offsets = this.bytes = 0;
  }
}
