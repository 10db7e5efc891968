import { describe, expect, it } from 'vitest';
import { SqlParseError, SqlUnsupportedFeatureError } from '../../../engine/sql/errors.js';
import { parseStatements } from '../../../engine/sql/parser.js';

/**
 * Malformed and unsupported statements: each must fail with a SqlParseError at the exact line and
 * column, with the exact message; unsupported features fail with SqlUnsupportedFeatureError.
 */
const cases: [sql: string, line: number, column: number, detail: string, kind: 'syntax' | 'unsupported'][] = [
  ["SELEC a FROM t", 1, 1, "expected a statement (SELECT, INSERT, CREATE, DROP, SHOW, DESCRIBE, EXPLAIN, SET, RESET, EXECUTE STATEMENT SET, ...) but found 'SELEC' (did you mean SELECT?)", 'syntax'],
  ["SELECT a FORM t", 1, 15, "expected ';' or the end of the input but found 't' (is 'FORM' a misspelling of FROM?)", 'syntax'],
  ["SELECT a,\n  b\nFROM t WHERE (a = 1 FROM", 3, 21, "expected ')' but found 'FROM'", 'syntax'],
  ["SELECT * FROM t WHERE", 1, 22, "expected an expression but found end of input", 'syntax'],
  ["SELECT a b c FROM t", 1, 12, "expected ';' or the end of the input but found 'c'", 'syntax'],
  ["SELECT FROM t", 1, 8, "expected an expression but found 'FROM'", 'syntax'],
  ["SELECT a FROM", 1, 14, "expected a table name but found end of input", 'syntax'],
  ["SELECT 'abc FROM t", 1, 8, "unterminated string literal: the closing ' is missing", 'syntax'],
  ["SELECT `abc FROM t", 1, 8, "unterminated quoted identifier: the closing ` is missing", 'syntax'],
  ["SELECT a /* never closed", 1, 10, "unterminated comment: the closing */ is missing", 'syntax'],
  ["SELECT a # b FROM t", 1, 10, "unexpected character '#'", 'syntax'],
  ["SELECT 1e FROM t", 1, 8, "malformed number '1e': an exponent needs digits", 'syntax'],
  ["SELECT CAST(a AS) FROM t", 1, 17, "expected a data type but found ')'", 'syntax'],
  ["SELECT CAST(a INT) FROM t", 1, 15, "expected AS but found 'INT'", 'syntax'],
  ["SELECT CAST(a AS FOO) FROM t", 1, 18, "unknown data type 'FOO'", 'syntax'],
  ["SELECT CASE WHEN a THEN 1 FROM t", 1, 27, "expected WHEN, ELSE or END but found 'FROM'", 'syntax'],
  ["SELECT CASE END", 1, 13, "expected an expression but found 'END'", 'syntax'],
  ["SELECT a IS 5 FROM t", 1, 13, "expected NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM after IS but found '5'", 'syntax'],
  ["SELECT a NOT 5 FROM t", 1, 14, "expected BETWEEN, IN, LIKE or SIMILAR TO after NOT but found '5'", 'syntax'],
  ["SELECT a BETWEEN 1 FROM t", 1, 20, "expected AND but found 'FROM'", 'syntax'],
  ["SELECT * FROM a JOIN b", 1, 23, "expected ON or USING after JOIN b but found end of input", 'syntax'],
  ["SELECT * FROM a LEFT b ON x", 1, 22, "expected JOIN but found 'b'", 'syntax'],
  ["SELECT * FROM t GROUP a", 1, 23, "expected BY but found 'a'", 'syntax'],
  ["SELECT * FROM t ORDER BY a NULLS", 1, 33, "expected FIRST or LAST after NULLS but found end of input", 'syntax'],
  ["SELECT * FROM t LIMIT", 1, 22, "expected an expression but found end of input", 'syntax'],
  ["SELECT EXTRACT(FORTNIGHT FROM ts) FROM t", 1, 16, "expected a time unit (YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, ...) in EXTRACT but found 'FORTNIGHT'", 'syntax'],
  ["SELECT FLOOR(ts TO FOO) FROM t", 1, 20, "expected a time unit (YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, ...) in FLOOR(... TO unit) but found 'FOO'", 'syntax'],
  ["SELECT INTERVAL '1' FORTNIGHT", 1, 21, "expected an interval unit (YEAR, MONTH, DAY, HOUR, MINUTE or SECOND) but found 'FORTNIGHT'", 'syntax'],
  ["SELECT INTERVAL 'x' HOUR TO DAY", 1, 29, "invalid interval qualifier HOUR TO DAY: use YEAR TO MONTH or a range within DAY TO SECOND", 'syntax'],
  ["SELECT INTERVAL DAY", 1, 17, "expected a quoted interval value (INTERVAL '10' MINUTE) but found 'DAY'", 'syntax'],
  ["SELECT SUM(x) OVER (ORDER BY ts ROWS BETWEEN 1 AND CURRENT ROW) FROM t", 1, 48, "expected PRECEDING or FOLLOWING but found 'AND'", 'syntax'],
  ["SELECT SUM(x) OVER (ORDER BY ts ROWS 1) FROM t", 1, 39, "expected PRECEDING or FOLLOWING but found ')'", 'syntax'],
  ["SELECT f(a b) FROM t", 1, 12, "expected ',' or ')' but found 'b'", 'syntax'],
  ["SELECT COUNT(*) FILTER (a > 1) FROM t", 1, 25, "expected WHERE but found 'a'", 'syntax'],
  ["SELECT * FROM t MATCH_RECOGNIZE (PARTITION BY a)", 1, 17, "MATCH_RECOGNIZE is not supported", 'unsupported'],
  ["SELECT * FROM a NATURAL JOIN b", 1, 17, "NATURAL JOIN is not supported; use JOIN ... USING (columns)", 'unsupported'],
  ["SELECT * FROM split(s)", 1, 15, "a table function in FROM must be written TABLE(split(...))", 'syntax'],
  ["SELECT * FROM t WHERE a = ?", 1, 27, "the dynamic parameter '?' is not supported", 'unsupported'],
  ["SELECT LISTAGG(a) WITHIN GROUP (ORDER BY a) FROM t", 1, 19, "the WITHIN GROUP clause is not supported", 'unsupported'],
  ["SELECT a FROM t QUALIFY x = 1", 1, 17, "QUALIFY is not supported; filter the window function in an outer query", 'unsupported'],
  ["WITH RECURSIVE x AS (SELECT 1) SELECT * FROM x", 1, 6, "WITH RECURSIVE is not supported", 'unsupported'],
  ["SELECT * FROM t1 UNION", 1, 23, "expected SELECT, VALUES or ( but found end of input", 'syntax'],
  ["SELECT 1; SELECT 2 SELECT 3", 1, 20, "expected ';' or the end of the input but found 'SELECT'", 'syntax'],
  ["CREATE TABLE t (a INT", 1, 22, "expected ')' but found end of input", 'syntax'],
  ["CREATE TABLE t (a INT) WITH ('connector' 'x')", 1, 42, "expected '=' but found string 'x'", 'syntax'],
  ["CREATE TABLE t (a INT) WITH (connector = 'x')", 1, 30, "expected a quoted option key ('key' = 'value') but found 'connector'", 'syntax'],
  ["CREATE TABLE t (a INT, PRIMARY KEY (a))", 1, 39, "expected NOT ENFORCED after PRIMARY KEY (Flink does not enforce keys) but found ')'", 'syntax'],
  ["CREATE TABLE t (a INT, PRIMARY KEY (a) ENFORCED)", 1, 40, "PRIMARY KEY ... ENFORCED is not supported; Flink supports only NOT ENFORCED", 'unsupported'],
  ["CREATE TABLE t (a INT, WATERMARK ts AS ts)", 1, 34, "expected FOR but found 'ts'", 'syntax'],
  ["CREATE TABLE t (a INT, WATERMARK FOR a AS a, WATERMARK FOR a AS a)", 1, 46, "a table can have only one WATERMARK", 'syntax'],
  ["CREATE TABLE t (a INT, b DECIMAL(10, x))", 1, 38, "expected an integer type parameter but found 'x'", 'syntax'],
  ["CREATE TABLE t (a INT METADATA FROM key)", 1, 37, "expected a quoted metadata key (METADATA FROM 'key') but found 'key'", 'syntax'],
  ["CREATE TABLE t", 1, 1, "CREATE TABLE t needs a column list or AS query", 'syntax'],
  ["CREATE TABLE t (a INT) LIKE s", 1, 24, "CREATE TABLE ... LIKE is not supported", 'unsupported'],
  ["CREATE TABEL t (a INT)", 1, 8, "expected TABLE or VIEW after CREATE but found 'TABEL' (did you mean TABLE?)", 'syntax'],
  ["CREATE FUNCTION f AS 'com.x.F'", 1, 1, "CREATE FUNCTION is not supported", 'unsupported'],
  ["CREATE TABLE t (ts TIMESTAMP WITH TIME ZONE)", 1, 30, "TIMESTAMP WITH TIME ZONE is not supported; Flink has TIMESTAMP WITH LOCAL TIME ZONE (TIMESTAMP_LTZ)", 'unsupported'],
  ["CREATE TABLE t (a INTERVAL DAY)", 1, 19, "the INTERVAL data type is not supported; use BIGINT milliseconds or compute intervals in expressions", 'unsupported'],
  ["CREATE TABLE t (a ARRAY<INT)", 1, 28, "expected '>' but found ')'", 'syntax'],
  ["CREATE TABLE t (a UNIQUE)", 1, 19, "unknown data type 'UNIQUE'", 'syntax'],
  ["CREATE VIEW v SELECT 1", 1, 15, "expected AS but found 'SELECT'", 'syntax'],
  ["DROP TABEL t", 1, 6, "expected TABLE or VIEW after DROP but found 'TABEL' (did you mean TABLE?)", 'syntax'],
  ["DROP TABLE IF t", 1, 15, "expected EXISTS but found 't'", 'syntax'],
  ["SHOW TABLE", 1, 6, "expected TABLES, VIEWS or FUNCTIONS after SHOW but found 'TABLE' (did you mean TABLES?)", 'syntax'],
  ["SHOW CATALOGS", 1, 1, "SHOW CATALOGS is not supported; weir supports SHOW TABLES, SHOW VIEWS and SHOW FUNCTIONS", 'unsupported'],
  ["DESCRIBE", 1, 9, "expected a table or view name but found end of input", 'syntax'],
  ["EXPLAIN DROP TABLE t", 1, 9, "expected a query, INSERT or STATEMENT SET to explain but found 'DROP'", 'syntax'],
  ["INSERT t SELECT 1", 1, 8, "expected INTO or OVERWRITE after INSERT but found 't'", 'syntax'],
  ["INSERT INTO t VALUES", 1, 21, "expected an expression but found end of input", 'syntax'],
  ["INSERT INTO t (a, b)", 1, 21, "expected a query (SELECT, WITH or VALUES) to insert but found end of input", 'syntax'],
  ["SET execution.runtime-mode = 'batch'", 1, 5, "expected a quoted key (SET 'key' = 'value') but found 'execution'", 'syntax'],
  ["SET 'k' 'v'", 1, 9, "expected '=' but found string 'v'", 'syntax'],
  ["SET 'k' = batch", 1, 11, "expected a quoted value (SET 'key' = 'value') but found 'batch'", 'syntax'],
  ["RESET k", 1, 7, "expected a quoted key (RESET 'key') or the end of the statement but found 'k'", 'syntax'],
  ["EXECUTE STATEMENT SET BEGIN SELECT 1; END", 1, 29, "expected INSERT in a statement set but found 'SELECT'", 'syntax'],
  ["EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1 END", 1, 52, "expected ';' but found 'END'", 'syntax'],
  ["BEGIN STATEMENT SET INSERT INTO a SELECT 1; END", 1, 21, "expected ';' but found 'INSERT'", 'syntax'],
  ["EXECUTE STATEMENT SET BEGIN END", 1, 29, "a statement set needs at least one INSERT", 'syntax'],
  ["ALTER TABLE t RENAME TO u", 1, 1, "the ALTER TABLE statement is not supported", 'unsupported'],
  ["USE CATALOG c", 1, 1, "the USE CATALOG statement is not supported", 'unsupported'],
  ["DELETE FROM t", 1, 1, "the DELETE statement is not supported", 'unsupported'],
  ["UPDATE t SET a = 1", 1, 1, "the UPDATE statement is not supported", 'unsupported'],
  ["SELECT a FROM t WHERE a IN ()", 1, 29, "expected an expression but found ')'", 'syntax'],
  ["SELECT MAP['a'] FROM t", 1, 8, "MAP[...] needs an even number of values (key, value, ...), got 1", 'syntax'],
  ["SELECT ARRAY[1, 2 FROM t", 1, 19, "expected ']' but found 'FROM'", 'syntax'],
  ["SELECT TIMESTAMPADD(HOUR 1, ts) FROM t", 1, 26, "expected ',' but found '1'", 'syntax'],
  ["SELECT SUBSTRING(s FROM) FROM t", 1, 24, "expected an expression but found ')'", 'syntax'],
  ["SELECT TRIM(BOTH s) FROM t", 1, 19, "expected FROM but found ')'", 'syntax'],
  ["SELECT POSITION('a', s) FROM t", 1, 20, "expected IN but found ','", 'syntax'],
  ["SELECT a FROM t t2 t3", 1, 20, "expected ';' or the end of the input but found 't3'", 'syntax'],
  ["SELECT * FROM t LEFT SEMI JOIN u ON x", 1, 17, "LEFT SEMI JOIN is not supported; use EXISTS or IN", 'unsupported'],
  ["SELECT `` FROM t", 1, 8, "empty quoted identifier ``", 'syntax'],
  ["SELECT a FROM t WHERE a = 1 GROUP BY", 1, 37, "expected an expression but found end of input", 'syntax'],
  ["SELECT a FROM t WINDOW w (ORDER BY a)", 1, 26, "expected AS but found '('", 'syntax'],
  ["SELECT SUM(x) OVER (ORDER BY a GROUPS 1 PRECEDING) FROM t", 1, 32, "a GROUPS window frame is not supported; use ROWS or RANGE", 'unsupported'],
  ["SELECT * FROM t FETCH FIRST 3", 1, 30, "expected ROWS but found end of input", 'syntax'],
  ["CREATE TABLE t (\n  id INT,\n  ts TIMESTAMP(3),\n  WATERMARK FOR ts ts - INTERVAL '1' SECOND\n)", 4, 20, "expected AS but found 'ts'", 'syntax'],
  ["SELECT *\nFROM orders\nWHER amount > 1", 3, 6, "expected ';' or the end of the input but found 'amount' (is 'WHER' a misspelling of WHERE?)", 'syntax'],
  ["INSERT INTO sink\nSELECT id,\n       SUM(amount\nFROM orders", 4, 1, "expected ',' or ')' but found 'FROM'", 'syntax'],
  ["SELECT 1;\n\nSELEC 2", 3, 1, "expected a statement (SELECT, INSERT, CREATE, DROP, SHOW, DESCRIBE, EXPLAIN, SET, RESET, EXECUTE STATEMENT SET, ...) but found 'SELEC' (did you mean SELECT?)", 'syntax'],
  ["SELECT a\r\nFROM t\r\nWHERE a = ?", 3, 11, "the dynamic parameter '?' is not supported", 'unsupported'],
  ["SELECT a -- a comment\n  , b /* multi\n line */ FROM t\n  GROUP BY CUBE a", 4, 17, "expected '(' but found 'a'", 'syntax'],
  ["SELECT\n  CASE x WHEN 1 THEN 'a'\n  ELSE 'b'\nFROM t", 4, 1, "expected END but found 'FROM'", 'syntax'],
  ["SELECT * FROM t /*+ OPTIONS('path' = '/other') */", 1, 17, "SQL hints (/*+ ... */) is not supported; remove the hint", 'unsupported'],
  ["SELECT a FROM t WHERE a = 1 GRUOP BY a", 1, 29, "expected ';' or the end of the input but found 'GRUOP' (did you mean GROUP?)", 'syntax'],
  ["SELECT COUNT(*) FROM t GROUP BY a HAVNG COUNT(*) > 1", 1, 35, "expected ';' or the end of the input but found 'HAVNG' (did you mean HAVING?)", 'syntax'],
  ["SELECT * FROM a JION b ON a.x = b.x", 1, 22, "expected ';' or the end of the input but found 'b' (is 'JION' a misspelling of JOIN?)", 'syntax'],
];

describe('bad SQL gets a clear error at the right place', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%j', (sql, line, column, detail, kind) => {
    let error: unknown;
    try {
      parseStatements(sql);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SqlParseError);
    const e = error as SqlParseError;
    expect({ line: e.line, column: e.column, detail: e.detail }).toEqual({ line, column, detail });
    expect(e.message).toBe(`SQL parse error at line ${line}, column ${column}: ${detail}`);
    expect(e instanceof SqlUnsupportedFeatureError).toBe(kind === 'unsupported');
    // The offset agrees with line and column.
    const lines = sql.slice(0, e.offset).split('\n');
    expect([lines.length, lines[lines.length - 1]!.length + 1]).toEqual([line, column]);
  });
});
