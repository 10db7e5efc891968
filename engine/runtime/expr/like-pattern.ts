import { LIKE } from './opcodes.js';

/** A token of a LIKE pattern: a literal run, % or _. */
export type LikeToken = { kind: 'lit'; text: string } | { kind: 'any' } | { kind: 'one' };

/** Raised for a pattern whose escape character is not followed by %, _ or itself. */
export class LikePatternError extends Error {
  override readonly name = 'LikePatternError';
}

/** Tokenizes a LIKE pattern (consecutive % collapse); `escape` is one character or null. */
export function tokenizeLike(pattern: string, escape: string | null): LikeToken[] {
  const cps = Array.from(pattern);
  const out: LikeToken[] = [];
  const pushLit = (c: string) => {
    const last = out[out.length - 1];
    if (last?.kind === 'lit') last.text += c;
    else out.push({ kind: 'lit', text: c });
  };
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    if (escape !== null && c === escape) {
      const next = cps[i + 1];
      if (next === undefined || (next !== '%' && next !== '_' && next !== escape)) {
        throw new LikePatternError(`invalid escape sequence in LIKE pattern '${pattern}'`);
      }
      pushLit(next);
      i++;
    } else if (c === '%') {
      if (out[out.length - 1]?.kind !== 'any') out.push({ kind: 'any' });
    } else if (c === '_') {
      out.push({ kind: 'one' });
    } else {
      pushLit(c);
    }
  }
  return out;
}

/**
 * The VM form of a tokenized pattern: byte comparisons for exact/prefix/suffix/contains, else the
 * token encoding of wasm/assembly/expr/like.ts ([u32 count], per token [u8 kind][u32 length][bytes]).
 */
export function compileLike(tokens: readonly LikeToken[]): { form: number; text?: string; tokens?: Uint8Array } {
  const shape = tokens.map((t) => t.kind).join(',');
  const lit = (i: number) => (tokens[i] as { text: string }).text;
  if (tokens.length === 0) return { form: LIKE.EXACT, text: '' };
  if (shape === 'lit') return { form: LIKE.EXACT, text: lit(0) };
  if (shape === 'lit,any') return { form: LIKE.PREFIX, text: lit(0) };
  if (shape === 'any,lit') return { form: LIKE.SUFFIX, text: lit(1) };
  if (shape === 'any,lit,any') return { form: LIKE.CONTAINS, text: lit(1) };
  if (shape === 'any') return { form: LIKE.ANY, text: '' };
  const enc = new TextEncoder();
  const parts = tokens.map((t) => (t.kind === 'lit' ? enc.encode(t.text) : new Uint8Array(0)));
  const out = new Uint8Array(4 + tokens.reduce((n, _, i) => n + 5 + parts[i]!.length, 0));
  const dv = new DataView(out.buffer);
  dv.setUint32(0, tokens.length, true);
  let p = 4;
  tokens.forEach((t, i) => {
    dv.setUint8(p, t.kind === 'lit' ? 0 : t.kind === 'any' ? 1 : 2);
    dv.setUint32(p + 1, parts[i]!.length, true);
    out.set(parts[i]!, p + 5);
    p += 5 + parts[i]!.length;
  });
  return { form: LIKE.GENERAL, tokens: out };
}
