/**
 * The 64-bit fast path of DECIMAL(p > 18) products, sums and differences
 * (wasm/assembly/expr/decimal128-fast.ts): vectors whose magnitudes sit at the bound that decides
 * the path (the bit lengths of the largest |x| and |y| summing to 62, 63, 64 for products; 62 and
 * 63 for sums), with negative values, NULLs, scalar operands and selections, agree with the BigInt
 * reference, and a vector that takes the fast path gives bit-identical results to the same rows
 * pushed onto the 128-bit path by one large value. Overflow still fails on the same row.
 */
import { describe, expect, it } from 'vitest';
import { INSTR_WORDS } from '../../bindings/expr-program-spec.js';
import { loadWasm } from '../../bindings/node.js';
import type { ScalarExpr } from '../../engine/logical/expression.js';
import { compileProgram } from '../../engine/runtime/expr/compile-program.js';
import { OP } from '../../engine/runtime/expr/opcodes.js';
import { type DataType, DataTypes } from '../../engine/types/data-type.js';
import type { SqlValue } from '../reference/scalar-eval-values.js';
import { call, col, lit } from './exprs.js';
import { rng } from './gen.js';
import { engineEvaluate, expectAgree } from './harness.js';

const D = (p: number, s: number) => DataTypes.DECIMAL(p, s);

interface Case {
  readonly name: string;
  readonly op: number;
  readonly expr: (x: ScalarExpr, y: ScalarExpr) => ScalarExpr;
  readonly tx: DataType;
  readonly ty: DataType;
  /** Bit lengths (largest |x|, largest |y|) to try: the fast path holds while their sum (products) or maximum (sums) allows. */
  readonly bits: readonly (readonly [number, number])[];
}

// Flink's result types (function-catalog.ts): DECIMAL(15, 2) * DECIMAL(16, 2) is DECIMAL(31, 4),
// DECIMAL(31, 4) * DECIMAL(20, 2) is DECIMAL(38, 6) (no rounding), DECIMAL(30, 4) * DECIMAL(30, 4)
// is DECIMAL(38, 6) (2 digits rounded off), DECIMAL(38, 10) * DECIMAL(38, 10) is DECIMAL(38, 6)
// (14 digits), DECIMAL(31, 4) ± DECIMAL(31, 4) is DECIMAL(32, 4).
const PRODUCT_BITS = [[31, 31], [31, 32], [32, 32], [30, 33], [1, 62], [12, 50], [13, 50], [0, 49]] as const;
const CASES: Case[] = [
  { name: 'I64 * I64 exactly (MUL_I64_I128)', op: OP.MUL_I64_I128, expr: (x, y) => call('times', D(31, 4), x, y), tx: D(15, 2), ty: D(16, 2), bits: [[24, 38], [25, 38], [49, 14], [49, 15], [50, 14], [0, 50]] },
  { name: 'I64 * I64 exactly, full i64 range (MUL_I64_I128)', op: OP.MUL_I64_I128, expr: (x, y) => call('times', D(36, 0), x, y), tx: D(18, 0), ty: D(18, 0), bits: [...PRODUCT_BITS, [59, 4], [59, 5], [60, 1]] },
  { name: 'I128 * I128 exactly (DEC128_MUL k = 0)', op: OP.DEC128_MUL, expr: (x, y) => call('times', D(38, 6), x, y), tx: D(31, 4), ty: D(20, 2), bits: [...PRODUCT_BITS, [63, 0], [64, 1], [70, 1]] },
  { name: 'I128 * I128 rounded by 10^2 (DEC128_MUL k = 2)', op: OP.DEC128_MUL, expr: (x, y) => call('times', D(38, 6), x, y), tx: D(30, 4), ty: D(30, 4), bits: PRODUCT_BITS },
  { name: 'I128 * I128 rounded by 10^14 (DEC128_MUL k = 14)', op: OP.DEC128_MUL, expr: (x, y) => call('times', D(38, 6), x, y), tx: D(38, 10), ty: D(38, 10), bits: [...PRODUCT_BITS, [47, 16], [48, 16]] },
  { name: 'I128 + I128 (ARITH_I128)', op: OP.ARITH_I128, expr: (x, y) => call('plus', D(32, 4), x, y), tx: D(31, 4), ty: D(31, 4), bits: [[62, 62], [62, 63], [63, 1], [61, 62], [64, 0], [10, 62]] },
  { name: 'I128 - I128 (ARITH_I128)', op: OP.ARITH_I128, expr: (x, y) => call('minus', D(32, 4), x, y), tx: D(31, 4), ty: D(31, 4), bits: [[62, 62], [62, 63], [63, 1], [61, 62], [64, 0], [10, 62]] },
];

/** Whether the compiled program of `e` runs opcode `op`. */
function uses(e: ScalarExpr, op: number): boolean {
  const code = compileProgram([e]).code;
  for (let i = 0; i < code.length; i += INSTR_WORDS) if (code[i] === op) return true;
  return false;
}

/**
 * n values of DECIMAL `t` below 2^bits in magnitude (and below 10^precision): both extremes
 * ±(2^bits - 1) early, the rest spread over all bit lengths up to `bits`, about 1 in 5 negative.
 */
