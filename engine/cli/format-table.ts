import type * as arrow from 'apache-arrow';

/** Renders an Arrow table as an aligned text table (numbers right-aligned), as a terminal shows query results. */
export function formatTable(table: arrow.Table, maxRows = 50): string {
  const names = table.schema.fields.map((f) => f.name);
  const rows: string[][] = [];
  const numeric = table.schema.fields.map((f) => /Int|Float|Decimal/.test(String(f.type)));
  const n = Math.min(table.numRows, maxRows);
  for (let r = 0; r < n; r++) {
    const row = table.get(r)!;
    rows.push(names.map((name) => formatValue((row as Record<string, unknown>)[name])));
  }
  const widths = names.map((name, c) => Math.max(name.length, ...rows.map((row) => row[c]!.length)));
  const line = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+';
  const render = (cells: string[], header = false) =>
    '| ' + cells.map((s, c) => (numeric[c] && !header ? s.padStart(widths[c]!) : s.padEnd(widths[c]!))).join(' | ') + ' |';
  const out = [line, render(names, true), line, ...rows.map((r) => render(r)), line];
  const more = table.numRows > n ? ` (showing ${n})` : '';
  out.push(`${table.numRows} row${table.numRows === 1 ? '' : 's'} in set${more}`);
  return out.join('\n');
}

function formatValue(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(12)));
  if (v instanceof Date) return v.toISOString().replace('T', ' ').replace('Z', '');
  return String(v);
}
