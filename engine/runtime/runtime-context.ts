import type { WasmInstance } from '../../bindings/wasm-instance.js';
import type { ResidentTable } from '../../bindings/arrow-import.js';
import type { Source } from '../connectors/source.js';

/** What operators of one task share: the worker's WASM instance, the batch size, the tables it can scan. */
export interface RuntimeContext {
  readonly wasm: WasmInstance;
  /** Rows per batch that sources and blocking operators emit (1 = record at a time). */
  readonly batchSize: number;
  /** Tables resident in this instance's memory, by name. */
  readonly tables: ReadonlyMap<string, ResidentTable>;
  /** Connector tables (read through their source when scanned), by name. */
  readonly sources: ReadonlyMap<string, Source>;
}

/**
 * Runs `fn` and then releases every arena allocation it made: the pattern by which whoever
 * creates a batch frees it after pushing it downstream.
 */
export function inArenaScope<T>(ctx: RuntimeContext, fn: () => T): T {
  const mark = ctx.wasm.fn.arena_mark!() >>> 0;
  try {
    return fn();
  } finally {
    ctx.wasm.fn.arena_reset!(mark);
  }
}
