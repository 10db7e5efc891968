import type * as arrow from 'apache-arrow';
import { cellText } from '../connectors/formats/cell-text.js';
import { isNumeric, type Schema } from '../types/data-type.js';

/**
 * Renders a result as Flink's tableau: a boxed table, numbers right-aligned, NULL as `<NULL>`,
 * dates `yyyy-MM-dd`, timestamps `yyyy-MM-dd HH:mm:ss.SSS`, decimals exact; then `N rows in set`
 * (or `Empty set`).
 */
export function formatRows(schema: Schema, batches: readonly arrow.RecordBatch[]): string {
  const fields = schema.fields;
  const cells: string[][] = [];
  for (const batch of batches) {
    const readers = fields.map((_, c) => {
      const data = batch.getChildAt(c)!.data[0]!;
      const [text] = cellText(data);
      return (i: number) => (data.getValid(i) ? text(i) : '<NULL>');
    });
    for (let r = 0; r < batch.numRows; r++) cells.push(readers.map((read) => read(r)));
  }
  const widths = fields.map((f, i) => Math.max(f.name.length, ...cells.map((c) => c[i]!.length)));
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const line = (values: readonly string[], right: (i: number) => boolean) =>
    `| ${values.map((v, i) => (right(i) ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join(' | ')} |`;
  const numeric = (i: number) => isNumeric(fields[i]!.type);
  const out = [rule, line(fields.map((f) => f.name), numeric), rule, ...cells.map((c) => line(c, numeric))];
  if (cells.length > 0) out.push(rule);
  out.push(cells.length === 0 ? 'Empty set' : `${cells.length} row${cells.length === 1 ? '' : 's'} in set`);
  return out.join('\n');
}
