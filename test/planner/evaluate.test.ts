import { describe, expect, it } from 'vitest';
import type { Literal, ScalarExpr, ScalarFunction } from '../../engine/logical/expression.js';
import { resolveCall, resolveCast } from '../../engine/logical/function-catalog.js';
import { literalFromJs, makeLiteral } from '../../engine/logical/literal.js';
import { simplify } from '../../engine/optimizer/constant-folding.js';
import { DataTypes, type DataType } from '../../engine/types/data-type.js';

// Constant folding evaluates calls on literals in TypeScript; these check it against plain
// TypeScript references, and that it declines (leaves the call) where the runtime must fail.

const L = (v: unknown, t?: DataType) => literalFromJs(v, t);
const fold = (fn: ScalarFunction, ...args: ScalarExpr[]) => simplify(resolveCall(fn, args, 'test'));
const value = (e: ScalarExpr) => (e.kind === 'literal' ? e.value : 'unfolded');

const INT_EDGES = [0, 1, -1, 7, -7, 46341, -46341, 2147483647, -2147483648, 1073741824];

describe('integer arithmetic', () => {
  it.each(['plus', 'minus', 'times', 'divide', 'mod'] as const)('%s on INT matches BigInt, declining overflow and division by zero', (fn) => {
    for (const a of INT_EDGES) {
      for (const b of INT_EDGES) {
        const x = BigInt(a), y = BigInt(b);
        let want: bigint | undefined;
        if (fn === 'plus') want = x + y;
        else if (fn === 'minus') want = x - y;
        else if (fn === 'times') want = x * y;
        else if (y !== 0n) want = fn === 'divide' ? x / y : x % y;
        const fits = want !== undefined && want >= -(2n ** 31n) && want < 2n ** 31n;
        expect(value(fold(fn, L(a), L(b))), `${a} ${fn} ${b}`).toBe(fits ? Number(want) : 'unfolded');
      }
    }
  });

  it('computes BIGINT exactly beyond 2^53', () => {
    expect(value(fold('plus', L(2n ** 62n), L(2n ** 61n)))).toBe((2n ** 62n + 2n ** 61n).toString());
    expect(value(fold('times', L(2n ** 62n), L(2n)))).toBe('unfolded');
  });

  it('follows IEEE for doubles but leaves x / 0 to the runtime', () => {
    expect(value(fold('plus', L(0.1), L(0.2)))).toBe(0.1 + 0.2);
    expect(value(fold('times', L(-1.5), L(0)))).toBe('-0');
    expect(value(fold('divide', L(1.5), L(0)))).toBe('unfolded');
    expect(value(fold('minus', L(Infinity), L(Infinity)))).toBe('NaN');
  });
});

describe('three-valued logic', () => {
  const B = [true, false, null] as const;
  const sql = {
    and: (a: boolean | null, b: boolean | null) => (a === false || b === false ? false : a === null || b === null ? null : true),
    or: (a: boolean | null, b: boolean | null) => (a === true || b === true ? true : a === null || b === null ? null : false),
  };
  it.each(['and', 'or'] as const)('%s over TRUE, FALSE, NULL', (fn) => {
    for (const a of B) for (const b of B) {
      const lit = (v: boolean | null): Literal => makeLiteral(v, DataTypes.BOOLEAN(v === null));
      expect(value(fold(fn, lit(a), lit(b))), `${a} ${fn} ${b}`).toBe(sql[fn](a, b));
    }
  });

  it('folds comparisons with NULL to NULL and IN with a NULL in the list', () => {
    expect(value(fold('eq', L(1), L(null)))).toBe(null);
    expect(value(fold('in', L(1), L(2), L(null)))).toBe(null);
    expect(value(fold('in', L(2), L(2), L(null)))).toBe(true);
    expect(value(fold('is_distinct_from', L(null, DataTypes.INT()), L(null, DataTypes.INT())))).toBe(false);
    expect(value(fold('lt', L('a'), L('b')))).toBe(true);
    expect(value(fold('lt', L('\u{1F600}'), L('\uFFFF')))).toBe(false); // code point (UTF-8) order, not UTF-16
    expect(value(fold('eq', L(NaN), L(NaN)))).toBe('unfolded');
  });
});

