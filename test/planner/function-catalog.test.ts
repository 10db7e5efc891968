import { describe, expect, it } from 'vitest';
import type { ScalarExpr } from '../../engine/logical/expression.js';
import { formatExpr } from '../../engine/logical/format-expression.js';
import { resolveAggregate, resolveCall, resolveCast } from '../../engine/logical/function-catalog.js';
import { literalFromJs } from '../../engine/logical/literal.js';
import { commonType } from '../../engine/logical/type-coercion.js';
import { DataTypes, typeToString, type DataType } from '../../engine/types/data-type.js';

// Flink's type rules, in one catalog: widening, implicit casts, result types and nullability.

const col = (name: string, type: DataType): ScalarExpr => ({ kind: 'column', index: 0, name, type });
const T = {
  i8: col('i8', DataTypes.TINYINT()), i32: col('i32', DataTypes.INT()), i64: col('i64', DataTypes.BIGINT()),
  i32nn: col('i32nn', DataTypes.INT(false)), f32: col('f32', DataTypes.FLOAT()), f64: col('f64', DataTypes.DOUBLE()),
  d: col('d', DataTypes.DECIMAL(10, 2)), d2: col('d2', DataTypes.DECIMAL(5, 3)), s: col('s', DataTypes.STRING()),
  b: col('b', DataTypes.BOOLEAN()), date: col('date', DataTypes.DATE()), ts: col('ts', DataTypes.TIMESTAMP(3)),
  ts6: col('ts6', DataTypes.TIMESTAMP(6)),
};
const call = (fn: Parameters<typeof resolveCall>[0], ...args: ScalarExpr[]) => resolveCall(fn, args, 'test');
const show = (e: ScalarExpr) => `${formatExpr(e)} : ${typeToString(e.type)}`;

describe('arithmetic', () => {
  it.each([
    ['plus', 'i32', 'i64', '(CAST(i32 AS BIGINT) + i64) : BIGINT'],
    ['plus', 'i8', 'i32', '(CAST(i8 AS INT) + i32) : INT'],
    ['times', 'i32', 'f64', '(CAST(i32 AS DOUBLE) * f64) : DOUBLE'],
    ['minus', 'f32', 'i64', '(f32 - CAST(i64 AS FLOAT)) : FLOAT'],
    ['divide', 'i32', 'i32nn', '(i32 / i32nn) : INT'],
    ['mod', 'i64', 'i32', '(i64 % CAST(i32 AS BIGINT)) : BIGINT'],
    ['plus', 'd', 'd2', '(CAST(d AS DECIMAL(11, 3)) + d2) : DECIMAL(12, 3)'],
    ['plus', 'd', 'i32', '(d + CAST(i32 AS DECIMAL(12, 2))) : DECIMAL(13, 2)'],
    ['times', 'd', 'd2', '(d * d2) : DECIMAL(15, 5)'],
    ['divide', 'd', 'i32', '(d / CAST(i32 AS DECIMAL(10, 0))) : DECIMAL(21, 13)'],
    ['plus', 'd', 'f64', '(CAST(d AS DOUBLE) + f64) : DOUBLE'],
    ['times', 'i32nn', 'i32nn', '(i32nn * i32nn) : INT NOT NULL'],
  ] as const)('%s(%s, %s)', (fn, a, b, expected) => {
    expect(show(call(fn, T[a], T[b]))).toBe(expected);
  });

  it('caps decimal precision at 38, keeping integer digits and at least 6 digits of scale', () => {
    const big = col('big', DataTypes.DECIMAL(38, 10));
    expect(typeToString(call('times', big, big).type)).toBe('DECIMAL(38, 6)');
    expect(typeToString(call('divide', big, T.d).type)).toBe('DECIMAL(38, 8)');
  });
});

describe('comparisons and logic', () => {
  it('casts both sides to a common type', () => {
    expect(show(call('gt', T.f64, literalFromJs(100)))).toBe('(f64 > CAST(100 AS DOUBLE NOT NULL)) : BOOLEAN');
    expect(show(call('eq', T.i32nn, T.i32nn))).toBe('(i32nn = i32nn) : BOOLEAN NOT NULL');
    expect(show(call('lt', T.date, T.ts))).toBe('(CAST(date AS TIMESTAMP(3)) < ts) : BOOLEAN');
    expect(show(call('le', T.ts, T.ts6))).toBe('(CAST(ts AS TIMESTAMP(6)) <= ts6) : BOOLEAN');
    expect(show(call('is_distinct_from', T.i32, T.i64))).toBe('(CAST(i32 AS BIGINT) IS DISTINCT FROM i64) : BOOLEAN NOT NULL');
  });

  it('compares a date with a string literal as a date', () => {
    expect(show(call('ge', T.date, literalFromJs('2024-01-01')))).toBe("(date >= CAST('2024-01-01' AS DATE NOT NULL)) : BOOLEAN");
  });

  it('refuses to compare strings with numbers', () => {
    expect(() => call('eq', T.s, T.i32)).toThrow('cannot apply = to STRING and INT in test; cast one side explicitly');
  });

  it('types IN, BETWEEN, IS NULL and the three-valued connectives', () => {
    expect(show(call('in', T.i32, literalFromJs(1), literalFromJs(2n)))).toBe('CAST(i32 AS BIGINT) IN (CAST(1 AS BIGINT NOT NULL), 2) : BOOLEAN');
    expect(show(call('between', T.f64, literalFromJs(1), literalFromJs(2.5)))).toBe('f64 BETWEEN CAST(1 AS DOUBLE NOT NULL) AND 2.5 : BOOLEAN');
    expect(show(call('is_null', T.s))).toBe('s IS NULL : BOOLEAN NOT NULL');
    expect(show(call('and', T.b, literalFromJs(null)))).toBe('(b AND CAST(NULL AS BOOLEAN)) : BOOLEAN');
  });
});

