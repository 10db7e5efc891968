/**
 * Data types as written in CREATE TABLE and CAST: Flink's scalar types with their precision and
 * scale, `NOT NULL`, and the collection types `ARRAY<t>`, `MULTISET<t>`, `MAP<k, v>`, `ROW<...>`.
 */
import type { DataType, RowTypeField, ScalarTypeName } from './ast.js';
import type { Cursor } from './cursor.js';
import type { Token } from './lexer.js';
import { parseIdentifier } from './parse-names.js';

/** Type names accepted with their canonical name, and whether they take `(precision[, scale])`. */
const SCALAR_TYPES: Record<string, { name: ScalarTypeName; params: 0 | 1 | 2 }> = {
  BOOLEAN: { name: 'BOOLEAN', params: 0 },
  TINYINT: { name: 'TINYINT', params: 0 },
  SMALLINT: { name: 'SMALLINT', params: 0 },
  INT: { name: 'INT', params: 0 },
  INTEGER: { name: 'INT', params: 0 },
  BIGINT: { name: 'BIGINT', params: 0 },
  FLOAT: { name: 'FLOAT', params: 0 },
  REAL: { name: 'FLOAT', params: 0 },
  DOUBLE: { name: 'DOUBLE', params: 0 },
  DECIMAL: { name: 'DECIMAL', params: 2 },
  DEC: { name: 'DECIMAL', params: 2 },
  NUMERIC: { name: 'DECIMAL', params: 2 },
  CHAR: { name: 'CHAR', params: 1 },
  CHARACTER: { name: 'CHAR', params: 1 },
  VARCHAR: { name: 'VARCHAR', params: 1 },
  STRING: { name: 'STRING', params: 0 },
  BINARY: { name: 'BINARY', params: 1 },
  VARBINARY: { name: 'VARBINARY', params: 1 },
  BYTES: { name: 'BYTES', params: 0 },
  DATE: { name: 'DATE', params: 0 },
  TIME: { name: 'TIME', params: 1 },
  TIMESTAMP: { name: 'TIMESTAMP', params: 1 },
  TIMESTAMP_LTZ: { name: 'TIMESTAMP_LTZ', params: 1 },
  NULL: { name: 'NULL', params: 0 },
};

/** True if the current token can start a data type (used where a type and an expression compete). */
export function isTypeStart(c: Cursor, ahead = 0): boolean {
  const t = c.peek(ahead);
  return t.kind === 'word' && (t.upper in SCALAR_TYPES || ['ARRAY', 'MULTISET', 'MAP', 'ROW'].includes(t.upper));
}

/** Parses a data type with its nullability and postfix `ARRAY` / `MULTISET`. */
export function parseDataType(c: Cursor): DataType {
  return c.nested(() => parseDataTypeAtThisLevel(c));
}

function parseDataTypeAtThisLevel(c: Cursor): DataType {
  const first = c.peek();
  let type = parseNullability(c, parseBaseType(c), first);
  for (;;) {
    if (c.acceptKeyword('ARRAY')) type = parseNullability(c, { kind: 'array_type', element: type, nullable: true, span: c.spanFrom(first) }, first);
    else if (c.acceptKeyword('MULTISET')) type = parseNullability(c, { kind: 'multiset_type', element: type, nullable: true, span: c.spanFrom(first) }, first);
    else return type;
  }
}

function parseNullability(c: Cursor, type: DataType, first: Token): DataType {
  if (c.isKeywords('NOT', 'NULL')) {
    c.next();
    c.next();
    return { ...type, nullable: false, span: c.spanFrom(first) };
  }
  // An explicit `NULL` (nullable, the default) is read and dropped; the NULL type itself is not followed by one.
  if (c.isKeyword('NULL') && !(type.kind === 'scalar_type' && type.name === 'NULL')) c.next();
  return type;
}

