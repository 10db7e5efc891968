import { describe, expect, it } from 'vitest';
import { loadWasm } from '../../bindings/node.js';
import { resolveCall } from '../../engine/logical/function-catalog.js';
import type { ScalarExpr, ScalarFunction } from '../../engine/logical/expression.js';
import { compileRegex, RegexSyntaxError } from '../../engine/logical/regex-pattern.js';
import { NotImplementedError } from '../../engine/errors.js';
import { DataTypes } from '../../engine/types/data-type.js';
import { call, col, lit } from './exprs.js';
import { LENGTHS, STRING_POOL, rng } from './gen.js';
import { engineEvaluate, expectAgree } from './harness.js';

const S = DataTypes.STRING();
const I = DataTypes.INT();
const BI = DataTypes.BIGINT();
const D = DataTypes.DOUBLE();
const TS = DataTypes.TIMESTAMP(3);

/** A bound call with the catalog's casts and result type. */
const fn = (name: ScalarFunction, ...args: ScalarExpr[]) => resolveCall(name, args, name);

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function text(r: () => number): string {
  const parts = [...STRING_POOL, ',', ',,', '::', ' ', '1', '22', '333', 'x=1', 'k2=v2', '-', 'é'];
  let s = '';
  const n = Math.floor(r() * 5);
  for (let i = 0; i < n; i++) s += pick(r, parts);
  return s;
}

/** Patterns both Java and JavaScript (`u` flag) read the same way on the test texts. */
const PATTERNS = [
  'a', 'ab', '.', 'a.c', '^a', 'b$', '^$', 'a*', 'a+', 'a?', 'a*?', '(a)(b)?', '(a|ab)(c|bcd)?', '[abc]+', '[^a-z ]+',
  '\\d+', '\\D', '\\w+', '\\W+', '[0-9]{2,3}', '[0-9]{2,3}?', 'x=(\\d)', '(\\w+)=(\\w+)', 'é|日本', '(?:ab)+', '(?<k>k)(\\d)',
  '😀', '[😀é]', 'o{2}', '(a*)*b', '(a|b)*c', '', ',', '.*', '.+?,',
];

