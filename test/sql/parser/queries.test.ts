import { describe, expect, it } from 'vitest';
import type { Join, Query, Select, SetOperation, TableFunction, TableRef, Rollup, Values } from '../../../engine/sql/ast.js';
import { parseQuery } from '../../../engine/sql/parser.js';
import { sexpr, withoutSpans } from './sexpr.js';

function select(sql: string): Select {
  const q = parseQuery(sql);
  expect(q.body.kind).toBe('select');
  return q.body as Select;
}

/** The FROM tree as a compact string: joins as `(type left right [on])`. */
function from(sql: string): string {
  const render = (t: TableRef): string => {
    switch (t.kind) {
      case 'named_table': return `${t.name.parts.map((p) => p.value).join('.')}${t.forSystemTimeAsOf ? `@${sexpr(t.forSystemTimeAsOf)}` : ''}${t.alias ? ` AS ${t.alias.name.value}${t.alias.columns.length ? `(${t.alias.columns.map((c) => c.value).join(',')})` : ''}` : ''}`;
      case 'derived_table': return `${t.lateral ? 'LATERAL ' : ''}(${t.query.body.kind})${t.alias ? ` AS ${t.alias.name.value}${t.alias.columns.length ? `(${t.alias.columns.map((c) => c.value).join(',')})` : ''}` : ''}`;
      case 'table_function': return `${t.lateral ? 'LATERAL ' : ''}TABLE${sexpr(t.call)}${t.alias ? ` AS ${t.alias.name.value}${t.alias.columns.length ? `(${t.alias.columns.map((c) => c.value).join(',')})` : ''}` : ''}`;
      case 'unnest': return `UNNEST(${t.args.map(sexpr).join(',')})${t.withOrdinality ? ' WITH ORDINALITY' : ''}${t.alias ? ` AS ${t.alias.name.value}` : ''}`;
      case 'join': return `(${t.implicit ? ',' : t.type.toUpperCase()} ${render(t.left)} ${render(t.right)}${t.on ? ` ON ${sexpr(t.on)}` : ''}${t.using.length ? ` USING ${t.using.map((u) => u.value).join(',')}` : ''})`;
    }
  };
  return render(select(sql).from!);
}

/** A set-operation tree: `(UNION ALL a b)` with SELECT blocks named by their first select item. */
function setTree(sql: string): string {
  const render = (b: Query['body']): string => {
    if (b.kind === 'set_operation') return `(${b.op.toUpperCase()}${b.all ? ' ALL' : ''} ${render(b.left)} ${render(b.right)})`;
    if (b.kind === 'select') return b.items[0]!.kind === 'select_expr' ? sexpr(b.items[0]!.expr) : '*';
    if (b.kind === 'query') return `[${render(b.body)}${b.orderBy.length ? ' ORDER' : ''}${b.limit ? ' LIMIT' : ''}]`;
    return 'VALUES';
  };
  return render(parseQuery(sql).body);
}

