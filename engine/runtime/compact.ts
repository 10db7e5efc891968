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

/**
 * {@link compact} of only the columns `read` (ascending positions): the others keep their
 * uncompacted buffers and must not be read from the result.
 */
export function compactColumns(ctx: RuntimeContext, batch: StreamBatch, read: readonly number[]): BatchDesc {
  if (batch.selPtr === 0) return batch.desc;
  if (read.length === batch.desc.columns.length) return compact(ctx, batch);
  const sub = gather(ctx.wasm, { numRows: batch.desc.numRows, columns: read.map((i) => batch.desc.columns[i]!) }, batch.selPtr, batch.selLen);
  const columns = [...batch.desc.columns];
  read.forEach((i, k) => { columns[i] = sub.columns[k]!; });
  return { numRows: batch.selLen, columns };
}
