/**
 * Queries: WITH, set operations (INTERSECT binds tighter than UNION and EXCEPT, all associate to
 * the left), parenthesised queries, VALUES, and the ORDER BY / LIMIT / OFFSET / FETCH that apply
 * to a whole query. SELECT blocks are in parse-select.ts.
 */
import type { CommonTableExpression, Expr, OrderItem, Query, QueryBody, Values } from './ast.js';
import { joinSpans, type Cursor } from './cursor.js';
import type { Token } from './lexer.js';
import { parseExpr } from './parse-expression.js';
import { parseIdentifier, parseParenthesizedIdentifiers } from './parse-names.js';
import { parseOrderItems } from './parse-order-by.js';
import { parseExprList } from './parse-primary.js';
import { parseSelect } from './parse-select.js';

/** True if a query starts at the current token: SELECT, WITH, VALUES, or '(' before one of those. */
export function isQueryStart(c: Cursor): boolean {
  let ahead = 0;
  while (c.isOperator('(', ahead)) ahead++;
  return c.isKeyword('SELECT', ahead) || c.isKeyword('WITH', ahead) || c.isKeyword('VALUES', ahead);
}

/** Parses a full query: `[WITH ...] body [ORDER BY ...] [LIMIT | OFFSET | FETCH ...]`. */
export function parseQuery(c: Cursor): Query {
  return c.nested(() => parseQueryAtThisLevel(c));
}

function parseQueryAtThisLevel(c: Cursor): Query {
  const first = c.peek();
  const ctes = c.acceptKeyword('WITH') ? parseCommonTableExpressions(c) : [];
  const body = parseSetOperations(c, 0);
  const orderBy: OrderItem[] = c.acceptKeyword('ORDER') ? (c.expectKeyword('BY'), parseOrderItems(c)) : [];
  const { limit, offset } = parseLimitOffset(c);
  if (ctes.length === 0 && orderBy.length === 0 && limit === undefined && offset === undefined && body.kind === 'query') {
    return body;
  }
  return {
    kind: 'query',
    with: ctes,
    body,
    orderBy,
    ...(limit !== undefined ? { limit } : {}),
    ...(offset !== undefined ? { offset } : {}),
    span: c.spanFrom(first),
  };
}

function parseCommonTableExpressions(c: Cursor): CommonTableExpression[] {
  if (c.isKeyword('RECURSIVE')) throw c.unsupported('WITH RECURSIVE', c.peek());
  const ctes: CommonTableExpression[] = [];
  do {
    const first = c.peek();
    const name = parseIdentifier(c, 'a name for the WITH query');
    const columns = c.isOperator('(') ? parseParenthesizedIdentifiers(c) : [];
    c.expectKeyword('AS');
    c.expectOperator('(');
    const query = parseQuery(c);
    c.expectOperator(')');
    ctes.push({ kind: 'cte', name, columns, query, span: c.spanFrom(first) });
  } while (c.acceptOperator(','));
  return ctes;
}

/** Set operators with their binding power: INTERSECT binds tighter. */
function setOperatorPower(t: Token): number {
  if (t.kind !== 'word') return 0;
  if (t.upper === 'UNION' || t.upper === 'EXCEPT' || t.upper === 'MINUS') return 1;
  if (t.upper === 'INTERSECT') return 2;
  return 0;
}

function parseSetOperations(c: Cursor, minPower: number): QueryBody {
  let left = parseQueryPrimary(c);
  for (;;) {
    const t = c.peek();
    const power = setOperatorPower(t);
    if (power === 0 || power <= minPower) return left;
    c.next();
    let all = false;
    if (c.acceptKeyword('ALL')) all = true;
    else c.acceptKeyword('DISTINCT');
    const right = parseSetOperations(c, power);
    const op = t.upper === 'UNION' ? 'union' : t.upper === 'INTERSECT' ? 'intersect' : 'except';
    left = { kind: 'set_operation', op, all, left, right, span: joinSpans(left.span, right.span) };
  }
}

function parseQueryPrimary(c: Cursor): QueryBody {
  const t = c.peek();
  if (t.kind === 'word' && t.upper === 'SELECT') return parseSelect(c);
  if (t.kind === 'word' && t.upper === 'VALUES') return parseValues(c);
  if (t.kind === 'operator' && t.text === '(') {
    c.next();
    const query = parseQuery(c);
    c.expectOperator(')');
    // `(SELECT ...)` with nothing of its own (no WITH, ORDER BY, LIMIT) is just its body.
    const bare = query.with.length === 0 && query.orderBy.length === 0 && query.limit === undefined && query.offset === undefined;
    return { ...(bare ? query.body : query), span: c.spanFrom(t) };
  }
  if (t.kind === 'word' && t.upper === 'WITH') throw c.errorAt('a WITH clause must come first in a query or be inside parentheses', t);
  throw c.expected('SELECT, VALUES or (');
}

/** `VALUES (a, b), (c, d)`; a row of one value may omit its parentheses. */
export function parseValues(c: Cursor): Values {
  const first = c.expectKeyword('VALUES');
  const rows: Expr[][] = [];
  do {
    if (c.acceptOperator('(')) {
      rows.push(parseExprList(c));
      c.expectOperator(')');
    } else {
      rows.push([parseExpr(c)]);
    }
  } while (c.acceptOperator(','));
  return { kind: 'values', rows, span: c.spanFrom(first) };
}

/** `LIMIT n [OFFSET m]`, `OFFSET m [ROW|ROWS] [FETCH FIRST|NEXT n ROW|ROWS ONLY | LIMIT n]`, `FETCH ...`. */
function parseLimitOffset(c: Cursor): { limit?: Expr; offset?: Expr } {
  let limit: Expr | undefined;
  let offset: Expr | undefined;
  if (c.acceptKeyword('LIMIT')) {
    limit = parseExpr(c);
    if (c.acceptKeyword('OFFSET')) offset = parseOffsetValue(c);
  } else if (c.acceptKeyword('OFFSET')) {
    offset = parseOffsetValue(c);
    if (c.acceptKeyword('LIMIT')) limit = parseExpr(c);
    else if (c.isKeyword('FETCH')) limit = parseFetch(c);
  } else if (c.isKeyword('FETCH')) {
    limit = parseFetch(c);
  }
  return { ...(limit !== undefined ? { limit } : {}), ...(offset !== undefined ? { offset } : {}) };
}

function parseOffsetValue(c: Cursor): Expr {
  const value = parseExpr(c);
  if (!c.acceptKeyword('ROWS')) c.acceptKeyword('ROW');
  return value;
}

function parseFetch(c: Cursor): Expr {
  c.expectKeyword('FETCH');
  const first = c.peek();
  if (!c.acceptKeyword('FIRST') && !c.acceptKeyword('NEXT')) throw c.expected('FIRST or NEXT after FETCH');
  // `FETCH FIRST ROW ONLY` fetches one row.
  const value: Expr = c.isKeyword('ROW') || c.isKeyword('ROWS') ? { kind: 'numeric_literal', text: '1', span: c.spanFrom(first) } : parseExpr(c);
  if (!c.acceptKeyword('ROWS') && !c.acceptKeyword('ROW')) throw c.expected('ROWS');
  c.expectKeyword('ONLY');
  return value;
}
