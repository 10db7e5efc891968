/**
 * Functions with SQL's keyword syntax inside the parentheses: EXTRACT(unit FROM x), FLOOR/CEIL(x TO
 * unit), TIMESTAMPADD/TIMESTAMPDIFF(unit, ...), SUBSTRING(x FROM a FOR b), TRIM(BOTH c FROM x),
 * POSITION(a IN b), OVERLAY(x PLACING y FROM a FOR b). Their plain-comma forms land on the same nodes
 * where the meaning is the same (SUBSTRING(x, a, b)); FLOOR(x) stays an ordinary function call.
 */
import type { Expr, QualifiedName } from './ast.js';
import type { Cursor } from './cursor.js';
import { spanOf } from './parse-expression.js';
import { BindingPower, parseExpr } from './parse-expression.js';
import { parseTimeUnit } from './parse-interval.js';
import { parseFunctionCall } from './parse-primary.js';

/** Parses a special-syntax function if one starts here (name followed by '('), else returns undefined. */
export function parseSpecialFunction(c: Cursor): Expr | undefined {
  const first = c.peek();
  if (first.kind !== 'word' || !c.isOperator('(', 1)) return undefined;
  const fn = first.upper;
  switch (fn) {
    case 'EXTRACT': {
      c.next();
      c.next();
      const unit = parseTimeUnit(c, 'EXTRACT');
      c.expectKeyword('FROM');
      const operand = parseExpr(c);
      c.expectOperator(')');
      return { kind: 'extract', unit, operand, span: c.spanFrom(first) };
    }
    case 'FLOOR':
    case 'CEIL':
    case 'CEILING': {
      const mark = c.mark();
      c.next();
      c.next();
      const operand = parseExpr(c);
      if (!c.acceptKeyword('TO')) {
        c.reset(mark);
        return undefined;
      }
      const unit = parseTimeUnit(c, `${fn}(... TO unit)`);
      c.expectOperator(')');
      return { kind: 'floor_ceil_to', fn: fn === 'FLOOR' ? 'FLOOR' : 'CEIL', operand, unit, span: c.spanFrom(first) };
    }
    case 'TIMESTAMPADD':
    case 'TIMESTAMPDIFF': {
      c.next();
      c.next();
      const unit = parseTimeUnit(c, fn);
      c.expectOperator(',');
      const a = parseExpr(c);
      c.expectOperator(',');
      const b = parseExpr(c);
      c.expectOperator(')');
      return fn === 'TIMESTAMPADD'
        ? { kind: 'timestamp_add', unit, count: a, operand: b, span: c.spanFrom(first) }
        : { kind: 'timestamp_diff', unit, from: a, to: b, span: c.spanFrom(first) };
    }
    case 'SUBSTRING':
    case 'SUBSTR': {
      c.next();
      c.next();
      const operand = parseExpr(c);
      let start: Expr;
      let length: Expr | undefined;
      if (c.acceptKeyword('FROM')) {
        start = parseExpr(c);
        if (c.acceptKeyword('FOR')) length = parseExpr(c);
      } else {
        c.expectOperator(',');
        start = parseExpr(c);
        if (c.acceptOperator(',')) length = parseExpr(c);
      }
      c.expectOperator(')');
      return { kind: 'substring', operand, start, ...(length !== undefined ? { length } : {}), span: c.spanFrom(first) };
    }
    case 'TRIM':
      return parseTrim(c);
    case 'POSITION': {
      c.next();
      c.next();
      const needle = parseExpr(c, BindingPower.PREDICATE);
      c.expectKeyword('IN');
      const haystack = parseExpr(c);
      const start = c.acceptKeyword('FROM') ? parseExpr(c) : undefined;
      c.expectOperator(')');
      return { kind: 'position', needle, haystack, ...(start !== undefined ? { start } : {}), span: c.spanFrom(first) };
    }
    case 'OVERLAY': {
      c.next();
      c.next();
      const operand = parseExpr(c);
      c.expectKeyword('PLACING');
      const placing = parseExpr(c);
      c.expectKeyword('FROM');
      const start = parseExpr(c);
      const length = c.acceptKeyword('FOR') ? parseExpr(c) : undefined;
      c.expectOperator(')');
      return { kind: 'overlay', operand, placing, start, ...(length !== undefined ? { length } : {}), span: c.spanFrom(first) };
    }
    case 'GROUPING':
    case 'LEFT':
    case 'RIGHT': {
      // Reserved or clause words that are also ordinary functions: GROUPING(a), LEFT(s, n), RIGHT(s, n).
      c.next();
      const name: QualifiedName = { kind: 'qualified_name', parts: [{ kind: 'identifier', value: first.text, quoted: false, span: spanOf(first) }], span: spanOf(first) };
      return parseFunctionCall(c, name);
    }
    default:
      return undefined;
  }
}

/** `TRIM([BOTH|LEADING|TRAILING] [chars] FROM x)` or `TRIM(x)`. */
function parseTrim(c: Cursor): Expr {
  const first = c.next();
  c.next();
  let side: 'BOTH' | 'LEADING' | 'TRAILING' = 'BOTH';
  let sideWritten = false;
  for (const s of ['BOTH', 'LEADING', 'TRAILING'] as const) {
    if (c.acceptKeyword(s)) {
      side = s;
      sideWritten = true;
      break;
    }
  }
  let characters: Expr | undefined;
  let operand: Expr;
  if (sideWritten && c.acceptKeyword('FROM')) {
    operand = parseExpr(c);
  } else {
    const e = parseExpr(c);
    if (c.acceptKeyword('FROM')) {
      characters = e;
      operand = parseExpr(c);
    } else if (sideWritten) {
      throw c.expected('FROM');
    } else {
      operand = e;
    }
  }
  c.expectOperator(')');
  return { kind: 'trim', side, ...(characters !== undefined ? { characters } : {}), operand, span: c.spanFrom(first) };
}
