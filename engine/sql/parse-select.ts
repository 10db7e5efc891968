/** SELECT blocks: the select list, FROM, WHERE, GROUP BY (with GROUPING SETS, ROLLUP, CUBE), HAVING, WINDOW. */
import type { Expr, GroupingElement, GroupingSet, Identifier, NamedWindow, Select, SelectItem } from './ast.js';
import type { Cursor } from './cursor.js';
import { parseExpr } from './parse-expression.js';
import { parseFrom } from './parse-from.js';
import { parseIdentifier, parseOptionalAlias } from './parse-names.js';
import { parseWindowSpec } from './parse-window.js';

/** Parses `SELECT [ALL|DISTINCT] items [FROM ...] [WHERE ...] [GROUP BY ...] [HAVING ...] [WINDOW ...]`. */
export function parseSelect(c: Cursor): Select {
  const first = c.expectKeyword('SELECT');
  if (c.isKeyword('STREAM')) throw c.unsupported('SELECT STREAM', c.peek());
  let distinct = false;
  if (c.acceptKeyword('DISTINCT')) distinct = true;
  else c.acceptKeyword('ALL');
  const items: SelectItem[] = [];
  do items.push(parseSelectItem(c));
  while (c.acceptOperator(','));
  const from = c.acceptKeyword('FROM') ? parseFrom(c) : undefined;
  const where = c.acceptKeyword('WHERE') ? parseExpr(c) : undefined;
  const groupBy = c.acceptKeyword('GROUP') ? (c.expectKeyword('BY'), parseGroupBy(c)) : [];
  const having = c.acceptKeyword('HAVING') ? parseExpr(c) : undefined;
  const windows = c.acceptKeyword('WINDOW') ? parseWindowClause(c) : [];
  if (c.isKeyword('QUALIFY')) throw c.unsupported('QUALIFY', c.peek(), 'filter the window function in an outer query');
  return {
    kind: 'select',
    distinct,
    items,
    ...(from !== undefined ? { from } : {}),
    ...(where !== undefined ? { where } : {}),
    groupBy,
    ...(having !== undefined ? { having } : {}),
    windows,
    span: c.spanFrom(first),
  };
}

function parseSelectItem(c: Cursor): SelectItem {
  const first = c.peek();
  if (c.acceptOperator('*')) return { kind: 'wildcard', qualifier: [], span: c.spanFrom(first) };
  // t.* and db.t.*: names separated by dots, then '.*'.
  let k = 0;
  while (c.peek(k).kind === 'word' || c.peek(k).kind === 'quoted_identifier') {
    if (!c.isOperator('.', k + 1)) break;
    if (c.isOperator('*', k + 2)) {
      const qualifier: Identifier[] = [];
      for (let i = 0; i <= k; i += 2) {
        qualifier.push(parseIdentifier(c, 'a table name'));
        c.expectOperator('.');
      }
      c.expectOperator('*');
      return { kind: 'wildcard', qualifier, span: c.spanFrom(first) };
    }
    k += 2;
  }
  const expr = parseExpr(c);
  const alias = parseOptionalAlias(c);
  return { kind: 'select_expr', expr, ...(alias !== undefined ? { alias } : {}), span: c.spanFrom(first) };
}

/** The elements of GROUP BY. */
function parseGroupBy(c: Cursor): GroupingElement[] {
  const elements: GroupingElement[] = [];
  do elements.push(parseGroupingElement(c));
  while (c.acceptOperator(','));
  return elements;
}

function parseGroupingElement(c: Cursor): GroupingElement {
  const first = c.peek();
  if (c.acceptKeywords('GROUPING', 'SETS')) {
    c.expectOperator('(');
    const sets: GroupingElement[] = [];
    do sets.push(parseGroupingElement(c));
    while (c.acceptOperator(','));
    c.expectOperator(')');
    return { kind: 'grouping_sets', sets, span: c.spanFrom(first) };
  }
  if (c.isKeyword('ROLLUP') || c.isKeyword('CUBE')) {
    c.next();
    c.expectOperator('(');
    const items: (Expr | GroupingSet)[] = [];
    do items.push(parseGroupingExpr(c));
    while (c.acceptOperator(','));
    c.expectOperator(')');
    return { kind: first.upper === 'ROLLUP' ? 'rollup' : 'cube', items, span: c.spanFrom(first) };
  }
  return parseGroupingExpr(c);
}

/** An expression, `(a, b)` (a grouping set) or `()` (the empty grouping set). */
function parseGroupingExpr(c: Cursor): Expr | GroupingSet {
  const first = c.peek();
  if (c.isOperator('(') && c.isOperator(')', 1)) {
    c.next();
    c.next();
    return { kind: 'grouping_set', items: [], span: c.spanFrom(first) };
  }
  const expr = parseExpr(c);
  if (expr.kind === 'row' && !expr.explicit) return { kind: 'grouping_set', items: expr.fields, span: expr.span };
  return expr;
}

/** `WINDOW w AS (spec), ...`. */
function parseWindowClause(c: Cursor): NamedWindow[] {
  const windows: NamedWindow[] = [];
  do {
    const first = c.peek();
    const name = parseIdentifier(c, 'a window name');
    c.expectKeyword('AS');
    const spec = parseWindowSpec(c);
    windows.push({ kind: 'named_window', name, spec, span: c.spanFrom(first) });
  } while (c.acceptOperator(','));
  return windows;
}
