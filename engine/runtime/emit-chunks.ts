import type { BatchDesc } from '../../bindings/column.js';
import type { RuntimeContext } from './runtime-context.js';
import { denseBatch } from './stream-element.js';
import type { Output } from './stream-operator.js';

/**
 * Pushes the chunks a kernel generator yields, releasing each chunk's arena memory after the
 * push returned (the chunk is allocated inside `next()`, so the mark is taken before it).
 */
export function emitChunks(ctx: RuntimeContext, chunks: Iterator<BatchDesc>, output: Output): void {
  const w = ctx.wasm;
  for (;;) {
    const mark = w.fn.arena_mark!() >>> 0;
    const next = chunks.next();
    if (next.done) {
      w.fn.arena_reset!(mark);
      return;
    }
    if (next.value.numRows > 0) output.collect(denseBatch(next.value));
    w.fn.arena_reset!(mark);
  }
}
