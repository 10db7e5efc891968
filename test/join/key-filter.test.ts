import { describe, expect, it } from 'vitest';
import { Kind } from '../../bindings/column.js';
import { ResourcesExhaustedError } from '../../bindings/errors.js';
import { HashJoinTable, type HashJoinType, type KeyFilter } from '../../bindings/join-kernel.js';
import { loadWasm } from '../../bindings/node.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';
import { TestBatch, rng, type Val } from './columns.js';
import { runHashJoin } from './harness.js';
import { mapEquiJoin, nestedLoopJoin, rowKeysEqual } from './reference.js';

// The key pre-filter of the hash join (bitmap over an integer key's min..max, Bloom filter over
// the key hash) may only skip probe rows without a match: every join type must give what the
// nested-loop reference gives, whatever the filter, with NULLs, duplicates, extreme values, keys
// outside and inside the build keys' range, and probe vectors that all miss or all match (a
// filter that passes most of a vector rests, then checks again).

const JOIN_TYPES: HashJoinType[] = ['inner', 'left', 'right', 'full', 'semi', 'anti'];
const I32_MIN = -(2 ** 31);
const I32_MAX = 2 ** 31 - 1;
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;

/** A key layout: its column kinds, the filter it must get, and the values of a key code. */
interface FilterConfig {
  readonly name: string;
  readonly kinds: readonly Kind[];
  readonly rightKinds?: readonly Kind[];
  readonly filter: KeyFilter;
  /** Values of key code `code` (>= 0) in column `col`; codes that differ give different keys. */
  readonly value: (code: number, col: number) => Val;
}

/**
 * Code -> value with gaps between codes (7 apart) so that misses also fall inside min..max. Code 0
 * is the value TestBatch writes under a NULL, so a NULL probe key that got looked up would match.
 */
const spaced = (c: number) => 12345 - c * 7;

const CONFIGS: FilterConfig[] = [
  { name: 'i32 bitmap', kinds: [Kind.I32], filter: 'bitmap', value: spaced },
  { name: 'i32 bitmap at the top of the i32 range', kinds: [Kind.I32], filter: 'bitmap', value: (c) => I32_MAX - c * 7 },
  { name: 'i32 bloom (range too wide for a bitmap)', kinds: [Kind.I32], filter: 'bloom', value: (c) => Math.imul(c, 1_000_003) },
  {
    name: 'i32 bloom with the extremes',
    kinds: [Kind.I32],
    filter: 'bloom',
    value: (c) => (c === 0 ? I32_MIN : c === 1 ? I32_MAX : c === 2 ? 0 : c === 3 ? -1 : Math.imul(c, 2_654_435)),
  },
  { name: 'i64 bitmap', kinds: [Kind.I64], filter: 'bitmap', value: (c) => 7n + BigInt(c) * 7n },
  { name: 'i64 bitmap above 2^40', kinds: [Kind.I64], filter: 'bitmap', value: (c) => (1n << 40n) - BigInt(spaced(c)) },
  {
    name: 'i64 bloom with the extremes',
    kinds: [Kind.I64],
    filter: 'bloom',
    value: (c) => (c === 0 ? I64_MIN : c === 1 ? I64_MAX : c === 2 ? 7n : c === 3 ? -1n : BigInt.asIntN(64, BigInt(c) * 0x9e3779b97f4a7c1n)),
  },
  { name: 'utf8 x dict bloom', kinds: [Kind.UTF8], rightKinds: [Kind.DICT], filter: 'bloom', value: (c) => (c === 0 ? '' : `key ${c}`) },
  { name: 'i32 + i64 bloom', kinds: [Kind.I32, Kind.I64], filter: 'bloom', value: (c, k) => (k === 0 ? c >> 1 : BigInt(c & 1) * 1000n) },
  { name: 'f64 bloom (-0 = 0, NaN = NaN)', kinds: [Kind.F64], filter: 'bloom', value: (c) => (c === 0 ? -0 : c === 1 ? NaN : c === 2 ? 0 : c / 8) },
];

/** How the probe side's key codes relate to the build side's. */
type ProbeShape = 'mixed' | 'all-miss' | 'all-hit' | 'hits-then-misses';

interface Side {
  readonly batch: TestBatch;
  readonly keys: number[];
  readonly keyVals: Val[][];
}

function makeSide(w: WasmInstance, cfg: FilterConfig, kinds: readonly Kind[], codes: readonly (number | null)[]): Side {
  const keyVals = kinds.map((_, k) => codes.map((c) => (c === null ? null : cfg.value(c, k))));
  const batch = new TestBatch(w, codes.length, [
    { kind: Kind.I32, values: codes.map((_, i) => i) },
    ...kinds.map((kind, k) => ({ kind, values: keyVals[k]! })),
  ]);
  return { batch, keys: kinds.map((_, k) => k + 1), keyVals };
}

