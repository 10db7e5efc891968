import { describe, expect, it } from 'vitest';
import { Kind } from '../../bindings/column.js';
import type { HashJoinType } from '../../bindings/join-kernel.js';
import { loadWasm } from '../../bindings/node.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';
import { TestBatch, rng, type TestColumn, type Val } from './columns.js';
import { runHashJoin } from './harness.js';
import { nestedLoopJoin, rowKeysEqual } from './reference.js';

// Property tests: every join type x build side x residual x chunk size against a nested loop.

const JOIN_TYPES: HashJoinType[] = ['inner', 'left', 'right', 'full', 'semi', 'anti'];
const STRINGS = ['', 'a', 'b', 'ab', 'abcdefgh', 'abcdefghi', 'abcdefgh12345678', 'ünïcødé', ' a', 'a '];
const DOUBLES = [0, -0, NaN, -NaN, 1.5, -2.25, Infinity, -Infinity, 1e300, 5e-324];

/** A key layout: its column kinds and how a key code becomes the values of each column. */
interface KeyConfig {
  readonly name: string;
  readonly kinds: readonly Kind[];
  /** Kinds of the right side when they differ in encoding only (UTF8 vs DICT). */
  readonly rightKinds?: readonly Kind[];
  readonly value: (code: number, col: number) => Val;
  /** Whether a small-domain integer key may take the dense path. */
  readonly denseCapable?: boolean;
  /** Largest left x right product to run (a two-valued key joins half of all pairs). */
  readonly maxProduct?: number;
  /** Draw distinct codes on each side, so the build keys are unique (the one-entry-per-row probe). */
  readonly unique?: boolean;
}

const CONFIGS: KeyConfig[] = [
  { name: 'i32 dense', kinds: [Kind.I32], value: (c) => c - 3, denseCapable: true },
  { name: 'i32 sparse', kinds: [Kind.I32], value: (c) => (c * 7919 - 40000) | 0 },
  { name: 'i64', kinds: [Kind.I64], value: (c) => BigInt(c) * (1n << 40n) - 5n * (1n << 62n) },
  { name: 'bool', kinds: [Kind.BOOL], value: (c) => c % 2 === 0, denseCapable: true, maxProduct: 65 * 1000 },
  { name: 'f64 NaN -0', kinds: [Kind.F64], value: (c) => (c < DOUBLES.length ? DOUBLES[c]! : c / 4) },
  { name: 'utf8 x dict', kinds: [Kind.UTF8], rightKinds: [Kind.DICT], value: (c) => (c < STRINGS.length ? STRINGS[c]! : `key-${c}`) },
  { name: 'i32 unique', kinds: [Kind.I32], value: (c) => c * 2, denseCapable: true, unique: true },
  { name: 'i64 unique', kinds: [Kind.I64], value: (c) => BigInt(c) << 33n, unique: true },
  { name: 'utf8 x dict unique', kinds: [Kind.UTF8], rightKinds: [Kind.DICT], value: (c) => (c < STRINGS.length ? STRINGS[c]! : `key-${c}`), unique: true },
  { name: 'utf8+i32 unique', kinds: [Kind.DICT, Kind.I32], rightKinds: [Kind.UTF8, Kind.I32], value: (c, k) => (k === 0 ? `u${c}` : c), unique: true },
  {
    name: 'i32+utf8+bool',
    kinds: [Kind.I32, Kind.UTF8, Kind.BOOL],
    value: (c, k) => (k === 0 ? c >> 2 : k === 1 ? STRINGS[c % 3]! : (c & 1) === 1),
  },
  {
    name: 'i128+f64+dict',
    kinds: [Kind.I128, Kind.F64, Kind.DICT],
    value: (c, k) => (k === 0 ? BigInt(c >> 1) * (1n << 70n) - 3n : k === 1 ? DOUBLES[c % 3]! : STRINGS[c % 2]!),
  },
];

const LENGTHS: [number, number][] = [[0, 0], [0, 65], [65, 0], [1, 1], [1, 64], [63, 65], [64, 63], [65, 1000], [1000, 64], [1000, 1000]];

interface Dataset {
  left: { batch: TestBatch; keys: number[]; x: (number | null)[] };
  right: { batch: TestBatch; keys: number[]; y: (number | null)[] };
  keysEqual: Uint8Array;
}

