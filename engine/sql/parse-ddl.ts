/**
 * DDL: CREATE TABLE (physical, computed and metadata columns, WATERMARK, PRIMARY KEY ... NOT
 * ENFORCED, COMMENT, PARTITIONED BY, WITH options, CTAS), CREATE VIEW and DROP.
 */
import type { ColumnDefinition, CreateTable, CreateView, Drop, Identifier, PrimaryKey, Query, Statement, TableOption, WatermarkDefinition } from './ast.js';
import type { Cursor } from './cursor.js';
import type { Token } from './lexer.js';
import { parseExpr } from './parse-expression.js';
import { parseIdentifier, parseParenthesizedIdentifiers, parseQualifiedName } from './parse-names.js';
import { parseQuery } from './parse-query.js';
import { isTypeStart, parseDataType } from './parse-type.js';

/** Parses a statement starting with CREATE. */
export function parseCreate(c: Cursor): Statement {
  const first = c.expectKeyword('CREATE');
  if (c.isKeywords('OR', 'REPLACE')) throw c.unsupported('CREATE OR REPLACE', first);
  const temporary = c.acceptKeyword('TEMPORARY');
  if (c.isKeyword('TABLE')) return parseCreateTable(c, first, temporary);
  if (c.isKeyword('VIEW')) return parseCreateView(c, first, temporary);
  const what = c.peek();
  if (what.kind === 'word' && ['FUNCTION', 'SYSTEM', 'CATALOG', 'DATABASE', 'MODEL'].includes(what.upper)) {
    throw c.unsupported(`CREATE ${temporary ? 'TEMPORARY ' : ''}${what.upper === 'SYSTEM' ? 'SYSTEM FUNCTION' : what.upper}`, first);
  }
  throw c.expected('TABLE or VIEW after CREATE', ['TABLE', 'VIEW', 'TEMPORARY']);
}

function parseIfNotExists(c: Cursor): boolean {
  if (!c.acceptKeyword('IF')) return false;
  c.expectKeyword('NOT');
  c.expectKeyword('EXISTS');
  return true;
}

function parseCreateTable(c: Cursor, first: Token, temporary: boolean): CreateTable {
  c.expectKeyword('TABLE');
  const ifNotExists = parseIfNotExists(c);
  const name = parseQualifiedName(c, 'a table name');
  const columns: ColumnDefinition[] = [];
  let watermark: WatermarkDefinition | undefined;
  let primaryKey: PrimaryKey | undefined;
  if (c.acceptOperator('(')) {
    do {
      const start = c.peek();
      if (c.isKeywords('WATERMARK', 'FOR') || (c.isKeyword('WATERMARK') && !isTypeStart(c, 1))) {
        if (watermark !== undefined) throw c.errorAt('a table can have only one WATERMARK', start);
        watermark = parseWatermark(c);
      } else if (isPrimaryKeyStart(c)) {
        if (primaryKey !== undefined) throw c.errorAt('a table can have only one PRIMARY KEY', start);
        primaryKey = parsePrimaryKey(c, undefined);
      } else if (c.isKeyword('UNIQUE') || c.isKeyword('FOREIGN') || c.isKeyword('CHECK')) {
        throw c.unsupported(`${start.upper} constraints`, start, 'Flink supports only PRIMARY KEY ... NOT ENFORCED');
      } else {
        const column = parseColumn(c);
        if (isPrimaryKeyStart(c)) {
          if (primaryKey !== undefined) throw c.errorAt('a table can have only one PRIMARY KEY', c.peek());
          primaryKey = parsePrimaryKey(c, column.name);
        }
        columns.push(column.comment === undefined && c.isKeyword('COMMENT') ? { ...column, comment: parseComment(c), span: c.spanFrom(start) } : column);
      }
    } while (c.acceptOperator(','));
    c.expectOperator(')');
  }
  const comment = c.isKeyword('COMMENT') ? parseComment(c) : undefined;
  let partitionedBy: Identifier[] = [];
  if (c.acceptKeyword('PARTITIONED')) {
    c.expectKeyword('BY');
    partitionedBy = parseParenthesizedIdentifiers(c);
  }
  if (c.isKeyword('DISTRIBUTED')) throw c.unsupported('DISTRIBUTED BY', c.peek());
  const options = c.acceptKeyword('WITH') ? parseOptions(c) : [];
  if (c.isKeyword('LIKE')) throw c.unsupported('CREATE TABLE ... LIKE', c.peek());
  let asQuery: Query | undefined;
  if (c.acceptKeyword('AS')) asQuery = parseQuery(c);
  if (columns.length === 0 && asQuery === undefined) {
    throw c.errorAt(`CREATE TABLE ${name.parts.map((p) => p.value).join('.')} needs a column list or AS query`, first);
  }
  return {
    kind: 'create_table',
    name,
    temporary,
    ifNotExists,
    columns,
    ...(watermark !== undefined ? { watermark } : {}),
    ...(primaryKey !== undefined ? { primaryKey } : {}),
    ...(comment !== undefined ? { comment } : {}),
    partitionedBy,
    options,
    ...(asQuery !== undefined ? { asQuery } : {}),
    span: c.spanFrom(first),
  };
}

function isPrimaryKeyStart(c: Cursor): boolean {
  return c.isKeywords('PRIMARY', 'KEY') || (c.isKeyword('CONSTRAINT') && c.isKeyword('PRIMARY', 2));
}

function parseComment(c: Cursor): string {
  c.expectKeyword('COMMENT');
  return c.expectString('a quoted comment');
}