function valuesBelow(r: () => number, t: DataType, bits: number, n: number, nullRate: number): SqlValue[] {
  const cap = 10n ** BigInt(t.precision!) - 1n;
  const top = (1n << BigInt(bits)) - 1n < cap ? (1n << BigInt(bits)) - 1n : cap;
  return Array.from({ length: n }, (_, i) => {
    if (r() < nullRate) return null;
    let v: bigint;
    if (i === 0) v = top;
    else if (i === 1) v = -top;
    else {
      const b = BigInt(Math.floor(r() * (bits + 1)));
      let m = 0n;
      for (let w = 0n; w < b; w += 30n) m = (m << 30n) | BigInt(Math.floor(r() * 2 ** 30));
      v = m & ((1n << b) - 1n);
      if (v > top) v = top;
      if (r() < 0.2) v = -v;
    }
    return v;
  });
}

/** Twice 10^precision: some row overflows the 128-bit path's precision bound. */
const huge = (t: DataType) => 10n ** BigInt(t.precision! - 1);

for (const debug of [false, true]) {
  describe(`the 64-bit fast path of wide decimal arithmetic (${debug ? 'debug' : 'release'} build)`, async () => {
    const w = await loadWasm({ debug });

    for (const c of CASES) {
      it(`${c.name}: agrees with the reference at the bound, with NULLs, literals and selections`, () => {
        const x = col(0, c.tx);
        const y = col(1, c.ty);
        expect(uses(c.expr(x, y), c.op)).toBe(true);
        const r = rng(c.op * 7 + c.tx.precision! + (debug ? 1 : 0));
        for (const [bx, by] of c.bits) {
          for (const n of debug ? [1, 70] : [1, 2, 65, 1024, 2100]) {
            for (const nullRate of [0, 0.3]) {
              const cols = [{ type: c.tx, values: valuesBelow(r, c.tx, bx, n, nullRate) }, { type: c.ty, values: valuesBelow(r, c.ty, by, n, nullRate) }];
              expectAgree(w, [c.expr(x, y)], cols, n);
              const kx = valuesBelow(r, c.tx, bx, 2, 0)[r() < 0.5 ? 0 : 1]!.toString();
              const ky = valuesBelow(r, c.ty, by, 3, 0)[2]!.toString();
              expectAgree(w, [c.expr(lit(kx, c.tx), y), c.expr(x, lit(ky, c.ty))], cols, n);
              if (n > 2) expectAgree(w, [c.expr(x, y)], cols, n, { sel: Array.from({ length: n >> 1 }, (_, i) => 2 * i + 1) });
            }
          }
        }
      });

      it(`${c.name}: a fast vector equals the same rows on the 128-bit path`, () => {
        const x = col(0, c.tx);
        const y = col(1, c.ty);
        const r = rng(c.op * 13 + c.ty.precision! + (debug ? 1 : 0));
        for (const [bx, by] of c.bits) {
          const n = 300;
          const xs = valuesBelow(r, c.tx, bx, n, 0.1);
          const ys = valuesBelow(r, c.ty, by, n, 0.1);
          const small = engineEvaluate(w, [c.expr(x, y)], [{ type: c.tx, values: xs }, { type: c.ty, values: ys }], n);
          // One more row with an operand beyond i64 (and a zero partner, so it cannot overflow).
          const wide = engineEvaluate(w, [c.expr(x, y)], [{ type: c.tx, values: [...xs, huge(c.tx) > 2n ** 64n ? huge(c.tx) : -(2n ** 63n) + 1n] }, { type: c.ty, values: [...ys, 0n] }], n + 1);
          expect(small.ok && wide.ok, `${bx}/${by} bits`).toBe(true);
          if (small.ok && wide.ok) expect(wide.columns[0]!.slice(0, n)).toEqual(small.columns[0]);
        }
      });
    }

    it('overflow fails on the same row after a fast vector, and NULL or unguarded rows do not fail', () => {
      const t = D(38, 0);
      const x = col(0, t, 'x');
      const times = call('times', t, x, col(1, t, 'y'));
      const big = 10n ** 19n;
      // Rows 0..1023 (one vector) are small; row 1500 of the next overflows 10^38.
      const xs: SqlValue[] = Array.from({ length: 2000 }, (_, i) => BigInt(i % 97) - 40n);
      const ys: SqlValue[] = Array.from({ length: 2000 }, (_, i) => BigInt(i % 89) + 1n);
      xs[1500] = big;
      ys[1500] = big;
      const out = engineEvaluate(w, [times], [{ type: t, values: xs }, { type: t, values: ys }], 2000);
      expect(!out.ok && out.error.message).toMatch(/overflow in \(x \* y\) at row 1500/);
      expectAgree(w, [times], [{ type: t, values: xs.map((v, i) => (i === 1500 ? null : v)) }, { type: t, values: ys }], 2000);
      const guarded = call('case', t, call('lt', DataTypes.BOOLEAN(), x, lit('1000', t)), times, lit('0', t));
      expectAgree(w, [guarded], [{ type: t, values: xs }, { type: t, values: ys }], 2000);
      const plus = call('plus', D(38, 0), col(0, D(37, 0), 'x'), col(1, D(37, 0), 'y'));
      const nines = 10n ** 37n - 1n;
      const sum = engineEvaluate(w, [plus], [{ type: D(37, 0), values: [1n, nines, 2n] }, { type: D(37, 0), values: [1n, nines, 3n] }], 3);
      expect(sum.ok && sum.columns[0]).toEqual([2n, 2n * nines, 5n]);
    });
  });
}
