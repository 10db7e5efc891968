import { describe, expect, it } from 'vitest';
import { arrowRows } from '../support/arrow-rows.js';
import { generateJoinTables, generateTable, type ColumnSpec, type GenType } from '../support/generate.js';

const TYPES: GenType[] = ['bool', 'int8', 'int16', 'int32', 'int64', 'float32', 'float64', 'utf8', 'dict-utf8', 'decimal', 'date32', 'timestamp-ms', 'timestamp-us'];
const columns: ColumnSpec[] = TYPES.map((type) => ({ name: type.replace('-', '_'), type }));

describe('generateTable', () => {
  it('is deterministic per seed', () => {
    const a = arrowRows(generateTable({ rows: 200, seed: 7, columns }));
    const b = arrowRows(generateTable({ rows: 200, seed: 7, columns }));
    const c = arrowRows(generateTable({ rows: 200, seed: 8, columns }));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('mixes in nulls and edge values', () => {
    const table = generateTable({ rows: 1000, seed: 1, columns });
    const rows = arrowRows(table);
    const col = (name: string) => rows.map((r) => r[table.schema.fields.findIndex((f) => f.name === name)]);
    for (const f of table.schema.fields) {
      const nulls = col(f.name).filter((v) => v === null).length;
      expect(nulls, f.name).toBeGreaterThan(50);
      expect(nulls, f.name).toBeLessThan(160);
    }
    expect(col('float64').some((v) => Number.isNaN(v))).toBe(true);
    expect(col('float64').some((v) => Object.is(v, -0))).toBe(true);
    expect(col('int32')).toContain(-2147483648);
    expect(col('int32')).toContain(2147483647);
    expect(col('int64')).toContain(-(2n ** 63n));
    expect(col('utf8')).toContain('');
    expect(col('dict_utf8')).toContain('😀');
  });

  it('honours nullRate, special and distinct', () => {
    const rows = arrowRows(
      generateTable({
        rows: 500,
        seed: 3,
        columns: [
          { name: 'a', type: 'int32', nullRate: 0, special: false, min: 10, max: 20 },
          { name: 'b', type: 'utf8', nullRate: 0, distinct: 5 },
        ],
      }),
    );
    expect(rows.every((r) => typeof r[0] === 'number' && r[0] >= 10 && r[0] <= 20)).toBe(true);
    expect(new Set(rows.map((r) => r[1])).size).toBeLessThanOrEqual(5);
    expect(rows.every((r) => r[1] !== null)).toBe(true);
  });

  it('generates zero rows', () => {
    expect(generateTable({ rows: 0, seed: 1, columns }).numRows).toBe(0);
  });
});

describe('generateJoinTables', () => {
  for (const keyType of ['int32', 'int64', 'utf8', 'dict-utf8'] as const) {
    it(`has duplicate, missing and null ${keyType} keys on both sides`, () => {
      const { left, right } = generateJoinTables({ seed: 5, leftRows: 300, rightRows: 200, keyType });
      const lk = arrowRows(left).map((r) => r[0]);
      const rk = arrowRows(right).map((r) => r[0]);
      const ls = new Set(lk.filter((k) => k !== null));
      const rs = new Set(rk.filter((k) => k !== null));
      expect(lk).toContain(null);
      expect(rk).toContain(null);
      expect(ls.size).toBeLessThan(lk.length - 10);
      expect(rs.size).toBeLessThan(rk.length - 10);
      expect([...ls].some((k) => !rs.has(k))).toBe(true);
      expect([...rs].some((k) => !ls.has(k))).toBe(true);
      expect([...ls].some((k) => rs.has(k))).toBe(true);
    });
  }
});