/**
 * Build codes: `n` draws from 0 .. domain (duplicates unless `unique`), every tenth NULL when
 * `nulls`. Probe codes per `shape`: hits are build codes, misses are codes the build lacks, from
 * inside and beyond the build codes' span.
 */
function makeCodes(n: number, m: number, shape: ProbeShape, unique: boolean, nulls: boolean, seed: number) {
  const rand = rng(seed);
  const domain = Math.max(4, unique ? n * 2 : Math.ceil(n / 2));
  const pool = Array.from({ length: domain }, (_, i) => i);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  const build: (number | null)[] = unique
    ? pool.slice(0, n)
    : Array.from({ length: n }, () => pool[Math.floor(rand() * (domain / 2))]!);
  const present = new Set(build);
  const hit = () => (build.length === 0 ? 0 : build[Math.floor(rand() * build.length)]!);
  const miss = () => {
    for (;;) {
      const c = Math.floor(rand() * domain * 3);
      if (!present.has(c)) return c;
    }
  };
  const probe: (number | null)[] = Array.from({ length: m }, (_, i) => {
    switch (shape) {
      case 'all-hit': return build.length > 0 ? hit() : miss();
      case 'all-miss': return miss();
      case 'hits-then-misses': return i < m / 2 && build.length > 0 ? hit() : miss();
      default: return rand() < 0.4 && build.length > 0 ? hit() : miss();
    }
  });
  if (nulls) {
    for (let i = 0; i < n; i += 10) build[i] = null;
    for (let i = 3; i < m; i += 10) probe[i] = null;
  }
  return { build, probe };
}

/**
 * Runs every join type and both build sides over one dataset against the nested loop, or against
 * the Map join (`large`) after checking that it agrees with the nested loop on a prefix.
 */
function checkAll(w: WasmInstance, cfg: FilterConfig, n: number, m: number, shape: ProbeShape, unique: boolean, nulls: boolean, seed: number, large = false): void {
  const { build: buildCodes, probe: probeCodes } = makeCodes(n, m, shape, unique, nulls, seed);
  // The build side is the right input with buildSide 'right' and the left one with 'left': put the
  // build codes on each side in turn.
  for (const buildSide of ['right', 'left'] as const) {
    const leftCodes = buildSide === 'left' ? buildCodes : probeCodes;
    const rightCodes = buildSide === 'left' ? probeCodes : buildCodes;
    const left = makeSide(w, cfg, cfg.kinds, leftCodes);
    const right = makeSide(w, cfg, cfg.rightKinds ?? cfg.kinds, rightCodes);
    const probeN = buildSide === 'left' ? rightCodes.length : leftCodes.length;
    const on = (l: number, r: number) => rowKeysEqual(left.keyVals, l, right.keyVals, r);
    const all = (k: number) => Array.from({ length: k }, (_, i) => i);
    const buildN = buildSide === 'left' ? leftCodes.length : rightCodes.length;
    // Small build sides may get a bitmap (a narrow range) where larger ones get a Bloom filter.
    if (buildN >= 63) {
      const b = buildSide === 'left' ? left : right;
      const table = HashJoinTable.build(w, b.batch, b.keys, { joinType: 'inner', buildSide, allowDense: false });
      expect(table.keyFilter, `${cfg.name}: filter of ${buildN} build rows`).toBe(cfg.filter);
      table.free();
    }
    for (const joinType of JOIN_TYPES) {
      for (const chunked of large ? [seed % 2 === 0] : [false, true]) {
        // Chunked: the probe side in two batches through selection vectors (every third row
        // dropped), at most 7 entries per output chunk (1,000 for large inputs).
        const rows = chunked ? all(probeN).filter((i) => i % 3 !== 1) : all(probeN);
        const batches = chunked ? [rows.slice(0, rows.length >> 1), rows.slice(rows.length >> 1)] : undefined;
        const leftRows = buildSide === 'left' ? all(leftCodes.length) : rows;
        const rightRows = buildSide === 'left' ? rows : all(rightCodes.length);
        const expected = large ? mapEquiJoin(joinType, leftRows, rightRows, left.keyVals, right.keyVals) : nestedLoopJoin(joinType, leftRows, rightRows, on);
        if (large) {
          const few = (r: number[]) => r.slice(0, 300);
          expect(mapEquiJoin(joinType, few(leftRows), few(rightRows), left.keyVals, right.keyVals)).toEqual(nestedLoopJoin(joinType, few(leftRows), few(rightRows), on));
        }
        const got = runHashJoin(w, left, right, { joinType, buildSide, probeBatches: batches, maxPairs: chunked ? (large ? 1000 : 7) : undefined, allowDense: false });
        expect(got, `${cfg.name} ${joinType} build=${buildSide} ${shape} n=${n} m=${m} nulls=${nulls} unique=${unique} chunked=${chunked}`).toEqual(expected);
      }
    }
    left.batch.free();
    right.batch.free();
  }
}

const LENGTHS = [0, 1, 63, 64, 65, 1000];

