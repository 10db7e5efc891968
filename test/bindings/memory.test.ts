import { describe, expect, it } from 'vitest';
import { loadWasm } from '../../bindings/node.js';
import { ResourcesExhaustedError } from '../../bindings/errors.js';

describe('memory manager', () => {
  for (const debug of [false, true]) {
    describe(debug ? 'debug build' : 'release build', () => {
      it('hands out 64-byte aligned blocks and reuses freed ones', async () => {
        const w = await loadWasm({ debug });
        const a = w.fn.mem_alloc!(100) >>> 0;
        const b = w.fn.mem_alloc!(100000) >>> 0;
        expect(a % 64).toBe(0);
        expect(b % 64).toBe(0);
        const used = w.inUseBytes();
        w.fn.mem_free!(a, 100);
        w.fn.mem_free!(b, 100000);
        expect(w.inUseBytes()).toBe(used - 128 - 131072);
        expect(w.fn.mem_alloc!(100) >>> 0).toBe(a);
        expect(w.fn.mem_alloc!(100000) >>> 0).toBe(b);
      });

      it('coalesces freed large runs so a bigger block fits where two were', async () => {
        const w = await loadWasm({ debug });
        const a = w.fn.mem_alloc!(65536) >>> 0;
        const b = w.fn.mem_alloc!(65536) >>> 0;
        w.fn.mem_alloc!(65536); // keeps the top from absorbing them
        w.fn.mem_free!(a, 65536);
        w.fn.mem_free!(b, 65536);
        expect(w.fn.mem_alloc!(131072) >>> 0).toBe(Math.min(a, b));
      });

      it('resets the arena to a mark and reuses its chunks', async () => {
        const w = await loadWasm({ debug });
        const mark = w.fn.arena_mark!() >>> 0;
        const p = w.fn.arena_alloc!(1000) >>> 0;
        w.fn.arena_alloc!(3 << 20); // a chunk of its own
        const used = w.inUseBytes();
        w.fn.arena_reset!(mark);
        expect(w.fn.arena_alloc!(1000) >>> 0).toBe(p);
        expect(w.inUseBytes()).toBe(used);
        const inner = w.fn.arena_mark!() >>> 0;
        const q = w.fn.arena_alloc!(64) >>> 0;
        w.fn.arena_reset!(inner);
        expect(w.fn.arena_alloc!(64) >>> 0).toBe(q);
      });

      it('fails with ResourcesExhausted, not a trap, when the budget is exceeded, and stays usable', async () => {
        const w = await loadWasm({ debug, memoryBudgetBytes: 8 << 20 });
        w.fn.mem_alloc!(4 << 20);
        let err: unknown;
        try {
          w.fn.mem_alloc!(6 << 20);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(ResourcesExhaustedError);
        expect((err as ResourcesExhaustedError).requestedBytes).toBe(6 << 20);
        expect((err as Error).message).toMatch(/memory budget of 8\.0 MiB is exhausted/);
        expect(w.fn.mem_alloc!(1 << 20) >>> 0).toBeGreaterThan(0);
      });

      it('re-derives views after memory grows', async () => {
        const w = await loadWasm({ debug });
        const before = w.views.u8;
        const p = w.fn.mem_alloc!(64 << 20) >>> 0;
        const after = w.views.u8;
        expect(after.buffer).not.toBe(before.buffer);
        after[p + (64 << 20) - 1] = 7;
        expect(w.views.u8[p + (64 << 20) - 1]).toBe(7);
      });
    });
  }
});
