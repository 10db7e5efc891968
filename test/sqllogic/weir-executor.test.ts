import { Int32 } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { TableEnvironment } from '../../engine/index.js';
import { arrowTable } from '../support/arrow-build.js';
import { NOT_IMPLEMENTED_REASON, toArrowResult, weirSqlSupport } from './weir-executor.js';

describe('weirSqlSupport', () => {
  it('switches on exactly when TableEnvironment has executeSql', () => {
    const hasExecuteSql = typeof (TableEnvironment.prototype as { executeSql?: unknown }).executeSql === 'function';
    expect(weirSqlSupport().available).toBe(hasExecuteSql);
  });

  it('reports the reason while executeSql is missing, and a factory once it exists', () => {
    expect(weirSqlSupport({})).toEqual({ available: false, reason: NOT_IMPLEMENTED_REASON });
    const support = weirSqlSupport({ executeSql: () => undefined });
    expect(support.available).toBe(true);
  });
});

describe('toArrowResult', () => {
  const table = arrowTable({ x: { type: new Int32(), values: [1] } });

  it('accepts an Arrow table, a TableResult-like object with toArrow(), or nothing', async () => {
    expect(await toArrowResult(table)).toBe(table);
    expect(await toArrowResult({ toArrow: async () => table })).toBe(table);
    expect(await toArrowResult(undefined)).toBeUndefined();
  });

  it('rejects anything else, saying what came back', async () => {
    await expect(toArrowResult({ rows: [] })).rejects.toThrow('executeSql returned [object Object], not an apache-arrow Table or a TableResult');
  });
});
