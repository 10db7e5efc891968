import { describe, expect, it } from 'vitest';
import { compareRows, compareValues, expectSameRows, valuesEqual } from '../support/compare.js';
import type { Row } from '../support/values.js';

describe('valuesEqual', () => {
  it('treats NaN as equal to NaN and -0 as 0 unless asked', () => {
    expect(valuesEqual(NaN, NaN)).toBe(true);
    expect(valuesEqual(NaN, 1)).toBe(false);
    expect(valuesEqual(-0, 0)).toBe(true);
    expect(valuesEqual(-0, 0, { signedZero: true })).toBe(false);
    expect(valuesEqual(-0, -0, { signedZero: true })).toBe(true);
  });

  it('applies the relative tolerance to floats but never to safe integers', () => {
    expect(valuesEqual(0.1 + 0.2, 0.3)).toBe(true);
    expect(valuesEqual(0.1 + 0.2, 0.3, { floatTolerance: 0 })).toBe(false);
    expect(valuesEqual(1e6, 1e6 + 1e-2)).toBe(false);
    expect(valuesEqual(1e6, 1e6 + 1e-4)).toBe(true);
    expect(valuesEqual(2147483647, 2147483646)).toBe(false);
    expect(valuesEqual(1.5, 1.5000001, { floatTolerance: 1e-6 })).toBe(true);
    expect(valuesEqual(Infinity, Infinity)).toBe(true);
    expect(valuesEqual(Infinity, -Infinity)).toBe(false);
    expect(valuesEqual(Infinity, Number.MAX_VALUE)).toBe(false);
  });

  it('compares bigints with numbers by value', () => {
    expect(valuesEqual(5n, 5)).toBe(true);
    expect(valuesEqual(5, 5n)).toBe(true);
    expect(valuesEqual(5n, 5.5)).toBe(false);
    expect(valuesEqual(2n ** 60n, 2 ** 60)).toBe(true);
    expect(valuesEqual(9007199254740993n, 9007199254740992n)).toBe(false);
  });

  it('never equates different kinds', () => {
    expect(valuesEqual('1', 1)).toBe(false);
    expect(valuesEqual(null, 0)).toBe(false);
    expect(valuesEqual(true, 1)).toBe(false);
    expect(valuesEqual('', null)).toBe(false);
    expect(valuesEqual(null, null)).toBe(true);
  });
});

describe('compareValues', () => {
  it('orders NULL < booleans < numbers < strings, NaN after numbers, bigints by value', () => {
    const sorted = ['b', NaN, 3n, null, -Infinity, true, 2.5, false, ''].sort(compareValues);
    expect(sorted).toEqual([null, false, true, -Infinity, 2.5, 3n, NaN, '', 'b']);
    expect(compareValues(-0, 0)).toBe(0);
  });
});

describe('expectSameRows', () => {
  const rows: Row[] = [
    [1, 'a', null],
    [2, 'b', 2.5],
    [1, 'a', null],
    [NaN, '', -0],
  ];

  it('accepts any order of the same multiset', () => {
    expect(() => expectSameRows([...rows].reverse(), rows)).not.toThrow();
    expect(() => expectSameRows([[NaN, '', 0], rows[2]!, rows[1]!, rows[0]!], rows)).not.toThrow();
  });

  it('counts duplicates', () => {
    const diff = compareRows([rows[0]!, rows[1]!, rows[3]!], rows);
    expect(diff).toContain('actual has 3 rows, expected 4');
    expect(diff).toContain('only in expected (1):\n    (1, "a", NULL)');
  });

  it('matches rows whose floats differ within the tolerance even when they sort apart', () => {
    const actual: Row[] = [[1, 0.30000000000000004, 'y'], [1, 0.3, 'x']];
    const expected: Row[] = [[1, 0.3, 'y'], [1, 0.30000000000000004, 'x']];
    expect(compareRows(actual, expected)).toBeNull();
    expect(compareRows(actual, expected, { floatTolerance: 0 })).not.toBeNull();
  });

  it('reports at most 10 differing rows and a count of the rest', () => {
    const actual: Row[] = Array.from({ length: 25 }, (_, i) => [i]);
    const expected: Row[] = Array.from({ length: 25 }, (_, i) => [i + 100]);
    const diff = compareRows(actual, expected)!;
    expect(diff).toContain('only in actual (25)');
    expect(diff).toContain('… and 15 more');
    expect(diff.split('\n').filter((l) => l.startsWith('    (')).length).toBe(20);
    expect(() => expectSameRows(actual, expected)).toThrow(/rows differ as multisets/);
  });

  it('compares in order when ordered', () => {
    expect(compareRows([[1], [2]], [[1], [2]], { ordered: true })).toBeNull();
    const diff = compareRows([[2], [1]], [[1], [2]], { ordered: true })!;
    expect(diff).toContain('2 positions differ');
    expect(diff).toContain('row 0: actual   (2)');
    expect(compareRows([[1]], [[1], [2]], { ordered: true })).toContain('expected (2)');
    expect(compareRows([[1], [2]], [[1]], { ordered: true })).toContain('(missing)');
  });

  it('distinguishes row widths', () => {
    expect(compareRows([[1, null]], [[1]])).not.toBeNull();
  });

  it('handles empty inputs', () => {
    expect(compareRows([], [])).toBeNull();
    expect(compareRows([], [[1]])).toContain('only in expected (1)');
  });
});
