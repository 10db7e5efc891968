/**
 * Micro-benchmark of the hash join probe (HashJoinTable, no engine around it): build K keys, probe
 * a few million rows in batches of 65,536, report ns per probe row. The cases are the shapes
 * TPC-H's joins take (lineitem probing orders: sorted probe keys, most without a match), random
 * probes at several match rates, key ranges around the bitmap's limit, and I64, string and
 * two-column keys, to see what the key pre-filter (wasm/assembly/join/key-filter.ts) saves and
 * what it costs where it cannot help (every row matches).
 *
 *   npm run build && node dist/bench/join-probe.js [--rows N] [--iterations N] [--only a;b] [--against DIR]
 *
 * One line per case: `case  filter  pairs  min ms  median ms  ns/row (of the min)`. `--only`
 * keeps the cases whose name contains one of the `;`-separated texts. `--against DIR` also runs
 * the weir.wasm in DIR (e.g. a copy of build/ before a change; its filter shows as '-' when it has
 * none), iterations of the two builds interleaved so that a noisy machine biases neither; its
 * columns follow, then the ratio of the two minimums.
 */
import { readFile } from 'node:fs/promises';
import { Kind, type BatchDesc, type ColumnDesc } from '../bindings/column.js';
import { HashJoinTable, type HashJoinType } from '../bindings/join-kernel.js';
import { loadWasm } from '../bindings/node.js';
import { sliceBatch } from '../bindings/slice.js';
import { WasmInstance } from '../bindings/wasm-instance.js';
import { positiveInt } from './options.js';
import { SeededRandom } from './prng.js';

/** Key columns of one side, as JS arrays (one per key column). */
type Keys = (Int32Array | BigInt64Array | string[])[];

interface Case {
  readonly name: string;
  readonly build: () => Keys;
  readonly probe: (rows: number) => Keys;
  readonly joinType?: HashJoinType;
  /** Probe through a selection vector of every other row. */
  readonly everyOther?: boolean;
}

const BATCH = 65_536;

/** Sorted probe keys 4, 4, 8, 8, 8, 12 ... (1..7 rows per key, like lineitem's l_orderkey). */
function clustered(rows: number): Int32Array {
  const out = new Int32Array(rows);
  for (let k = 1, r = 0; r < rows; k++) {
    const lines = 1 + ((Math.imul(k, 0x9e3779b1) >>> 0) % 7);
    for (let j = 0; j < lines && r < rows; j++) out[r++] = k * 4;
  }
  return out;
}

/** `count` keys of the clustered key domain 4..4*maxK, spread evenly (like orders after a filter). */
function spread(count: number, maxK: number): Int32Array {
  const out = new Int32Array(count);
  const step = maxK / count;
  for (let i = 0; i < count; i++) out[i] = (Math.floor(i * step) + 1) * 4;
  return out;
}

/** Probe keys: a fraction `hit` drawn from `build`, the others outside it but inside its min..max. */
function mixed(build: Int32Array, rows: number, hit: number, seed: number): Int32Array {
  const rnd = new SeededRandom(seed);
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const b = build[rnd.nextInt(build.length)]!;
    out[i] = rnd.nextFloat() < hit ? b : b + 1 + rnd.nextInt(3); // build keys are multiples of 4
  }
  return out;
}

/** `count` multiples of 4 spread evenly over 0 .. range. */
function wide(count: number, range: number): Int32Array {
  const out = new Int32Array(count);
  const step = range / 4 / count;
  for (let i = 0; i < count; i++) out[i] = Math.floor(i * step) * 4;
  return out;
}

/** Keys as short strings ('key-123'), like codes and names. */
function strings(keys: Int32Array): string[] {
  return Array.from(keys, (k) => `key-${k}`);
}

/** `count` random 64-bit keys. */
function randomI64(count: number, seed: number): BigInt64Array {
  const rnd = new SeededRandom(seed);
  const out = new BigInt64Array(count);
  for (let i = 0; i < count; i++) out[i] = BigInt.asIntN(64, (BigInt(rnd.nextU32()) << 32n) | BigInt(rnd.nextU32()));
  return out;
}

