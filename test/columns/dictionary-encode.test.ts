// Dictionary encoding of Utf8 columns at import (dictionary-encoder.ts, columns/dict-encode.ts):
// which columns are encoded, that the codes and dictionary reproduce every row, that export gives
// the same strings back, and that no path (kept, given up, out of budget) leaks memory.
import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { exportTable } from '../../bindings/arrow-export.js';
import { importArrow, type ArrowInput } from '../../bindings/arrow-import.js';
import { Kind, type ColumnDesc } from '../../bindings/column.js';
import { DICTIONARY_SAMPLE_ROWS, MAX_DICTIONARY_SIZE, dictionaryEncode, dictionaryLimit, sampleLimit } from '../../bindings/dictionary-encoder.js';
import { ImportContext } from '../../bindings/import-context.js';
import { ResourcesExhaustedError } from '../../bindings/errors.js';
import { loadWasm } from '../../bindings/node.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';
import { LENGTHS, rng } from './arrow-fixtures.js';

const decoder = new TextDecoder();
const FEW = ['apple', '', 'ünïcödé', '🍒 cherry', 'x'.repeat(40), 'apple ', 'NULL'];

/** The strings of a UTF8 descriptor at `desc` in linear memory. */
function readUtf8(w: WasmInstance, desc: number): string[] {
  const u32 = w.views.u32;
  const i32 = w.views.i32;
  const [offsets, data, length] = [u32[(desc + 12) >> 2]!, u32[(desc + 16) >> 2]!, u32[(desc + 20) >> 2]!];
  return Array.from({ length }, (_, i) => decoder.decode(w.views.u8.subarray(data + i32[(offsets >> 2) + i]!, data + i32[(offsets >> 2) + i + 1]!)));
}

/** A DICT column's rows as strings (NULL rows as null), checking codes, NULL codes and the dictionary's order. */
function readDict(w: WasmInstance, col: ColumnDesc): { rows: (string | null)[]; dictionary: string[] } {
  const dictionary = readUtf8(w, col.data);
  expect(new Set(dictionary).size, 'dictionary entries are distinct').toBe(dictionary.length);
  const rows: (string | null)[] = [];
  let next = 0;
  for (let i = 0; i < col.length; i++) {
    const code = w.views.i32[(col.values >> 2) + i]!;
    const bit = col.validityOffset + i;
    const valid = col.validity === 0 || ((w.views.u8[col.validity + (bit >> 3)]! >> (bit & 7)) & 1) === 1;
    if (!valid) {
      expect(code, `NULL row ${i} has code 0`).toBe(0);
      rows.push(null);
      continue;
    }
    expect(code, `codes in order of first appearance (row ${i})`).toBeLessThanOrEqual(next);
    if (code === next) next++;
    rows.push(dictionary[code]!);
  }
  expect(next, 'every entry is used').toBe(dictionary.length);
  return { rows, dictionary };
}

function utf8Table(values: readonly (string | null)[], type: arrow.Utf8 | arrow.LargeUtf8 = new arrow.Utf8(), chunks = 1): arrow.Table {
  const per = Math.max(1, Math.ceil(values.length / chunks));
  const batches: arrow.RecordBatch[] = [];
  for (let k = 0; k < Math.max(1, chunks); k++) {
    const part = values.slice(k * per, (k + 1) * per);
    if (part.length === 0 && k > 0) continue;
    batches.push(new arrow.RecordBatch({ s: arrow.vectorFromArray(part as (string | null)[], type).data[0]! }));
  }
  return new arrow.Table(batches);
}

function values(n: number, distinct: 'few' | 'all', nullRate: number, seed: number): (string | null)[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => (r() < nullRate ? null : distinct === 'few' ? FEW[Math.floor(r() * FEW.length)]! : `s${i}`));
}

/** Whether the rule says `vals` should be encoded: at least one and at most dictionaryLimit distinct strings. */
function expectEncoded(vals: readonly (string | null)[]): boolean {
  const distinct = new Set(vals.filter((v) => v !== null)).size;
  return distinct >= 1 && distinct <= dictionaryLimit(vals.length);
}

