/**
 * The parser's view of the token list: look-ahead, keyword and operator matching, spans, and the
 * errors that name what was expected and what was found. Every parse function takes a cursor.
 */
import type { Span } from './ast.js';
import { SqlParseError, SqlUnsupportedFeatureError } from './errors.js';
import { isReserved, nearestKeyword, SUGGESTABLE_KEYWORDS } from './keywords.js';
import { tokenize, type Token } from './lexer.js';

/** How deeply expressions, queries, types and joins may nest (Calcite has no limit; the JS stack has). */
export const MAX_NESTING = 200;

/** A position in the token list of one SQL text. Not shared between parses. */
export class Cursor {
  private readonly tokens: Token[];
  private index = 0;
  private depth = 0;

  constructor(readonly sql: string) {
    this.tokens = tokenize(sql);
  }

  /** The token `ahead` places after the current one (the eof token past the end). */
  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)]!;
  }

  /** The last consumed token (the first token when none was consumed yet). */
  previous(): Token {
    return this.tokens[Math.max(this.index - 1, 0)]!;
  }

  /** Consumes and returns the current token. */
  next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  /**
   * Runs `parse` one nesting level deeper. Past {@link MAX_NESTING} levels it throws a
   * SqlParseError, so that absurdly nested input fails with a message instead of a stack overflow.
   */
  nested<T>(parse: () => T): T {
    if (this.depth >= MAX_NESTING) throw this.errorAt(`the SQL is nested too deeply (more than ${MAX_NESTING} levels)`);
    this.depth++;
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  /** A mark to {@link reset} to, for the few places that look further ahead than a token. */
  mark(): number {
    return this.index;
  }

  /** Goes back to a {@link mark}. */
  reset(mark: number): void {
    this.index = mark;
  }

  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  /** True if the token `ahead` is the (unquoted) keyword `keyword`. */
  isKeyword(keyword: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'word' && t.upper === keyword;
  }

  /** True if the next tokens are the keywords given, in order. */
  isKeywords(...keywords: string[]): boolean {
    return keywords.every((k, i) => this.isKeyword(k, i));
  }

  /** True if the token `ahead` is the operator `op`. */
  isOperator(op: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'operator' && t.text === op;
  }

  /** Consumes the keyword if it is next. */
  acceptKeyword(keyword: string): boolean {
    if (!this.isKeyword(keyword)) return false;
    this.next();
    return true;
  }

  /** Consumes the keywords if they are all next, in order. */
  acceptKeywords(...keywords: string[]): boolean {
    if (!this.isKeywords(...keywords)) return false;
    for (let i = 0; i < keywords.length; i++) this.next();
    return true;
  }

  /** Consumes the operator if it is next. */
  acceptOperator(op: string): boolean {
    if (!this.isOperator(op)) return false;
    this.next();
    return true;
  }

  /** Consumes the keyword or throws "expected KEYWORD but found ...". */
  expectKeyword(keyword: string): Token {
    if (!this.isKeyword(keyword)) throw this.expected(keyword, [keyword]);
    return this.next();
  }

  /** Consumes the operator or throws "expected 'op' but found ...". */
  expectOperator(op: string): Token {
    if (!this.isOperator(op)) throw this.expected(`'${op}'`);
    return this.next();
  }

  /** Consumes a string literal and returns its value, or throws. */
  expectString(what = 'a string literal'): string {
    if (this.peek().kind !== 'string') throw this.expected(what);
    return this.next().text;
  }

  /** True if the current token is a word that is not reserved, or a back-quoted identifier. */
  isIdentifier(ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'quoted_identifier' || (t.kind === 'word' && !isReserved(t.upper));
  }

  /** The span from `first` to the last consumed token. */
  spanFrom(first: Token): Span {
    const last = this.previous();
    return { start: first.start, end: Math.max(last.end, first.end), line: first.line, column: first.column };
  }

  /**
   * An error at the current token: "expected <what> but found <token>", with a "did you mean"
   * when the token looks like a misspelling of one of `keywordsToSuggest`, or the word just before
   * it like a misspelled clause keyword read as an alias (`SELECT a FORM t`).
   */
  expected(what: string, keywordsToSuggest?: readonly string[]): SqlParseError {
    const token = this.peek();
    let detail = `expected ${what} but found ${describe(token)}`;
    const suggestion = token.kind === 'word' && keywordsToSuggest ? nearestKeyword(token.text, keywordsToSuggest) : undefined;
    if (suggestion !== undefined) {
      detail += ` (did you mean ${suggestion}?)`;
    } else {
      const before = this.previous();
      const misspelt = before !== token && before.kind === 'word' && !SUGGESTABLE_KEYWORDS.includes(before.upper);
      const prior = misspelt ? nearestKeyword(before.text, CLAUSE_KEYWORDS) : undefined;
      if (prior !== undefined) detail += ` (is '${before.text}' a misspelling of ${prior}?)`;
    }
    return new SqlParseError(detail, positionOfToken(token));
  }

  /** An error at `token` (default: the current one) with a free-form message. */
  errorAt(message: string, token: Token = this.peek()): SqlParseError {
    return new SqlParseError(message, positionOfToken(token));
  }

  /** The error for a recognised feature weir does not support, at `token` (default: the current one). */
  unsupported(feature: string, token: Token = this.peek(), hint?: string): SqlUnsupportedFeatureError {
    return new SqlUnsupportedFeatureError(feature, positionOfToken(token), hint);
  }
}

/**
 * Keywords that continue a query after an expression or a table: what a misspelled word there
 * (`WHERE a = 1 GRUOP BY a`), or one read as an alias before it (`SELECT a FORM t`), may have meant.
 */
export const CLAUSE_KEYWORDS: readonly string[] = [
  'FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'FETCH', 'UNION', 'INTERSECT', 'EXCEPT',
  'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'WINDOW', 'SELECT', 'AND', 'BETWEEN', 'LIKE',
];

/** How a token reads in an error message. */
export function describe(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'end of input';
    case 'string':
      return `string '${token.text.replace(/'/g, "''")}'`;
    case 'quoted_identifier':
      return `\`${token.text}\``;
    default:
      return `'${token.text}'`;
  }
}

/** The error position of a token. */
export function positionOfToken(token: Token): { offset: number; line: number; column: number } {
  return { offset: token.start, line: token.line, column: token.column };
}

/** The span that covers `from` through `to` (line and column of `from`). */
export function joinSpans(from: Span, to: Span): Span {
  return { start: from.start, end: to.end, line: from.line, column: from.column };
}
