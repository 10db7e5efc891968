import { isNumeric, type Schema } from '../types/data-type.js';

/**
 * Renders rows as Flink's tableau result: a boxed table, numbers right-aligned, NULL as
 * `<NULL>`, then `N rows in set`.
 */
export function formatRows(schema: Schema, rows: readonly Record<string, unknown>[]): string {
  const fields = schema.fields;
  const cells = rows.map((r) => fields.map((f) => show(r[f.name])));
  const widths = fields.map((f, i) => Math.max(f.name.length, ...cells.map((c) => c[i]!.length)));
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const line = (values: readonly string[], right: (i: number) => boolean) =>
    `| ${values.map((v, i) => (right(i) ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join(' | ')} |`;
  const numeric = (i: number) => isNumeric(fields[i]!.type);
  const out = [rule, line(fields.map((f) => f.name), numeric), rule, ...cells.map((c) => line(c, numeric))];
  if (rows.length > 0) out.push(rule);
  out.push(rows.length === 0 ? 'Empty set' : `${rows.length} row${rows.length === 1 ? '' : 's'} in set`);
  return out.join('\n');
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '<NULL>';
  if (v instanceof Date) return v.toISOString();
  return String(v);
}
