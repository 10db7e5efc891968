import { describe, expect, it } from 'vitest';
import { loadWasm } from '../../bindings/node.js';
import { compileProgram } from '../../engine/runtime/expr/compile-program.js';
import { OP } from '../../engine/runtime/expr/opcodes.js';
import { DataTypes } from '../../engine/types/data-type.js';
import { evalScalar } from '../reference/scalar-eval.js';
import type { SqlValue } from '../reference/scalar-eval-values.js';
import { call, col, lit } from './exprs.js';
import { STRING_POOL, rng } from './gen.js';
import { engineEvaluate, expectAgree } from './harness.js';

const S = DataTypes.STRING();
const B = DataTypes.BOOLEAN();
const I = DataTypes.INT();

for (const debug of [false, true]) {
  describe(`dictionary-encoded inputs (${debug ? 'debug' : 'release'} build)`, async () => {
    const w = await loadWasm({ debug });
    const s = col(0, S, 's');
    const exprs = [
      call('eq', B, s, lit('abc', S)),
      call('like', B, s, lit('%a%', S)),
      call('in', B, s, lit('a', S), lit('é', S), lit('', S)),
      call('gt', B, call('char_length', I, call('upper', S, s)), lit(2, I)),
      call('is_null', B, s),
      call('coalesce', B, call('eq', B, s, lit('z', S)), lit(true, B)),
      call('try_cast', I, s),
    ];

    it('compiles string predicates of one column into dictionary regions', () => {
      const spec = compileProgram(exprs);
      const ops = spec.code.filter((_, i) => i % 8 === 0);
      expect(ops.filter((o) => o === OP.DICT_BEGIN)).toHaveLength(exprs.length);
      // Two columns, or a string result, or a failing cast: no region.
      const none = compileProgram([call('eq', B, s, col(1, S)), call('upper', S, s), call('cast', I, s)]);
      expect(none.code.filter((_, i) => i % 8 === 0 && none.code[i] === OP.DICT_BEGIN)).toHaveLength(0);
    });

    it('agrees with the reference whether the region runs on the dictionary or row by row', () => {
      const r = rng(21);
      for (const n of [1, 5, 64, 1100, 3000]) {
        for (const nullRate of [0, 0.3]) {
          // Small dictionary (table path) and one larger than the batch (row path), with a NULL entry
          // and entries no row uses.
          for (const size of [3, n + 7]) {
            const dictionary: (string | null)[] = Array.from({ length: size }, (_, i) => (i === 1 ? null : i < STRING_POOL.length ? STRING_POOL[i]! : `w${i}`));
            const codes = Array.from({ length: n }, () => Math.floor(r() * size));
            const values: SqlValue[] = codes.map((c) => (r() < nullRate ? null : dictionary[c]!));
            expectAgree(w, exprs, [{ type: S, values, dict: true, dictionary }], n);
            const sel = Array.from({ length: n }, (_, i) => i).filter(() => r() < 0.5);
            expectAgree(w, exprs, [{ type: S, values, dict: true, dictionary }], n, { sel });
          }
        }
      }
    });

    it('filters by a dictionary region', () => {
      const r = rng(4);
      const values = Array.from({ length: 2000 }, () => (r() < 0.1 ? null : STRING_POOL[Math.floor(r() * 6)]!));
      const pred = call('or', B, call('eq', B, s, lit('abc', S)), call('like', B, s, lit('a%', S)));
      const out = engineEvaluate(w, [pred], [{ type: S, values, dict: true }], values.length);
      expect(out.ok && out.columns[0]!.every((v, i) => v === evalScalar(pred, [values[i]!]))).toBe(true);
    });
  });
}