describe('select lists', () => {
  it('reads *, t.*, aliases with and without AS, and DISTINCT', () => {
    const s = select('SELECT DISTINCT *, t.*, db.t.*, a AS x, b y, `c` `weird name`, d + 1 FROM t');
    expect(s.distinct).toBe(true);
    expect(s.items.map((i) => (i.kind === 'wildcard' ? `${i.qualifier.map((q) => q.value).join('.')}*` : `${sexpr(i.expr)}${i.alias ? ` as ${i.alias.value}` : ''}`))).toEqual([
      '*', 't*', 'db.t*', 'a as x', 'b as y', '`c` as weird name', '(+ d 1)',
    ]);
  });

  it('reads common column names that are keywords elsewhere', () => {
    const s = select('SELECT user, value, key, date, time, timestamp, year, `count`, watermark FROM t');
    expect(s.items.map((i) => i.kind === 'select_expr' && i.expr.kind)).toEqual(Array(9).fill('column_ref'));
  });

  it('reads SELECT ALL and SELECT without FROM', () => {
    const s = select('SELECT ALL 1, 2');
    expect(s.distinct).toBe(false);
    expect(s.from).toBeUndefined();
    expect(s.items).toHaveLength(2);
  });

  it('reads WHERE, GROUP BY, HAVING and WINDOW', () => {
    const s = select('SELECT a, SUM(b) OVER w FROM t WHERE a > 1 GROUP BY a HAVING COUNT(*) > 2 WINDOW w AS (PARTITION BY a ORDER BY ts)');
    expect(sexpr(s.where!)).toBe('(> a 1)');
    expect(s.groupBy.map((g) => sexpr(g as never))).toEqual(['a']);
    expect(sexpr(s.having!)).toBe('(> (COUNT *) 2)');
    expect(s.windows.map((w) => w.name.value)).toEqual(['w']);
    expect(s.windows[0]!.spec.partitionBy.map(sexpr)).toEqual(['a']);
  });
});

describe('GROUP BY', () => {
  it('reads GROUPING SETS with nested sets and the empty set', () => {
    const g = select('SELECT a, b, SUM(c) FROM t GROUP BY GROUPING SETS ((a, b), (a), a, ())').groupBy;
    expect(withoutSpans(g)).toEqual([
      {
        kind: 'grouping_sets',
        sets: [
          { kind: 'grouping_set', items: [{ kind: 'column_ref', parts: [{ kind: 'identifier', value: 'a', quoted: false }] }, { kind: 'column_ref', parts: [{ kind: 'identifier', value: 'b', quoted: false }] }] },
          { kind: 'column_ref', parts: [{ kind: 'identifier', value: 'a', quoted: false }] },
          { kind: 'column_ref', parts: [{ kind: 'identifier', value: 'a', quoted: false }] },
          { kind: 'grouping_set', items: [] },
        ],
      },
    ]);
  });

  it('reads ROLLUP and CUBE next to plain expressions', () => {
    const g = select('SELECT 1 FROM t GROUP BY x, ROLLUP (a, (b, c)), CUBE (d, e)').groupBy;
    expect(g.map((e) => e.kind)).toEqual(['column_ref', 'rollup', 'cube']);
    const rollup = g[1] as Rollup;
    expect(rollup.items.map((i) => i.kind)).toEqual(['column_ref', 'grouping_set']);
  });

  it('reads a parenthesised list as one grouping set', () => {
    expect(select('SELECT 1 FROM t GROUP BY (a, b)').groupBy.map((g) => g.kind)).toEqual(['grouping_set']);
  });
});

