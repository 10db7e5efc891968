import { describe, expect, it } from 'vitest';
import type { BinaryOp, Expr } from '../../../engine/sql/ast.js';
import { parseExpression } from '../../../engine/sql/parser.js';
import { withoutSpans } from './sexpr.js';

/** A small deterministic PRNG (mulberry32), so a failure names a reproducible seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const S = { start: 0, end: 0, line: 1, column: 1 };
const OPS: BinaryOp[] = ['OR', 'AND', '=', '<>', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '||'];
const NAMES = ['a', 'b', 'price', 'T1', 'x_2', 'select', 'my col'];

/** A random expression tree of at most `depth` levels, shaped exactly as the parser builds it. */
function randomExpr(r: () => number, depth: number): Expr {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  if (depth === 0 || r() < 0.2) {
    switch (Math.floor(r() * 4)) {
      case 0: return { kind: 'numeric_literal', text: pick(['0', '1', '42', '3.5', '1e3']), span: S };
      case 1: return { kind: 'string_literal', value: pick(['', 'x', "it's", 'a b']), span: S };
      case 2: return { kind: 'boolean_literal', value: r() < 0.5, span: S };
      default: {
        const name = pick(NAMES);
        const quoted = name === 'select' || name === 'my col';
        const parts = [{ kind: 'identifier' as const, value: name, quoted, span: S }];
        if (r() < 0.3) parts.unshift({ kind: 'identifier', value: 't', quoted: false, span: S });
        return { kind: 'column_ref', parts, span: S };
      }
    }
  }
  const sub = () => randomExpr(r, depth - 1);
  switch (Math.floor(r() * 10)) {
    case 0: case 1: case 2:
      return { kind: 'binary', op: pick(OPS), left: sub(), right: sub(), span: S };
    case 3:
      return { kind: 'unary', op: pick(['-', '+', 'NOT'] as const), operand: sub(), span: S };
    case 4:
      return { kind: 'is', negated: r() < 0.5, test: pick(['NULL', 'TRUE', 'FALSE', 'UNKNOWN'] as const), operand: sub(), span: S };
    case 5:
      return { kind: 'between', negated: r() < 0.5, symmetric: r() < 0.3, operand: sub(), low: sub(), high: sub(), span: S };
    case 6:
      return { kind: 'in_list', negated: r() < 0.5, operand: sub(), list: Array.from({ length: 1 + Math.floor(r() * 3) }, sub), span: S };
    case 7:
      return { kind: 'like', operator: r() < 0.5 ? 'LIKE' : 'SIMILAR TO', negated: r() < 0.5, operand: sub(), pattern: sub(), span: S };
    case 8: {
      const whens = Array.from({ length: 1 + Math.floor(r() * 2) }, () => ({ when: sub(), then: sub() }));
      return r() < 0.5 ? { kind: 'case', whens, else: sub(), span: S } : { kind: 'case', operand: sub(), whens, span: S };
    }
    default: {
      const name = { kind: 'qualified_name' as const, parts: [{ kind: 'identifier' as const, value: pick(['f', 'COALESCE', 'my_udf']), quoted: false, span: S }], span: S };
      return { kind: 'function_call', name, args: Array.from({ length: Math.floor(r() * 3) }, sub), distinct: false, star: false, span: S };
    }
  }
}

/** Prints an expression with every compound node in parentheses. */
function print(e: Expr): string {
  switch (e.kind) {
    case 'numeric_literal': return e.text;
    case 'string_literal': return `'${e.value.replace(/'/g, "''")}'`;
    case 'boolean_literal': return e.value ? 'TRUE' : 'FALSE';
    case 'column_ref': return e.parts.map((p) => (p.quoted ? `\`${p.value}\`` : p.value)).join('.');
    case 'binary': return `(${print(e.left)} ${e.op} ${print(e.right)})`;
    case 'unary': return `(${e.op} ${print(e.operand)})`;
    case 'is': return `(${print(e.operand)} IS ${e.negated ? 'NOT ' : ''}${e.test})`;
    case 'between': return `(${print(e.operand)} ${e.negated ? 'NOT ' : ''}BETWEEN ${e.symmetric ? 'SYMMETRIC ' : ''}${print(e.low)} AND ${print(e.high)})`;
    case 'in_list': return `(${print(e.operand)} ${e.negated ? 'NOT ' : ''}IN (${e.list.map(print).join(', ')}))`;
    case 'like': return `(${print(e.operand)} ${e.negated ? 'NOT ' : ''}${e.operator} ${print(e.pattern)})`;
    case 'case': return `CASE${e.operand ? ` ${print(e.operand)}` : ''}${e.whens.map((w) => ` WHEN ${print(w.when)} THEN ${print(w.then)}`).join('')}${e.else ? ` ELSE ${print(e.else)}` : ''} END`;
    case 'function_call': return `${e.name.parts[0]!.value}(${e.args.map((a) => print(a as Expr)).join(', ')})`;
    default: throw new Error(`not generated: ${e.kind}`);
  }
}

