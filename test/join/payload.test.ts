import { describe, expect, it } from 'vitest';
import { Kind, type ColumnDesc } from '../../bindings/column.js';
import { HashJoinTable } from '../../bindings/join-kernel.js';
import { loadWasm } from '../../bindings/node.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';
import { TestBatch, readI32, rng, type TestColumn, type Val } from './columns.js';

// Build columns laid out by key (HashJoinTable.preparePayload / probePayload, payload.ts): the
// perfect hash join of an inner join on a dense unique key must emit exactly what probe() plus a
// gather of the build columns emits: the matching probe rows in order and their build values.

type Value = number | bigint | boolean;

function readColumn(w: WasmInstance, c: ColumnDesc, count: number): Value[] {
  expect(c.validity).toBe(0);
  switch (c.kind) {
    case Kind.I32: return Array.from(w.views.i32.subarray(c.values >> 2, (c.values >> 2) + count));
    case Kind.I64: return Array.from(new BigInt64Array(w.memory.buffer, c.values, count));
    case Kind.F64: return Array.from(new Float64Array(w.memory.buffer, c.values, count));
    case Kind.BOOL: return Array.from(w.views.u8.subarray(c.values, c.values + count), (b) => b !== 0);
    default: throw new Error(`unexpected kind ${c.kind}`);
  }
}

interface Case {
  readonly buildKeys: TestColumn;
  readonly payload: readonly TestColumn[];
  readonly probeKeys: TestColumn;
  readonly sel?: readonly number[];
}

/** Rows and payload values per probePayload, and what a nested loop over the same data expects. */
function run(w: WasmInstance, c: Case, maxRows: number | undefined, probeRows: boolean) {
  const buildRows = c.buildKeys.values.length;
  const build = new TestBatch(w, buildRows, [c.buildKeys, ...c.payload]);
  const probe = new TestBatch(w, c.probeKeys.values.length, [c.probeKeys]);
  const table = HashJoinTable.build(w, build, [0], { joinType: 'inner', buildSide: 'right' });
  expect(table.strategy).toBe('dense');
  expect(table.preparePayload(build, c.payload.map((_, i) => i + 1))).toBe(true);
  const rows: number[] = [];
  const values: Value[][] = c.payload.map(() => []);
  const mark = w.fn.arena_mark!() >>> 0;
  const selPtr = c.sel ? TestBatch.arenaI32(w, c.sel) : 0;
  table.probePayload(probe, [0], (probeIdx, count, cols) => {
    expect(count).toBeLessThanOrEqual(maxRows ?? Infinity);
    if (probeRows) rows.push(...readI32(w, probeIdx, count));
    else expect(probeIdx).toBe(0);
    cols.forEach((col, i) => values[i]!.push(...readColumn(w, col, count)));
  }, { selPtr, selLen: c.sel?.length ?? 0, probeRows, ...(maxRows ? { maxRows } : {}) });
  w.fn.arena_reset!(mark);
  table.free();
  build.free();
  probe.free();

  const expectedRows: number[] = [];
  const expectedValues: Value[][] = c.payload.map(() => []);
  const positions = c.sel ?? c.probeKeys.values.map((_, i) => i);
  for (const row of positions) {
    const key = c.probeKeys.values[row];
    if (key === null) continue;
    const b = c.buildKeys.values.findIndex((k) => k !== null && k === key);
    if (b < 0) continue;
    expectedRows.push(row);
    c.payload.forEach((p, i) => expectedValues[i]!.push(p.values[b] as Value));
  }
  return { rows, values, expectedRows, expectedValues };
}

