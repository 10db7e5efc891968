import { describe, expect, it } from 'vitest';
import { SqlParseError } from '../../../engine/sql/errors.js';
import { parseExpression, parseStatements } from '../../../engine/sql/parser.js';
import { sexpr } from './sexpr.js';

const cases: [string, string][] = [
  // arithmetic precedence and associativity
  ['a + b * c', '(+ a (* b c))'],
  ['a * b + c', '(+ (* a b) c)'],
  ['a - b - c', '(- (- a b) c)'],
  ['a / b * c % d', '(% (* (/ a b) c) d)'],
  ['(a + b) * c', '(* (+ a b) c)'],
  ['-a * b', '(* (- a) b)'],
  ['- - a', '(- (- a))'],
  ['+a', '(+ a)'],
  ['-a.b', '(- a.b)'],
  ["a || b || 'c'", "(|| (|| a b) 'c')"],
  ["'a' || b + 1", "(+ (|| 'a' b) 1)"],
  // boolean precedence
  ['a OR b AND c', '(OR a (AND b c))'],
  ['a AND b OR c', '(OR (AND a b) c)'],
  ['NOT a AND b', '(AND (NOT a) b)'],
  ['NOT a = b', '(NOT (= a b))'],
  ['NOT NOT a', '(NOT (NOT a))'],
  ['a = 1 OR b <> 2 AND c != 3', '(OR (= a 1) (AND (<> b 2) (<> c 3)))'],
  ['a < b + 1', '(< a (+ b 1))'],
  ['a <= b AND c >= d', '(AND (<= a b) (>= c d))'],
  // IS tests bind looser than comparisons, tighter than NOT
  ['a IS NULL', '(IS NULL a)'],
  ['a IS NOT NULL AND b IS TRUE', '(AND (IS NOT NULL a) (IS TRUE b))'],
  ['a = b IS NOT FALSE', '(IS NOT FALSE (= a b))'],
  ['NOT a IS UNKNOWN', '(NOT (IS UNKNOWN a))'],
  ['a IS DISTINCT FROM b', '(IS DISTINCT FROM a b)'],
  ['a IS NOT DISTINCT FROM b + 1', '(IS NOT DISTINCT FROM a (+ b 1))'],
  // predicates
  ['a BETWEEN 1 AND 10', '(BETWEEN a 1 10)'],
  ['a NOT BETWEEN b - 1 AND b + 1 AND c', '(AND (NOT BETWEEN a (- b 1) (+ b 1)) c)'],
  ['a BETWEEN SYMMETRIC 10 AND 1', '(BETWEEN SYMMETRIC a 10 1)'],
  ['a BETWEEN ASYMMETRIC 1 AND 10', '(BETWEEN a 1 10)'],
  ['a IN (1, 2, 3)', '(IN a [1 2 3])'],
  ["a NOT IN ('x')", "(NOT IN a ['x'])"],
  ['a IN (SELECT b FROM t)', '(IN a <select>)'],
  ['a NOT IN (VALUES 1, 2)', '(NOT IN a <values>)'],
  ["name LIKE 'a%'", "(LIKE name 'a%')"],
  ["name NOT LIKE 'a!%%' ESCAPE '!'", "(NOT LIKE name 'a!%%' ESCAPE '!')"],
  ["name SIMILAR TO '[ab]+'", "(SIMILAR TO name '[ab]+')"],
  ["name NOT SIMILAR TO 'x'", "(NOT SIMILAR TO name 'x')"],
  ['EXISTS (SELECT 1 FROM t WHERE t.a = o.a)', '(EXISTS <select>)'],
  ['NOT EXISTS (SELECT 1)', '(NOT (EXISTS <select>))'],
  ['(SELECT MAX(x) FROM t) + 1', '(+ (SUBQUERY <select>) 1)'],
  ['((SELECT 1) + 1)', '(+ (SUBQUERY <select>) 1)'],
  ['a > ALL (SELECT b FROM t)', '(> ALL a <select>)'],
  ['a = ANY (SELECT b FROM t)', '(= ANY a <select>)'],
  ['a BETWEEN 1 AND 2 = TRUE', '(= (BETWEEN a 1 2) TRUE)'],
  ['a + 1 IN (2, 3) AND b', '(AND (IN (+ a 1) [2 3]) b)'],
  // literals
  ['42', '42'],
  ['3.14', '3.14'],
  ['.5', '.5'],
  ['1e10', '1e10'],
  ['2.5E-3', '2.5E-3'],
  ["'it''s'", "'it's'"],
  ['TRUE AND FALSE OR NULL', '(OR (AND TRUE FALSE) NULL)'],
  ["DATE '2024-01-31'", "DATE'2024-01-31'"],
  ["TIME '12:00:00'", "TIME'12:00:00'"],
  ["TIMESTAMP '2024-01-31 12:00:00.000'", "TIMESTAMP'2024-01-31 12:00:00.000'"],
  ["TIMESTAMP_LTZ '2024-01-31 12:00:00'", "TIMESTAMP_LTZ'2024-01-31 12:00:00'"],
  ["INTERVAL '10' MINUTE", "(INTERVAL '10' MINUTE)"],
  ["INTERVAL '10' MINUTES", "(INTERVAL '10' MINUTE)"],
  ["INTERVAL '2' DAYS", "(INTERVAL '2' DAY)"],
  ["INTERVAL '1 2' DAY TO HOUR", "(INTERVAL '1 2' DAY TO HOUR)"],
  ["INTERVAL '1-6' YEAR TO MONTH", "(INTERVAL '1-6' YEAR TO MONTH)"],
  ["INTERVAL '10:20.123' MINUTE TO SECOND(3)", "(INTERVAL '10:20.123' MINUTE TO SECOND(3))"],
  ["INTERVAL '100' DAY(3)", "(INTERVAL '100' DAY(3))"],
  ["INTERVAL -'1' DAY", "(INTERVAL -'1' DAY)"],
  ["ts - INTERVAL '5' SECOND", "(- ts (INTERVAL '5' SECOND))"],
  // names
  ['t.a', 't.a'],
  ['db.t.a.b', 'db.t.a.b'],
  ['`my col` + `select`', '(+ `my col` `select`)'],
  ['t.`value`', 't.`value`'],
  ['year', 'year'],
  ['a[1]', '(ITEM a 1)'],
  ["m['k'][2]", "(ITEM (ITEM m 'k') 2)"],
  ['f(x).field', '(DOT (f x) field)'],
  ['arr[1].b', '(DOT (ITEM arr 1) b)'],
  // CASE and CAST
  ['CASE WHEN a > 0 THEN 1 WHEN a < 0 THEN -1 ELSE 0 END', '(CASE (WHEN (> a 0) 1) (WHEN (< a 0) (- 1)) (ELSE 0))'],
  ["CASE x WHEN 1 THEN 'one' END", "(CASE x (WHEN 1 'one'))"],
  ['CAST(x AS DECIMAL(10, 2))', '(CAST x DECIMAL(10,2))'],
  ['TRY_CAST(s AS INT)', '(TRY_CAST s INT)'],
  ['CAST(x AS TIMESTAMP(3))', '(CAST x TIMESTAMP(3))'],
  ['CAST(x AS VARCHAR)', '(CAST x VARCHAR)'],
  ['CAST(x AS INT NOT NULL)', '(CAST x INT NOT NULL)'],
  ['CAST(x AS TIMESTAMP WITH LOCAL TIME ZONE)', '(CAST x TIMESTAMP_LTZ)'],
  ['CAST(a + b AS BIGINT) * 2', '(* (CAST (+ a b) BIGINT) 2)'],
  // function calls
  ['COUNT(*)', '(COUNT *)'],
  ['COUNT(DISTINCT id)', '(COUNT DISTINCT id)'],
  ['SUM(ALL x)', '(SUM x)'],
  ['COALESCE(a, b, 0)', '(COALESCE a b 0)'],
  ['IF(a > 1, x, y)', '(IF (> a 1) x y)'],
  ['PROCTIME()', '(PROCTIME)'],
  ['CURRENT_TIMESTAMP', '(CURRENT_TIMESTAMP)'],
  ['CURRENT_DATE + 1', '(+ (CURRENT_DATE) 1)'],
  ['mycat.mydb.f(1)', '(mycat.mydb.f 1)'],
  ['COUNT(*) FILTER (WHERE amount > 10)', '(FILTER (COUNT *) (> amount 10))'],
  ['SUM(x) FILTER (WHERE y) OVER w', '(OVER (FILTER (SUM x) y) w)'],
  ['ROW_NUMBER() OVER (PARTITION BY cat ORDER BY sales DESC)', '(OVER (ROW_NUMBER) [PARTITION cat; ORDER sales DESC])'],
  ['SUM(amount) OVER (PARTITION BY id ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)', '(OVER (SUM amount) [PARTITION id; ORDER ts; ROWS 2 preceding .. current_row])'],
  ["AVG(x) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW)", "(OVER (AVG x) [ORDER ts; RANGE (INTERVAL '1' HOUR) preceding .. current_row])"],
  ['MAX(x) OVER (ORDER BY ts ROWS UNBOUNDED PRECEDING)', '(OVER (MAX x) [ORDER ts; ROWS unbounded_preceding])'],
  ['LAG(x, 1) OVER (w ORDER BY ts NULLS FIRST)', '(OVER (LAG x 1) [w; ORDER ts NULLS FIRST])'],
  ['SUM(x) OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)', '(OVER (SUM x) [ROWS unbounded_preceding .. unbounded_following])'],
  ['GROUPING(a, b)', '(GROUPING a b)'],
  ["LEFT('abc', 2)", "(LEFT 'abc' 2)"],
  // special forms
  ['EXTRACT(YEAR FROM ts)', '(EXTRACT YEAR ts)'],
  ['EXTRACT(DOW FROM ts)', '(EXTRACT DOW ts)'],
  ['FLOOR(ts TO HOUR)', '(FLOOR ts TO HOUR)'],
  ['CEIL(ts TO DAY)', '(CEIL ts TO DAY)'],
  ['CEILING(ts TO MINUTE)', '(CEIL ts TO MINUTE)'],
  ['FLOOR(x)', '(FLOOR x)'],
  ['FLOOR(x / 2)', '(FLOOR (/ x 2))'],
  ['TIMESTAMPADD(HOUR, 1, ts)', '(TIMESTAMPADD HOUR 1 ts)'],
  ['TIMESTAMPDIFF(DAY, a, b)', '(TIMESTAMPDIFF DAY a b)'],
  ['TIMESTAMPADD(SQL_TSI_MINUTE, 5, ts)', '(TIMESTAMPADD MINUTE 5 ts)'],
  ['SUBSTRING(s FROM 2 FOR 3)', '(SUBSTRING s 2 3)'],
  ['SUBSTRING(s FROM 2)', '(SUBSTRING s 2)'],
  ['SUBSTRING(s, 2, 3)', '(SUBSTRING s 2 3)'],
  ["TRIM(BOTH ' ' FROM s)", "(TRIM BOTH ' ' s)"],
  ['TRIM(LEADING FROM s)', '(TRIM LEADING s)'],
  ["TRIM('x' FROM s)", "(TRIM BOTH 'x' s)"],
  ['TRIM(s)', '(TRIM BOTH s)'],
  ["POSITION('a' IN s)", "(POSITION 'a' s)"],
  ["POSITION('a' IN s FROM 3)", "(POSITION 'a' s 3)"],
  ["OVERLAY(s PLACING 'xy' FROM 2 FOR 3)", "(OVERLAY s 'xy' 2 3)"],
  // constructors
  ['ROW(a, 1)', '(ROW a 1)'],
  ['(a, b) IN ((1, 2), (3, 4))', '(IN (TUPLE a b) [(TUPLE 1 2) (TUPLE 3 4)])'],
  ['ARRAY[1, 2, 3][2]', '(ITEM (ARRAY 1 2 3) 2)'],
  ["MAP['a', 1, 'b', 2]", "(MAP 'a':1 'b':2)"],
];

