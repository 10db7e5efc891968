import type { ScalarExpr } from './expression.js';
import { typeToString, type DataType } from '../types/data-type.js';
import { formatDecimal } from './literal.js';

const INFIX: Partial<Record<string, string>> = {
  plus: '+', minus: '-', times: '*', divide: '/', mod: '%',
  eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=',
  and: 'AND', or: 'OR',
  is_distinct_from: 'IS DISTINCT FROM', is_not_distinct_from: 'IS NOT DISTINCT FROM',
};

/**
 * Renders a bound expression as SQL-like text, for EXPLAIN and for error messages that must name
 * the expression at fault. Columns print by name; the rendering is stable (golden EXPLAIN tests).
 */
export function formatExpr(e: ScalarExpr): string {
  switch (e.kind) {
    case 'column':
      return e.name;
    case 'literal':
      return formatLiteral(e.value, e.type);
    case 'call': {
      const a = e.args.map(formatExpr);
      const infix = INFIX[e.fn];
      if (infix && a.length === 2) return `(${a[0]} ${infix} ${a[1]})`;
      switch (e.fn) {
        case 'not': return `NOT ${a[0]}`;
        case 'negate': return `-${a[0]}`;
        case 'is_null': return `${a[0]} IS NULL`;
        case 'is_not_null': return `${a[0]} IS NOT NULL`;
        case 'is_true': return `${a[0]} IS TRUE`;
        case 'is_false': return `${a[0]} IS FALSE`;
        case 'cast': return `CAST(${a[0]} AS ${typeToString(e.type)})`;
        case 'try_cast': return `TRY_CAST(${a[0]} AS ${typeToString(e.type)})`;
        case 'in': return `${a[0]} IN (${a.slice(1).join(', ')})`;
        case 'between': return `${a[0]} BETWEEN ${a[1]} AND ${a[2]}`;
        case 'like': return `${a[0]} LIKE ${a[1]}${a[2] ? ` ESCAPE ${a[2]}` : ''}`;
        case 'case': {
          let s = 'CASE';
          for (let i = 0; i + 1 < a.length; i += 2) s += ` WHEN ${a[i]} THEN ${a[i + 1]}`;
          if (a.length % 2 === 1) s += ` ELSE ${a[a.length - 1]}`;
          return `${s} END`;
        }
        default:
          return `${e.fn.toUpperCase()}(${a.join(', ')})`;
      }
    }
  }
}

function formatLiteral(v: unknown, type: DataType): string {
  if (v === null) return 'NULL';
  if (type.name === 'STRING') return `'${String(v).replace(/'/g, "''")}'`;
  if (type.name === 'BOOLEAN') return v ? 'TRUE' : 'FALSE';
  if (type.name === 'DECIMAL') return formatDecimal(String(v), type.scale ?? 0);
  return String(v);
}