function shuffled(n: number, rand: () => number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

for (const debug of [false, true]) {
  describe(`perfect hash join payload (${debug ? 'debug' : 'release'} build)`, () => {
    const rand = rng(7);
    const n = 1003;
    const full = shuffled(n, rand).map((k) => k + 50);
    const attr: TestColumn = { kind: Kind.I32, values: full.map((k) => (k * 7919) % 1000) };
    const probeKeys = (count: number, lo: number, hi: number, nulls = 0): TestColumn => ({
      kind: Kind.I32,
      values: Array.from({ length: count }, () => (rand() < nulls ? null : lo + Math.floor(rand() * (hi - lo)))),
    });

    const cases: [string, () => Case][] = [
      ['a full key range, every probe key in range (the vector path)', () =>
        ({ buildKeys: { kind: Kind.I32, values: full }, payload: [attr], probeKeys: probeKeys(4099, 50, 50 + n) })],
      ['a full key range, probe keys below, inside and above it', () =>
        ({ buildKeys: { kind: Kind.I32, values: full }, payload: [attr], probeKeys: probeKeys(4099, 40, 60 + n) })],
      ['a full range probed at extreme i32 keys', () =>
        ({ buildKeys: { kind: Kind.I32, values: full }, payload: [attr], probeKeys: { kind: Kind.I32, values: [-(2 ** 31), 2 ** 31 - 1, 50, 2 ** 31 - 1 - 50, 51, -1, 0, 1052, 1053] } })],
      ['a key range with gaps, NULL probe keys and a selection vector', () => {
        const keys = full.filter((_, i) => i % 3 !== 0);
        const pk = probeKeys(3001, 30, 80 + n, 0.1);
        const sel = pk.values.map((_, i) => i).filter(() => rand() < 0.6);
        return { buildKeys: { kind: Kind.I32, values: keys }, payload: [{ kind: Kind.I32, values: keys.map((k) => -k) }], probeKeys: pk, sel };
      }],
      ['NULL build keys are never matched', () => {
        const keys: Val[] = full.map((k, i) => (i % 10 === 0 ? null : k));
        return { buildKeys: { kind: Kind.I32, values: keys }, payload: [attr], probeKeys: probeKeys(2000, 50, 50 + n, 0.05) };
      }],
      ['several payload columns of every fixed width', () => ({
        buildKeys: { kind: Kind.I32, values: full },
        payload: [
          attr,
          { kind: Kind.I64, values: full.map((k) => BigInt(k) * 1_000_000_007n) },
          { kind: Kind.F64, values: full.map((k) => k / 8) },
          { kind: Kind.BOOL, values: full.map((k) => k % 3 === 0) },
        ],
        probeKeys: probeKeys(2500, 45, 55 + n),
      })],
      ['an i64 key', () => {
        const keys = full.map((k) => BigInt(k) - 2n ** 40n);
        const pk: TestColumn = { kind: Kind.I64, values: Array.from({ length: 1500 }, () => BigInt(Math.floor(rand() * (n + 20))) + 40n - 2n ** 40n) };
        return { buildKeys: { kind: Kind.I64, values: keys }, payload: [attr], probeKeys: pk };
      }],
      ['a bool key', () => ({
        buildKeys: { kind: Kind.BOOL, values: [true, false] },
        payload: [{ kind: Kind.F64, values: [1.5, -2.5] }],
        probeKeys: { kind: Kind.BOOL, values: [false, true, null, true, false, false] },
      })],
    ];
    for (const [name, make] of cases) {
      for (const [maxRows, probeRows] of [[undefined, true], [7, true], [undefined, false], [5, false]] as const) {
        it(`${name} (maxRows ${maxRows ?? 'default'}, probe rows ${probeRows ? 'written' : 'not written'})`, async () => {
          const w = await loadWasm({ debug });
          const r = run(w, make(), maxRows, probeRows);
          if (probeRows) expect(r.rows).toEqual(r.expectedRows);
          expect(r.values).toEqual(r.expectedValues);
          expect(r.values[0]!.length).toBe(r.expectedRows.length);
        });
      }
    }

    it('is declined where it does not apply, and a declined table still probes with pairs', async () => {
      const w = await loadWasm({ debug });
      const keys: TestColumn = { kind: Kind.I32, values: [3, 1, 2] };
      const build = new TestBatch(w, 3, [
        keys,
        { kind: Kind.I32, values: [30, 10, 20] },
        { kind: Kind.I32, values: [30, null, 20] },
        { kind: Kind.UTF8, values: ['c', 'a', 'b'] },
        { kind: Kind.I32, values: [1, 1, 2] },
      ]);
      const inner = () => HashJoinTable.build(w, build, [0], { joinType: 'inner', buildSide: 'right' });
      const declined = [
        [HashJoinTable.build(w, build, [0], { joinType: 'left', buildSide: 'right' }), [1]],
        [HashJoinTable.build(w, build, [0], { joinType: 'inner', buildSide: 'right', allowDense: false }), [1]],
        [HashJoinTable.build(w, build, [4], { joinType: 'inner', buildSide: 'right' }), [1]], // duplicate keys
        [inner(), [2]], // a payload column with NULLs
        [inner(), [3]], // a variable-width payload column
        [inner(), []],
      ] as const;
      for (const [table, cols] of declined) {
        expect(table.preparePayload(build, cols)).toBe(false);
        expect(() => table.probePayload(build, [0], () => {})).toThrow(/needs a table with payload/);
        table.free();
      }
      build.free();
    });

    it('frees the payload with the table', async () => {
      const w = await loadWasm({ debug });
      const cycle = () => {
        const build = new TestBatch(w, n, [{ kind: Kind.I32, values: full }, attr]);
        const table = HashJoinTable.build(w, build, [0], { joinType: 'inner', buildSide: 'right' });
        expect(table.preparePayload(build, [1])).toBe(true);
        expect(table.preparePayload(build, [1])).toBe(false); // once per table
        table.free();
        build.free();
      };
      cycle(); // the arena keeps its first chunk: measure from the second round on
      const before = w.inUseBytes();
      cycle();
      expect(w.inUseBytes()).toBe(before);
    });
  });
}
