/**
 * Test helpers: a compact S-expression rendering of AST expressions (so a precedence test reads
 * `(+ a (* b c))`), and `withoutSpans` for comparing trees by shape.
 */
import type { DataType, Expr, FunctionArg, OrderItem, Query, WindowSpec } from '../../../engine/sql/ast.js';

/** Renders an expression as an S-expression; names print as written, keywords upper-case. */
export function sexpr(e: Expr): string {
  switch (e.kind) {
    case 'numeric_literal': return e.text;
    case 'string_literal': return `'${e.value}'`;
    case 'boolean_literal': return e.value ? 'TRUE' : 'FALSE';
    case 'null_literal': return 'NULL';
    case 'typed_literal': return `${e.type}'${e.value}'`;
    case 'interval_literal': {
      const q = e.qualifier;
      return `(INTERVAL ${e.sign < 0 ? '-' : ''}'${e.value}' ${q.start}${q.precision !== undefined ? `(${q.precision})` : ''}${q.end ? ` TO ${q.end}` : ''}${q.fractionalPrecision !== undefined ? `(${q.fractionalPrecision})` : ''})`;
    }
    case 'column_ref': return e.parts.map((p) => (p.quoted ? `\`${p.value}\`` : p.value)).join('.');
    case 'unary': return `(${e.op} ${sexpr(e.operand)})`;
    case 'binary': return `(${e.op} ${sexpr(e.left)} ${sexpr(e.right)})`;
    case 'is': return `(IS${e.negated ? ' NOT' : ''} ${e.test} ${sexpr(e.operand)})`;
    case 'is_distinct_from': return `(IS${e.negated ? ' NOT' : ''} DISTINCT FROM ${sexpr(e.left)} ${sexpr(e.right)})`;
    case 'between': return `(${e.negated ? 'NOT ' : ''}BETWEEN${e.symmetric ? ' SYMMETRIC' : ''} ${sexpr(e.operand)} ${sexpr(e.low)} ${sexpr(e.high)})`;
    case 'in_list': return `(${e.negated ? 'NOT ' : ''}IN ${sexpr(e.operand)} [${e.list.map(sexpr).join(' ')}])`;
    case 'in_subquery': return `(${e.negated ? 'NOT ' : ''}IN ${sexpr(e.operand)} ${query(e.query)})`;
    case 'like': return `(${e.negated ? 'NOT ' : ''}${e.operator} ${sexpr(e.operand)} ${sexpr(e.pattern)}${e.escape ? ` ESCAPE ${sexpr(e.escape)}` : ''})`;
    case 'exists': return `(EXISTS ${query(e.query)})`;
    case 'scalar_subquery': return `(SUBQUERY ${query(e.query)})`;
    case 'quantified_comparison': return `(${e.op} ${e.quantifier} ${sexpr(e.operand)} ${query(e.query)})`;
    case 'case': return `(CASE${e.operand ? ` ${sexpr(e.operand)}` : ''}${e.whens.map((w) => ` (WHEN ${sexpr(w.when)} ${sexpr(w.then)})`).join('')}${e.else ? ` (ELSE ${sexpr(e.else)})` : ''})`;
    case 'cast': return `(${e.try ? 'TRY_CAST' : 'CAST'} ${sexpr(e.operand)} ${type(e.type)})`;
    case 'function_call': {
      const args = e.star ? ['*'] : e.args.map(arg);
      let s = `(${e.name.parts.map((p) => p.value).join('.')}${e.distinct ? ' DISTINCT' : ''}${args.map((a) => ` ${a}`).join('')})`;
      if (e.filter) s = `(FILTER ${s} ${sexpr(e.filter)})`;
      if (e.over) s = `(OVER ${s} ${e.over.kind === 'identifier' ? e.over.value : windowSpec(e.over)})`;
      return s;
    }
    case 'extract': return `(EXTRACT ${e.unit} ${sexpr(e.operand)})`;
    case 'floor_ceil_to': return `(${e.fn} ${sexpr(e.operand)} TO ${e.unit})`;
    case 'timestamp_add': return `(TIMESTAMPADD ${e.unit} ${sexpr(e.count)} ${sexpr(e.operand)})`;
    case 'timestamp_diff': return `(TIMESTAMPDIFF ${e.unit} ${sexpr(e.from)} ${sexpr(e.to)})`;
    case 'substring': return `(SUBSTRING ${sexpr(e.operand)} ${sexpr(e.start)}${e.length ? ` ${sexpr(e.length)}` : ''})`;
    case 'trim': return `(TRIM ${e.side}${e.characters ? ` ${sexpr(e.characters)}` : ''} ${sexpr(e.operand)})`;
    case 'position': return `(POSITION ${sexpr(e.needle)} ${sexpr(e.haystack)}${e.start ? ` ${sexpr(e.start)}` : ''})`;
    case 'overlay': return `(OVERLAY ${sexpr(e.operand)} ${sexpr(e.placing)} ${sexpr(e.start)}${e.length ? ` ${sexpr(e.length)}` : ''})`;
    case 'row': return `(${e.explicit ? 'ROW' : 'TUPLE'} ${e.fields.map(sexpr).join(' ')})`;
    case 'array_constructor': return `(ARRAY ${e.elements.map(sexpr).join(' ')})`;
    case 'map_constructor': return `(MAP ${e.entries.map((x) => `${sexpr(x.key)}:${sexpr(x.value)}`).join(' ')})`;
    case 'subscript': return `(ITEM ${sexpr(e.operand)} ${sexpr(e.index)})`;
    case 'field_access': return `(DOT ${sexpr(e.operand)} ${e.field.value})`;
  }
}

