import { describe, expect, it } from 'vitest';
import type { Select, Span } from '../../../engine/sql/ast.js';
import { parseExpression, parseQuery, parseStatements } from '../../../engine/sql/parser.js';

const text = (sql: string, span: Span): string => sql.slice(span.start, span.end);
const at = (span: Span): [number, number] => [span.line, span.column];

describe('spans point at the source text of each node', () => {
  const sql = ['SELECT a,', '       SUM(b) AS total', 'FROM orders o', "WHERE o.x > 1 AND name LIKE 'x%'", 'GROUP BY a', 'ORDER BY total DESC'].join('\n');
  const q = parseQuery(sql);
  const s = q.body as Select;

  it('the query covers the whole text', () => {
    expect(text(sql, q.span)).toBe(sql);
    expect(at(q.span)).toEqual([1, 1]);
  });

  it('select items, their expressions and aliases', () => {
    const item = s.items[1]!;
    expect(text(sql, item.span)).toBe('SUM(b) AS total');
    expect(at(item.span)).toEqual([2, 8]);
    expect(item.kind === 'select_expr' && at(item.alias!.span)).toEqual([2, 18]);
    expect(item.kind === 'select_expr' && text(sql, item.expr.span)).toBe('SUM(b)');
  });

  it('FROM, WHERE and its operands, GROUP BY, ORDER BY', () => {
    expect(text(sql, s.from!.span)).toBe('orders o');
    expect(at(s.from!.span)).toEqual([3, 6]);
    expect(text(sql, s.where!.span)).toBe("o.x > 1 AND name LIKE 'x%'");
    expect(at(s.where!.span)).toEqual([4, 7]);
    const and = s.where!;
    expect(and.kind === 'binary' && [text(sql, and.right.span), at(and.right.span)]).toEqual(["name LIKE 'x%'", [4, 19]]);
    expect(at(s.groupBy[0]!.span)).toEqual([5, 10]);
    expect(text(sql, q.orderBy[0]!.span)).toBe('total DESC');
    expect(at(q.orderBy[0]!.span)).toEqual([6, 10]);
  });

  it('parenthesised expressions span their parentheses', () => {
    const e = parseExpression('(a + b) * c');
    expect(e.kind === 'binary' && text('(a + b) * c', e.left.span)).toBe('(a + b)');
    expect(text('(a + b) * c', e.span)).toBe('(a + b) * c');
  });

  it('statements of a script have their own lines', () => {
    const script = "SET 'a' = 'b';\n\nCREATE TABLE t (\n  x INT,\n  y AS x + 1\n) WITH ('connector' = 'filesystem');\n  SELECT 1";
    const [set, create, select] = parseStatements(script);
    expect(at(set!.span)).toEqual([1, 1]);
    expect(text(script, set!.span)).toBe("SET 'a' = 'b'");
    expect(at(create!.span)).toEqual([3, 1]);
    expect(create!.kind === 'create_table' && create.columns.map((c) => [at(c.span), text(script, c.span)])).toEqual([
      [[4, 3], 'x INT'],
      [[5, 3], 'y AS x + 1'],
    ]);
    expect(at(select!.span)).toEqual([7, 3]);
  });
});

/** Every object with a `span` in the tree, with its parent's span. */
function* spans(node: unknown, parent?: Span): Generator<[Span, Span | undefined]> {
  if (Array.isArray(node)) {
    for (const child of node) yield* spans(child, parent);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const own = (node as { span?: Span }).span;
  if (own) yield [own, parent];
  for (const [key, value] of Object.entries(node)) if (key !== 'span') yield* spans(value, own ?? parent);
}

describe('span invariants over a corpus', () => {
  const corpus = [
    "CREATE TABLE orders (\n  id BIGINT NOT NULL,\n  amount DECIMAL(10, 2),\n  ts TIMESTAMP(3),\n  rt TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,\n  cost AS amount * 2,\n  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND,\n  PRIMARY KEY (id) NOT ENFORCED\n) WITH ('connector' = 'filesystem', 'path' = '/tmp/o.csv')",
    "SELECT window_start, COUNT(*) FILTER (WHERE amount > 10)\nFROM TABLE(\n  TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' MINUTES))\nGROUP BY window_start, ROLLUP (a, b)",
    'WITH x AS (SELECT a FROM t)\nSELECT a FROM x UNION ALL SELECT b FROM y INTERSECT SELECT c FROM z\nORDER BY 1 LIMIT 3',
    'SELECT id, SUM(amount) OVER (PARTITION BY id ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)\nFROM orders o LEFT JOIN c ON o.c = c.id\nWHERE EXISTS (SELECT 1 FROM s WHERE s.oid = o.id)',
    "SELECT CASE WHEN a IS NULL THEN TRIM(BOTH ' ' FROM s) ELSE SUBSTRING(s FROM 2 FOR 3) END,\n  CAST(x AS DECIMAL(10, 2)), FLOOR(ts TO HOUR), TIMESTAMPADD(HOUR, 1, ts), arr[1].f\nFROM t",
    "EXECUTE STATEMENT SET BEGIN\n  INSERT INTO a SELECT * FROM t;\n  INSERT OVERWRITE b PARTITION (p = 'x') SELECT * FROM t;\nEND",
  ];
  it.each(corpus)('%s', (sql) => {
    let count = 0;
    for (const [span, parent] of spans(parseStatements(sql))) {
      count++;
      const before = sql.slice(0, span.start).split('\n');
      expect([span.line, span.column]).toEqual([before.length, before[before.length - 1]!.length + 1]);
      expect(span.end).toBeGreaterThan(span.start);
      expect(sql.slice(span.start, span.end).trim()).toBe(sql.slice(span.start, span.end));
      if (parent) {
        expect(span.start).toBeGreaterThanOrEqual(parent.start);
        expect(span.end).toBeLessThanOrEqual(parent.end);
      }
    }
    expect(count).toBeGreaterThan(10);
  });
});