/** `name AS expr`, `name type METADATA [FROM 'key'] [VIRTUAL]` or `name type`. */
function parseColumn(c: Cursor): ColumnDefinition {
  const first = c.peek();
  const name = parseIdentifier(c, 'a column name, WATERMARK or PRIMARY KEY');
  if (c.acceptKeyword('AS')) {
    const expr = parseExpr(c);
    const comment = c.isKeyword('COMMENT') ? parseComment(c) : undefined;
    return { kind: 'computed_column', name, expr, ...(comment !== undefined ? { comment } : {}), span: c.spanFrom(first) };
  }
  const type = parseDataType(c);
  if (c.acceptKeyword('METADATA')) {
    const key = c.acceptKeyword('FROM') ? c.expectString("a quoted metadata key (METADATA FROM 'key')") : undefined;
    const virtual = c.acceptKeyword('VIRTUAL');
    const comment = c.isKeyword('COMMENT') ? parseComment(c) : undefined;
    return {
      kind: 'metadata_column',
      name,
      type,
      ...(key !== undefined ? { key } : {}),
      virtual,
      ...(comment !== undefined ? { comment } : {}),
      span: c.spanFrom(first),
    };
  }
  const comment = c.isKeyword('COMMENT') ? parseComment(c) : undefined;
  return { kind: 'physical_column', name, type, ...(comment !== undefined ? { comment } : {}), span: c.spanFrom(first) };
}

/** `WATERMARK FOR col AS expr`. */
function parseWatermark(c: Cursor): WatermarkDefinition {
  const first = c.expectKeyword('WATERMARK');
  c.expectKeyword('FOR');
  const column = [parseIdentifier(c, 'the event-time column')];
  while (c.acceptOperator('.')) column.push(parseIdentifier(c, 'a field name'));
  c.expectKeyword('AS');
  const expr = parseExpr(c);
  return { kind: 'watermark', column, expr, span: c.spanFrom(first) };
}

/** `[CONSTRAINT name] PRIMARY KEY [(cols)] NOT ENFORCED`; the column list is absent on a column (`inline`). */
function parsePrimaryKey(c: Cursor, inline: Identifier | undefined): PrimaryKey {
  const first = c.peek();
  if (c.acceptKeyword('CONSTRAINT')) parseIdentifier(c, 'a constraint name');
  c.expectKeyword('PRIMARY');
  c.expectKeyword('KEY');
  const columns = inline ? [inline] : parseParenthesizedIdentifiers(c);
  if (c.isKeyword('ENFORCED')) throw c.unsupported('PRIMARY KEY ... ENFORCED', c.peek(), 'Flink supports only NOT ENFORCED');
  if (!c.isKeywords('NOT', 'ENFORCED')) throw c.expected('NOT ENFORCED after PRIMARY KEY (Flink does not enforce keys)');
  c.next();
  c.next();
  return { kind: 'primary_key', columns, span: c.spanFrom(first) };
}

/** `('key' = 'value', ...)` of WITH. */
export function parseOptions(c: Cursor): TableOption[] {
  c.expectOperator('(');
  const options: TableOption[] = [];
  if (c.isOperator(')')) {
    c.next();
    return options;
  }
  do {
    const first = c.peek();
    const key = c.expectString("a quoted option key ('key' = 'value')");
    c.expectOperator('=');
    const value = c.expectString("a quoted option value ('key' = 'value')");
    options.push({ kind: 'table_option', key, value, span: c.spanFrom(first) });
  } while (c.acceptOperator(','));
  c.expectOperator(')');
  return options;
}

function parseCreateView(c: Cursor, first: Token, temporary: boolean): CreateView {
  c.expectKeyword('VIEW');
  const ifNotExists = parseIfNotExists(c);
  const name = parseQualifiedName(c, 'a view name');
  const columns = c.isOperator('(') ? parseParenthesizedIdentifiers(c) : [];
  const comment = c.isKeyword('COMMENT') ? parseComment(c) : undefined;
  c.expectKeyword('AS');
  const query = parseQuery(c);
  return {
    kind: 'create_view',
    name,
    temporary,
    ifNotExists,
    columns,
    ...(comment !== undefined ? { comment } : {}),
    query,
    span: c.spanFrom(first),
  };
}

/** `DROP [TEMPORARY] TABLE|VIEW [IF EXISTS] name`. */
export function parseDrop(c: Cursor): Drop {
  const first = c.expectKeyword('DROP');
  const temporary = c.acceptKeyword('TEMPORARY');
  const what = c.peek();
  if (what.kind === 'word' && ['FUNCTION', 'SYSTEM', 'CATALOG', 'DATABASE', 'MODEL'].includes(what.upper)) {
    throw c.unsupported(`DROP ${what.upper === 'SYSTEM' ? 'SYSTEM FUNCTION' : what.upper}`, first);
  }
  if (!c.isKeyword('TABLE') && !c.isKeyword('VIEW')) throw c.expected('TABLE or VIEW after DROP', ['TABLE', 'VIEW', 'TEMPORARY']);
  c.next();
  const object = what.upper === 'TABLE' ? 'table' : 'view';
  let ifExists = false;
  if (c.acceptKeyword('IF')) {
    c.expectKeyword('EXISTS');
    ifExists = true;
  }
  const name = parseQualifiedName(c, `a ${object} name`);
  return { kind: 'drop', object, temporary, ifExists, name, span: c.spanFrom(first) };
}