describe('FROM', () => {
  const cases: [string, string][] = [
    ['SELECT * FROM orders', 'orders'],
    ['SELECT * FROM cat.db.orders AS o', 'cat.db.orders AS o'],
    ['SELECT * FROM orders o', 'orders AS o'],
    ['SELECT * FROM a, b, c', '(, (, a b) c)'],
    ['SELECT * FROM a JOIN b ON a.id = b.id', '(INNER a b ON (= a.id b.id))'],
    ['SELECT * FROM a INNER JOIN b USING (id, k)', '(INNER a b USING id,k)'],
    ['SELECT * FROM a LEFT JOIN b ON x LEFT OUTER JOIN c ON y', '(LEFT (LEFT a b ON x) c ON y)'],
    ['SELECT * FROM a RIGHT JOIN b ON x', '(RIGHT a b ON x)'],
    ['SELECT * FROM a FULL OUTER JOIN b ON x', '(FULL a b ON x)'],
    ['SELECT * FROM a CROSS JOIN b', '(CROSS a b)'],
    ['SELECT * FROM a, b JOIN c ON x', '(INNER (, a b) c ON x)'],
    ['SELECT * FROM a JOIN (b JOIN c ON y) ON x', '(INNER a (INNER b c ON y) ON x)'],
    ['SELECT * FROM (SELECT 1) AS s', '(select) AS s'],
    ['SELECT * FROM (SELECT 1) s(x)', '(select) AS s(x)'],
    ["SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(id, name)", '(values) AS v(id,name)'],
    ['SELECT * FROM t, LATERAL TABLE(split(s)) AS T(w)', '(, t LATERAL TABLE(split s) AS T(w))'],
    ['SELECT * FROM t LEFT JOIN LATERAL TABLE(split(s)) AS T(w) ON TRUE', '(LEFT t LATERAL TABLE(split s) AS T(w) ON TRUE)'],
    ['SELECT * FROM t CROSS JOIN UNNEST(t.arr) AS x', '(CROSS t UNNEST(t.arr) AS x)'],
    ['SELECT * FROM o JOIN r FOR SYSTEM_TIME AS OF o.proctime AS r2 ON o.k = r2.k', '(INNER o r@o.proctime AS r2 ON (= o.k r2.k))'],
    ["SELECT * FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' MINUTES))", "TABLE(TUMBLE (TABLE orders) (DESCRIPTOR ts) (INTERVAL '10' MINUTE))"],
    [
      "SELECT * FROM TABLE(HOP(DATA => TABLE orders, TIMECOL => DESCRIPTOR(ts), SLIDE => INTERVAL '5' MINUTE, SIZE => INTERVAL '10' MINUTE))",
      "TABLE(HOP DATA=>(TABLE orders) TIMECOL=>(DESCRIPTOR ts) SLIDE=>(INTERVAL '5' MINUTE) SIZE=>(INTERVAL '10' MINUTE))",
    ],
    ["SELECT * FROM TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), INTERVAL '2' MINUTE, INTERVAL '10' MINUTE)) w", "TABLE(CUMULATE (TABLE t) (DESCRIPTOR ts) (INTERVAL '2' MINUTE) (INTERVAL '10' MINUTE)) AS w"],
    ["SELECT * FROM TABLE(SESSION(TABLE bid PARTITION BY item, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES))", "TABLE(SESSION (TABLE bid PARTITION item) (DESCRIPTOR bidtime) (INTERVAL '5' MINUTE))"],
  ];
  it.each(cases)('%s', (sql, expected) => {
    expect(from(sql)).toBe(expected);
  });

  it('keeps window TVF arguments typed', () => {
    const t = select("SELECT * FROM TABLE(TUMBLE(DATA => TABLE o, TIMECOL => DESCRIPTOR(ts), SIZE => INTERVAL '1' HOUR))").from as TableFunction;
    expect(t.call.args.map((a) => (a.kind === 'named_argument' ? `${a.name.value}:${a.value.kind}` : a.kind))).toEqual([
      'DATA:table_argument', 'TIMECOL:descriptor', 'SIZE:interval_literal',
    ]);
  });

  it('a comma join is a cross join marked implicit', () => {
    const j = select('SELECT * FROM a, b').from as Join;
    expect([j.type, j.implicit, j.on]).toEqual(['cross', true, undefined]);
  });
});