/** Probe keys: a fraction `hit` drawn from `build`, the others random (all of i64 is the range). */
function mixedI64(build: BigInt64Array, rows: number, hit: number, seed: number): BigInt64Array {
  const rnd = new SeededRandom(seed);
  const out = new BigInt64Array(rows);
  for (let i = 0; i < rows; i++) out[i] = rnd.nextFloat() < hit ? build[rnd.nextInt(build.length)]! : BigInt.asIntN(64, (BigInt(rnd.nextU32()) << 32n) | BigInt(rnd.nextU32()));
  return out;
}

const MAX_K = 1_500_000; // distinct clustered probe keys at about 6M rows

const CASES: Case[] = [
  ...[64, 600, 45_000, 227_000, 1_500_000].map((k): Case => ({
    name: `i32 clustered K=${k}`,
    build: () => [spread(k, MAX_K)],
    probe: (rows) => [clustered(rows)],
  })),
  ...[227_000, 1_500_000].map((k): Case => ({
    name: `i32 clustered semi K=${k}`,
    build: () => [spread(k, MAX_K)],
    probe: (rows) => [clustered(rows)],
    joinType: 'semi',
  })),
  { name: 'i32 clustered sel K=227000', build: () => [spread(227_000, MAX_K)], probe: (rows) => [clustered(rows)], everyOther: true },
  ...[600, 45_000, 227_000, 1_500_000].flatMap((k) => [0, 0.1, 0.5, 0.75, 1].map((hit): Case => ({
    name: `i32 random K=${k} hit=${hit}`,
    build: () => [spread(k, MAX_K)],
    probe: (rows) => [mixed(spread(k, MAX_K), rows, hit, 7)],
  }))),
  // Wide ranges: bits per build key of a bitmap over min..max vs a Bloom filter.
  ...[[100_000, 30], [100_000, 60], [100_000, 120], [1_000_000, 30], [1_000_000, 60]].flatMap(([k, bits]) => [0.1, 1].map((hit): Case => ({
    name: `i32 wide K=${k} range=${bits}K hit=${hit}`,
    build: () => [wide(k!, k! * bits!)],
    probe: (rows) => [mixed(wide(k!, k! * bits!), rows, hit, 11)],
  }))),
  ...[600, 227_000].flatMap((k) => [0.05, 0.45, 1].map((hit): Case => ({
    name: `i64 random K=${k} hit=${hit}`,
    build: () => [randomI64(k, 3)],
    probe: (rows) => [mixedI64(randomI64(k, 3), rows, hit, 9)],
  }))),
  ...[600, 100_000].flatMap((k) => [0.05, 1].map((hit): Case => ({
    name: `utf8 random K=${k} hit=${hit}`,
    build: () => [strings(spread(k, MAX_K))],
    probe: (rows) => [strings(mixed(spread(k, MAX_K), rows, hit, 13))],
  }))),
  ...[600, 227_000].flatMap((k) => [0.05, 1].map((hit): Case => ({
    name: `i32x2 random K=${k} hit=${hit}`,
    build: () => { const a = spread(k, MAX_K); return [a, a.map((x) => x % 25)]; },
    probe: (rows) => { const a = mixed(spread(k, MAX_K), rows, hit, 5); return [a, a.map((x) => x % 25)]; },
  }))),
];

/** Writes key columns (I32, I64, UTF8) into long-lived blocks; returns the batch and a free function. */
function writeBatch(w: WasmInstance, keys: Keys): { batch: BatchDesc; free: () => void } {
  const rows = keys[0]!.length;
  const blocks: [number, number][] = [];
  const alloc = (bytes: number) => {
    const p = w.fn.mem_alloc!(Math.max(1, bytes)) >>> 0;
    blocks.push([p, Math.max(1, bytes)]);
    return p;
  };
  const columns: ColumnDesc[] = keys.map((k) => {
    if (Array.isArray(k)) {
      const enc = new TextEncoder();
      const parts = k.map((x) => enc.encode(x));
      const offsets = alloc((rows + 1) * 4);
      const data = alloc(parts.reduce((a, b) => a + b.length, 0) + 8);
      let o = 0;
      parts.forEach((b, i) => {
        w.views.i32[(offsets >> 2) + i] = o;
        w.views.u8.set(b, data + o);
        o += b.length;
      });
      w.views.i32[(offsets >> 2) + rows] = o;
      return { kind: Kind.UTF8, validity: 0, validityOffset: 0, values: offsets, data, length: rows };
    }
    const p = alloc(k.byteLength);
    const wide = k instanceof BigInt64Array;
    if (wide) w.views.i64.set(k, p >> 3);
    else w.views.i32.set(k, p >> 2);
    return { kind: wide ? Kind.I64 : Kind.I32, validity: 0, validityOffset: 0, values: p, data: 0, length: rows };
  });
  return { batch: { numRows: rows, columns }, free: () => blocks.forEach(([p, s]) => w.fn.mem_free!(p, s)) };
}

