/**
 * Scalar expressions by precedence climbing, with Calcite's binding powers (so Flink's precedence):
 * OR 22 < AND 24 < NOT 26 < IS [NOT] NULL|TRUE|FALSE|UNKNOWN 28 < comparisons and IS DISTINCT FROM 30
 * < BETWEEN, IN, LIKE, SIMILAR TO 32 < + - 40 < * / % || 60 < unary + - 80 < subscripts and field
 * access (in {@link parsePrimary}). Binary operators associate to the left.
 */
import type { BinaryOp, Expr } from './ast.js';
import { joinSpans, type Cursor } from './cursor.js';
import type { Token } from './lexer.js';
import { parsePrimary } from './parse-primary.js';
import { isQueryStart, parseQuery } from './parse-query.js';

/** Binding powers, named after what binds at each level. */
export const BindingPower = {
  OR: 22,
  AND: 24,
  NOT: 26,
  IS: 28,
  COMPARISON: 30,
  PREDICATE: 32,
  ADDITIVE: 40,
  MULTIPLICATIVE: 60,
  UNARY: 80,
} as const;

const COMPARISON_OPS: Record<string, BinaryOp> = { '=': '=', '<>': '<>', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };
const ADDITIVE_OPS = new Set(['+', '-']);
const MULTIPLICATIVE_OPS = new Set(['*', '/', '%', '||']);

/** Parses an expression whose operators all bind tighter than `minPower` (0: a whole expression). */
export function parseExpr(c: Cursor, minPower = 0): Expr {
  return c.nested(() => {
    let left = parsePrefix(c);
    for (;;) {
      const next = parseInfix(c, left, minPower);
      if (next === undefined) return left;
      left = next;
    }
  });
}

function parsePrefix(c: Cursor): Expr {
  const t = c.peek();
  if (t.kind === 'word' && t.upper === 'NOT') {
    c.next();
    const operand = parseExpr(c, BindingPower.NOT);
    return { kind: 'unary', op: 'NOT', operand, span: joinSpans(spanOf(t), operand.span) };
  }
  if (t.kind === 'operator' && (t.text === '-' || t.text === '+')) {
    c.next();
    const operand = parseExpr(c, BindingPower.UNARY);
    return { kind: 'unary', op: t.text, operand, span: joinSpans(spanOf(t), operand.span) };
  }
  return parsePrimary(c);
}

/** Parses one infix or postfix operator applied to `left` if it binds tighter than `minPower`. */
function parseInfix(c: Cursor, left: Expr, minPower: number): Expr | undefined {
  const t = c.peek();
  if (t.kind === 'operator') {
    const comparison = COMPARISON_OPS[t.text];
    if (comparison !== undefined) {
      if (BindingPower.COMPARISON <= minPower) return undefined;
      c.next();
      const quantifier = c.peek();
      if (quantifier.kind === 'word' && ['ALL', 'SOME', 'ANY'].includes(quantifier.upper) && c.isOperator('(', 1)) {
        c.next();
        c.expectOperator('(');
        const query = parseQuery(c);
        c.expectOperator(')');
        return {
          kind: 'quantified_comparison',
          op: comparison as Exclude<BinaryOp, 'OR' | 'AND' | '+' | '-' | '*' | '/' | '%' | '||'>,
          quantifier: quantifier.upper as 'ALL' | 'SOME' | 'ANY',
          operand: left,
          query,
          span: joinSpans(left.span, c.spanFrom(quantifier)),
        };
      }
      return binary(comparison, left, parseExpr(c, BindingPower.COMPARISON));
    }
    const power = ADDITIVE_OPS.has(t.text) ? BindingPower.ADDITIVE : MULTIPLICATIVE_OPS.has(t.text) ? BindingPower.MULTIPLICATIVE : 0;
    if (power === 0 || power <= minPower) return undefined;
    c.next();
    return binary(t.text as BinaryOp, left, parseExpr(c, power));
  }
  if (t.kind !== 'word') return undefined;
  switch (t.upper) {
    case 'OR':
    case 'AND': {
      const power = t.upper === 'OR' ? BindingPower.OR : BindingPower.AND;
      if (power <= minPower) return undefined;
      c.next();
      return binary(t.upper, left, parseExpr(c, power));
    }
    case 'IS':
      return parseIs(c, left, minPower);
    case 'NOT':
    case 'BETWEEN':
    case 'IN':
    case 'LIKE':
    case 'SIMILAR':
      if (BindingPower.PREDICATE <= minPower) return undefined;
      return parsePredicate(c, left);
    default:
      return undefined;
  }
}

