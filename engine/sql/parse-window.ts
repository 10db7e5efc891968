/** OVER clauses and window specifications: PARTITION BY, ORDER BY and ROWS / RANGE frames. */
import type { FrameBound, Identifier, WindowFrame, WindowSpec } from './ast.js';
import type { Cursor } from './cursor.js';
import { BindingPower, parseExpr } from './parse-expression.js';
import { parseIdentifier } from './parse-names.js';
import { parseOrderItems } from './parse-order-by.js';
import { parseExprList } from './parse-primary.js';

/** Parses `OVER (spec)` or `OVER window_name`. */
export function parseOver(c: Cursor): WindowSpec | Identifier {
  c.expectKeyword('OVER');
  if (c.isIdentifier()) return parseIdentifier(c);
  return parseWindowSpec(c);
}

/** Parses `([base] [PARTITION BY ...] [ORDER BY ...] [frame])`. */
export function parseWindowSpec(c: Cursor): WindowSpec {
  const first = c.expectOperator('(');
  const base = c.isIdentifier() ? parseIdentifier(c) : undefined;
  const partitionBy = c.acceptKeyword('PARTITION') ? (c.expectKeyword('BY'), parseExprList(c)) : [];
  const orderBy = c.acceptKeyword('ORDER') ? (c.expectKeyword('BY'), parseOrderItems(c)) : [];
  const frame = c.isKeyword('ROWS') || c.isKeyword('RANGE') ? parseFrame(c) : undefined;
  if (c.isKeyword('GROUPS')) throw c.unsupported('a GROUPS window frame', c.peek(), 'use ROWS or RANGE');
  if (!c.isOperator(')')) throw c.expected(frame ? "')'" : "PARTITION BY, ORDER BY, ROWS, RANGE or ')'");
  c.next();
  return {
    kind: 'window_spec',
    ...(base !== undefined ? { base } : {}),
    partitionBy,
    orderBy,
    ...(frame !== undefined ? { frame } : {}),
    span: c.spanFrom(first),
  };
}

function parseFrame(c: Cursor): WindowFrame {
  const first = c.next();
  const units = first.upper === 'ROWS' ? 'rows' : 'range';
  let start: FrameBound;
  let end: FrameBound | undefined;
  if (c.acceptKeyword('BETWEEN')) {
    start = parseBound(c);
    c.expectKeyword('AND');
    end = parseBound(c);
  } else {
    start = parseBound(c);
  }
  if (c.isKeyword('EXCLUDE')) throw c.unsupported('EXCLUDE in a window frame', c.peek());
  return { kind: 'window_frame', units, start, ...(end !== undefined ? { end } : {}), span: c.spanFrom(first) };
}

function parseBound(c: Cursor): FrameBound {
  const first = c.peek();
  if (c.acceptKeyword('UNBOUNDED')) {
    if (c.acceptKeyword('PRECEDING')) return { kind: 'frame_bound', bound: 'unbounded_preceding', span: c.spanFrom(first) };
    if (c.acceptKeyword('FOLLOWING')) return { kind: 'frame_bound', bound: 'unbounded_following', span: c.spanFrom(first) };
    throw c.expected('PRECEDING or FOLLOWING after UNBOUNDED');
  }
  if (c.acceptKeywords('CURRENT', 'ROW')) return { kind: 'frame_bound', bound: 'current_row', span: c.spanFrom(first) };
  const offset = parseExpr(c, BindingPower.PREDICATE);
  if (c.acceptKeyword('PRECEDING')) return { kind: 'frame_bound', bound: 'preceding', offset, span: c.spanFrom(first) };
  if (c.acceptKeyword('FOLLOWING')) return { kind: 'frame_bound', bound: 'following', offset, span: c.spanFrom(first) };
  throw c.expected('PRECEDING or FOLLOWING');
}