/** A selection vector of the even rows of `n`, in the arena. */
function everyOtherSel(w: WasmInstance, n: number): { ptr: number; len: number } {
  const len = Math.ceil(n / 2);
  const p = w.fn.arena_alloc!(len * 4) >>> 0;
  for (let i = 0; i < len; i++) w.views.i32[(p >> 2) + i] = i * 2;
  return { ptr: p, len };
}

/** One build's table over a case's data, and its timings. */
interface Run {
  readonly w: WasmInstance;
  readonly table: HashJoinTable;
  readonly probe: BatchDesc;
  readonly free: () => void;
  readonly times: number[];
  pairs: number;
}

function prepare(w: WasmInstance, c: Case, buildKeys: Keys, probeKeys: Keys): Run {
  const build = writeBatch(w, buildKeys);
  const probe = writeBatch(w, probeKeys);
  const keys = buildKeys.map((_, i) => i);
  const table = HashJoinTable.build(w, build.batch, keys, { joinType: c.joinType ?? 'inner', buildSide: 'right' });
  return { w, table, probe: probe.batch, times: [], pairs: 0, free: () => { table.free(); build.free(); probe.free(); } };
}

/** Probes all rows once in batches of BATCH; records the time and the output entries. */
function probeOnce(r: Run, c: Case): void {
  const { w, table } = r;
  const rows = r.probe.numRows;
  const keys = r.probe.columns.map((_, i) => i);
  const t0 = performance.now();
  let pairs = 0;
  for (let off = 0; off < rows; off += BATCH) {
    const b = sliceBatch(r.probe, off, Math.min(BATCH, rows - off));
    const mark = w.fn.arena_mark!() >>> 0;
    const sel = c.everyOther ? everyOtherSel(w, b.numRows) : undefined;
    table.probe(b, keys, (p) => { pairs += p.count; }, { selPtr: sel?.ptr, selLen: sel?.len });
    w.fn.arena_reset!(mark);
  }
  r.times.push(performance.now() - t0);
  r.pairs = pairs;
}

function summary(r: Run, rows: number): string {
  const times = [...r.times].sort((a, b) => a - b);
  const min = times[0]!;
  const med = times[times.length >> 1]!;
  return `${(r.w.fn.join_filter_kind ? r.table.keyFilter : '-').padEnd(6)} pairs=${String(r.pairs).padStart(8)} min ${min.toFixed(1).padStart(6)} ms  median ${med.toFixed(1).padStart(6)} ms  ${(min * 1e6 / rows).toFixed(2).padStart(6)} ns/row`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let rows = 6_000_000;
  let iterations = 7;
  let only: string[] | undefined;
  let against: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--rows') rows = positiveInt(a, argv[++i]);
    else if (a === '--iterations') iterations = positiveInt(a, argv[++i]);
    else if (a === '--only') only = (argv[++i] ?? '').split(';');
    else if (a === '--against') against = argv[++i];
    else throw new Error(`unknown option '${a}'; options: --rows N --iterations N --only a;b --against DIR`);
  }
  const w = await loadWasm({});
  const other = against ? await WasmInstance.create(await readFile(`${against}/weir.wasm`)) : undefined;
  for (const c of CASES) {
    if (only && !only.some((o) => c.name.includes(o))) continue;
    const buildKeys = c.build();
    const probeKeys = c.probe(rows);
    const runs = [prepare(w, c, buildKeys, probeKeys), ...(other ? [prepare(other, c, buildKeys, probeKeys)] : [])];
    for (let it = 0; it < iterations; it++) for (const r of runs) probeOnce(r, c);
    const ratio = runs.length === 2 ? `  x${(Math.min(...runs[0]!.times) / Math.min(...runs[1]!.times)).toFixed(2)}` : '';
    console.log(`${c.name.padEnd(34)} ${runs.map((r) => summary(r, rows)).join('  |  ')}${ratio}`);
    for (const r of runs) r.free();
  }
}

await main();
