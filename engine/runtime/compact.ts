import { gather } from '../../bindings/columns-kernel.js';
import type { BatchDesc } from '../../bindings/column.js';
import type { RuntimeContext } from './runtime-context.js';
import type { StreamBatch } from './stream-element.js';

/**
 * The batch's selected rows as dense columns (arena). A batch without selection is returned as is;
 * otherwise the selected rows are gathered, so expressions never see rows a filter removed.
 */
export function compact(ctx: RuntimeContext, batch: StreamBatch): BatchDesc {
  if (batch.selPtr === 0) return batch.desc;
  return gather(ctx.wasm, batch.desc, batch.selPtr, batch.selLen);
}
