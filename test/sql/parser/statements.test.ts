import { describe, expect, it } from 'vitest';
import type { CreateTable, CreateView, Explain, Insert, Statement, StatementSet } from '../../../engine/sql/ast.js';
import { parseStatements, parseStatementText } from '../../../engine/sql/parser.js';
import { sexpr, type, withoutSpans } from './sexpr.js';

function one<K extends Statement['kind']>(sql: string, kind: K): Extract<Statement, { kind: K }> {
  const statements = parseStatements(sql);
  expect(statements).toHaveLength(1);
  expect(statements[0]!.kind).toBe(kind);
  return statements[0] as Extract<Statement, { kind: K }>;
}

describe('CREATE TABLE', () => {
  it('reads columns, types, a watermark and WITH options', () => {
    const t = one(
      `CREATE TABLE orders (
         id BIGINT NOT NULL,
         amount DECIMAL(10, 2),
         ts TIMESTAMP(3),
         WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
       ) WITH ('connector' = 'filesystem', 'path' = '/tmp/o.csv', 'format' = 'csv')`,
      'create_table',
    );
    expect(t.name.parts.map((p) => p.value)).toEqual(['orders']);
    expect([t.temporary, t.ifNotExists]).toEqual([false, false]);
    expect(t.columns.map((c) => `${c.name.value} ${c.kind === 'computed_column' ? 'AS' : type(c.type)}`)).toEqual([
      'id BIGINT NOT NULL', 'amount DECIMAL(10,2)', 'ts TIMESTAMP(3)',
    ]);
    expect(t.watermark!.column.map((c) => c.value)).toEqual(['ts']);
    expect(sexpr(t.watermark!.expr)).toBe("(- ts (INTERVAL '5' SECOND))");
    expect(t.options.map((o) => [o.key, o.value])).toEqual([['connector', 'filesystem'], ['path', '/tmp/o.csv'], ['format', 'csv']]);
  });

  it('reads computed and metadata columns and a primary key', () => {
    const t = one(
      `CREATE TEMPORARY TABLE IF NOT EXISTS db.t (
         id INT, price DOUBLE, qty INT,
         cost AS price * qty COMMENT 'derived',
         rt TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
         part STRING METADATA,
         PRIMARY KEY (id) NOT ENFORCED
       ) COMMENT 'a table' PARTITIONED BY (part) WITH ('connector' = 'filesystem')`,
      'create_table',
    );
    expect([t.temporary, t.ifNotExists, t.comment]).toEqual([true, true, 'a table']);
    expect(t.name.parts.map((p) => p.value)).toEqual(['db', 't']);
    const [, , , cost, rt, part] = t.columns;
    expect(cost!.kind).toBe('computed_column');
    expect(cost!.kind === 'computed_column' && [sexpr(cost.expr), cost.comment]).toEqual(['(* price qty)', 'derived']);
    expect(withoutSpans(rt)).toMatchObject({ kind: 'metadata_column', key: 'timestamp', virtual: true, type: { name: 'TIMESTAMP_LTZ', precision: 3 } });
    expect(withoutSpans(part)).toMatchObject({ kind: 'metadata_column', virtual: false });
    expect(part!.kind === 'metadata_column' && part.key).toBeUndefined();
    expect(t.primaryKey!.columns.map((c) => c.value)).toEqual(['id']);
    expect(t.partitionedBy.map((p) => p.value)).toEqual(['part']);
  });

  it('reads an inline primary key and CONSTRAINT names', () => {
    expect(one('CREATE TABLE t (id INT PRIMARY KEY NOT ENFORCED, v STRING) WITH ()', 'create_table').primaryKey!.columns.map((c) => c.value)).toEqual(['id']);
    expect(one('CREATE TABLE t (id INT, CONSTRAINT pk PRIMARY KEY (id) NOT ENFORCED)', 'create_table').primaryKey!.columns.map((c) => c.value)).toEqual(['id']);
  });

  const types: [string, string][] = [
    ['BOOLEAN', 'BOOLEAN'], ['TINYINT', 'TINYINT'], ['SMALLINT', 'SMALLINT'], ['INTEGER', 'INT'], ['BIGINT', 'BIGINT'],
    ['FLOAT', 'FLOAT'], ['DOUBLE PRECISION', 'DOUBLE'], ['DEC(5)', 'DECIMAL(5)'], ['NUMERIC(38, 18)', 'DECIMAL(38,18)'],
    ['CHAR(3)', 'CHAR(3)'], ['VARCHAR(20)', 'VARCHAR(20)'], ['CHARACTER VARYING(9)', 'VARCHAR(9)'], ['STRING', 'STRING'],
    ['BINARY(4)', 'BINARY(4)'], ['VARBINARY', 'VARBINARY'], ['BYTES', 'BYTES'], ['DATE', 'DATE'], ['TIME(0)', 'TIME(0)'],
    ['TIMESTAMP', 'TIMESTAMP'], ['TIMESTAMP(9) WITHOUT TIME ZONE', 'TIMESTAMP(9)'], ['TIMESTAMP(3) WITH LOCAL TIME ZONE', 'TIMESTAMP_LTZ(3)'],
    ['TIMESTAMP_LTZ(6)', 'TIMESTAMP_LTZ(6)'], ['ARRAY<INT>', 'ARRAY<INT>'], ['ARRAY<ARRAY<STRING NOT NULL>>', 'ARRAY<ARRAY<STRING NOT NULL>>'],
    ['INT ARRAY', 'ARRAY<INT>'], ['MULTISET<STRING>', 'MULTISET<STRING>'], ['MAP<STRING, BIGINT>', 'MAP<STRING,BIGINT>'],
    ['ROW<x INT, y STRING>', 'ROW<x INT,y STRING>'], ["ROW(x INT COMMENT 'the x', `y z` ARRAY<DOUBLE>)", 'ROW<x INT,y z ARRAY<DOUBLE>>'],
    ['ROW<a ROW<b INT>> NOT NULL', 'ROW<a ROW<b INT>> NOT NULL'],
  ];
  it.each(types)('reads the type %s', (written, expected) => {
    const t = one(`CREATE TABLE t (c ${written}) WITH ('connector' = 'x')`, 'create_table');
    const c = t.columns[0]!;
    expect(c.kind === 'physical_column' && type(c.type)).toBe(expected);
  });

  it('reads CREATE TABLE ... AS SELECT', () => {
    const t = one("CREATE TABLE t2 WITH ('connector' = 'filesystem') AS SELECT * FROM t", 'create_table') as CreateTable;
    expect(t.columns).toEqual([]);
    expect(t.asQuery!.body.kind).toBe('select');
  });
});

