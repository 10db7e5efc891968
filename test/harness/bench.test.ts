import { describe, expect, it } from 'vitest';
import { groupChecksum, scalarChecksum, sequenceChecksum } from '../../bench/checksum.js';
import { LARGE_GROUPS, V_BITS, generateBenchData, scatterKey } from '../../bench/data.js';
import { parseOptions } from '../../bench/options.js';
import { checksumMismatches, formatReport, jsonLine } from '../../bench/report.js';
import { arqueroSystem } from '../../bench/systems/arquero-system.js';
import { duckdbSystem } from '../../bench/systems/duckdb-system.js';
import { plainJsSystem } from '../../bench/systems/plain-js-system.js';
import { WORKLOADS } from '../../bench/workloads.js';

describe('bench data', () => {
  it('is deterministic and exact-summable', () => {
    const a = generateBenchData(5000, 7);
    const b = generateBenchData(5000, 7);
    expect(a.t.v).toEqual(b.t.v);
    expect(a.t.sDictionary).toEqual(b.t.sDictionary);
    expect(a.t.v.every((x) => x >= 0 && x < 1 && Number.isInteger(x * 2 ** V_BITS))).toBe(true);
    expect(new Set(a.t.g).size).toBe(5000);
    expect(new Set(a.t.sDictionary).size).toBe(a.t.sDictionary.length);
    expect(new Set(a.d.dk).size).toBe(a.d.rows);
  });

  it('scatters W2b keys without collisions', () => {
    const seen = new Set<number>();
    for (let i = 0; i < LARGE_GROUPS; i += 997) seen.add(scatterKey(i));
    expect(seen.size).toBe(Math.ceil(LARGE_GROUPS / 997));
  });
});

describe('bench checksums', () => {
  it('ignores group order but not group content', () => {
    const cols = [[1, 2, 3], [10n, 20n, 30n], [0.5, 0.25, 0.125]];
    const shuffled = [[3, 1, 2], [30, 10, 20], [0.125, 0.5, 0.25]];
    expect(groupChecksum(shuffled)).toBe(groupChecksum(cols));
    expect(groupChecksum([[1, 2, 3], [10, 20, 31], [0.5, 0.25, 0.125]])).not.toBe(groupChecksum(cols));
    expect(groupChecksum([['a', 'b'], [1, 2]])).not.toBe(groupChecksum([['b', 'a'], [1, 2]]));
  });

  it('depends on sequence order', () => {
    expect(sequenceChecksum([1, 2, 3])).not.toBe(sequenceChecksum([2, 1, 3]));
    expect(sequenceChecksum(new Float64Array([1, 2, 3]))).toBe(sequenceChecksum([1, 2, 3]));
    expect(scalarChecksum(5n)).toBe(scalarChecksum(5));
  });

  it('reports mismatches per workload', () => {
    const base = { jsonFields: {}, medianMs: 1 };
    const ms = [
      { ...base, workload: 'W1', system: 'a', checksum: 'x' },
      { ...base, workload: 'W1', system: 'b', checksum: 'y' },
      { ...base, workload: 'W2', system: 'a', checksum: 'z' },
      { ...base, workload: 'W2', system: 'b', checksum: 'z' },
    ];
    const out = checksumMismatches(ms);
    expect(out).toHaveLength(1);
    expect(out[0]).toContain('W1: checksums differ');
    expect(JSON.parse(jsonLine({ ...ms[0]!, system: 'duckdb', jsonFields: { threads: 1 } }))).toEqual({
      workload: 'W1',
      system: 'duckdb',
      threads: 1,
      median_ms: 1,
      checksum: 'x',
    });
    const report = formatReport(WORKLOADS.slice(0, 1), ['weir', 'duckdb', 'arquero'], [
      { ...base, workload: 'W1', system: 'weir', medianMs: 2, checksum: 'x' },
      { ...base, workload: 'W1', system: 'duckdb', medianMs: 1, checksum: 'x' },
      { ...base, workload: 'W1', system: 'arquero', medianMs: 10, checksum: 'x' },
    ]);
    expect(report).toContain('0.50x');
    expect(report).toContain('W1: weir misses the DuckDB target');
    expect(report).toContain('W1: weir misses the 20x-Arquero target (5.00x)');
  });
});

describe('bench options', () => {
  it('parses flags and rejects bad ones', () => {
    const o = parseOptions(['--rows', '100_000', '--only', 'W1,w2b', '--json', '--iterations=2', '--systems', 'duckdb,weir']);
    expect(o.rows).toBe(100000);
    expect(o.workloads.map((w) => w.id)).toEqual(['W1', 'W2b']);
    expect(o.json).toBe(true);
    expect(o.iterations).toBe(2);
    expect(o.systems).toEqual(['weir', 'duckdb']);
    expect(parseOptions([]).rows).toBe(10_000_000);
    expect(() => parseOptions(['--only', 'W9'])).toThrow(/unknown workload 'W9'/);
    expect(() => parseOptions(['--rows', '-1'])).toThrow(/positive integer/);
    expect(() => parseOptions(['--fast'])).toThrow(/unknown option/);
  });
});

describe('bench peers agree', () => {
  it('DuckDB, Arquero and plain JS give the same checksum on every workload (20,000 rows)', async () => {
    const data = generateBenchData(20_000, 3);
    const strings = Array.from(data.t.sCode, (c) => data.t.sDictionary[c]!);
    const systems = [await duckdbSystem(data), arqueroSystem(data, strings), plainJsSystem(data, strings)];
    try {
      for (const w of WORKLOADS) {
        const sums: string[] = [];
        for (const s of systems) {
          const q = s.prepare(w.id)!;
          sums.push(await q.checksum(await q.run()));
        }
        expect(new Set(sums).size, `${w.id}: ${sums.join(' | ')}`).toBe(1);
      }
    } finally {
      for (const s of systems) await s.close();
    }
  });
});
