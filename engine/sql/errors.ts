/**
 * Errors of the SQL front end. They carry the 1-based line and column of the offending token so a
 * user (or an editor) can jump to it; the message always starts with that position.
 */

/** Where in the SQL text an error was found. `offset` is 0-based, `line` and `column` 1-based. */
export interface SqlPosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/**
 * The SQL text is not valid Flink SQL: an unexpected token, an unterminated string or comment, a
 * missing clause. The message reads `SQL parse error at line L, column C: <detail>`, where the
 * detail usually says what was expected and what was found.
 */
export class SqlParseError extends Error {
  override readonly name: string = 'SqlParseError';
  /** 0-based offset of the offending token in the SQL text. */
  readonly offset: number;
  /** 1-based line of the offending token. */
  readonly line: number;
  /** 1-based column of the offending token. */
  readonly column: number;

  constructor(
    /** What went wrong, without the position prefix. */
    readonly detail: string,
    position: SqlPosition,
  ) {
    super(`SQL parse error at line ${position.line}, column ${position.column}: ${detail}`);
    this.offset = position.offset;
    this.line = position.line;
    this.column = position.column;
  }
}

/**
 * The SQL is valid Flink SQL, but it uses a feature weir's parser recognises and does not support
 * (MATCH_RECOGNIZE, CREATE FUNCTION, ...). `feature` names it in the user's terms; the message reads
 * `SQL parse error at line L, column C: <feature> is not supported`.
 */
export class SqlUnsupportedFeatureError extends SqlParseError {
  override readonly name = 'SqlUnsupportedFeatureError';

  constructor(
    /** The feature, as the user wrote it ("MATCH_RECOGNIZE", "CREATE FUNCTION"). */
    readonly feature: string,
    position: SqlPosition,
    hint?: string,
  ) {
    super(`${feature} is not supported${hint ? `; ${hint}` : ''}`, position);
  }
}