describe('other statements', () => {
  it('CREATE [TEMPORARY] VIEW', () => {
    const v = one('CREATE TEMPORARY VIEW IF NOT EXISTS v (a, b) AS SELECT id, amount FROM orders WHERE amount > 10', 'create_view') as CreateView;
    expect([v.temporary, v.ifNotExists, v.columns.map((c) => c.value), v.query.body.kind]).toEqual([true, true, ['a', 'b'], 'select']);
    expect(one('CREATE VIEW v AS VALUES (1)', 'create_view').temporary).toBe(false);
  });

  it('DROP TABLE / VIEW', () => {
    expect(withoutSpans(one('DROP TABLE IF EXISTS db.orders', 'drop'))).toMatchObject({ object: 'table', ifExists: true, temporary: false });
    expect(withoutSpans(one('DROP TEMPORARY VIEW v', 'drop'))).toMatchObject({ object: 'view', ifExists: false, temporary: true });
  });

  it('SHOW and DESCRIBE', () => {
    expect(parseStatements('SHOW TABLES; show views; SHOW FUNCTIONS').map((s) => s.kind === 'show' && s.object)).toEqual(['tables', 'views', 'functions']);
    expect(one('DESCRIBE orders', 'describe').name.parts[0]!.value).toBe('orders');
    expect(one('DESC cat.db.orders', 'describe').name.parts.map((p) => p.value)).toEqual(['cat', 'db', 'orders']);
  });

  it('EXPLAIN of queries, inserts and statement sets', () => {
    expect(one('EXPLAIN PLAN FOR SELECT * FROM orders', 'explain').statement.kind).toBe('query_statement');
    const e = one('EXPLAIN ESTIMATED_COST, CHANGELOG_MODE INSERT INTO s SELECT * FROM t', 'explain') as Explain;
    expect([e.details, e.statement.kind]).toEqual([['ESTIMATED_COST', 'CHANGELOG_MODE'], 'insert']);
    expect(one('EXPLAIN STATEMENT SET BEGIN INSERT INTO a SELECT 1; END', 'explain').statement.kind).toBe('statement_set');
    expect(one('EXPLAIN WITH x AS (SELECT 1) SELECT * FROM x', 'explain').statement.kind).toBe('query_statement');
  });

  it('INSERT INTO / OVERWRITE with columns and a static partition', () => {
    const i = one('INSERT INTO sink SELECT id, SUM(amount) FROM orders GROUP BY id', 'insert') as Insert;
    expect([i.overwrite, i.table.parts[0]!.value, i.columns, i.partition]).toEqual([false, 'sink', [], []]);
    const o = one("INSERT OVERWRITE t PARTITION (dt = '2024-01-01', h = 3) (a, b) VALUES (1, 2)", 'insert') as Insert;
    expect(o.overwrite).toBe(true);
    expect(o.partition.map((p) => [p.column.value, p.value.kind])).toEqual([['dt', 'string_literal'], ['h', 'numeric_literal']]);
    expect(o.columns.map((c) => c.value)).toEqual(['a', 'b']);
    expect(o.query.body.kind).toBe('values');
    expect(one('INSERT INTO t (SELECT 1)', 'insert').columns).toEqual([]);
  });

  it('SET and RESET', () => {
    expect(withoutSpans(one("SET 'execution.runtime-mode' = 'batch'", 'set'))).toEqual({ kind: 'set', key: 'execution.runtime-mode', value: 'batch' });
    expect(withoutSpans(one('SET', 'set'))).toEqual({ kind: 'set' });
    expect(withoutSpans(one("RESET 'parallelism.default'", 'reset'))).toEqual({ kind: 'reset', key: 'parallelism.default' });
    expect(withoutSpans(one('RESET;', 'reset'))).toEqual({ kind: 'reset' });
  });

  it('EXECUTE STATEMENT SET BEGIN ... END and BEGIN STATEMENT SET; ... END', () => {
    const a = one('EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT * FROM t; INSERT INTO b SELECT * FROM t; END;', 'statement_set') as StatementSet;
    expect(a.inserts.map((i) => i.table.parts[0]!.value)).toEqual(['a', 'b']);
    const statements = parseStatements("SET 'k' = 'v';\nBEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;\nINSERT INTO b SELECT 2;\nEND;\nSELECT 3;");
    expect(statements.map((s) => s.kind)).toEqual(['set', 'statement_set', 'query_statement']);
    expect((statements[1] as StatementSet).inserts).toHaveLength(2);
  });

  it('EXECUTE INSERT is an INSERT', () => {
    expect(one('EXECUTE INSERT INTO a SELECT 1', 'insert').table.parts[0]!.value).toBe('a');
  });

  it('a script keeps statements in order and skips empty ones', () => {
    const statements = parseStatements(`
      -- a job
      CREATE TABLE src (a INT) WITH ('connector' = 'filesystem');;
      /* the sink */ CREATE TABLE dst (a INT) WITH ('connector' = 'filesystem');
      INSERT INTO dst SELECT a FROM src;
    `);
    expect(statements.map((s) => s.kind)).toEqual(['create_table', 'create_table', 'insert']);
    expect(parseStatements('  ;  ')).toEqual([]);
  });
});

describe('parseStatementText', () => {
  it('returns the one statement of a text', () => {
    expect(parseStatementText('SHOW TABLES;').kind).toBe('show');
  });

  it('points at the second statement when there are several, and at the end when there is none', () => {
    expect(() => parseStatementText('SHOW TABLES;\n  SHOW VIEWS')).toThrow('SQL parse error at line 2, column 3: expected one statement but found 2; run them one at a time or as a script');
    expect(() => parseStatementText(' -- nothing\n')).toThrow('SQL parse error at line 2, column 1: expected a statement but found end of input');
  });
});
