/** Identifiers, dotted names, name lists and aliases. */
import type { Identifier, QualifiedName, TableAlias } from './ast.js';
import type { Cursor } from './cursor.js';

/** Parses one identifier (unquoted non-reserved word or back-quoted name). */
export function parseIdentifier(c: Cursor, what = 'an identifier'): Identifier {
  if (!c.isIdentifier()) throw c.expected(what);
  return identifierOf(c);
}

/** Consumes the current token as an identifier, reserved or not (used after a dot). */
function identifierOf(c: Cursor): Identifier {
  const t = c.next();
  return { kind: 'identifier', value: t.text, quoted: t.kind === 'quoted_identifier', span: c.spanFrom(t) };
}

/** Parses `a.b.c`; after a dot any word is a name part (`t.value`, `db.table`). */
export function parseQualifiedName(c: Cursor, what = 'a name'): QualifiedName {
  const first = c.peek();
  const parts = [parseIdentifier(c, what)];
  while (c.isOperator('.') && (c.peek(1).kind === 'word' || c.peek(1).kind === 'quoted_identifier')) {
    c.next();
    parts.push(identifierOf(c));
  }
  return { kind: 'qualified_name', parts, span: c.spanFrom(first) };
}

/** Parses `(a, b, c)`. */
export function parseParenthesizedIdentifiers(c: Cursor, what = 'a column name'): Identifier[] {
  c.expectOperator('(');
  const list = [parseIdentifier(c, what)];
  while (c.acceptOperator(',')) list.push(parseIdentifier(c, what));
  c.expectOperator(')');
  return list;
}

/** Parses an optional `[AS] alias [(col, ...)]` after a table reference. */
export function parseOptionalTableAlias(c: Cursor): TableAlias | undefined {
  const first = c.peek();
  const hasAs = c.acceptKeyword('AS');
  if (!hasAs && !c.isIdentifier()) return undefined;
  const name = parseIdentifier(c, 'an alias');
  const columns = c.isOperator('(') ? parseParenthesizedIdentifiers(c) : [];
  return { kind: 'table_alias', name, columns, span: c.spanFrom(first) };
}

/** Parses an optional `[AS] alias` after a select-list expression. */
export function parseOptionalAlias(c: Cursor): Identifier | undefined {
  if (c.acceptKeyword('AS')) return parseIdentifier(c, 'an alias');
  return c.isIdentifier() ? parseIdentifier(c) : undefined;
}