/** Imports `input`, checks kind and contents of column 0 against `vals`, exports it back, frees; memory returns to where it was. */
function roundTrip(w: WasmInstance, input: ArrowInput, vals: readonly (string | null)[], encoded: boolean, dictionaryEncode?: boolean): void {
  const used = w.inUseBytes();
  const mark = w.fn.arena_mark!() >>> 0;
  const table = importArrow(w, input, dictionaryEncode === undefined ? {} : { dictionaryEncode });
  const col = table.columns[0]!;
  expect(col.kind).toBe(encoded ? Kind.DICT : Kind.UTF8);
  if (encoded) expect(readDict(w, col).rows).toEqual(vals);
  const out = exportTable(w, [table], table.schema);
  expect(arrow.DataType.isUtf8(out.schema.fields[0]!.type) || arrow.DataType.isLargeUtf8(out.schema.fields[0]!.type)).toBe(true);
  expect(Array.from(out.getChildAt(0)!)).toEqual(vals);
  w.fn.arena_reset!(mark);
  w.fn.arena_trim!(); // the export's arena chunks
  table.free();
  expect(w.inUseBytes()).toBe(used);
  expect(w.fn.arena_mark!() >>> 0).toBe(mark);
}

describe('dictionary encoding of Utf8 columns at import', () => {
  for (const debug of [false, true]) {
    it(`encodes few-distinct columns and keeps all-distinct ones, every length, with and without NULLs (${debug ? 'debug' : 'release'})`, async () => {
      const w = await loadWasm({ debug });
      let seed = 1;
      for (const n of LENGTHS) {
        for (const distinct of ['few', 'all'] as const) {
          for (const nullRate of [0, 0.3]) {
            const vals = values(n, distinct, nullRate, seed++);
            const encoded = expectEncoded(vals);
            if (distinct === 'few' && n >= 64) expect(encoded).toBe(true);
            if (distinct === 'all') expect(encoded).toBe(false);
            roundTrip(w, utf8Table(vals), vals, encoded);
            roundTrip(w, utf8Table(vals, new arrow.LargeUtf8(), 3), vals, encoded);
            roundTrip(w, utf8Table(vals), vals, false, false);
          }
        }
      }
    });
  }

  it('encodes empty strings, an all-NULL column keeps UTF8 (no dictionary entry to point at)', async () => {
    const w = await loadWasm();
    const empties = Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? null : ''));
    roundTrip(w, utf8Table(empties), empties, true);
    const { dictionary } = readDict(w, importArrow(w, utf8Table(empties)).columns[0]!);
    expect(dictionary).toEqual(['']);
    const nulls = Array.from({ length: 100 }, () => null);
    roundTrip(w, utf8Table(nulls), nulls, false);
  });

  it('hashes colliding prefixes and long strings apart, and grows its tables past their first sizes', async () => {
    const w = await loadWasm();
    // 5,000 distinct strings (past the first 1,024 slots and 16 KiB of bytes), each 8 times, long
    // ones sharing a 64-byte prefix and short ones differing in their last byte only.
    const distinct = Array.from({ length: 5000 }, (_, i) => (i % 2 ? 'p'.repeat(64) + String(i) : `k${String(i).padStart(5, '0')}`));
    const r = rng(5);
    const vals = Array.from({ length: 40_000 }, (_, i) => (i < 5000 ? distinct[i]! : distinct[Math.floor(r() * 5000)]!));
    roundTrip(w, utf8Table(vals, new arrow.Utf8(), 4), vals, true);
  });

  it('compares whole strings when 24-bit hash tags collide (thousands of same-length strings differing in one word)', async () => {
    const w = await loadWasm();
    // Four groups of 12,000 strings of one length each (24 bytes, differing in word 0, 1 or 2; and
    // 40 bytes, differing at the end): about four tag collisions per group are expected.
    const distinct: string[] = [];
    for (const [len, at] of [[24, 0], [24, 8], [24, 16], [40, 32]] as const) {
      for (let i = 0; i < 12_000; i++) distinct.push('a'.repeat(at) + String(i).padStart(8, '0') + 'a'.repeat(len - at - 8));
    }
    const r = rng(13);
    const vals = Array.from({ length: distinct.length * 4 }, (_, i) => (i < distinct.length ? distinct[i]! : distinct[Math.floor(r() * distinct.length)]!));
    roundTrip(w, utf8Table(vals), vals, true);
  });

  it('tells strings apart at the inline-length boundary (24 bytes) and past the 255-byte length cap of the tag', async () => {
    const w = await loadWasm();
    const distinct: string[] = [];
    for (const len of [0, 1, 7, 8, 9, 15, 16, 17, 23, 24, 25, 31, 32, 33, 254, 255, 256, 300]) {
      distinct.push('q'.repeat(len), 'q'.repeat(Math.max(0, len - 1)) + 'r', '\u0000'.repeat(len));
    }
    const unique = [...new Set(distinct)];
    const r = rng(9);
    const vals = Array.from({ length: unique.length * 6 }, (_, i) => (i < unique.length ? unique[i]! : unique[Math.floor(r() * unique.length)]!));
    roundTrip(w, utf8Table(vals), vals, true);
  });

  it('reads rows that end at the very end of linear memory byte by byte, with the same codes', async () => {
    // A fresh instance and a small column: the few bytes at the end of memory are past every block.
    const w = await loadWasm();
    // Pairs of equal length that differ only in word 0, 1 or 2.
    const words = ['k0000000', 'k0000001', 'x'.repeat(8) + '1', 'x'.repeat(8) + '2', 'y'.repeat(16) + 'a', 'y'.repeat(16) + 'b', 'z'.repeat(24), 'z'.repeat(23) + 'Z'];
    const r = rng(21);
    const vals = Array.from({ length: 1000 }, () => (r() < 0.1 ? null : words[Math.floor(r() * words.length)]!));
    const table = importArrow(w, utf8Table(vals), { dictionaryEncode: false });
    const col = table.columns[0]!;
    const first = w.views.i32[col.values >> 2]!;
    const total = w.views.i32[(col.values >> 2) + col.length]! - first;
    const atTop = w.views.u8.length - total; // the same bytes, moved to end exactly at the end of memory
    w.views.u8.copyWithin(atTop, col.data + first, col.data + first + total);
    const encodeAt = (data: number): number[] => {
      const ctx = new ImportContext(w);
      const d = dictionaryEncode(ctx, { ...col, data: data - first })!;
      const got = readDict(w, d);
      expect(got.rows).toEqual(vals);
      const codes = Array.from(w.views.i32.subarray(d.values >> 2, (d.values >> 2) + d.length));
      ctx.freeAll();
      return codes;
    };
    const length = w.views.u8.length;
    const inPlace = encodeAt(col.data + first);
    expect(encodeAt(atTop)).toEqual(inPlace);
    expect(w.views.u8.length, 'memory did not grow, so the end stayed the end').toBe(length);
    table.free();
  });

  it('decides on a sample and gives up when the whole column crosses the limit', async () => {
    const w = await loadWasm();
    const n = DICTIONARY_SAMPLE_ROWS + (DICTIONARY_SAMPLE_ROWS >> 1);
    expect(dictionaryLimit(n)).toBeLessThan(DICTIONARY_SAMPLE_ROWS >> 1);
    // The sample has 10 distinct strings; the rest is all distinct: past dictionaryLimit(n).
    const crossing = Array.from({ length: n }, (_, i) => (i < DICTIONARY_SAMPLE_ROWS ? `w${i % 10}` : `u${i}`));
    roundTrip(w, utf8Table(crossing), crossing, false);
    // The same sample and a rest that stays under the limit: encoded.
    const under = Array.from({ length: n }, (_, i) => (i < DICTIONARY_SAMPLE_ROWS ? `w${i % 10}` : `u${i % 50_000}`));
    expect(expectEncoded(under)).toBe(true);
    roundTrip(w, utf8Table(under), under, true);
    // A sample with more than sampleLimit distinct strings is not encoded, whatever the rest holds.
    const rejected = Array.from({ length: n }, (_, i) => (i < DICTIONARY_SAMPLE_ROWS ? `v${i % (sampleLimit(DICTIONARY_SAMPLE_ROWS) + 1)}` : 'same'));
    roundTrip(w, utf8Table(rejected), rejected, false);
    expect(MAX_DICTIONARY_SIZE).toBe(dictionaryLimit(Number.MAX_SAFE_INTEGER));
  });

  it('under a tight budget imports as DICT, falls back to UTF8, or fails with ResourcesExhaustedError; nothing leaks', async () => {
    const w = await loadWasm();
    const vals = values(50_000, 'few', 0.1, 77);
    const input = utf8Table(vals);
    const base = w.inUseBytes();
    const outcomes = new Set<string>();
    for (let extra = 0; extra <= (2 << 20); extra += 16 << 10) {
      w.fn.mem_set_budget!(base + extra);
      try {
        const table = importArrow(w, input);
        const col = table.columns[0]!;
        outcomes.add(col.kind === Kind.DICT ? 'dict' : 'utf8');
        w.fn.mem_set_budget!(0);
        const out = exportTable(w, [table], table.schema);
        expect(Array.from(out.getChildAt(0)!)).toEqual(vals);
        table.free();
      } catch (e) {
        expect(e).toBeInstanceOf(ResourcesExhaustedError);
        outcomes.add('exhausted');
      }
      w.fn.mem_set_budget!(0);
      w.fn.arena_reset!(0);
      w.fn.arena_trim!();
      expect(w.inUseBytes(), `budget base + ${extra}`).toBe(base);
    }
    expect([...outcomes].sort()).toEqual(['dict', 'exhausted', 'utf8']);
  });
});
