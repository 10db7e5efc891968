/**
 * Line splitting for JSON lines over bytes, and the guard that keeps long numbers exact.
 * JSON.parse reads every number as a double, so a line holding a number of 16 or more digits is
 * rewritten first with such numbers turned into strings, which the BIGINT and DECIMAL builders
 * read exactly.
 */

const LONG_NUMBER_HINT = /[\d.]{16}/;
const TOKENS = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** JSON.parse that keeps numbers of 16 or more characters exact (as strings). */
export function parseJsonLine(line: string): unknown {
  if (!LONG_NUMBER_HINT.test(line)) return JSON.parse(line);
  return JSON.parse(line.replace(TOKENS, (t) => (t.charCodeAt(0) !== 34 && t.length >= 16 ? `"${t}"` : t)));
}

/** Whether a line holds only spaces, tabs and a carriage return. */
export function isBlank(line: string): boolean {
  return /^[ \t\r]*$/.test(line);
}
