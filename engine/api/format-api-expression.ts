import type { ScalarExpr } from '../logical/expression.js';
import { formatExpr } from '../logical/format-expression.js';
import { DataTypes } from '../types/data-type.js';
import type { ApiExpression } from './api-expression.js';

/**
 * Renders an unresolved expression as the SQL-like text EXPLAIN uses for bound ones, so error
 * messages quote what the user wrote: `$('name').isGreater(1)` → `(name > 1)`.
 */
export function formatApiExpr(e: ApiExpression): string {
  return formatExpr(pseudo(e));
}

/** A look-alike of a bound expression (types are placeholders) that formatExpr can print. */
function pseudo(e: ApiExpression): ScalarExpr {
  const n = e.node;
  const placeholder = DataTypes.NULL();
  const named = (name: string): ScalarExpr => ({ kind: 'column', index: -1, name, type: placeholder });
  switch (n.kind) {
    case 'column':
      return named(n.name);
    case 'literal':
      return n.literal;
    case 'call':
      return { kind: 'call', fn: n.fn, args: n.args.map(pseudo), type: placeholder };
    case 'cast':
      return { kind: 'call', fn: n.tryCast ? 'try_cast' : 'cast', args: [pseudo(n.arg)], type: n.type };
    case 'aggregate': {
      const arg = n.arg ? formatApiExpr(n.arg) : '*';
      const filter = n.filter ? ` FILTER (WHERE ${formatApiExpr(n.filter)})` : '';
      return named(`${n.fn.toUpperCase()}(${n.distinct ? 'DISTINCT ' : ''}${arg})${filter}`);
    }
    case 'alias':
      return named(`${formatApiExpr(n.arg)} AS ${n.name}`);
    case 'sort':
      return named(`${formatApiExpr(n.arg)} ${n.ascending ? 'ASC' : 'DESC'}`);
  }
}
