/** weir's Flink SQL front end: the parser's entry points, its AST types and its errors. */
export { parseExpression, parseQuery, parseStatements, parseStatementText } from './parser.js';
export { SqlParseError, SqlUnsupportedFeatureError, type SqlPosition } from './errors.js';
export type * from './ast.js';
