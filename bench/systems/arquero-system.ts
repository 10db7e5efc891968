/**
 * Arquero 7 over the same columns (typed arrays are used as Arquero columns without a copy;
 * `s` is a JS string array). Queries use Arquero's verbs; lazily ordered tables are reified
 * inside the timed region so the sort really happens there.
 */
import * as aq from 'arquero';
import type { BenchData } from '../data.js';
import { groupChecksum, scalarChecksum, sequenceChecksum, type CanonicalValue } from '../checksum.js';
import type { WorkloadId } from '../workloads.js';
import { query, type BenchSystem, type PreparedQuery } from './bench-system.js';

type Table = ReturnType<typeof aq.table>;

function columnsOf(table: Table): CanonicalValue[][] {
  return table.columnNames().map((name) => Array.from(table.array(name) as ArrayLike<CanonicalValue>));
}

function scalarOf(table: Table): string {
  return scalarChecksum((table.get(table.columnNames()[0]!, 0) as number | null) ?? null);
}

/** Arquero tables over the generated columns; `strings` is `t.s` as a JS string array. */
export function arqueroSystem(data: BenchData, strings: readonly string[]): BenchSystem {
  const t = aq.table({ k: data.t.k, g: data.t.g, fk: data.t.fk, v: data.t.v, s: strings as string[] });
  const d = aq.table({ dk: data.d.dk, attr: data.d.attr });
  const op = aq.op;
  const groups = (r: Table): string => groupChecksum(columnsOf(r));
  const sequence = (r: Table): string => sequenceChecksum(r.array('v') as ArrayLike<number>);
  const queries: Record<WorkloadId, PreparedQuery> = {
    W1: query(() => t.filter((r: { v: number }) => r.v > 0.5).rollup({ s: op.sum('v') }), scalarOf),
    W2: query(
      () => t.groupby('k').rollup({ c: op.count(), s: op.sum('v'), mn: op.min('v'), mx: op.max('v') }),
      groups,
    ),
    W2b: query(() => t.groupby('g').rollup({ c: op.count(), s: op.sum('v') }), groups),
    W3: query(() => t.join(d, ['fk', 'dk'], [[], ['attr']]).rollup({ s: op.sum('attr') }), scalarOf),
    W4a: query(() => t.select('v').orderby(aq.desc('v')).slice(0, 100).reify(), sequence),
    W4b: query(() => t.select('v').orderby('v').reify(), sequence),
    W6: query(() => t.groupby('s').rollup({ c: op.count() }), groups),
  };
  return { name: 'arquero', jsonFields: {}, prepare: (id) => queries[id], close: () => undefined };
}