for (const debug of [false, true]) {
  describe(`Flink built-ins in the expression VM (${debug ? 'debug' : 'release'} build)`, async () => {
    const w = await loadWasm({ debug });
    const lengths = debug ? [0, 1, 65] : LENGTHS;

    it('string functions agree with the reference, with NULLs, empty strings and UTF-8', () => {
      const r = rng(301);
      for (const n of lengths) {
        for (const nullRate of [0, 0.2]) {
          const a = Array.from({ length: n }, () => (r() < nullRate ? null : text(r)));
          const b = Array.from({ length: n }, () => (r() < nullRate ? null : pick(r, ['', ',', '::', 'a', ' ', 'é', 'xy', '😀'])));
          const k = Array.from({ length: n }, () => (r() < nullRate ? null : Math.floor(r() * 12) - 3));
          const cols = [{ type: S, values: a }, { type: S, values: b }, { type: I, values: k }, { type: S, values: a, dict: true }];
          const [x, y, ki, dx] = [col(0, S), col(1, S), col(2, I), col(3, S)];
          expectAgree(w, [
            fn('concat_ws', y, x, lit(null, S), dx), fn('concat_ws', lit('-', S), x, y),
            fn('split_index', x, y, ki), fn('split_index', x, lit(',', S), lit(1, I)), fn('split_index', x, lit('', S), lit(0, I)),
            fn('lpad', x, ki, y), fn('rpad', x, ki, y), fn('lpad', dx, lit(6, I), lit('é-', S)),
            fn('repeat', x, ki), fn('reverse', x), fn('initcap', x), fn('initcap', dx),
            fn('left', x, ki), fn('right', x, ki), fn('locate', y, x, ki), fn('ascii', x),
            fn('trim_chars', x, y), fn('ltrim_chars', x, lit('a ,', S)), fn('rtrim_chars', x, y),
          ], cols, n);
          const codes = Array.from({ length: n }, () => (r() < nullRate ? null : BigInt(Math.floor(r() * 800) - 100)));
          expectAgree(w, [fn('chr', col(0, BI))], [{ type: BI, values: codes }], n);
        }
      }
    });

    it('REGEXP, REGEXP_EXTRACT and REGEXP_REPLACE agree with a JavaScript RegExp oracle', () => {
      const r = rng(977);
      for (const n of lengths) {
        for (const nullRate of [0, 0.2]) {
          const a = Array.from({ length: n }, () => (r() < nullRate ? null : text(r)));
          const g = Array.from({ length: n }, () => (r() < nullRate ? null : Math.floor(r() * 4) - 1));
          const cols = [{ type: S, values: a }, { type: I, values: g }, { type: S, values: a, dict: true }];
          const exprs: ScalarExpr[] = [];
          for (const p of PATTERNS) {
            exprs.push(fn('regexp', col(0, S), lit(p, S)), fn('regexp_extract', col(0, S), lit(p, S)),
              fn('regexp_extract', col(0, S), lit(p, S), col(1, I)), fn('regexp_replace', col(0, S), lit(p, S), lit('<$1>', S)));
          }
          exprs.push(fn('regexp', col(2, S), lit('[0-9]', S)));
          expectAgree(w, exprs, cols, n);
        }
      }
    });

    it('patterns Java rejects give NULL (FALSE for REGEXP); unsupported syntax is a NotImplementedError', () => {
      const out = engineEvaluate(w, [
        fn('regexp_extract', lit('abc', S), lit('(a', S)), fn('regexp_replace', lit('abc', S), lit('*', S), lit('x', S)),
        fn('regexp', lit('abc', S), lit('[a', S)),
      ], [], 1);
      expect(out.ok && out.columns.map((c) => c[0])).toEqual([null, null, false]);
      for (const bad of ['(a', '*a', 'a{', '[a', 'a)', '\\', '\\y', 'a{3,1}']) expect(() => compileRegex(bad), bad).toThrow(RegexSyntaxError);
      for (const unsupported of ['(a)\\1', '(?=a)', '(?!a)', '(?<=a)', '(?i)a', 'a*+', '\\p{L}', '[a&&b]', '(?>a)']) {
        expect(() => compileRegex(unsupported), unsupported).toThrow(NotImplementedError);
      }
    });

    it('a pathological pattern runs in linear time (no backtracking blow-up)', () => {
      const s = 'a'.repeat(5000);
      const out = engineEvaluate(w, [fn('regexp', col(0, S), lit('(a*)*b', S)), fn('regexp_extract', col(0, S), lit('(a|aa)+$', S))], [{ type: S, values: [s] }], 1);
      expect(out.ok && out.columns.map((c) => c[0])).toEqual([false, s]);
    });

    it('math functions, GREATEST/LEAST and TRUNCATE agree with the reference', () => {
      const r = rng(55);
      for (const n of lengths) {
        const xs = Array.from({ length: n }, () => (r() < 0.15 ? null : pick(r, [0, -0, 1, -1, 0.5, 2, 10, 1000, NaN, Infinity, (r() - 0.5) * 200])));
        const ys = Array.from({ length: n }, () => (r() < 0.15 ? null : (r() - 0.5) * 20));
        const ks = Array.from({ length: n }, () => (r() < 0.15 ? null : Math.floor(r() * 9) - 4));
        const cols = [{ type: D, values: xs }, { type: D, values: ys }, { type: I, values: ks }];
        const [x, y, k] = [col(0, D), col(1, D), col(2, I)];
        expectAgree(w, ['log', 'log10', 'log2', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'degrees', 'radians'].map((f) => fn(f as ScalarFunction, x)), cols, n, { tolerance: 1e-15 });
        expectAgree(w, [fn('atan2', x, y), fn('log', y, x), fn('greatest', y, lit(1.5, D)), fn('least', y, lit(-2, D), y), fn('greatest', k, lit(0, I)), fn('least', k, lit(1, I), k)], cols, n, { tolerance: 1e-15 });
        const strs = Array.from({ length: n }, () => (r() < 0.15 ? null : text(r)));
        expectAgree(w, [fn('greatest', col(0, S), lit('b', S)), fn('least', col(0, S), lit('b', S))], [{ type: S, values: strs }], n);
      }
      // TRUNCATE cuts the shortest decimal form, as BigDecimal.valueOf(double) does.
      const out = engineEvaluate(w, [
        fn('truncate', lit(4.35, D), lit(2, I)), fn('truncate', lit(-0.999, D), lit(1, I)), fn('truncate', lit(1234.5678, D), lit(-2, I)),
        fn('truncate', lit(0.1 + 0.2, D), lit(16, I)), fn('truncate', lit(1e300, D), lit(2, I)),
      ], [], 1);
      expect(out.ok && out.columns.map((c) => c[0])).toEqual([4.35, -0.9, 1200, 0.3, 1e300]);
    });

    it('DATE_FORMAT, FROM_UNIXTIME and TIMESTAMPDIFF agree with the reference; parsing inverts formatting', () => {
      const r = rng(4242);
      const patterns = ['yyyy-MM-dd HH:mm:ss', 'yy/M/d h:mm a', "EEE, d MMM yyyy 'at' k:mm:ss.SSS", 'EEEE MMMM D K', 'yyyyMMddHHmmssSSS', "''HH''", 'SSSSSS'];
      const day = 86_400_000;
      for (const n of lengths) {
        const t1 = Array.from({ length: n }, () => (r() < 0.15 ? null : BigInt(Math.floor((r() - 0.3) * 4e12))));
        const t2 = Array.from({ length: n }, (_, i) => {
          if (r() < 0.15) return null;
          const base = t1[i] ?? 0n;
          return base + BigInt(Math.floor((r() - 0.5) * (r() < 0.5 ? 3 * day : 900 * day)));
        });
        const secs = Array.from({ length: n }, () => (r() < 0.15 ? null : BigInt(Math.floor((r() - 0.3) * 4e9))));
        const cols = [{ type: TS, values: t1 }, { type: TS, values: t2 }, { type: BI, values: secs }];
        const [a, b] = [col(0, TS), col(1, TS)];
        expectAgree(w, [
          ...patterns.map((p) => fn('date_format', a, lit(p, S))), fn('from_unixtime', col(2, BI)), fn('from_unixtime', col(2, BI), lit('d.M.yy H:m', S)),
          ...['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'].map((u) => fn(`timestampdiff_${u}` as ScalarFunction, a, b)),
        ], cols, n);
        // TO_TIMESTAMP(DATE_FORMAT(ts, p), p) = ts for patterns that keep every field down to the millisecond.
        for (const p of ['yyyy-MM-dd HH:mm:ss.SSS', 'yyyyMMddHHmmssSSS', 'dd MMM yyyy hh:mm:ss.SSS a']) {
          const back = engineEvaluate(w, [fn('to_timestamp', fn('date_format', a, lit(p, S)), lit(p, S)), fn('unix_timestamp', fn('date_format', a, lit(p, S)), lit(p, S))], cols, n);
          if (!back.ok) throw back.error;
          expect(back.columns[0]).toEqual(t1);
          expect(back.columns[1]).toEqual(t1.map((v) => (v === null ? null : v / 1000n)));
        }
      }
    });
  });
}