describe('conditionals', () => {
  it('evaluates CASE, IF, NULLIF and COALESCE without propagating NULL', () => {
    const n = L(null, DataTypes.BOOLEAN());
    expect(value(fold('case', n, L(1), L(2)))).toBe(2);
    expect(value(fold('case', L(false), L(1), L(true), L(3)))).toBe(3);
    expect(value(fold('case', L(false), L(1)))).toBe(null);
    expect(value(fold('if', n, L(1), L(2)))).toBe(2);
    expect(value(fold('nullif', L(1), L(null, DataTypes.INT())))).toBe(1);
    expect(value(fold('nullif', L(1), L(1)))).toBe(null);
    expect(value(fold('coalesce', L(null, DataTypes.INT()), L(7)))).toBe(7);
  });
});

describe('casts', () => {
  const cast = (e: ScalarExpr, t: DataType, tryCast = false) => value(simplify(resolveCast(e, t, tryCast, 'test')));
  it('converts between numbers, strings, dates and timestamps', () => {
    expect(cast(L(' 42 '), DataTypes.INT())).toBe(42);
    expect(cast(L('x'), DataTypes.INT())).toBe('unfolded');
    expect(cast(L('x'), DataTypes.INT(), true)).toBe(null);
    expect(cast(L(3000000000), DataTypes.INT())).toBe('unfolded');
    expect(cast(L(-2.7), DataTypes.INT())).toBe(-2);
    expect(cast(L('1.005'), DataTypes.DECIMAL(5, 2))).toBe('101');
    expect(cast(L('-1.005'), DataTypes.DECIMAL(5, 2))).toBe('-101');
    expect(cast(L('12.34', DataTypes.DECIMAL(4, 2)), DataTypes.DOUBLE())).toBe(12.34);
    // To FLOAT: rounded to single precision, as a FLOAT column holds it (f = CAST(0.1 AS FLOAT)).
    expect(cast(L('0.1', DataTypes.DECIMAL(2, 1)), DataTypes.FLOAT())).toBe(Math.fround(0.1));
    expect(cast(L('12.34', DataTypes.DECIMAL(4, 2)), DataTypes.STRING())).toBe('12.34');
    expect(cast(L('12.34', DataTypes.DECIMAL(4, 2)), DataTypes.INT())).toBe(12);
    expect(cast(L('1970-01-02'), DataTypes.DATE())).toBe(1);
    expect(cast(L('1970-01-02', DataTypes.DATE()), DataTypes.TIMESTAMP(6))).toBe('86400000000');
    expect(cast(L('2024-03-01 12:00:00.5'), DataTypes.TIMESTAMP(3))).toBe(Date.UTC(2024, 2, 1, 12, 0, 0, 500));
    expect(cast(L(true), DataTypes.STRING())).toBe('TRUE');
    expect(cast(L(1.5), DataTypes.STRING())).toBe('unfolded');
  });
});

describe('strings and numbers', () => {
  it('evaluates string functions on code points', () => {
    expect(value(fold('upper', L('abc')))).toBe('ABC');
    expect(value(fold('char_length', L('h\u{1F600}llo')))).toBe(5);
    expect(value(fold('substring', L('h\u{1F600}llo'), L(2), L(2)))).toBe('\u{1F600}l');
    expect(value(fold('trim', L('  a b  ')))).toBe('a b');
    expect(value(fold('concat', L('a'), L('b'), L('c')))).toBe('abc');
    expect(value(fold('position', L('lo'), L('hello')))).toBe(4);
    expect(value(fold('replace', L('a-b-c'), L('-'), L('+')))).toBe('unfolded');
    expect(value(fold('like', L('abc'), L('a%')))).toBe(true);
    expect(value(fold('like', L('a.c'), L('a_c')))).toBe(true);
    expect(value(fold('like', L('abc'), L('a.c')))).toBe(false);
    expect(value(fold('concat', L('a'), L(null)))).toBe(null);
  });

  it('evaluates numeric functions on doubles', () => {
    expect(value(fold('sqrt', L(16)))).toBe(4);
    expect(value(fold('sqrt', L(-1)))).toBe('unfolded');
    expect(value(fold('power', L(2), L(10)))).toBe(1024);
    expect(value(fold('floor', L(-1.5)))).toBe(-2);
  });
});
