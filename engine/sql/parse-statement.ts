/**
 * Statements other than DDL: queries, INSERT, SET / RESET, SHOW, DESCRIBE, EXPLAIN and statement
 * sets, plus the dispatch on a statement's first word. Flink statements weir recognises but does
 * not support are reported by name.
 */
import type { Explain, Insert, PartitionValue, Statement, StatementSet } from './ast.js';
import type { Cursor } from './cursor.js';
import type { Token } from './lexer.js';
import { parseCreate, parseDrop } from './parse-ddl.js';
import { parseIdentifier, parseParenthesizedIdentifiers, parseQualifiedName } from './parse-names.js';
import { parsePrimary } from './parse-primary.js';
import { isQueryStart, parseQuery } from './parse-query.js';

const STATEMENT_KEYWORDS = ['SELECT', 'WITH', 'VALUES', 'INSERT', 'CREATE', 'DROP', 'SHOW', 'DESCRIBE', 'DESC', 'EXPLAIN', 'SET', 'RESET', 'EXECUTE', 'BEGIN'];

/** First words of Flink statements weir recognises and does not support. */
const UNSUPPORTED_STATEMENTS = new Set(['ALTER', 'USE', 'LOAD', 'UNLOAD', 'ANALYZE', 'CALL', 'DELETE', 'UPDATE', 'TRUNCATE', 'ADD', 'REMOVE', 'MERGE']);

/** Second words that name what an unsupported statement acts on (`ALTER TABLE`, `USE CATALOG`). */
const STATEMENT_OBJECTS = new Set(['TABLE', 'VIEW', 'FUNCTION', 'DATABASE', 'CATALOG', 'MODULE', 'MODULES', 'JAR', 'MODEL']);

/** Parses one statement (without its terminating ';'). */
export function parseStatement(c: Cursor): Statement {
  const first = c.peek();
  if (isQueryStart(c)) return { kind: 'query_statement', query: parseQuery(c), span: c.spanFrom(first) };
  if (first.kind === 'word') {
    switch (first.upper) {
      case 'INSERT':
        return parseInsert(c);
      case 'CREATE':
        return parseCreate(c);
      case 'DROP':
        return parseDrop(c);
      case 'SHOW':
        return parseShow(c);
      case 'DESCRIBE':
      case 'DESC':
        c.next();
        if (c.isKeyword('EXTENDED')) throw c.unsupported('DESCRIBE EXTENDED', c.peek());
        return { kind: 'describe', name: parseQualifiedName(c, 'a table or view name'), span: c.spanFrom(first) };
      case 'EXPLAIN':
        return parseExplain(c);
      case 'SET':
        return parseSet(c);
      case 'RESET': {
        c.next();
        const key = c.peek().kind === 'string' ? c.next().text : undefined;
        if (key === undefined && !c.atEnd() && !c.isOperator(';')) throw c.expected("a quoted key (RESET 'key') or the end of the statement");
        return { kind: 'reset', ...(key !== undefined ? { key } : {}), span: c.spanFrom(first) };
      }
      case 'EXECUTE':
        c.next();
        if (c.isKeyword('INSERT')) return { ...parseInsert(c), span: c.spanFrom(first) };
        if (c.isKeyword('STATEMENT')) return parseStatementSetBlock(c, first);
        throw c.expected('STATEMENT SET or INSERT after EXECUTE');
      case 'BEGIN':
        return parseBeginStatementSet(c);
    }
    if (UNSUPPORTED_STATEMENTS.has(first.upper)) {
      const object = c.peek(1);
      const named = object.kind === 'word' && STATEMENT_OBJECTS.has(object.upper);
      throw c.unsupported(`the ${first.upper}${named ? ` ${object.upper}` : ''} statement`, first);
    }
  }
  throw c.expected('a statement (SELECT, INSERT, CREATE, DROP, SHOW, DESCRIBE, EXPLAIN, SET, RESET, EXECUTE STATEMENT SET, ...)', STATEMENT_KEYWORDS);
}

/** `INSERT INTO|OVERWRITE [TABLE] name [PARTITION (k = v, ...)] [(cols)] query`. */
function parseInsert(c: Cursor): Insert {
  const first = c.expectKeyword('INSERT');
  let overwrite = false;
  if (c.acceptKeyword('OVERWRITE')) overwrite = true;
  else if (!c.acceptKeyword('INTO')) throw c.expected('INTO or OVERWRITE after INSERT', ['INTO', 'OVERWRITE']);
  c.acceptKeyword('TABLE');
  const table = parseQualifiedName(c, 'a table name');
  const partition: PartitionValue[] = [];
  if (c.acceptKeyword('PARTITION')) {
    c.expectOperator('(');
    do {
      const start = c.peek();
      const column = parseIdentifier(c, 'a partition column');
      c.expectOperator('=');
      const valueToken = c.peek();
      const value = parsePrimary(c);
      if (!value.kind.endsWith('_literal')) throw c.errorAt('a static partition value must be a literal', valueToken);
      partition.push({ kind: 'partition_value', column, value: value as PartitionValue['value'], span: c.spanFrom(start) });
    } while (c.acceptOperator(','));
    c.expectOperator(')');
  }
  const columns = c.isOperator('(') && !isQueryStart(c) ? parseParenthesizedIdentifiers(c) : [];
  if (!isQueryStart(c)) throw c.expected('a query (SELECT, WITH or VALUES) to insert');
  const query = parseQuery(c);
  return { kind: 'insert', overwrite, table, partition, columns, query, span: c.spanFrom(first) };
}

