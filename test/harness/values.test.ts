import { describe, expect, it } from 'vitest';
import { formatDecimal, formatRow, parseDecimal } from '../support/values.js';

describe('decimal text', () => {
  it('formats canonically', () => {
    expect(formatDecimal(1230n, 2)).toBe('12.3');
    expect(formatDecimal(-5n, 2)).toBe('-0.05');
    expect(formatDecimal(100n, 0)).toBe('100');
    expect(formatDecimal(0n, 4)).toBe('0');
    expect(formatDecimal(-1000n, 3)).toBe('-1');
    expect(formatDecimal(7n, -2)).toBe('700');
    expect(formatDecimal(-(10n ** 38n - 1n), 10)).toBe('-9999999999999999999999999999.9999999999');
  });

  it('parses back to the unscaled value', () => {
    for (const [x, s] of [[1230n, 2], [-5n, 2], [0n, 3], [10n ** 37n + 1n, 6], [-1n, 0]] as const) {
      expect(parseDecimal(formatDecimal(x, s), s)).toBe(x);
    }
    expect(parseDecimal('12.30', 2)).toBe(1230n);
    expect(() => parseDecimal('1.234', 2)).toThrow(/more than 2 fractional digits/);
    expect(() => parseDecimal('abc', 2)).toThrow(/not a decimal/);
  });
});

describe('formatRow', () => {
  it('shows types apart', () => {
    expect(formatRow([null, 1, 1n, '1', -0, NaN, true])).toBe('(NULL, 1, 1n, "1", -0, NaN, true)');
  });
});
