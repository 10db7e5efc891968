import { describe, expect, it } from 'vitest';
import { loadWasm } from '../../bindings/node.js';
import { DataTypes } from '../../engine/types/data-type.js';
import type { SqlValue } from '../reference/scalar-eval-values.js';
import { call, col, lit } from './exprs.js';
import { LENGTHS, STRING_POOL, randomValues, rng } from './gen.js';
import { engineEvaluate, expectAgree } from './harness.js';

const S = DataTypes.STRING();
const I = DataTypes.INT();
const B = DataTypes.BOOLEAN();

/** Characters the simple case mapping covers, and some it keeps on purpose ('ß', 'İ', 'ŉ', 'ΐ'). */
const CASE_POOL = ['ÿŸµ', 'ıſ', 'İŉĸ', 'ΐΰ', 'ΆέήίΌΎΏ', 'Σσς', 'ӀӏӁӂ', 'Աաբ', 'ÀÉÎÕÜ×÷àéîõü', 'ĀāĹĺŊŋŹź', 'ß', 'Ѐѐ'];

function randomText(r: () => number): string {
  const parts = [...STRING_POOL, ...CASE_POOL, '%', '_', ' '];
  let s = '';
  const n = Math.floor(r() * 4);
  for (let i = 0; i < n; i++) s += parts[Math.floor(r() * parts.length)];
  return s;
}

function randomPattern(r: () => number, escape: boolean): string {
  const pieces = ['%', '%', '_', 'a', 'b', 'ab', 'é', '日本', '😀', ' ', 'A'];
  if (escape) pieces.push('!%', '!_', '!!');
  let p = '';
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) p += pieces[Math.floor(r() * pieces.length)];
  return p;
}

for (const debug of [false, true]) {
  describe(`string functions and LIKE (${debug ? 'debug' : 'release'} build)`, async () => {
    const w = await loadWasm({ debug });
    const lengths = debug ? [0, 1, 65, 1100] : LENGTHS;

    it('upper, lower, trim, ltrim, rtrim, char_length, concat, replace, position, substring', () => {
      const r = rng(71);
      for (const n of lengths) {
        for (const nullRate of [0, 0.2]) {
          const a = Array.from({ length: n }, () => (r() < nullRate ? null : randomText(r)));
          const b = Array.from({ length: n }, () => (r() < nullRate ? null : ['', 'a', 'é', ' ', 'ab', '😀', 'ß'][Math.floor(r() * 7)]!));
          const starts = Array.from({ length: n }, () => (r() < nullRate ? null : Math.floor(r() * 14) - 7));
          const lens = Array.from({ length: n }, () => (r() < nullRate ? null : Math.floor(r() * 10) - 2));
          const cols = [{ type: S, values: a }, { type: S, values: b }, { type: I, values: starts }, { type: I, values: lens }, { type: S, values: a, dict: true }];
          const [x, y, st, ln, dx] = [col(0, S), col(1, S), col(2, I), col(3, I), col(4, S)];
          expectAgree(w, [
            call('upper', S, x), call('lower', S, x), call('upper', S, dx), call('lower', S, y),
            call('trim', S, x), call('ltrim', S, x), call('rtrim', S, x),
            call('char_length', I, x), call('char_length', DataTypes.BIGINT(), dx),
            call('concat', S, x, y), call('concat', S, x, lit('-', S), y, dx),
            call('replace', S, x, y, lit('<>', S)), call('replace', S, x, lit('a', S), y),
            call('position', I, y, x), call('position', I, lit('b', S), x),
            call('substring', S, x, st), call('substring', S, x, st, ln), call('substring', S, dx, lit(2, I), lit(3, I)),
          ], cols, n);
        }
      }
    });

    it('LIKE: literal patterns of every form, patterns from a column, ESCAPE', () => {
      const r = rng(83);
      for (const n of lengths) {
        for (const nullRate of [0, 0.2]) {
          const a = Array.from({ length: n }, () => (r() < nullRate ? null : randomText(r)));
          const pats = Array.from({ length: n }, () => (r() < nullRate ? null : randomPattern(r, false)));
          const escPats = Array.from({ length: n }, () => (r() < nullRate ? null : randomPattern(r, true)));
          const cols = [{ type: S, values: a }, { type: S, values: pats }, { type: S, values: escPats }, { type: S, values: a, dict: true }];
          const x = col(0, S);
          const literal = ['abc', 'a%', '%b', '%é%', '%', '%%', '', '_', 'a_c', '%a%b%', '_%_', 'h%o%d', '%😀', '日本%', 'x!%y', '!%%', '%!_%']
            .map((p) => call('like', B, x, lit(p, S), lit('!', S)));
          expectAgree(w, [
            ...literal,
            call('like', B, x, lit('a%', S)), call('like', B, col(3, S), lit('%b%', S)),
            call('like', B, x, col(1, S)), call('like', B, x, col(2, S), lit('!', S)),
          ], cols, n);
        }
      }
    });

    it('an invalid escape sequence is an error naming the pattern, unless the row is NULL', () => {
      const bad = engineEvaluate(w, [call('like', B, col(0, S, 's'), col(1, S, 'p'), lit('!', S))], [{ type: S, values: ['a', 'b'] }, { type: S, values: ['a', 'x!y'] }], 2);
      expect((bad as { error: Error }).error.message).toBe("invalid argument 'x!y' in s LIKE p ESCAPE '!' at row 1");
      const lit1 = engineEvaluate(w, [call('like', B, col(0, S, 's'), lit('ab!', S), lit('!', S))], [{ type: S, values: [null, 'ab'] }], 2);
      expect((lit1 as { error: Error }).error.message).toBe("invalid argument 'ab!' in s LIKE 'ab!' ESCAPE '!' at row 1");
      expect(engineEvaluate(w, [call('like', B, col(0, S), lit('ab!', S), lit('!', S))], [{ type: S, values: [null] }], 1).ok).toBe(true);
    });

    it('long strings cross vectors and keep their bytes', () => {
      const r = rng(5);
      const big = Array.from({ length: 1500 }, (_, i) => (i % 7 === 0 ? null : 'xé'.repeat(Math.floor(r() * 300))));
      const out = expectAgree(w, [call('upper', S, col(0, S)), call('concat', S, col(0, S), col(0, S)), call('substring', S, col(0, S), lit(-5, I))], [{ type: S, values: big }], 1500);
      expect(((out as { columns: SqlValue[][] }).columns[0]![1] as string).length).toBeGreaterThanOrEqual(0);
    });

    it('string functions of DICT columns, and CASE choosing between strings', () => {
      const r = rng(3);
      const vals = randomValues(S, 700, r, 0.2);
      expectAgree(w, [
        call('case', S, call('like', B, col(0, S), lit('%a%', S)), call('upper', S, col(0, S)), col(1, S)),
        call('coalesce', S, col(0, S), lit('none', S)),
      ], [{ type: S, values: vals, dict: true }, { type: S, values: vals }], 700);
    });
  });
}
