/**
 * String functions of the reference interpreter. Positions and lengths count code points.
 * upper/lower map code point by code point (simple case mapping: a character whose full mapping
 * has several characters, like 'ß', is kept). TRIM removes spaces. SUBSTRING follows Flink
 * (Spark's rules): position 0 acts as 1, a negative position counts from the end, a negative
 * length gives ''. CONCAT is NULL when any argument is NULL.
 */
import type { DataType } from '../../engine/types/data-type.js';
import { type SqlValue, ScalarEvalError } from './scalar-eval-values.js';

function mapCase(s: string, upper: boolean): string {
  let out = '';
  for (const c of s) {
    const m = upper ? c.toUpperCase() : c.toLowerCase();
    out += Array.from(m).length === 1 ? m : c;
  }
  return out;
}

/** SQL LIKE with % and _ over code points; `escape` (one character) makes the next one literal. */
export function like(value: string, pattern: string, escape: string | null): boolean {
  const v = Array.from(value);
  const p = Array.from(pattern);
  type Tok = { kind: 'any' | 'one' | 'lit'; ch?: string };
  const toks: Tok[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (escape !== null && c === escape) {
      const next = p[i + 1];
      if (next === undefined || (next !== '%' && next !== '_' && next !== escape)) {
        throw new ScalarEvalError('invalid', `invalid escape sequence in LIKE pattern '${pattern}'`);
      }
      toks.push({ kind: 'lit', ch: next });
      i++;
    } else if (c === '%') toks.push({ kind: 'any' });
    else if (c === '_') toks.push({ kind: 'one' });
    else toks.push({ kind: 'lit', ch: c });
  }
  // Dynamic programming over (token, position).
  let cur = new Array<boolean>(v.length + 1).fill(false);
  cur[0] = true;
  for (const t of toks) {
    const next = new Array<boolean>(v.length + 1).fill(false);
    for (let j = 0; j <= v.length; j++) {
      if (!cur[j]) continue;
      if (t.kind === 'any') for (let k = j; k <= v.length; k++) next[k] = true;
      else if (j < v.length && (t.kind === 'one' || v[j] === t.ch)) next[j + 1] = true;
    }
    cur = next;
  }
  return cur[v.length]!;
}

/** Flink's SUBSTRING over code points. */
export function substring(s: string, pos: number, len: number | null): string {
  const cps = Array.from(s);
  const n = cps.length;
  const start = pos > 0 ? pos - 1 : pos < 0 ? n + pos : 0;
  const end = len === null ? n : start + len;
  const from = Math.max(start, 0);
  const to = Math.min(end, n);
  return from >= to ? '' : cps.slice(from, to).join('');
}

const FUNCTIONS = new Set(['like', 'upper', 'lower', 'substring', 'trim', 'ltrim', 'rtrim', 'concat', 'char_length', 'replace', 'position']);

/** String functions; undefined for other functions. */
export function evalString(fn: string, args: SqlValue[], types: DataType[], t: DataType): SqlValue | undefined {
  if (!FUNCTIONS.has(fn)) return undefined;
  void types;
  if (args.some((a) => a === null)) return null;
  const s = args[0] as string;
  switch (fn) {
    case 'like': return like(s, args[1] as string, args.length > 2 ? (args[2] as string) : null);
    case 'upper': return mapCase(s, true);
    case 'lower': return mapCase(s, false);
    case 'substring': return substring(s, Number(args[1]), args.length > 2 ? Number(args[2]) : null);
    case 'trim': return s.replace(/^ +| +$/g, '');
    case 'ltrim': return s.replace(/^ +/, '');
    case 'rtrim': return s.replace(/ +$/, '');
    case 'concat': return (args as string[]).join('');
    case 'char_length': {
      const n = Array.from(s).length;
      return t.name === 'BIGINT' ? BigInt(n) : n;
    }
    case 'replace': {
      const from = args[1] as string;
      return from === '' ? s : s.split(from).join(args[2] as string);
    }
    case 'position': {
      const hay = args[1] as string;
      const idx = hay.indexOf(s);
      const r = idx < 0 ? 0 : Array.from(hay.slice(0, idx)).length + 1;
      return t.name === 'BIGINT' ? BigInt(r) : r;
    }
  }
  return undefined;
}