describe('set operations, ORDER BY and LIMIT', () => {
  const cases: [string, string][] = [
    ['SELECT 1 UNION SELECT 2', '(UNION 1 2)'],
    ['SELECT 1 UNION ALL SELECT 2 UNION SELECT 3', '(UNION (UNION ALL 1 2) 3)'],
    ['SELECT 1 UNION SELECT 2 INTERSECT SELECT 3', '(UNION 1 (INTERSECT 2 3))'],
    ['SELECT 1 INTERSECT SELECT 2 UNION SELECT 3', '(UNION (INTERSECT 1 2) 3)'],
    ['SELECT 1 EXCEPT SELECT 2 EXCEPT ALL SELECT 3', '(EXCEPT ALL (EXCEPT 1 2) 3)'],
    ['SELECT 1 EXCEPT DISTINCT SELECT 2 INTERSECT ALL SELECT 3', '(EXCEPT 1 (INTERSECT ALL 2 3))'],
    ['(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3', '(INTERSECT (UNION 1 2) 3)'],
    ['(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM u)', '(UNION ALL [a ORDER LIMIT] b)'],
    ['SELECT 1 UNION VALUES (2)', '(UNION 1 VALUES)'],
  ];
  it.each(cases)('%s', (sql, expected) => {
    expect(setTree(sql)).toBe(expected);
  });

  it('ORDER BY and LIMIT apply to the whole set operation', () => {
    const q = parseQuery('SELECT a FROM t UNION SELECT b FROM u ORDER BY 1 DESC NULLS LAST, 2 LIMIT 10 OFFSET 5');
    expect((q.body as SetOperation).op).toBe('union');
    expect(q.orderBy.map((o) => [sexpr(o.expr), o.direction, o.nulls])).toEqual([['1', 'desc', 'last'], ['2', undefined, undefined]]);
    expect(sexpr(q.limit!)).toBe('10');
    expect(sexpr(q.offset!)).toBe('5');
  });

  it('reads OFFSET n ROWS FETCH FIRST m ROWS ONLY', () => {
    const q = parseQuery('SELECT * FROM t ORDER BY a OFFSET 2 ROWS FETCH FIRST 3 ROWS ONLY');
    expect([sexpr(q.offset!), sexpr(q.limit!)]).toEqual(['2', '3']);
    const q2 = parseQuery('SELECT * FROM t FETCH NEXT 2 ROW ONLY');
    expect(sexpr(q2.limit!)).toBe('2');
    expect(sexpr(parseQuery('SELECT * FROM t FETCH FIRST ROW ONLY').limit!)).toBe('1');
  });

  it('a parenthesised query alone is the query itself', () => {
    expect(parseQuery('((SELECT 1))').body.kind).toBe('select');
  });

  it('reads WITH and its column lists', () => {
    const q = parseQuery('WITH x (a, b) AS (SELECT 1, 2), y AS (SELECT * FROM x) SELECT * FROM y');
    expect(q.with.map((c) => [c.name.value, c.columns.map((x) => x.value)])).toEqual([['x', ['a', 'b']], ['y', []]]);
    expect(q.with[1]!.query.body.kind).toBe('select');
  });

  it('reads VALUES rows', () => {
    const q = parseQuery("VALUES (1, 'a'), (2, 'b')");
    expect(q.body.kind).toBe('values');
    expect((q.body as Values).rows.map((r) => r.length)).toEqual([2, 2]);
  });
});

describe('Flink query patterns from the issue', () => {
  it('Top-N', () => {
    const s = select('SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY cat ORDER BY sales DESC) AS rn FROM s) WHERE rn <= 3');
    expect(s.from!.kind).toBe('derived_table');
    expect(sexpr(s.where!)).toBe('(<= rn 3)');
  });

  it('interval join', () => {
    const s = select("SELECT * FROM o, s WHERE o.id = s.oid AND o.ts BETWEEN s.ts - INTERVAL '4' HOUR AND s.ts");
    expect(sexpr(s.where!)).toBe("(AND (= o.id s.oid) (BETWEEN o.ts (- s.ts (INTERVAL '4' HOUR)) s.ts))");
  });

  it('correlated subqueries', () => {
    const s = select('SELECT * FROM o WHERE EXISTS (SELECT 1 FROM s WHERE s.oid = o.id) AND o.amount > (SELECT AVG(amount) FROM o AS o2 WHERE o2.cust = o.cust)');
    expect(sexpr(s.where!)).toBe('(AND (EXISTS <select>) (> o.amount (SUBQUERY <select>)))');
  });

  it('window aggregation over a TVF', () => {
    const s = select("SELECT window_start, window_end, SUM(price) FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end");
    expect(s.groupBy.map((g) => sexpr(g as never))).toEqual(['window_start', 'window_end']);
  });
});
