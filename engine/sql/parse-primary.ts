/**
 * Primary expressions: literals, names, function calls, parenthesised expressions and row values,
 * subqueries, CASE, CAST / TRY_CAST, constructors, then any `[index]` and `.field` after them.
 */
import type { Case, Expr, FunctionArg, FunctionCall, Identifier, QualifiedName } from './ast.js';
import { joinSpans, type Cursor } from './cursor.js';
import type { Token } from './lexer.js';
import { parseExpr, spanOf } from './parse-expression.js';
import { parseIntervalLiteral } from './parse-interval.js';
import { parseIdentifier, parseQualifiedName } from './parse-names.js';
import { isQueryStart, parseQuery } from './parse-query.js';
import { parseSpecialFunction } from './parse-special-function.js';
import { parseDataType } from './parse-type.js';
import { parseOver } from './parse-window.js';

/** Functions Flink calls without parentheses. */
const NILADIC = new Set(['CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP', 'LOCALTIME', 'LOCALTIMESTAMP']);

/** Parses a primary expression and the subscripts and field accesses that follow it. */
export function parsePrimary(c: Cursor): Expr {
  let expr = parseAtom(c);
  for (;;) {
    if (c.isOperator('[')) {
      c.next();
      const index = parseExpr(c);
      c.expectOperator(']');
      expr = { kind: 'subscript', operand: expr, index, span: joinSpans(expr.span, spanOf(c.previous())) };
    } else if (c.isOperator('.') && expr.kind !== 'column_ref' && (c.peek(1).kind === 'word' || c.peek(1).kind === 'quoted_identifier')) {
      c.next();
      const t = c.next();
      const field: Identifier = { kind: 'identifier', value: t.text, quoted: t.kind === 'quoted_identifier', span: spanOf(t) };
      expr = { kind: 'field_access', operand: expr, field, span: joinSpans(expr.span, field.span) };
    } else {
      return expr;
    }
  }
}

function parseAtom(c: Cursor): Expr {
  const t = c.peek();
  switch (t.kind) {
    case 'number':
      c.next();
      return { kind: 'numeric_literal', text: t.text, span: spanOf(t) };
    case 'string':
      c.next();
      return { kind: 'string_literal', value: t.text, span: spanOf(t) };
    case 'quoted_identifier':
      return parseNameOrCall(c);
    case 'operator':
      if (t.text === '(') return parseParenthesized(c);
      if (t.text === '?') throw c.unsupported("the dynamic parameter '?'", t);
      throw c.expected('an expression');
    case 'eof':
      throw c.expected('an expression');
  }
  switch (t.upper) {
    case 'TRUE':
    case 'FALSE':
      c.next();
      return { kind: 'boolean_literal', value: t.upper === 'TRUE', span: spanOf(t) };
    case 'NULL':
      c.next();
      return { kind: 'null_literal', span: spanOf(t) };
    case 'CASE':
      return parseCase(c);
    case 'CAST':
    case 'TRY_CAST': {
      if (!c.isOperator('(', 1)) break;
      c.next();
      c.next();
      const operand = parseExpr(c);
      c.expectKeyword('AS');
      const type = parseDataType(c);
      c.expectOperator(')');
      return { kind: 'cast', try: t.upper === 'TRY_CAST', operand, type, span: c.spanFrom(t) };
    }
    case 'EXISTS': {
      c.next();
      c.expectOperator('(');
      if (!isQueryStart(c)) throw c.expected('a query (SELECT, WITH or VALUES) after EXISTS (');
      const query = parseQuery(c);
      c.expectOperator(')');
      return { kind: 'exists', query, span: c.spanFrom(t) };
    }
    case 'INTERVAL':
      return parseIntervalLiteral(c);
    case 'DATE':
    case 'TIME':
    case 'TIMESTAMP':
    case 'TIMESTAMP_LTZ':
      if (c.peek(1).kind === 'string') {
        c.next();
        const value = c.next().text;
        return { kind: 'typed_literal', type: t.upper, value, span: c.spanFrom(t) };
      }
      break;
    case 'ROW':
      if (c.isOperator('(', 1)) {
        c.next();
        c.next();
        const fields = c.isOperator(')') ? [] : parseExprList(c);
        c.expectOperator(')');
        return { kind: 'row', explicit: true, fields, span: c.spanFrom(t) };
      }
      break;
    case 'ARRAY':
    case 'MAP':
      if (c.isOperator('[', 1)) return parseConstructor(c);
      if (c.isOperator('(', 1)) throw c.unsupported(`the ${t.upper}(subquery) constructor`, t, `use ${t.upper}[...]`);
      break;
    case 'MATCH_RECOGNIZE':
      throw c.unsupported('MATCH_RECOGNIZE', t);
  }
  const special = parseSpecialFunction(c);
  if (special !== undefined) return special;
  if (c.isIdentifier()) return parseNameOrCall(c);
  throw c.expected('an expression');
}