/** Binding power of a node's top operator (100 for atoms), as documented in parse-expression.ts. */
function power(e: Expr): number {
  switch (e.kind) {
    case 'binary':
      return { OR: 22, AND: 24, '=': 30, '<>': 30, '<': 30, '<=': 30, '>': 30, '>=': 30, '+': 40, '-': 40, '*': 60, '/': 60, '%': 60, '||': 60 }[e.op];
    case 'unary': return e.op === 'NOT' ? 26 : 80;
    case 'is': return 28;
    case 'between': case 'in_list': case 'like': return 32;
    default: return 100;
  }
}

/** Prints with only the parentheses precedence and left associativity require. */
function printMinimal(e: Expr): string {
  const wrap = (x: Expr, needed: boolean) => (needed ? `(${printMinimal(x)})` : printMinimal(x));
  const p = power(e);
  switch (e.kind) {
    case 'binary': return `${wrap(e.left, power(e.left) < p)} ${e.op} ${wrap(e.right, power(e.right) <= p)}`;
    case 'unary': return `${e.op} ${wrap(e.operand, power(e.operand) < p)}`;
    case 'is': return `${wrap(e.operand, power(e.operand) < p)} IS ${e.negated ? 'NOT ' : ''}${e.test}`;
    case 'between': return `${wrap(e.operand, power(e.operand) < p)} ${e.negated ? 'NOT ' : ''}BETWEEN ${e.symmetric ? 'SYMMETRIC ' : ''}${wrap(e.low, power(e.low) <= p)} AND ${wrap(e.high, power(e.high) <= p)}`;
    case 'in_list': return `${wrap(e.operand, power(e.operand) < p)} ${e.negated ? 'NOT ' : ''}IN (${e.list.map(printMinimal).join(', ')})`;
    case 'like': return `${wrap(e.operand, power(e.operand) < p)} ${e.negated ? 'NOT ' : ''}${e.operator} ${wrap(e.pattern, power(e.pattern) <= p)}`;
    case 'case': return `CASE${e.operand ? ` ${printMinimal(e.operand)}` : ''}${e.whens.map((w) => ` WHEN ${printMinimal(w.when)} THEN ${printMinimal(w.then)}`).join('')}${e.else ? ` ELSE ${printMinimal(e.else)}` : ''} END`;
    case 'function_call': return `${e.name.parts[0]!.value}(${e.args.map((a) => printMinimal(a as Expr)).join(', ')})`;
    default: return print(e);
  }
}

describe('property: fully parenthesised expressions parse back to the same tree', () => {
  it('holds for 1000 random trees', () => {
    for (let seed = 1; seed <= 1000; seed++) {
      const tree = randomExpr(prng(seed), 4);
      const sql = print(tree);
      expect(withoutSpans(parseExpression(sql)), `seed ${seed}: ${sql}`).toEqual(withoutSpans(tree));
    }
  });
});

describe('property: expressions printed with minimal parentheses parse back to the same tree', () => {
  it('holds for 1000 random trees (precedence and left associativity)', () => {
    for (let seed = 1; seed <= 1000; seed++) {
      const tree = randomExpr(prng(seed), 4);
      const sql = printMinimal(tree);
      expect(withoutSpans(parseExpression(sql)), `seed ${seed}: ${sql}`).toEqual(withoutSpans(tree));
    }
  });
});
