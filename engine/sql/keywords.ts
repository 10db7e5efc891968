import { editDistance } from '../logical/name-resolution.js';
/**
 * Keywords of the dialect that cannot be unquoted identifiers, and the "did you mean" lookup used
 * by error messages. The reserved set is smaller than Calcite's (a column may be called `year` or
 * `value` unquoted here): it holds the words whose meaning as a clause or operator must win where
 * an alias or a column name could also stand.
 */

const RESERVED = new Set([
  'ALL', 'AND', 'ANY', 'ARRAY', 'AS', 'ASC', 'BETWEEN', 'BY', 'CASE', 'CAST', 'CROSS', 'CUBE',
  'DESC', 'DISTINCT', 'ELSE', 'END', 'ESCAPE', 'EXCEPT', 'EXISTS', 'FALSE', 'FETCH', 'FILTER', 'FOR',
  'FROM', 'FULL', 'GROUP', 'HAVING', 'IN', 'INNER', 'INTERSECT', 'INTERVAL', 'INTO', 'IS',
  'JOIN', 'LATERAL', 'LEFT', 'LIKE', 'LIMIT', 'MATCH_RECOGNIZE', 'MINUS', 'NATURAL', 'NOT', 'NULL', 'OFFSET',
  'ON', 'OR', 'ORDER', 'OUTER', 'OVER', 'PARTITION', 'QUALIFY', 'RANGE', 'RIGHT', 'ROLLUP', 'ROWS', 'SELECT', 'SIMILAR', 'SOME', 'TABLE', 'THEN', 'TRUE', 'UNION', 'USING', 'VALUES', 'WHEN', 'WHERE', 'WINDOW',
  'WITH',
]);

/** True if `upper` (an upper-cased word) cannot be used as an unquoted identifier. */
export function isReserved(upper: string): boolean {
  return RESERVED.has(upper);
}

/** Keywords a misspelling is compared against when an error suggests "did you mean". */
export const SUGGESTABLE_KEYWORDS: readonly string[] = [
  ...RESERVED,
  'BEGIN', 'CREATE', 'DROP', 'INSERT', 'SET', 'GROUPING', 'UNKNOWN', 'DESCRIBE', 'EXECUTE', 'EXPLAIN', 'RESET', 'SHOW', 'STATEMENT', 'TABLES', 'VIEW', 'VIEWS',
  'FUNCTIONS', 'TEMPORARY', 'WATERMARK', 'METADATA', 'VIRTUAL', 'PRIMARY', 'KEY', 'ENFORCED', 'OVERWRITE',
  'PRECEDING', 'FOLLOWING', 'UNBOUNDED', 'CURRENT', 'ROW', 'NULLS', 'FIRST', 'LAST', 'DESCRIPTOR',
];

/**
 * The keyword nearest to `word` among `candidates` (optimal-string-alignment distance, so a swap of
 * two letters counts once), or undefined when none is close enough to be a likely typo.
 */
export function nearestKeyword(word: string, candidates: readonly string[] = SUGGESTABLE_KEYWORDS): string | undefined {
  const upper = word.toUpperCase();
  // Short words are too often real names one letter away from a keyword (`ts` and AS).
  if (upper.length < 4) return undefined;
  const limit = upper.length <= 5 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const keyword of candidates) {
    if (keyword === upper) return undefined;
    const d = editDistance(upper, keyword);
    if (d < bestDistance) {
      best = keyword;
      bestDistance = d;
    }
  }
  return best;
}