/** `IS [NOT] NULL|TRUE|FALSE|UNKNOWN` (power 28) and `IS [NOT] DISTINCT FROM` (power 30). */
function parseIs(c: Cursor, left: Expr, minPower: number): Expr | undefined {
  const negated = c.isKeyword('NOT', 1);
  const distinct = c.isKeyword('DISTINCT', negated ? 2 : 1);
  if ((distinct ? BindingPower.COMPARISON : BindingPower.IS) <= minPower) return undefined;
  c.next();
  if (negated) c.next();
  if (distinct) {
    c.next();
    c.expectKeyword('FROM');
    const right = parseExpr(c, BindingPower.COMPARISON);
    return { kind: 'is_distinct_from', negated, left, right, span: joinSpans(left.span, right.span) };
  }
  const test = c.peek();
  if (test.kind !== 'word' || !['NULL', 'TRUE', 'FALSE', 'UNKNOWN'].includes(test.upper)) {
    throw c.expected(`NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM after IS${negated ? ' NOT' : ''}`);
  }
  c.next();
  return { kind: 'is', negated, test: test.upper as 'NULL', operand: left, span: joinSpans(left.span, spanOf(test)) };
}

/** `[NOT] BETWEEN`, `[NOT] IN`, `[NOT] LIKE`, `[NOT] SIMILAR TO` applied to `left`. */
function parsePredicate(c: Cursor, left: Expr): Expr | undefined {
  const negated = c.isKeyword('NOT');
  const op = c.peek(negated ? 1 : 0);
  if (negated && !(op.kind === 'word' && ['BETWEEN', 'IN', 'LIKE', 'SIMILAR'].includes(op.upper))) {
    throw c.errorAt(`expected BETWEEN, IN, LIKE or SIMILAR TO after NOT but found '${op.text || 'end of input'}'`, op);
  }
  if (negated) c.next();
  c.next();
  const power = BindingPower.PREDICATE;
  switch (op.upper) {
    case 'BETWEEN': {
      let symmetric = false;
      if (c.acceptKeyword('SYMMETRIC')) symmetric = true;
      else c.acceptKeyword('ASYMMETRIC');
      const low = parseExpr(c, power);
      c.expectKeyword('AND');
      const high = parseExpr(c, power);
      return { kind: 'between', negated, symmetric, operand: left, low, high, span: joinSpans(left.span, high.span) };
    }
    case 'IN': {
      c.expectOperator('(');
      if (isQueryStart(c)) {
        const query = parseQuery(c);
        c.expectOperator(')');
        return { kind: 'in_subquery', negated, operand: left, query, span: joinSpans(left.span, spanOf(c.previous())) };
      }
      const list = [parseExpr(c)];
      while (c.acceptOperator(',')) list.push(parseExpr(c));
      c.expectOperator(')');
      return { kind: 'in_list', negated, operand: left, list, span: joinSpans(left.span, spanOf(c.previous())) };
    }
    default: {
      const operator = op.upper === 'LIKE' ? 'LIKE' : (c.expectKeyword('TO'), 'SIMILAR TO');
      const pattern = parseExpr(c, power);
      const escape = c.acceptKeyword('ESCAPE') ? parseExpr(c, power) : undefined;
      const end = escape ?? pattern;
      return { kind: 'like', operator, negated, operand: left, pattern, ...(escape ? { escape } : {}), span: joinSpans(left.span, end.span) };
    }
  }
}

function binary(op: BinaryOp, left: Expr, right: Expr): Expr {
  return { kind: 'binary', op, left, right, span: joinSpans(left.span, right.span) };
}

/** The span of one token. */
export function spanOf(t: Token): { start: number; end: number; line: number; column: number } {
  return { start: t.start, end: t.end, line: t.line, column: t.column };
}