/** Left and right tables with key columns drawn from overlapping code domains, plus an int column for residuals. */
function makeDataset(w: WasmInstance, cfg: KeyConfig, nl: number, nr: number, nulls: boolean, seed: number): Dataset {
  const rand = rng(seed);
  const domain = Math.max(2, Math.floor(Math.max(nl, nr) / 4));
  const side = (n: number, kinds: readonly Kind[], span: number) => {
    const codes = cfg.unique ? distinctCodes(n, Math.ceil(n * 1.3) + 1, rand) : Array.from({ length: n }, () => Math.floor(rand() * span));
    const keyVals = kinds.map((_, k) => codes.map((c) => (nulls && rand() < 0.1 ? null : cfg.value(c, k))));
    const extra = codes.map(() => (nulls && rand() < 0.1 ? null : Math.floor(rand() * 10)));
    const cols: TestColumn[] = [{ kind: Kind.I32, values: extra }, ...kinds.map((kind, k) => ({ kind, values: keyVals[k]! }))];
    return { batch: new TestBatch(w, n, cols), keys: kinds.map((_, k) => k + 1), keyVals, extra };
  };
  const l = side(nl, cfg.kinds, domain);
  const r = side(nr, cfg.rightKinds ?? cfg.kinds, Math.ceil(domain * 1.3));
  const keysEqual = new Uint8Array(nl * nr);
  for (let i = 0; i < nl; i++) for (let j = 0; j < nr; j++) keysEqual[i * nr + j] = rowKeysEqual(l.keyVals, i, r.keyVals, j) ? 1 : 0;
  return {
    left: { batch: l.batch, keys: l.keys, x: l.extra },
    right: { batch: r.batch, keys: r.keys, y: r.extra },
    keysEqual,
  };
}

/** `n` distinct codes from 0 .. span-1 in random order. */
function distinctCodes(n: number, span: number, rand: () => number): number[] {
  const all = Array.from({ length: span }, (_, i) => i);
  for (let i = span - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, n);
}

/** Probe batches: consecutive ranges of the probe rows with about a fifth filtered out. */
function selections(n: number, seed: number): number[][] {
  const rand = rng(seed);
  const rows = Array.from({ length: n }, (_, i) => i).filter(() => rand() >= 0.2);
  const cut1 = Math.floor(rows.length / 3);
  const cut2 = Math.floor((rows.length * 2) / 3);
  return [rows.slice(0, cut1), rows.slice(cut1, cut2), rows.slice(cut2)];
}

function checkDataset(w: WasmInstance, cfg: KeyConfig, nl: number, nr: number, nulls: boolean, seed: number): void {
  const d = makeDataset(w, cfg, nl, nr, nulls, seed);
  const all = (n: number) => Array.from({ length: n }, (_, i) => i);
  const residual = (l: number, r: number) => {
    const x = d.left.x[l]!;
    const y = d.right.y[r]!;
    return x !== null && y !== null && x < y;
  };
  let combo = 0;
  for (const joinType of JOIN_TYPES) {
    for (const buildSide of ['left', 'right'] as const) {
      for (const withResidual of [false, true]) {
        for (const chunked of [false, true]) {
          const probeN = buildSide === 'left' ? nr : nl;
          const batches = chunked ? selections(probeN, seed + combo) : undefined;
          const probeRows = batches ? batches.flat() : all(probeN);
          const leftRows = buildSide === 'left' ? all(nl) : probeRows;
          const rightRows = buildSide === 'left' ? probeRows : all(nr);
          const on = (l: number, r: number) => d.keysEqual[l * nr + r] === 1 && (!withResidual || residual(l, r));
          const expected = nestedLoopJoin(joinType, leftRows, rightRows, on);
          const denseModes = cfg.denseCapable ? [true, false] : [true];
          for (const allowDense of denseModes) {
            const got = runHashJoin(w, d.left, d.right, {
              joinType, buildSide, allowDense,
              residual: withResidual ? residual : undefined,
              // Tiny chunks (1, 7) unless the output is huge (bool keys: half of all pairs match).
              maxPairs: chunked ? (expected.length > 20_000 ? 997 : combo % 2 === 0 ? 1 : 7) : undefined,
              probeBatches: batches,
              strategy: cfg.denseCapable && !allowDense ? 'hash' : undefined,
            });
            const what = `${joinType} build=${buildSide} residual=${withResidual} chunked=${chunked} dense=${allowDense}`;
            expect(got, what).toEqual(expected);
          }
          combo++;
        }
      }
    }
  }
  d.left.batch.free();
  d.right.batch.free();
}

for (const debug of [false, true]) {
  describe(`hash join vs nested loop (${debug ? 'debug' : 'release'} build)`, () => {
    for (const cfg of CONFIGS) {
      it(`${cfg.name} keys`, async () => {
        const w = await loadWasm({ debug });
        let seed = 1;
        for (const [nl, nr] of LENGTHS) {
          // The debug build runs the small shapes only: it is slow and checks the same code.
          if (debug && nl * nr > 65 * 65) continue;
          if (nl * nr > (cfg.maxProduct ?? Infinity)) continue;
          for (const nulls of [false, true]) checkDataset(w, cfg, nl, nr, nulls, seed++);
        }
      }, 120_000);
    }
  });
}