function parseBaseType(c: Cursor): DataType {
  const first = c.peek();
  if (first.kind !== 'word') throw c.expected('a data type');
  switch (first.upper) {
    case 'ARRAY':
    case 'MULTISET': {
      c.next();
      c.expectOperator('<');
      const element = parseDataType(c);
      c.expectOperator('>');
      const kind = first.upper === 'ARRAY' ? 'array_type' : 'multiset_type';
      return { kind, element, nullable: true, span: c.spanFrom(first) };
    }
    case 'MAP': {
      c.next();
      c.expectOperator('<');
      const key = parseDataType(c);
      c.expectOperator(',');
      const value = parseDataType(c);
      c.expectOperator('>');
      return { kind: 'map_type', key, value, nullable: true, span: c.spanFrom(first) };
    }
    case 'ROW':
      return parseRowType(c);
    case 'INTERVAL':
      throw c.unsupported('the INTERVAL data type', first, 'use BIGINT milliseconds or compute intervals in expressions');
    case 'RAW':
      throw c.unsupported('the RAW data type', first);
    case 'STRUCTURED':
      throw c.unsupported('structured (user-defined) data types', first);
  }
  const scalar = SCALAR_TYPES[first.upper];
  if (scalar === undefined) throw c.errorAt(`unknown data type '${first.text}'`, first);
  c.next();
  let name = scalar.name;
  if (name === 'DOUBLE') c.acceptKeyword('PRECISION');
  if ((name === 'CHAR' || name === 'BINARY') && c.acceptKeyword('VARYING')) name = name === 'CHAR' ? 'VARCHAR' : 'VARBINARY';
  let precision: number | undefined;
  let scale: number | undefined;
  if (scalar.params > 0 && c.acceptOperator('(')) {
    precision = parseTypeParameter(c);
    if (scalar.params === 2 && c.acceptOperator(',')) scale = parseTypeParameter(c);
    c.expectOperator(')');
  }
  if (name === 'TIMESTAMP' || name === 'TIME') {
    if (c.acceptKeywords('WITHOUT', 'TIME', 'ZONE')) {
      // the default
    } else if (name === 'TIMESTAMP' && c.acceptKeywords('WITH', 'LOCAL', 'TIME', 'ZONE')) {
      name = 'TIMESTAMP_LTZ';
    } else if (c.isKeywords('WITH', 'TIME', 'ZONE')) {
      throw c.unsupported(`${name} WITH TIME ZONE`, c.peek(), 'Flink has TIMESTAMP WITH LOCAL TIME ZONE (TIMESTAMP_LTZ)');
    }
  }
  return {
    kind: 'scalar_type',
    name,
    ...(precision !== undefined ? { precision } : {}),
    ...(scale !== undefined ? { scale } : {}),
    nullable: true,
    span: c.spanFrom(first),
  };
}

function parseTypeParameter(c: Cursor): number {
  const t = c.peek();
  if (t.kind !== 'number' || !/^\d+$/.test(t.text)) throw c.expected('an integer type parameter');
  c.next();
  return Number(t.text);
}

/** `ROW<name type [COMMENT '...'], ...>` or `ROW(name type, ...)`. */
function parseRowType(c: Cursor): DataType {
  const first = c.next();
  const close = c.acceptOperator('<') ? '>' : (c.expectOperator('('), ')');
  const fields: RowTypeField[] = [];
  if (!c.isOperator(close)) {
    do {
      const start = c.peek();
      const name = parseIdentifier(c, 'a field name');
      const type = parseDataType(c);
      const comment = c.acceptKeyword('COMMENT') ? c.expectString() : undefined;
      fields.push({ kind: 'row_type_field', name, type, ...(comment !== undefined ? { comment } : {}), span: c.spanFrom(start) });
    } while (c.acceptOperator(','));
  }
  c.expectOperator(close);
  return { kind: 'row_type', fields, nullable: true, span: c.spanFrom(first) };
}