/** A column reference, a function call `name(...)` or a niladic function (`CURRENT_TIMESTAMP`). */
function parseNameOrCall(c: Cursor): Expr {
  const first = c.peek();
  const name = parseQualifiedName(c);
  if (c.isOperator('(')) return parseFunctionCall(c, name);
  if (name.parts.length === 1 && !name.parts[0]!.quoted && NILADIC.has(first.upper)) {
    return { kind: 'function_call', name, args: [], distinct: false, star: false, span: name.span };
  }
  return { kind: 'column_ref', parts: name.parts, span: name.span };
}

/** Parses `(args) [FILTER (WHERE ...)] [OVER ...]` after a function name. */
export function parseFunctionCall(c: Cursor, name: QualifiedName): FunctionCall {
  c.expectOperator('(');
  let distinct = false;
  if (c.acceptKeyword('DISTINCT')) distinct = true;
  else c.acceptKeyword('ALL');
  let star = false;
  const args: FunctionArg[] = [];
  if (c.isOperator('*') && c.isOperator(')', 1)) {
    c.next();
    star = true;
  } else if (!c.isOperator(')')) {
    do args.push(parseFunctionArg(c));
    while (c.acceptOperator(','));
  }
  if (!c.isOperator(')')) {
    const t = c.peek();
    if (t.kind === 'word' && (t.upper === 'IGNORE' || t.upper === 'RESPECT') && c.isKeyword('NULLS', 1)) throw c.unsupported(`${t.upper} NULLS`, t);
    if (t.kind === 'word' && t.upper === 'ORDER') throw c.unsupported('ORDER BY inside a function call', t);
    if (t.kind === 'word' && t.upper === 'RETURNING') throw c.unsupported('the RETURNING clause of JSON functions', t);
    throw c.expected("',' or ')'");
  }
  c.next();
  if (c.isKeywords('WITHIN', 'GROUP')) throw c.unsupported('the WITHIN GROUP clause', c.peek());
  let filter: Expr | undefined;
  if (c.acceptKeyword('FILTER')) {
    c.expectOperator('(');
    c.expectKeyword('WHERE');
    filter = parseExpr(c);
    c.expectOperator(')');
  }
  const over = c.isKeyword('OVER') ? parseOver(c) : undefined;
  return {
    kind: 'function_call',
    name,
    args,
    distinct,
    star,
    ...(filter !== undefined ? { filter } : {}),
    ...(over !== undefined ? { over } : {}),
    span: joinSpans(name.span, spanOf(c.previous())),
  };
}

