import { NotImplementedError, PlanError } from '../../errors.js';
import type { Span } from '../ast.js';

/**
 * A query that parses but does not validate: an unknown table or column, a type mismatch, an
 * aggregate where none may be. Like Flink's "SQL validation failed", it points at the text:
 * the message reads `SQL validation error at line L, column C: <detail>`. It is a PlanError, so
 * code that handles the Table API's errors handles these too.
 */
export class SqlValidationError extends PlanError {
  override readonly name: string = 'SqlValidationError';
  /** 1-based line of the offending text. */
  readonly line: number;
  /** 1-based column of the offending text. */
  readonly column: number;

  constructor(
    /** What is wrong, without the position prefix. */
    readonly detail: string,
    span: Span,
  ) {
    super(`SQL validation error at line ${span.line}, column ${span.column}: ${detail}`);
    this.line = span.line;
    this.column = span.column;
  }
}

/**
 * Runs `f`; a PlanError (or NotImplementedError) it throws without a position is rethrown as a
 * {@link SqlValidationError} at `span`, so errors raised by the logical layer (the function
 * catalog, name resolution) point at the SQL text that caused them.
 */
export function at<T>(span: Span, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof SqlValidationError || !(e instanceof Error)) throw e;
    if (e instanceof PlanError || e instanceof NotImplementedError) throw new SqlValidationError(e.message, span);
    throw e;
  }
}