function arg(a: FunctionArg): string {
  switch (a.kind) {
    case 'named_argument': return `${a.name.value}=>${arg(a.value)}`;
    case 'table_argument': return `(TABLE ${a.name.parts.map((p) => p.value).join('.')}${a.partitionBy.length ? ` PARTITION ${a.partitionBy.map(sexpr).join(' ')}` : ''})`;
    case 'descriptor': return `(DESCRIPTOR ${a.columns.map((c) => c.value).join(' ')})`;
    default: return sexpr(a);
  }
}

/** Renders a data type: `DECIMAL(10,2)`, `ARRAY<INT NOT NULL>`. */
export function type(t: DataType): string {
  const nn = t.nullable ? '' : ' NOT NULL';
  switch (t.kind) {
    case 'scalar_type': return `${t.name}${t.precision !== undefined ? `(${t.precision}${t.scale !== undefined ? `,${t.scale}` : ''})` : ''}${nn}`;
    case 'array_type': return `ARRAY<${type(t.element)}>${nn}`;
    case 'multiset_type': return `MULTISET<${type(t.element)}>${nn}`;
    case 'map_type': return `MAP<${type(t.key)},${type(t.value)}>${nn}`;
    case 'row_type': return `ROW<${t.fields.map((f) => `${f.name.value} ${type(f.type)}`).join(',')}>${nn}`;
  }
}

function order(o: OrderItem): string {
  return `${sexpr(o.expr)}${o.direction ? ` ${o.direction.toUpperCase()}` : ''}${o.nulls ? ` NULLS ${o.nulls.toUpperCase()}` : ''}`;
}

/** Renders a window specification. */
export function windowSpec(w: WindowSpec): string {
  const parts: string[] = [];
  if (w.base) parts.push(w.base.value);
  if (w.partitionBy.length) parts.push(`PARTITION ${w.partitionBy.map(sexpr).join(' ')}`);
  if (w.orderBy.length) parts.push(`ORDER ${w.orderBy.map(order).join(', ')}`);
  if (w.frame) {
    const b = (x: typeof w.frame.start) => `${x.offset ? `${sexpr(x.offset)} ` : ''}${x.bound}`;
    parts.push(`${w.frame.units.toUpperCase()} ${b(w.frame.start)}${w.frame.end ? ` .. ${b(w.frame.end)}` : ''}`);
  }
  return `[${parts.join('; ')}]`;
}

function query(q: Query): string {
  return `<${q.body.kind}>`;
}

/** A deep copy of `value` without `span` properties, for comparing trees by shape. */
export function withoutSpans<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (k, v) => (k === 'span' ? undefined : v))) as T;
}
