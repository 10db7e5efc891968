/**
 * The typed AST of weir's Flink SQL dialect: plain data (no classes, no methods), discriminated by
 * `kind`, every node carrying the {@link Span} of the source text it came from. The planner walks
 * it; errors it raises point at `span.line` and `span.column`.
 *
 * Spelling is normalised where Flink treats spellings as one (keywords upper-cased, `!=` as `<>`,
 * `INTEGER` as `INT`, plural interval units as singular); identifiers keep their case and say
 * whether they were back-quoted.
 */
export type * from './ast-names.js';
export type * from './ast-statements.js';
export type * from './ast-queries.js';
export type * from './ast-expressions.js';
export type * from './ast-types.js';
