/**
 * The lexer of weir's Flink SQL dialect. It follows Flink's (Calcite's) lexical rules: keywords and
 * unquoted identifiers are one token kind (`word`, matched case-insensitively through `upper`, the
 * text keeping its case), identifiers may be back-quoted (a doubled back-quote escapes one), string
 * literals are single-quoted (a doubled quote escapes one), comments are `-- ...` and `/* ... *\/`,
 * numbers have an optional fraction and exponent. Hints (`/*+ ... *\/`) are reported as unsupported.
 */
import { SqlParseError, SqlUnsupportedFeatureError } from './errors.js';

/** What a token is. */
export type TokenKind = 'word' | 'quoted_identifier' | 'string' | 'number' | 'operator' | 'eof';

/** One token with the position of its first character. */
export interface Token {
  readonly kind: TokenKind;
  /** Source text for words, numbers and operators; the unescaped content for strings and quoted identifiers. */
  readonly text: string;
  /** `text` upper-cased for words (to match keywords); `text` otherwise. */
  readonly upper: string;
  /** 0-based offset of the first character. */
  readonly start: number;
  /** 0-based offset just past the last character. */
  readonly end: number;
  /** 1-based line of the first character. */
  readonly line: number;
  /** 1-based column of the first character. */
  readonly column: number;
}

const OPERATORS = ['<>', '<=', '>=', '!=', '||', '=>', '(', ')', ',', ';', '.', '[', ']', '+', '-', '*', '/', '%', '=', '<', '>', '?', ':'];

/** Splits SQL text into tokens, ending with one `eof` token. Throws {@link SqlParseError} on bad lexemes. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let line = 1;
  let lineStart = 0;

  const error = (message: string, at: number): never => {
    const { line: l, column } = positionOf(sql, at);
    throw new SqlParseError(message, { offset: at, line: l, column });
  };
  const push = (kind: TokenKind, text: string, start: number, startLine: number, startColumn: number): void => {
    tokens.push({ kind, text, upper: kind === 'word' ? text.toUpperCase() : text, start, end: pos, line: startLine, column: startColumn });
  };
  /** Advances over `sql[pos]`, keeping line and column right across newlines. */
  const advance = (): void => {
    if (sql.charCodeAt(pos) === 10) {
      line++;
      lineStart = pos + 1;
    }
    pos++;
  };

  while (pos < sql.length) {
    const c = sql[pos]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\u00a0' || c === '\ufeff') {
      advance();
      continue;
    }
    const start = pos;
    const startLine = line;
    const startColumn = pos - lineStart + 1;
    if (c === '-' && sql[pos + 1] === '-') {
      while (pos < sql.length && sql[pos] !== '\n') pos++;
      continue;
    }
    if (c === '/' && sql[pos + 1] === '*') {
      if (sql[pos + 2] === '+') {
        // Flink's hints change what a query reads (OPTIONS) or how it joins; ignoring one would misbehave.
        const { line: l, column } = positionOf(sql, start);
        throw new SqlUnsupportedFeatureError('SQL hints (/*+ ... */)', { offset: start, line: l, column }, 'remove the hint');
      }
      pos += 2;
      while (pos < sql.length && !(sql[pos] === '*' && sql[pos + 1] === '/')) advance();
      if (pos >= sql.length) error('unterminated comment: the closing */ is missing', start);
      pos += 2;
      continue;
    }
    if (c === "'") {
      pos++;
      let value = '';
      for (;;) {
        if (pos >= sql.length) error("unterminated string literal: the closing ' is missing", start);
        if (sql[pos] === "'") {
          if (sql[pos + 1] === "'") {
            value += "'";
            pos += 2;
            continue;
          }
          pos++;
          break;
        }
        value += sql[pos];
        advance();
      }
      push('string', value, start, startLine, startColumn);
      continue;
    }
    if (c === '`') {
      pos++;
      let value = '';
      for (;;) {
        if (pos >= sql.length) error('unterminated quoted identifier: the closing ` is missing', start);
        if (sql[pos] === '`') {
          if (sql[pos + 1] === '`') {
            value += '`';
            pos += 2;
            continue;
          }
          pos++;
          break;
        }
        value += sql[pos];
        advance();
      }
      if (value.length === 0) error('empty quoted identifier ``', start);
      push('quoted_identifier', value, start, startLine, startColumn);
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(sql[pos + 1]))) {
      while (isDigit(sql[pos])) pos++;
      if (sql[pos] === '.' && c !== '.') pos++;
      if (c === '.') pos++;
      while (isDigit(sql[pos])) pos++;
      if (sql[pos] === 'e' || sql[pos] === 'E') {
        const sign = sql[pos + 1] === '+' || sql[pos + 1] === '-' ? 1 : 0;
        if (!isDigit(sql[pos + 1 + sign])) error(`malformed number '${sql.slice(start, pos + 1 + sign)}': an exponent needs digits`, start);
        pos += 1 + sign;
        while (isDigit(sql[pos])) pos++;
      }
      push('number', sql.slice(start, pos), start, startLine, startColumn);
      continue;
    }
    if (isIdentifierStart(c)) {
      pos++;
      while (pos < sql.length && isIdentifierPart(sql[pos]!)) pos++;
      push('word', sql.slice(start, pos), start, startLine, startColumn);
      continue;
    }
    const op = OPERATORS.find((o) => sql.startsWith(o, pos));
    if (op === undefined) error(`unexpected character '${c}'`, start);
    pos += op!.length;
    push('operator', op!, start, startLine, startColumn);
  }
  tokens.push({ kind: 'eof', text: '', upper: '', start: pos, end: pos, line, column: pos - lineStart + 1 });
  return tokens;
}

/** The 1-based line and column of a 0-based offset in `sql`. */
export function positionOf(sql: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < sql.length; i++) {
    if (sql.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isIdentifierStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || (c > '\u007f' && /\p{L}/u.test(c));
}

function isIdentifierPart(c: string): boolean {
  return isIdentifierStart(c) || isDigit(c) || c === '$' || (c > '\u007f' && /\p{N}/u.test(c));
}
