/**
 * FROM: table names (with FOR SYSTEM_TIME AS OF), subqueries, [LATERAL] TABLE(f(...)) including the
 * window TVFs, UNNEST, and joins. Comma joins and JOIN clauses associate to the left at one level.
 */
import type { Expr, Identifier, JoinType, TableRef } from './ast.js';
import { joinSpans, type Cursor } from './cursor.js';
import { parseExpr, spanOf } from './parse-expression.js';
import { parseOptionalTableAlias, parseParenthesizedIdentifiers, parseQualifiedName } from './parse-names.js';
import { parseExprList, parseFunctionCall } from './parse-primary.js';
import { isQueryStart, parseQuery } from './parse-query.js';

/** Parses the table references after FROM. */
export function parseFrom(c: Cursor): TableRef {
  let left = parseTableFactor(c);
  for (;;) {
    if (c.acceptOperator(',')) {
      const right = parseTableFactor(c);
      left = { kind: 'join', type: 'cross', implicit: true, left, right, using: [], span: joinSpans(left.span, right.span) };
      continue;
    }
    const joined = parseJoin(c, left);
    if (joined === undefined) return left;
    left = joined;
  }
}

function parseJoin(c: Cursor, left: TableRef): TableRef | undefined {
  const first = c.peek();
  if (c.isKeyword('NATURAL')) throw c.unsupported('NATURAL JOIN', first, 'use JOIN ... USING (columns)');
  if ((c.isKeyword('CROSS') || c.isKeyword('OUTER')) && c.isKeyword('APPLY', 1)) throw c.unsupported(`${first.upper} APPLY`, first, 'use LATERAL TABLE(...)');
  let type: JoinType;
  if (c.acceptKeyword('JOIN')) type = 'inner';
  else if (c.acceptKeywords('INNER', 'JOIN')) type = 'inner';
  else if (c.acceptKeywords('CROSS', 'JOIN')) type = 'cross';
  else if (c.isKeyword('LEFT') || c.isKeyword('RIGHT') || c.isKeyword('FULL')) {
    c.next();
    c.acceptKeyword('OUTER');
    if (c.isKeyword('SEMI') || c.isKeyword('ANTI')) throw c.unsupported(`${first.upper} ${c.peek().upper} JOIN`, first, 'use EXISTS or IN');
    c.expectKeyword('JOIN');
    type = first.upper === 'LEFT' ? 'left' : first.upper === 'RIGHT' ? 'right' : 'full';
  } else {
    return undefined;
  }
  const right = parseTableFactor(c);
  let on: Expr | undefined;
  let using: Identifier[] = [];
  if (type !== 'cross') {
    if (c.acceptKeyword('ON')) on = parseExpr(c);
    else if (c.acceptKeyword('USING')) using = parseParenthesizedIdentifiers(c);
    else throw c.expected(`ON or USING after ${first.upper === 'JOIN' ? '' : `${first.upper} `}JOIN ${describeTable(right)}`);
  }
  return {
    kind: 'join',
    type,
    implicit: false,
    left,
    right,
    ...(on !== undefined ? { on } : {}),
    using,
    span: joinSpans(left.span, spanOf(c.previous())),
  };
}

/** How a join's right side reads in an error message. */
function describeTable(t: TableRef): string {
  if (t.kind === 'named_table') return t.name.parts.map((p) => p.value).join('.');
  return t.kind !== 'join' && t.alias ? t.alias.name.value : 'the table';
}

/** One table reference without joins. */
function parseTableFactor(c: Cursor): TableRef {
  const first = c.peek();
  const lateral = c.acceptKeyword('LATERAL');
  if (c.isKeyword('TABLE') && c.isOperator('(', 1)) {
    c.next();
    c.next();
    const name = parseQualifiedName(c, 'a table function name');
    if (!c.isOperator('(')) throw c.expected("'(' after the table function name");
    const call = parseFunctionCall(c, name);
    c.expectOperator(')');
    const alias = parseOptionalTableAlias(c);
    return { kind: 'table_function', lateral, call, ...(alias ? { alias } : {}), span: c.spanFrom(first) };
  }
  if (c.isOperator('(')) {
    if (isQueryStart(c)) {
      c.next();
      const query = parseQuery(c);
      c.expectOperator(')');
      const alias = parseOptionalTableAlias(c);
      return { kind: 'derived_table', lateral, query, ...(alias ? { alias } : {}), span: c.spanFrom(first) };
    }
    if (lateral) throw c.expected('TABLE(...) or (query) after LATERAL');
    c.next();
    const inner = c.nested(() => parseFrom(c));
    c.expectOperator(')');
    if (c.isKeyword('AS') || c.isIdentifier()) throw c.unsupported('an alias on a parenthesised join', c.peek());
    return { ...inner, span: c.spanFrom(first) };
  }
  if (lateral) throw c.expected('TABLE(...) or (query) after LATERAL');
  if (c.isKeyword('UNNEST') && c.isOperator('(', 1)) {
    c.next();
    c.next();
    const args = parseExprList(c);
    c.expectOperator(')');
    const withOrdinality = c.acceptKeywords('WITH', 'ORDINALITY');
    const alias = parseOptionalTableAlias(c);
    return { kind: 'unnest', args, withOrdinality, ...(alias ? { alias } : {}), span: c.spanFrom(first) };
  }
  if (c.isKeyword('VALUES')) throw c.expected('a table name or (VALUES ...) in parentheses');
  const name = parseQualifiedName(c, 'a table name');
  if (c.isOperator('(')) throw c.errorAt(`a table function in FROM must be written TABLE(${name.parts.map((p) => p.value).join('.')}(...))`, first);
  let forSystemTimeAsOf: Expr | undefined;
  if (c.acceptKeyword('FOR')) {
    c.expectKeyword('SYSTEM_TIME');
    c.expectKeyword('AS');
    c.expectKeyword('OF');
    forSystemTimeAsOf = parseExpr(c);
  }
  if (c.isKeyword('TABLESAMPLE')) throw c.unsupported('TABLESAMPLE', c.peek());
  const alias = parseOptionalTableAlias(c);
  if (c.isKeyword('MATCH_RECOGNIZE')) throw c.unsupported('MATCH_RECOGNIZE', c.peek());
  return {
    kind: 'named_table',
    name,
    ...(forSystemTimeAsOf !== undefined ? { forSystemTimeAsOf } : {}),
    ...(alias ? { alias } : {}),
    span: c.spanFrom(first),
  };
}