describe('conditionals, strings, numbers, dates', () => {
  it('finds the common type of branches and the result nullability', () => {
    expect(show(call('coalesce', T.i32, T.i64))).toBe('COALESCE(CAST(i32 AS BIGINT), i64) : BIGINT');
    expect(show(call('coalesce', T.i32, T.i32nn))).toBe('COALESCE(i32, i32nn) : INT NOT NULL');
    expect(show(call('if', T.b, T.i32nn, literalFromJs(1.5)))).toBe('IF(b, CAST(i32nn AS DOUBLE NOT NULL), 1.5) : DOUBLE NOT NULL');
    expect(show(call('case', T.b, T.i32nn))).toBe('CASE WHEN b THEN i32nn END : INT');
    expect(show(call('case', T.b, T.i32nn, literalFromJs(0)))).toBe('CASE WHEN b THEN i32nn ELSE 0 END : INT NOT NULL');
  });

  it('types string functions', () => {
    expect(show(call('substring', T.s, T.i64, literalFromJs(2)))).toBe('SUBSTRING(s, CAST(i64 AS INT), 2) : STRING');
    expect(show(call('char_length', T.s))).toBe('CHAR_LENGTH(s) : INT');
    expect(show(call('like', T.s, literalFromJs('a%')))).toBe("s LIKE 'a%' : BOOLEAN");
    expect(() => call('concat', T.s, T.i32)).toThrow('cannot apply CONCAT to STRING and INT in test');
  });

  it('types numeric functions', () => {
    expect(show(call('sqrt', T.i32))).toBe('SQRT(CAST(i32 AS DOUBLE)) : DOUBLE');
    expect(show(call('round', T.d, literalFromJs(1)))).toBe('ROUND(d, 1) : DECIMAL(10, 1)');
    expect(show(call('floor', T.d))).toBe('FLOOR(d) : DECIMAL(9, 0)');
    expect(show(call('abs', T.i64))).toBe('ABS(i64) : BIGINT');
  });

  it('types date functions', () => {
    expect(show(call('extract_year', T.date))).toBe('EXTRACT_YEAR(date) : BIGINT');
    expect(() => call('extract_hour', T.date)).toThrow('cannot apply EXTRACT_HOUR to DATE in test');
    expect(show(call('date_trunc_month', T.ts))).toBe('DATE_TRUNC_MONTH(ts) : TIMESTAMP(3)');
  });

  it('allows the casts Flink allows', () => {
    expect(typeToString(resolveCast(T.s, DataTypes.INT(), false, 't').type)).toBe('INT');
    expect(typeToString(resolveCast(T.i32nn, DataTypes.BIGINT(), false, 't').type)).toBe('BIGINT NOT NULL');
    expect(typeToString(resolveCast(T.i32nn, DataTypes.BIGINT(), true, 't').type)).toBe('BIGINT');
    expect(() => resolveCast(T.b, DataTypes.DATE(), false, 't')).toThrow('cannot cast BOOLEAN to DATE in t');
  });

  it('finds no common type for unrelated types', () => {
    expect(commonType(DataTypes.BOOLEAN(), DataTypes.INT())).toBeUndefined();
    expect(commonType(DataTypes.NULL(), DataTypes.INT(false))).toEqual(DataTypes.INT(true));
  });
});

describe('aggregates', () => {
  it.each([
    ['count', '*', false, 'count_star', 'BIGINT NOT NULL'],
    ['count', 's', false, 'count', 'BIGINT NOT NULL'],
    ['count', 's', true, 'count_distinct', 'BIGINT NOT NULL'],
    ['sum', 'i32', false, 'sum', 'BIGINT'],
    ['sum', 'i64', false, 'sum', 'BIGINT'],
    ['sum', 'f64', false, 'sum', 'DOUBLE'],
    ['sum', 'd', false, 'sum', 'DECIMAL(38, 2)'],
    ['avg', 'i32nn', false, 'avg', 'INT'],
    ['avg', 'f64', false, 'avg', 'DOUBLE'],
    ['avg', 'd', false, 'avg', 'DECIMAL(38, 6)'],
    ['min', 's', false, 'min', 'STRING'],
    ['max', 'i32nn', false, 'max', 'INT'],
  ] as const)('%s(%s, distinct=%s)', (name, arg, distinct, fn, type) => {
    const r = resolveAggregate(name, arg === '*' ? undefined : T[arg], distinct, 't');
    expect(r.fn).toBe(fn);
    expect(typeToString(r.type)).toBe(type);
  });

  it('rejects SUM and AVG of non-numbers', () => {
    expect(() => resolveAggregate('avg', T.s, false, 'AVG(s)')).toThrow('cannot apply AVG to STRING in AVG(s)');
  });
});
