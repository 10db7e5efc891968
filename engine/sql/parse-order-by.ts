/** ORDER BY items, shared by queries and window specifications. */
import type { OrderItem } from './ast.js';
import type { Cursor } from './cursor.js';
import { parseExpr } from './parse-expression.js';

/** Parses `expr [ASC|DESC] [NULLS FIRST|LAST], ...` (after ORDER BY). */
export function parseOrderItems(c: Cursor): OrderItem[] {
  const items: OrderItem[] = [];
  do {
    const first = c.peek();
    const expr = parseExpr(c);
    let direction: 'asc' | 'desc' | undefined;
    if (c.acceptKeyword('ASC')) direction = 'asc';
    else if (c.acceptKeyword('DESC')) direction = 'desc';
    let nulls: 'first' | 'last' | undefined;
    if (c.acceptKeyword('NULLS')) {
      if (c.acceptKeyword('FIRST')) nulls = 'first';
      else if (c.acceptKeyword('LAST')) nulls = 'last';
      else throw c.expected('FIRST or LAST after NULLS');
    }
    items.push({
      kind: 'order_item',
      expr,
      ...(direction !== undefined ? { direction } : {}),
      ...(nulls !== undefined ? { nulls } : {}),
      span: c.spanFrom(first),
    });
  } while (c.acceptOperator(','));
  return items;
}
