import { describe, expect, it } from 'vitest';
import { exportTable } from '../../bindings/arrow-export.js';
import { importArrow } from '../../bindings/arrow-import.js';
import { gather } from '../../bindings/columns-kernel.js';
import { loadWasm } from '../../bindings/node.js';
import { sliceBatch } from '../../bindings/slice.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';
import { LENGTHS, TYPE_CASES, cells, makeTable, rng } from './arrow-fixtures.js';

function writeIndices(w: WasmInstance, idx: readonly number[]): number {
  const ptr = w.fn.arena_alloc!(Math.max(1, idx.length) * 4) >>> 0;
  w.views.i32.set(idx, ptr >> 2);
  return ptr;
}

describe('gather', () => {
  for (const debug of [false, true]) {
    for (const nullRate of [0, 0.3]) {
      it(`takes rows of every kind by index, -1 giving NULL (${debug ? 'debug' : 'release'}, ${nullRate ? 'with' : 'without'} nulls)`, async () => {
        const w = await loadWasm({ debug });
        const table = makeTable(TYPE_CASES, [1007], nullRate, 17);
        const resident = importArrow(w, table);
        const source = sliceBatch(resident, 7, 1000); // an odd validity offset and moved pointers
        const expected = TYPE_CASES.map((_, c) => cells(table, c).slice(7));
        const r = rng(99);
        for (const n of LENGTHS) {
          for (const withMissing of [false, true]) {
            const idx = Array.from({ length: n }, () => (withMissing && r() < 0.2 ? -1 : Math.floor(r() * 1000)));
            const mark = w.fn.arena_mark!() >>> 0;
            const out = gather(w, source, writeIndices(w, idx), n);
            expect(out.numRows).toBe(n);
            const hasNulls = withMissing && idx.some((i) => i < 0);
            out.columns.forEach((col, c) => {
              expect(col.kind).toBe(resident.columns[c]!.kind);
              expect(col.validityOffset).toBe(0);
              if (!hasNulls && source.columns[c]!.validity === 0) expect(col.validity).toBe(0);
            });
            const exported = exportTable(w, [out], resident.schema);
            TYPE_CASES.forEach((tc, c) => {
              expect(cells(exported, c), `${tc.name} n=${n}`).toEqual(idx.map((i) => (i < 0 ? null : expected[c]![i])));
            });
            w.fn.arena_reset!(mark);
            expect(w.fn.arena_mark!() >>> 0).toBe(mark);
          }
        }
        const used = w.inUseBytes();
        for (let k = 0; k < 5; k++) {
          const mark = w.fn.arena_mark!() >>> 0;
          gather(w, source, writeIndices(w, [3, -1, 999, 0]), 4);
          w.fn.arena_reset!(mark);
        }
        expect(w.inUseBytes()).toBe(used);
        resident.free();
      });
    }
  }
});