describe('expressions parse to the expected trees', () => {
  it.each(cases)('%s', (sql, expected) => {
    expect(sexpr(parseExpression(sql))).toBe(expected);
  });

  it('keywords are case-insensitive and names keep their case', () => {
    expect(sexpr(parseExpression('MyCol between 1 And 2 oR not x is null'))).toBe('(OR (BETWEEN MyCol 1 2) (NOT (IS NULL x)))');
  });

  it('comments are skipped wherever whitespace may be', () => {
    expect(sexpr(parseExpression('a /* one */ + -- two\n b'))).toBe('(+ a b)');
  });
});

describe('nesting', () => {
  it('parses expressions nested to the limit', () => {
    const depth = 150;
    expect(sexpr(parseExpression(`${'('.repeat(depth)}a + 1${')'.repeat(depth)}`))).toBe('(+ a 1)');
    expect(sexpr(parseExpression(`${'- '.repeat(depth)}a`)).length).toBeGreaterThan(depth);
  });

  it('answers absurd nesting with a SqlParseError, not a stack overflow', () => {
    for (const sql of [`${'('.repeat(100_000)}a${')'.repeat(100_000)}`, `${'NOT '.repeat(100_000)}a`, `${'CAST('.repeat(50_000)}`]) {
      let error: unknown;
      try {
        parseExpression(sql);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SqlParseError);
      expect((error as SqlParseError).detail).toBe('the SQL is nested too deeply (more than 200 levels)');
    }
  });

  it('answers deeply nested queries and types the same way', () => {
    expect(() => parseStatements(`${'SELECT * FROM ('.repeat(5000)}SELECT 1${')'.repeat(5000)}`)).toThrow(/nested too deeply/);
    expect(() => parseStatements(`CREATE TABLE t (a ${'ARRAY<'.repeat(5000)}INT${'>'.repeat(5000)})`)).toThrow(/nested too deeply/);
  });
});