/** `SHOW TABLES | VIEWS | FUNCTIONS`. */
function parseShow(c: Cursor): Statement {
  const first = c.expectKeyword('SHOW');
  const what = c.peek();
  if (c.acceptKeyword('TABLES')) return { kind: 'show', object: 'tables', span: c.spanFrom(first) };
  if (c.acceptKeyword('VIEWS')) return { kind: 'show', object: 'views', span: c.spanFrom(first) };
  if (c.acceptKeyword('FUNCTIONS')) return { kind: 'show', object: 'functions', span: c.spanFrom(first) };
  if (what.kind === 'word' && ['CREATE', 'CATALOGS', 'DATABASES', 'COLUMNS', 'MODULES', 'FULL', 'JARS', 'PARTITIONS', 'CURRENT', 'USER', 'JOBS', 'PROCEDURES', 'MODELS'].includes(what.upper)) {
    throw c.unsupported(`SHOW ${what.upper}`, first, 'weir supports SHOW TABLES, SHOW VIEWS and SHOW FUNCTIONS');
  }
  throw c.expected('TABLES, VIEWS or FUNCTIONS after SHOW', ['TABLES', 'VIEWS', 'FUNCTIONS']);
}

/** `EXPLAIN [PLAN FOR | detail, ...] statement`. */
function parseExplain(c: Cursor): Explain {
  const first = c.expectKeyword('EXPLAIN');
  const details: string[] = [];
  if (c.acceptKeyword('PLAN')) {
    c.expectKeyword('FOR');
  } else {
    const DETAILS = ['ESTIMATED_COST', 'CHANGELOG_MODE', 'JSON_EXECUTION_PLAN', 'PLAN_ADVICE'];
    while (c.peek().kind === 'word' && DETAILS.includes(c.peek().upper)) {
      details.push(c.next().upper);
      if (!c.acceptOperator(',')) break;
    }
  }
  let statement: Explain['statement'];
  const t = c.peek();
  if (isQueryStart(c)) statement = { kind: 'query_statement', query: parseQuery(c), span: c.spanFrom(t) };
  else if (c.isKeyword('INSERT')) statement = parseInsert(c);
  else if (c.isKeyword('EXECUTE') || c.isKeyword('STATEMENT')) {
    c.acceptKeyword('EXECUTE');
    statement = parseStatementSetBlock(c, t);
  } else throw c.expected('a query, INSERT or STATEMENT SET to explain', ['SELECT', 'INSERT', 'STATEMENT', 'PLAN', 'WITH', 'VALUES']);
  return { kind: 'explain', details, statement, span: c.spanFrom(first) };
}

/** `SET` or `SET 'key' = 'value'`. */
function parseSet(c: Cursor): Statement {
  const first = c.expectKeyword('SET');
  if (c.atEnd() || c.isOperator(';')) return { kind: 'set', span: c.spanFrom(first) };
  if (c.peek().kind !== 'string') throw c.expected("a quoted key (SET 'key' = 'value')");
  const key = c.next().text;
  c.expectOperator('=');
  const value = c.expectString("a quoted value (SET 'key' = 'value')");
  return { kind: 'set', key, value, span: c.spanFrom(first) };
}

/** `STATEMENT SET BEGIN insert; ... END` (after EXECUTE). */
function parseStatementSetBlock(c: Cursor, first: Token): StatementSet {
  c.expectKeyword('STATEMENT');
  c.expectKeyword('SET');
  c.expectKeyword('BEGIN');
  return parseStatementSetBody(c, first);
}

/** `BEGIN STATEMENT SET; insert; ... END`. */
function parseBeginStatementSet(c: Cursor): StatementSet {
  const first = c.expectKeyword('BEGIN');
  c.expectKeyword('STATEMENT');
  c.expectKeyword('SET');
  c.expectOperator(';');
  return parseStatementSetBody(c, first);
}

/** The `insert; insert; ... END` of a statement set. */
function parseStatementSetBody(c: Cursor, first: Token): StatementSet {
  const inserts: Insert[] = [];
  while (!c.isKeyword('END')) {
    if (!c.isKeyword('INSERT')) throw c.expected(inserts.length === 0 ? 'INSERT in a statement set' : 'INSERT or END in a statement set', ['INSERT', 'END']);
    inserts.push(parseInsert(c));
    c.expectOperator(';');
  }
  if (inserts.length === 0) throw c.errorAt('a statement set needs at least one INSERT', c.peek());
  c.next();
  return { kind: 'statement_set', inserts, span: c.spanFrom(first) };
}