/** One argument: `name => value`, `TABLE t [PARTITION BY ...]`, `DESCRIPTOR(cols)` or an expression. */
function parseFunctionArg(c: Cursor): FunctionArg {
  if (c.isIdentifier() && c.isOperator('=>', 1)) {
    const first = c.peek();
    const name = parseIdentifier(c);
    c.next();
    const value = parseFunctionArg(c);
    if (value.kind === 'named_argument') throw c.errorAt('a named argument cannot be nested', first);
    return { kind: 'named_argument', name, value, span: c.spanFrom(first) };
  }
  const t = c.peek();
  if (t.kind === 'word' && t.upper === 'TABLE') {
    c.next();
    const name = parseQualifiedName(c, 'a table name after TABLE');
    const partitionBy: Expr[] = [];
    if (c.acceptKeywords('PARTITION', 'BY')) {
      // Several keys need parentheses: the commas after `PARTITION BY k` separate arguments.
      if (c.acceptOperator('(')) {
        partitionBy.push(...parseExprList(c));
        c.expectOperator(')');
      } else {
        partitionBy.push(parseExpr(c));
      }
    }
    return { kind: 'table_argument', name, partitionBy, span: c.spanFrom(t) };
  }
  if (t.kind === 'word' && t.upper === 'DESCRIPTOR' && c.isOperator('(', 1)) {
    c.next();
    c.next();
    const columns = [parseIdentifier(c, 'a column name')];
    while (c.acceptOperator(',')) columns.push(parseIdentifier(c, 'a column name'));
    c.expectOperator(')');
    return { kind: 'descriptor', columns, span: c.spanFrom(t) };
  }
  return parseExpr(c);
}

/** `(query)`, `(expr)` or the row value `(a, b, ...)`. */
function parseParenthesized(c: Cursor): Expr {
  const open = c.next();
  if (isQueryStart(c)) {
    // `((SELECT 1) + 1)` starts like a query but is an expression: a query that starts with '('
    // must be followed by this ')', else the text is read again as an expression.
    const mark = c.mark();
    const nested = c.isOperator('(');
    try {
      const query = parseQuery(c);
      if (!nested || c.isOperator(')')) {
        c.expectOperator(')');
        return { kind: 'scalar_subquery', query, span: c.spanFrom(open) };
      }
    } catch (error) {
      if (!nested) throw error;
    }
    c.reset(mark);
  }
  const items = parseExprList(c);
  c.expectOperator(')');
  if (items.length === 1) return { ...items[0]!, span: c.spanFrom(open) };
  return { kind: 'row', explicit: false, fields: items, span: c.spanFrom(open) };
}

/** `CASE [operand] WHEN ... THEN ... [ELSE ...] END`. */
function parseCase(c: Cursor): Case {
  const first = c.next();
  const operand = c.isKeyword('WHEN') ? undefined : parseExpr(c);
  const whens: { when: Expr; then: Expr }[] = [];
  while (c.acceptKeyword('WHEN')) {
    const when = parseExpr(c);
    c.expectKeyword('THEN');
    whens.push({ when, then: parseExpr(c) });
  }
  if (whens.length === 0) throw c.expected('WHEN');
  const otherwise = c.acceptKeyword('ELSE') ? parseExpr(c) : undefined;
  if (!c.isKeyword('END')) throw c.expected(otherwise ? 'END' : 'WHEN, ELSE or END');
  c.next();
  return {
    kind: 'case',
    ...(operand !== undefined ? { operand } : {}),
    whens,
    ...(otherwise !== undefined ? { else: otherwise } : {}),
    span: c.spanFrom(first),
  };
}

/** `ARRAY[a, b]` and `MAP[k, v, ...]`. */
function parseConstructor(c: Cursor): Expr {
  const first: Token = c.next();
  c.expectOperator('[');
  const items = c.isOperator(']') ? [] : parseExprList(c);
  c.expectOperator(']');
  if (first.upper === 'ARRAY') return { kind: 'array_constructor', elements: items, span: c.spanFrom(first) };
  if (items.length % 2 !== 0) throw c.errorAt(`MAP[...] needs an even number of values (key, value, ...), got ${items.length}`, first);
  const entries: { key: Expr; value: Expr }[] = [];
  for (let i = 0; i < items.length; i += 2) entries.push({ key: items[i]!, value: items[i + 1]! });
  return { kind: 'map_constructor', entries, span: c.spanFrom(first) };
}

/** Parses `expr, expr, ...` (at least one). */
export function parseExprList(c: Cursor): Expr[] {
  const list = [parseExpr(c)];
  while (c.acceptOperator(',')) list.push(parseExpr(c));
  return list;
}
