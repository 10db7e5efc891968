/**
 * weir at parallelism 1, through its public Table API, on the Arrow tables of arrow-tables.ts.
 *
 * The engine entry is imported at run time so that the harness still reports the other systems
 * (and says why weir is missing) when the engine does not build or load; only its types are
 * imported statically.
 */
import type { Table as ArrowTable } from 'apache-arrow';
import type { BenchData } from '../data.js';
import { toArrowTables } from '../arrow-tables.js';
import { groupChecksum, scalarChecksum, sequenceChecksum, type CanonicalValue } from '../checksum.js';
import type { WorkloadId } from '../workloads.js';
import { query, type BenchSystem, type PreparedQuery } from './bench-system.js';

type WeirModule = typeof import('../../engine/index.js');
type WeirTable = import('../../engine/index.js').Table;

/** Where the engine entry is, relative to this file (both in src and in dist). */
const ENGINE_ENTRY = '../../engine/index.js';

function columnsOf(table: ArrowTable): CanonicalValue[][] {
  const out: CanonicalValue[][] = [];
  for (let c = 0; c < table.numCols; c++) out.push(Array.from(table.getChildAt(c)!) as CanonicalValue[]);
  return out;
}

function scalarOf(table: ArrowTable): string {
  return scalarChecksum((table.getChildAt(0)?.get(0) as number | bigint | null | undefined) ?? null);
}

function sequenceOf(table: ArrowTable): string {
  return sequenceChecksum(table.getChildAt(0)!.toArray() as Float64Array);
}

/** Loads weir and registers the tables, or says why weir is not available. */
export async function weirSystem(data: BenchData): Promise<BenchSystem | { unavailable: string }> {
  let weir: WeirModule;
  try {
    weir = (await import(ENGINE_ENTRY)) as WeirModule;
  } catch (e) {
    return { unavailable: `cannot load engine/index.js: ${(e as Error).message.split('\n')[0]}` };
  }
  if (typeof weir.TableEnvironment?.create !== 'function' || typeof weir.$ !== 'function') {
    return { unavailable: 'engine/index.js does not export TableEnvironment and $ yet' };
  }
  const { $ } = weir;
  const tables = toArrowTables(data);
  // One WASM instance on the calling thread: parallelism 1.
  const env = await weir.TableEnvironment.create({ batchSize: 65536 });
  env.createTemporaryView('t', tables.t);
  env.createTemporaryView('d', tables.d);
  const run = (table: () => WeirTable) => () => table().execute().toArrow();
  const groups = (r: ArrowTable): string => groupChecksum(columnsOf(r));
  const t = () => env.from('t');
  const queries: Record<WorkloadId, PreparedQuery> = {
    W1: query(run(() => t().filter($('v').isGreater(0.5)).select($('v').sum().as('s'))), scalarOf),
    W2: query(
      run(() =>
        t()
          .groupBy($('k'))
          .select($('k'), $('v').count().as('c'), $('v').sum().as('s'), $('v').min().as('mn'), $('v').max().as('mx')),
      ),
      groups,
    ),
    W2b: query(run(() => t().groupBy($('g')).select($('g'), $('v').count().as('c'), $('v').sum().as('s'))), groups),
    W3: query(run(() => t().join(env.from('d'), $('fk').isEqual($('dk'))).select($('attr').sum().as('s'))), scalarOf),
    W4a: query(run(() => t().select($('v')).orderBy($('v').desc()).limit(100)), sequenceOf),
    W4b: query(run(() => t().select($('v')).orderBy($('v').asc())), sequenceOf),
    W6: query(run(() => t().groupBy($('s')).select($('s'), $('s').count().as('c'))), groups),
  };
  return {
    name: 'weir',
    jsonFields: { parallelism: 1 },
    prepare: (id) => queries[id],
    close: () => env.close(),
  };
}
