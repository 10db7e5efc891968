import { describe, expect, it } from 'vitest';
import { Kind } from '../../bindings/column.js';
import { ResourcesExhaustedError } from '../../bindings/errors.js';
import { HashJoinTable, hashJoinFlags, type JoinPairs } from '../../bindings/join-kernel.js';
import { loadWasm } from '../../bindings/node.js';
import { TestBatch, readI32 } from './columns.js';

// The contract of HashJoinTable beyond the property tests: exact small cases, several real probe
// batches, memory hygiene, and errors a caller can act on.

function collect(w: Awaited<ReturnType<typeof loadWasm>>, t: HashJoinTable, probe: TestBatch, keys: number[], maxPairs?: number): [number, number][] {
  const out: [number, number][] = [];
  t.probe(probe, keys, (p: JoinPairs) => {
    const ps = readI32(w, p.probeIdx, p.count);
    const bs = p.buildIdx ? readI32(w, p.buildIdx, p.count) : ps.map(() => NaN);
    ps.forEach((x, i) => out.push([x, bs[i]!]));
  }, { maxPairs });
  return out;
}

for (const debug of [false, true]) {
  describe(`HashJoinTable (${debug ? 'debug' : 'release'} build)`, () => {
    it('matches -0 with 0 and NaN with NaN, never NULL with NULL, in probe order', async () => {
      const w = await loadWasm({ debug });
      const build = new TestBatch(w, 5, [{ kind: Kind.F64, values: [0, NaN, null, 2, 0] }]);
      const probe = new TestBatch(w, 5, [{ kind: Kind.F64, values: [-0, null, NaN, 3, 2] }]);
      const t = HashJoinTable.build(w, build, [0], { joinType: 'left', buildSide: 'right' });
      expect(collect(w, t, probe, [0])).toEqual([[0, 0], [0, 4], [1, -1], [2, 1], [3, -1], [4, 3]]);
      t.free();
      build.free();
      probe.free();
    });

    it('anti keeps probe rows with NULL keys (NOT EXISTS) and semi drops them', async () => {
      const w = await loadWasm({ debug });
      const build = new TestBatch(w, 2, [{ kind: Kind.UTF8, values: ['', 'x'] }]);
      const probe = new TestBatch(w, 4, [{ kind: Kind.UTF8, values: ['', null, 'y', 'x'] }]);
      const anti = HashJoinTable.build(w, build, [0], { joinType: 'anti', buildSide: 'right' });
      const semi = HashJoinTable.build(w, build, [0], { joinType: 'semi', buildSide: 'right' });
      expect(anti.probeOutput).toBe('probe-rows');
      expect(collect(w, anti, probe, [0]).map(([p]) => p)).toEqual([1, 2]);
      expect(collect(w, semi, probe, [0]).map(([p]) => p)).toEqual([0, 3]);
      anti.free();
      semi.free();
      build.free();
      probe.free();
    });

    it('tracks build rows across several probe batches (full join, build = left)', async () => {
      const w = await loadWasm({ debug });
      const build = new TestBatch(w, 6, [{ kind: Kind.I64, values: [1n, 2n, 2n, null, 3n, 4n] }]);
      const batches = [
        new TestBatch(w, 3, [{ kind: Kind.I32, values: [0] }, { kind: Kind.I64, values: [2n, 9n, null] }]),
        new TestBatch(w, 2, [{ kind: Kind.I32, values: [0] }, { kind: Kind.I64, values: [4n, 2n] }]),
      ];
      const t = HashJoinTable.build(w, build, [0], { joinType: 'full', buildSide: 'left' });
      expect(t.buildRowsAtEnd).toBe('unmatched');
      expect(collect(w, t, batches[0]!, [1], 1)).toEqual([[0, 1], [0, 2], [1, -1], [2, -1]]);
      expect(collect(w, t, batches[1]!, [1])).toEqual([[0, 5], [1, 1], [1, 2]]);
      const rest: number[] = [];
      t.unmatchedBuildRows((p, n) => rest.push(...readI32(w, p, n)), 2);
      expect(rest).toEqual([0, 3, 4]);
      t.free();
      for (const b of [build, ...batches]) b.free();
    });

    it('semi and anti with build = left emit nothing on probe and the matched / unmatched build rows at the end', async () => {
      const w = await loadWasm({ debug });
      const build = new TestBatch(w, 4, [{ kind: Kind.I32, values: [5, 6, null, 5] }]);
      const probe = new TestBatch(w, 3, [{ kind: Kind.I32, values: [5, 7, null] }]);
      const semi = HashJoinTable.build(w, build, [0], { joinType: 'semi', buildSide: 'left' });
      const anti = HashJoinTable.build(w, build, [0], { joinType: 'anti', buildSide: 'left' });
      for (const t of [semi, anti]) expect(collect(w, t, probe, [0])).toEqual([]);
      const rows = (t: HashJoinTable) => {
        const r: number[] = [];
        const f = t.buildRowsAtEnd === 'matched' ? t.matchedBuildRows : t.unmatchedBuildRows;
        f.call(t, (p, n) => r.push(...readI32(w, p, n)));
        return r;
      };
      expect(rows(semi)).toEqual([0, 3]);
      expect(rows(anti)).toEqual([1, 2]);
      const final = (t: HashJoinTable) => {
        const r: number[] = [];
        t.finalBuildRows((p, n) => r.push(...readI32(w, p, n)), 1);
        return r;
      };
      expect(final(semi)).toEqual([0, 3]);
      expect(final(anti)).toEqual([1, 2]);
      // Joins that keep no build rows for the end emit none.
      for (const joinType of ['inner', 'semi', 'anti', 'left'] as const) {
        const t = HashJoinTable.build(w, build, [0], { joinType, buildSide: 'right' });
        expect(t.buildRowsAtEnd).toBe(null);
        expect(final(t)).toEqual([]);
        t.free();
        expect(() => final(t)).toThrow(/freed/);
      }
      semi.free();
      anti.free();
      build.free();
      probe.free();
    });

    it('picks the dense path for a compact integer key and hashing otherwise', async () => {
      const w = await loadWasm({ debug });
      const dense = new TestBatch(w, 3, [{ kind: Kind.I32, values: [10, 12, 11] }]);
      const sparse = new TestBatch(w, 3, [{ kind: Kind.I32, values: [10, 1 << 30, -(1 << 30)] }]);
      const extreme = new TestBatch(w, 2, [{ kind: Kind.I64, values: [-(1n << 63n), (1n << 63n) - 1n] }]);
      const opts = { joinType: 'inner', buildSide: 'right' } as const;
      const cases: [TestBatch, boolean, string][] = [[dense, true, 'dense'], [dense, false, 'hash'], [sparse, true, 'hash'], [extreme, true, 'hash']];
      for (const [b, allowDense, strategy] of cases) {
        const t = HashJoinTable.build(w, b, [0], { ...opts, allowDense });
        expect(t.strategy).toBe(strategy);
        expect(collect(w, t, b, [0]).length).toBe(b.numRows);
        t.free();
      }
      for (const b of [dense, sparse, extreme]) b.free();
    });

    it('finds keys that overflowed their home bucket (20,000 keys, hash path)', async () => {
      const w = await loadWasm({ debug });
      const n = 20_000;
      const cases: [Kind, (i: number) => number | bigint | string][] = [
        [Kind.I32, (i) => i * 7919],
        [Kind.I64, (i) => BigInt(i) << 36n],
        [Kind.UTF8, (i) => `s${i}`],
      ];
      for (const [kind, key] of cases) {
        const build = new TestBatch(w, n, [{ kind, values: Array.from({ length: n }, (_, i) => key(i)) }]);
        // Every build key once (reversed), plus keys that are absent.
        const probe = new TestBatch(w, n, [{ kind, values: Array.from({ length: n }, (_, i) => key(i % 2 ? n - 1 - i : n + i)) }]);
        const t = HashJoinTable.build(w, build, [0], { joinType: 'left', buildSide: 'right', allowDense: false });
        expect(t.strategy).toBe('hash');
        const got = collect(w, t, probe, [0]);
        expect(got.length).toBe(n);
        got.forEach(([p, b], i) => {
          expect(p).toBe(i);
          expect(b).toBe(i % 2 ? n - 1 - i : -1);
        });
        t.free();
        build.free();
        probe.free();
      }
    });

    it('returns to the memory in use before build after free, and keeps the arena at its mark', async () => {
      const w = await loadWasm({ debug });
      const build = new TestBatch(w, 1000, [{ kind: Kind.UTF8, values: Array.from({ length: 1000 }, (_, i) => `k${i % 300}`) }]);
      const probe = new TestBatch(w, 1000, [{ kind: Kind.UTF8, values: Array.from({ length: 1000 }, (_, i) => (i % 7 ? `k${i % 400}` : null)) }]);
      // The caller's own scratch below the mark; the arena's first chunk is retained, so the base is taken after it.
      w.fn.arena_alloc!(64);
      const base = w.inUseBytes();
      const mark = w.fn.arena_mark!() >>> 0;
      for (let round = 0; round < 3; round++) {
        const t = HashJoinTable.build(w, build, [0], { joinType: 'full', buildSide: 'right' });
        let pairs = 0;
        t.probe(probe, [0], (p) => {
          expect(p.probeIdx).toBeGreaterThan(mark);
          pairs += p.count;
        }, { maxPairs: 100, residual: (c) => ({ selPtr: 0, count: c.count }) });
        expect(w.fn.arena_mark!() >>> 0).toBe(mark);
        t.unmatchedBuildRows(() => undefined, 50);
        expect(w.fn.arena_mark!() >>> 0).toBe(mark);
        expect(pairs).toBeGreaterThan(1000);
        t.free();
        expect(w.inUseBytes()).toBe(base);
      }
      build.free();
      probe.free();
    });

    it('rejects mismatched keys, bad options and use after free with messages naming the problem', async () => {
      const w = await loadWasm({ debug });
      const b = new TestBatch(w, 2, [{ kind: Kind.I32, values: [1, 2] }, { kind: Kind.F64, values: [1, 2] }]);
      expect(() => HashJoinTable.build(w, b, [], { joinType: 'inner', buildSide: 'left' })).toThrow(/at least one key/);
      expect(() => HashJoinTable.build(w, b, [5], { joinType: 'inner', buildSide: 'left' })).toThrow(/column 5.*2 columns/);
      const t = HashJoinTable.build(w, b, [0], { joinType: 'inner', buildSide: 'left' });
      expect(() => t.probe(b, [1], () => undefined)).toThrow(/key 0 has kind 4 on the probe side but 2/);
      expect(() => t.probe(b, [0, 1], () => undefined)).toThrow(/2 key columns, the build side 1/);
      expect(() => t.probe(b, [0], () => undefined, { maxPairs: 0 })).toThrow(/maxPairs/);
      expect(() => t.unmatchedBuildRows(() => undefined)).toThrow(/does not track/);
      expect(() => t.probe(b, [0], () => undefined, { residual: () => ({ selPtr: 0, count: 1 }) })).toThrow(/residual filter selected 1 of 2/);
      t.free();
      expect(() => t.probe(b, [0], () => undefined)).toThrow(/freed/);
      b.free();
    });

    it('reports an exhausted memory budget as ResourcesExhausted', async () => {
      const w = await loadWasm({ debug, memoryBudgetBytes: 4 << 20 });
      const n = 200_000;
      const b = new TestBatch(w, n, [{ kind: Kind.I32, values: Array.from({ length: n }, (_, i) => i * 977) }]);
      expect(() => HashJoinTable.build(w, b, [0], { joinType: 'inner', buildSide: 'left' })).toThrow(ResourcesExhaustedError);
    });
  });
}

describe('hashJoinFlags', () => {
  it('maps each join type and build side to the kernel semantics', () => {
    expect(hashJoinFlags('inner', 'left')).toBe(4);
    expect(hashJoinFlags('left', 'right')).toBe(4 | 1);
    expect(hashJoinFlags('left', 'left')).toBe(4 | 2);
    expect(hashJoinFlags('right', 'left')).toBe(4 | 1);
    expect(hashJoinFlags('full', 'right')).toBe(7);
    expect(hashJoinFlags('semi', 'right')).toBe(8);
    expect(hashJoinFlags('anti', 'left')).toBe(2);
  });
});