for (const debug of [false, true]) {
  describe(`hash join key filter (${debug ? 'debug' : 'release'} build)`, () => {
    for (const cfg of CONFIGS) {
      it(`${cfg.name}: every join type as the nested loop, build and probe lengths ${LENGTHS.join(', ')}`, async () => {
        const w = await loadWasm({ debug });
        let seed = 1;
        for (const n of LENGTHS) {
          for (const m of LENGTHS) {
            if (debug && n * m > 65 * 1000) continue; // the debug build checks the same code, slowly
            const shape: ProbeShape = (['mixed', 'all-miss', 'all-hit', 'hits-then-misses'] as const)[seed % 4]!;
            checkAll(w, cfg, n, m, shape, seed % 2 === 0, seed % 3 === 0, seed);
            seed++;
          }
        }
      }, 240_000);
    }

    it('many probe vectors that all match, then all miss (the filter rests, then wakes), or mix', async () => {
      const w = await loadWasm({ debug });
      let seed = 100;
      // 40 vectors of 1,024 positions: a filter that passed a whole vector sits out 31.
      const m = debug ? 3000 : 41_000;
      for (const cfg of CONFIGS.filter((c) => /^(i32 bitmap|i32 bloom \(|i64 bloom|utf8)/.test(c.name))) {
        for (const shape of ['hits-then-misses', 'mixed'] as const) checkAll(w, cfg, 300, m, shape, seed % 3 !== 0, seed % 2 === 0, seed++, true);
      }
    }, 240_000);
  });
}

describe('hash join key filter: choice, memory', () => {
  it('takes a bitmap for a range of at most max(64 bits per key, 2^23 bits), else a Bloom filter; none for direct arrays', async () => {
    const w = await loadWasm();
    const filterOf = (values: Val[], kind: Kind = Kind.I32, allowDense = true): [KeyFilter, string] => {
      const b = new TestBatch(w, values.length, [{ kind, values }]);
      const t = HashJoinTable.build(w, b, [0], { joinType: 'inner', buildSide: 'right', allowDense });
      const got: [KeyFilter, string] = [t.keyFilter, t.strategy];
      t.free();
      b.free();
      return got;
    };
    expect(filterOf([0, 2 ** 23 - 1])).toEqual(['bitmap', 'hash']);
    expect(filterOf([0, 2 ** 23])).toEqual(['bloom', 'hash']);
    const keys = Array.from({ length: 200_000 }, (_, i) => i * 64); // 64 bits per key: a bitmap of 12.8M bits
    expect(filterOf(keys)).toEqual(['bitmap', 'hash']);
    expect(filterOf(keys.map((k) => k * 2))).toEqual(['bloom', 'hash']);
    expect(filterOf([1, 2, 3])).toEqual(['none', 'dense']);
    expect(filterOf([1, 2, 3], Kind.I32, false)).toEqual(['bitmap', 'hash']);
    expect(filterOf([I32_MIN, I32_MAX])).toEqual(['bloom', 'hash']);
    expect(filterOf([I64_MIN, I64_MAX], Kind.I64)).toEqual(['bloom', 'hash']);
    expect(filterOf([null, null])).toEqual(['none', 'hash']);
    expect(filterOf([])).toEqual(['none', 'hash']);
    expect(filterOf(['a', 'b'], Kind.UTF8)).toEqual(['bloom', 'hash']);
    expect(filterOf([true, false], Kind.BOOL, false)).toEqual(['bloom', 'hash']);
  });

  it('charges the filter to the memory budget, frees it with the table, and reports a budget it exceeds as ResourcesExhausted', async () => {
    // Two keys 2^23 - 1 apart: a 1 MiB bitmap next to a tiny hash table.
    const values = [5, 5 + 2 ** 23 - 1];
    const sizeOf = async () => {
      const w = await loadWasm();
      const b = new TestBatch(w, 2, [{ kind: Kind.I32, values }]);
      w.fn.arena_alloc!(64);
      const base = w.inUseBytes();
      const t = HashJoinTable.build(w, b, [0], { joinType: 'inner', buildSide: 'right' });
      expect(t.keyFilter).toBe('bitmap');
      const size = w.inUseBytes() - base;
      t.free();
      expect(w.inUseBytes()).toBe(base);
      b.free();
      return { size, base };
    };
    const { size } = await sizeOf();
    expect(size).toBeGreaterThanOrEqual(1 << 20);
    // Room for everything but half of the bitmap.
    const w = await loadWasm({ memoryBudgetBytes: 64 << 20 });
    const b = new TestBatch(w, 2, [{ kind: Kind.I32, values }]);
    w.fn.arena_alloc!(64);
    w.fn.mem_set_budget!(w.inUseBytes() + size - (1 << 19));
    expect(() => HashJoinTable.build(w, b, [0], { joinType: 'inner', buildSide: 'right' })).toThrow(ResourcesExhaustedError);
  });
});
