/**
 * The public entry of weir's Flink SQL parser: SQL text in, typed AST out (see ast.ts). A
 * hand-written recursive-descent parser (the evaluation that chose it is in PARSER.md); syntax
 * errors are {@link SqlParseError}s naming line, column, what was expected and what was found.
 */
import type { Expr, Query, Statement } from './ast.js';
import { CLAUSE_KEYWORDS, Cursor } from './cursor.js';
import { SqlParseError } from './errors.js';
import { parseExpr } from './parse-expression.js';
import { parseQuery as parseQueryAt } from './parse-query.js';
import { parseStatement } from './parse-statement.js';

/**
 * Parses a script of statements separated by ';' (a trailing ';' and empty statements are
 * allowed). A `BEGIN STATEMENT SET; ...; END;` block is one statement.
 */
export function parseStatements(sql: string): Statement[] {
  const c = new Cursor(sql);
  const statements: Statement[] = [];
  for (;;) {
    while (c.acceptOperator(';'));
    if (c.atEnd()) return statements;
    statements.push(parseStatement(c));
    if (!c.atEnd() && !c.isOperator(';')) throw c.expected("';' or the end of the input", CLAUSE_KEYWORDS);
  }
}

/** Parses exactly one statement (an optional trailing ';' is allowed). */
export function parseStatementText(sql: string): Statement {
  const statements = parseStatements(sql);
  if (statements.length === 0) throw new Cursor(sql).expected('a statement');
  if (statements.length > 1) {
    const second = statements[1]!.span;
    throw new SqlParseError(`expected one statement but found ${statements.length}; run them one at a time or as a script`, { offset: second.start, line: second.line, column: second.column });
  }
  return statements[0]!;
}

/** Parses one query (`SELECT`, `WITH`, `VALUES`, a set operation), with an optional trailing ';'. */
export function parseQuery(sql: string): Query {
  const c = new Cursor(sql);
  const query = parseQueryAt(c);
  c.acceptOperator(';');
  if (!c.atEnd()) throw c.expected('the end of the query', CLAUSE_KEYWORDS);
  return query;
}

/** Parses one scalar expression (`a + 1`, `CAST(x AS INT)`), as in a computed column or a Table API string. */
export function parseExpression(sql: string): Expr {
  const c = new Cursor(sql);
  const expr = parseExpr(c);
  if (!c.atEnd()) throw c.expected('the end of the expression');
  return expr;
}
