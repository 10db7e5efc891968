/** AST building blocks shared by every node: source spans and names. */

/** A range of the SQL text: offsets `[start, end)` (0-based) and the 1-based line and column of `start`. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
}

/** A name as written: unquoted names keep their case, back-quoted ones are `quoted`. */
export interface Identifier {
  readonly kind: 'identifier';
  readonly value: string;
  readonly quoted: boolean;
  readonly span: Span;
}

/** A dotted object name: `orders`, `db.orders`, `catalog.db.orders`. */
export interface QualifiedName {
  readonly kind: 'qualified_name';
  readonly parts: readonly Identifier[];
  readonly span: Span;
}
