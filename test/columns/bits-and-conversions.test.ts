import { describe, expect, it } from 'vitest';
import { loadWasm } from '../../bindings/node.js';
import type { WasmInstance } from '../../bindings/wasm-instance.js';
import { LENGTHS, rng } from './arrow-fixtures.js';

const getBit = (b: Uint8Array, i: number) => (b[i >> 3]! >> (i & 7)) & 1;

function randomBytes(r: () => number, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => Math.floor(r() * 256));
}

/** Writes bytes into a fresh arena allocation surrounded by guard bytes; returns its pointer. */
function put(w: WasmInstance, bytes: Uint8Array): number {
  const ptr = w.fn.arena_alloc!(bytes.length + 128) >>> 0;
  w.views.u8.fill(0xa5, ptr, ptr + bytes.length + 128);
  w.views.u8.set(bytes, ptr + 64);
  return ptr + 64;
}

function get(w: WasmInstance, ptr: number, n: number): Uint8Array {
  return w.views.u8.slice(ptr, ptr + n);
}

describe('bitmaps, booleans and element conversions', () => {
  for (const debug of [false, true]) {
    it(`bitmap_copy moves bits between any offsets and keeps the other bits (${debug ? 'debug' : 'release'})`, async () => {
      const w = await loadWasm({ debug });
      const r = rng(1);
      const mark = w.fn.arena_mark!() >>> 0;
      for (const n of LENGTHS) {
        for (const [srcOff, dstOff] of [[0, 0], [3, 0], [0, 5], [7, 1], [9, 17], [64, 3]] as const) {
          const src = randomBytes(r, ((srcOff + n) >> 3) + 1);
          const dst = randomBytes(r, ((dstOff + n) >> 3) + 2);
          const sp = put(w, src);
          const dp = put(w, dst);
          w.fn.bitmap_copy!(dp, dstOff, sp, srcOff, n);
          const out = get(w, dp, dst.length);
          for (let i = 0; i < dst.length * 8; i++) {
            const inRange = i >= dstOff && i < dstOff + n;
            expect(getBit(out, i)).toBe(inRange ? getBit(src, srcOff + i - dstOff) : getBit(dst, i));
          }
          expect(w.views.u8[dp + dst.length]).toBe(0xa5);
          expect(w.fn.bitmap_count!(sp, srcOff, n)).toBe(Array.from({ length: n }, (_, i) => getBit(src, srcOff + i)).reduce((a, b) => a + b, 0));
        }
        const fill = put(w, randomBytes(r, (n >> 3) + 3));
        w.fn.bitmap_fill!(fill, 5, n, 1);
        const filled = get(w, fill, (n >> 3) + 3);
        for (let i = 5; i < 5 + n; i++) expect(getBit(filled, i)).toBe(1);
        w.fn.arena_reset!(mark);
      }
    });

    it(`unpacks Arrow booleans to bytes and packs them back (${debug ? 'debug' : 'release'})`, async () => {
      const w = await loadWasm({ debug });
      const r = rng(2);
      const mark = w.fn.arena_mark!() >>> 0;
      for (const n of [...LENGTHS, 17, 31, 33]) {
        for (const off of [0, 1, 7, 8, 13]) {
          const bits = randomBytes(r, ((off + n) >> 3) + 1);
          const bp = put(w, bits);
          const bytes = w.fn.arena_alloc!(n + 64) >>> 0;
          w.views.u8.fill(9, bytes, bytes + n + 64);
          w.fn.unpack_bits!(bytes, bp, off, n);
          const unpacked = get(w, bytes, n + 1);
          for (let i = 0; i < n; i++) expect(unpacked[i]).toBe(getBit(bits, off + i));
          expect(unpacked[n]).toBe(9);
          // Pack treats any non-zero byte as true.
          const truthy = Uint8Array.from(unpacked.subarray(0, n), (b, i) => (b ? 1 + (i % 200) : 0));
          const tp = put(w, truthy);
          const packed = w.fn.arena_alloc!((n >> 3) + 1) >>> 0;
          w.fn.pack_bits!(packed, tp, n);
          const out = get(w, packed, (n + 7) >> 3);
          for (let i = 0; i < ((n + 7) >> 3) * 8; i++) expect(getBit(out, i)).toBe(i < n ? getBit(bits, off + i) : 0);
        }
        w.fn.arena_reset!(mark);
      }
    });

    it(`widens and narrows element types exactly (${debug ? 'debug' : 'release'})`, async () => {
      const w = await loadWasm({ debug });
      const r = rng(3);
      const mark = w.fn.arena_mark!() >>> 0;
      const run = <S extends ArrayLike<number | bigint>, D extends ArrayLike<number | bigint>>(
        kernel: string, src: S & ArrayBufferView, Out: { new (b: ArrayBuffer): D }, outWidth: number, expected: (x: number | bigint) => number | bigint, arg?: bigint,
      ) => {
        const n = src.length;
        const sp = put(w, new Uint8Array(src.buffer, src.byteOffset, src.byteLength));
        const dp = w.fn.arena_alloc!(n * outWidth + 64) >>> 0;
        if (arg === undefined) w.fn[kernel]!(dp, sp, n);
        else w.fn[kernel]!(dp, sp, n, arg);
        const out = new Out(get(w, dp, n * outWidth).buffer as ArrayBuffer);
        for (let i = 0; i < n; i++) expect(Object.is(out[i], expected(src[i]!)) || out[i] === expected(src[i]!), `${kernel}[${i}]`).toBe(true);
      };
      for (const n of LENGTHS) {
        const ints = (lo: number, hi: number) => Array.from({ length: n }, (_, i) => (i % 5 === 0 ? (i % 2 ? lo : hi) : lo + Math.floor(r() * (hi - lo + 1))));
        run('widen_i8_i32', Int8Array.from(ints(-128, 127)), Int32Array, 4, (x) => x);
        run('widen_u8_i32', Uint8Array.from(ints(0, 255)), Int32Array, 4, (x) => x);
        run('widen_i16_i32', Int16Array.from(ints(-32768, 32767)), Int32Array, 4, (x) => x);
        run('widen_u16_i32', Uint16Array.from(ints(0, 65535)), Int32Array, 4, (x) => x);
        run('widen_u32_i64', Uint32Array.from(ints(0, 4294967295)), BigInt64Array, 8, (x) => BigInt(x));
        const floats = Array.from({ length: n }, (_, i) => [NaN, -0, Infinity, -Infinity, 1.401298464324817e-45][i % 7] ?? Math.fround(r() * 1e9 - 5e8));
        run('widen_f32_f64', Float32Array.from(floats), Float64Array, 8, (x) => x);
        run('narrow_f64_f32', Float64Array.from(floats), Float32Array, 4, (x) => Math.fround(x as number));
        run('narrow_i32_i8', Int32Array.from(ints(-128, 127)), Int8Array, 1, (x) => x);
        run('narrow_i32_i16', Int32Array.from(ints(-32768, 32767)), Int16Array, 2, (x) => x);
        run('narrow_i64_i32', BigInt64Array.from(ints(0, 4294967295).map(BigInt)), Uint32Array, 4, (x) => Number(x));
        const days = Array.from({ length: n }, (_, i) => BigInt(ints(-1e6, 1e6)[i]!) * 86_400_000n + BigInt(i % 3) - 1n);
        run('div_floor_i64_i32', BigInt64Array.from(days), Int32Array, 4, (x) => {
          const q = (x as bigint) / 86_400_000n;
          return Number((x as bigint) % 86_400_000n < 0n ? q - 1n : q);
        }, 86_400_000n);
        run('mul_i32_i64', Int32Array.from(ints(-1e6, 1e6)), BigInt64Array, 8, (x) => BigInt(x) * 86_400_000n, 86_400_000n);
        const ts = BigInt64Array.from(Array.from({ length: n }, (_, i) => BigInt(ints(-1e9, 1e9)[i]!) * 1_000_003n));
        run('div_floor_i64', ts, BigInt64Array, 8, (x) => {
          const q = (x as bigint) / 1000n;
          return (x as bigint) % 1000n < 0n ? q - 1n : q;
        }, 1000n);
        run('mul_i64', ts, BigInt64Array, 8, (x) => BigInt.asIntN(64, (x as bigint) * 1000n), 1000n);
        w.fn.arena_reset!(mark);
      }
    });
  }

  it('converts i64 to decimal128 words and back', async () => {
    const w = await loadWasm();
    const values = BigInt64Array.of(0n, -1n, 123n, -(2n ** 63n), 2n ** 63n - 1n);
    const sp = put(w, new Uint8Array(values.buffer));
    const dec = w.fn.arena_alloc!(values.length * 16) >>> 0;
    w.fn.i64_to_dec128!(dec, sp, values.length);
    const words = new BigInt64Array(get(w, dec, values.length * 16).buffer);
    values.forEach((v, i) => {
      expect(words[2 * i]).toBe(v);
      expect(words[2 * i + 1]).toBe(v < 0n ? -1n : 0n);
    });
    const back = w.fn.arena_alloc!(values.length * 8) >>> 0;
    w.fn.dec128_to_i64!(back, dec, values.length);
    expect(Array.from(new BigInt64Array(get(w, back, values.length * 8).buffer))).toEqual(Array.from(values));
  });
});
