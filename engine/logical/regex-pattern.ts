import { NotImplementedError } from '../errors.js';

/**
 * Java regular expressions (the syntax of Flink's REGEXP, REGEXP_EXTRACT and REGEXP_REPLACE),
 * parsed and compiled to a Pike-VM program that the WASM kernel (wasm/assembly/expr/regex.ts)
 * runs in time linear in the input: no backtracking, so no pattern can make a row take
 * exponential time.
 *
 * Supported: literals, `.`, classes (`[a-z]`, `[^...]`, `\d \w \s` and their negations, also
 * inside classes), anchors `^ $ \A \z \Z \b \B`, capturing, named and non-capturing groups,
 * alternation, greedy and lazy `* + ? {m} {m,} {m,n}`, `\Q...\E`, escapes `\t \n \r \f \a \e
 * \xhh \x{h...} \uhhhh`. Matching is over code points, case-sensitive, with Java's default flags.
 *
 * Not supported (a {@link NotImplementedError} at planning): backreferences, lookaround, atomic
 * groups, possessive quantifiers, inline flags, `\p{...}`, class union and intersection.
 * A pattern Java itself rejects is a {@link RegexSyntaxError}; Flink then returns NULL (or FALSE
 * for REGEXP) for every row, and so does weir.
 */
export class RegexSyntaxError extends Error {
  override readonly name = 'RegexSyntaxError';
}

type Node =
  | { t: 'char'; cp: number }
  | { t: 'class'; ranges: Ranges }
  | { t: 'cat'; items: Node[] }
  | { t: 'alt'; items: Node[] }
  | { t: 'group'; index: number; body: Node }
  | { t: 'repeat'; body: Node; min: number; max: number; lazy: boolean }
  | { t: 'assert'; kind: number };

/** Sorted, disjoint, inclusive code point ranges: [lo0, hi0, lo1, hi1, ...]. */
type Ranges = number[];

/** Instructions of the compiled program (mirrored in wasm/assembly/expr/regex.ts). */
export const RX = { CHAR: 0, CLASS: 1, SPLIT: 2, JMP: 3, SAVE: 4, ASSERT: 5, MATCH: 6 } as const;
/** Assertion kinds. */
export const RXA = { BEGIN_LINE: 0, END_LINE: 1, WORD_BOUNDARY: 2, NOT_WORD_BOUNDARY: 3, BEGIN_INPUT: 4, END_INPUT: 5, END_INPUT_Z: 6 } as const;

const MAX_CP = 0x10ffff;
const MAX_INSTRUCTIONS = 20_000;
const DIGIT: Ranges = [0x30, 0x39];
const WORD: Ranges = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
const SPACE: Ranges = [0x09, 0x0d, 0x20, 0x20];
const LINE_TERMINATORS: Ranges = [0x0a, 0x0a, 0x0d, 0x0d, 0x85, 0x85, 0x2028, 0x2029];

function normalize(pairs: number[]): Ranges {
  const list: [number, number][] = [];
  for (let i = 0; i < pairs.length; i += 2) list.push([pairs[i]!, pairs[i + 1]!]);
  list.sort((a, b) => a[0] - b[0]);
  const out: Ranges = [];
  for (const [lo, hi] of list) {
    const n = out.length;
    if (n && lo <= out[n - 1]! + 1) out[n - 1] = Math.max(out[n - 1]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

function complement(r: Ranges): Ranges {
  const out: Ranges = [];
  let next = 0;
  for (let i = 0; i < r.length; i += 2) {
    if (r[i]! > next) out.push(next, r[i]! - 1);
    next = r[i + 1]! + 1;
  }
  if (next <= MAX_CP) out.push(next, MAX_CP);
  return out;
}

class Parser {
  private i = 0;
  groups = 0;
  private readonly cps: number[];

  constructor(private readonly src: string) {
    this.cps = Array.from(src, (c) => c.codePointAt(0)!);
  }

  private invalid(what: string): never {
    throw new RegexSyntaxError(`${what} near index ${this.i} of the regular expression '${this.src}'`);
  }

  private unsupported(what: string): never {
    throw new NotImplementedError(`${what} in regular expressions ('${this.src}')`);
  }

  private peek(k = 0): number | undefined {
    return this.cps[this.i + k];
  }

  private eat(c: string): boolean {
    if (this.peek() === c.codePointAt(0)) {
      this.i++;
      return true;
    }
    return false;
  }

  parse(): Node {
    const n = this.alternation();
    if (this.i < this.cps.length) this.invalid("unmatched ')'");
    return n;
  }

  private alternation(): Node {
    const items = [this.sequence()];
    while (this.eat('|')) items.push(this.sequence());
    return items.length === 1 ? items[0]! : { t: 'alt', items };
  }

  private sequence(): Node {
    const items: Node[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === 0x7c /* | */ || c === 0x29 /* ) */) break;
      if (c === 0x5c && this.peek(1) === 0x51 /* \Q */) {
        this.i += 2;
        while (this.i < this.cps.length && !(this.peek() === 0x5c && this.peek(1) === 0x45)) items.push({ t: 'char', cp: this.cps[this.i++]! });
        if (this.i < this.cps.length) this.i += 2;
        continue;
      }
      const atom = this.atom();
      items.push(this.quantified(atom));
    }
    return items.length === 1 ? items[0]! : { t: 'cat', items };
  }

  private quantified(atom: Node): Node {
    let node = atom;
    for (;;) {
      const c = this.peek();
      let min: number, max: number;
      if (c === 0x2a) { min = 0; max = Infinity; this.i++; }
      else if (c === 0x2b) { min = 1; max = Infinity; this.i++; }
      else if (c === 0x3f) { min = 0; max = 1; this.i++; }
      else if (c === 0x7b) {
        const q = this.braces();
        min = q[0]; max = q[1];
      } else return node;
      if (node.t === 'assert') this.invalid('a quantifier after an anchor');
      const lazy = this.eat('?');
      if (!lazy && this.peek() === 0x2b) this.unsupported('possessive quantifiers');
      node = { t: 'repeat', body: node, min, max, lazy };
    }
  }

  private braces(): [number, number] {
    const start = this.i;
    this.i++;
    const num = () => {
      let s = '';
      while (this.peek() !== undefined && this.peek()! >= 0x30 && this.peek()! <= 0x39) s += String.fromCodePoint(this.cps[this.i++]!);
      return s;
    };
    const a = num();
    if (a === '') { this.i = start; this.invalid('illegal repetition'); }
    let b = a;
    if (this.eat(',')) b = num();
    if (!this.eat('}')) { this.i = start; this.invalid('illegal repetition'); }
    const min = Number(a);
    const max = b === '' ? Infinity : Number(b);
    if (max < min) this.invalid('illegal repetition range');
    if (min > 1000 || (max !== Infinity && max > 1000)) this.unsupported('repetition counts above 1000');
    return [min, max];
  }

  private atom(): Node {
    const c = this.cps[this.i++]!;
    switch (c) {
      case 0x2e: return { t: 'class', ranges: complement(LINE_TERMINATORS) };
      case 0x5e: return { t: 'assert', kind: RXA.BEGIN_LINE };
      case 0x24: return { t: 'assert', kind: RXA.END_LINE };
      case 0x5b: return { t: 'class', ranges: this.charClass() };
      case 0x28: return this.group();
      case 0x2a: case 0x2b: case 0x3f: this.i--; return this.invalid(`dangling meta character '${String.fromCodePoint(c)}'`);
      case 0x7b: this.i--; return this.invalid('illegal repetition');
      case 0x5c: return this.escape(false);
      default: return { t: 'char', cp: c };
    }
  }

  private group(): Node {
    let index = -1;
    if (this.eat('?')) {
      if (this.eat(':')) index = 0;
      else if (this.peek() === 0x3c && this.peek(1) !== 0x3d && this.peek(1) !== 0x21) {
        this.i++;
        let name = '';
        while (this.peek() !== undefined && this.peek() !== 0x3e) name += String.fromCodePoint(this.cps[this.i++]!);
        if (!this.eat('>') || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) this.invalid('bad named group');
      } else {
        const k = this.peek();
        if (k === 0x3d || k === 0x21 || k === 0x3c) return this.unsupported('lookaround');
        if (k === 0x3e) return this.unsupported('atomic groups');
        return this.unsupported('inline flags');
      }
    }
    if (index !== 0) index = ++this.groups;
    const body = this.alternation();
    if (!this.eat(')')) this.invalid("unclosed group '('");
    return index === 0 ? body : { t: 'group', index, body };
  }

  /** An escape after `\`; inClass: inside [...] (anchors are not allowed there). */
  private escape(inClass: boolean): Node {
    const c = this.cps[this.i++];
    if (c === undefined) return this.invalid('unexpected end after a backslash');
    const ch = String.fromCodePoint(c);
    const cls = (r: Ranges): Node => ({ t: 'class', ranges: r });
    switch (ch) {
      case 'd': return cls(DIGIT);
      case 'D': return cls(complement(DIGIT));
      case 'w': return cls(WORD);
      case 'W': return cls(complement(WORD));
      case 's': return cls(SPACE);
      case 'S': return cls(complement(SPACE));
      case 't': return { t: 'char', cp: 9 };
      case 'n': return { t: 'char', cp: 10 };
      case 'r': return { t: 'char', cp: 13 };
      case 'f': return { t: 'char', cp: 12 };
      case 'a': return { t: 'char', cp: 7 };
      case 'e': return { t: 'char', cp: 27 };
      case 'x': return { t: 'char', cp: this.hexEscape() };
      case 'u': return { t: 'char', cp: this.hexDigits(4) };
      case '0': return this.unsupported('octal escapes');
      case 'c': return this.unsupported('control escapes');
      case 'p': case 'P': return this.unsupported('Unicode property classes (\\p{...})');
      case 'k': return this.unsupported('backreferences');
    }
    if (!inClass) {
      switch (ch) {
        case 'b': return { t: 'assert', kind: RXA.WORD_BOUNDARY };
        case 'B': return { t: 'assert', kind: RXA.NOT_WORD_BOUNDARY };
        case 'A': return { t: 'assert', kind: RXA.BEGIN_INPUT };
        case 'z': return { t: 'assert', kind: RXA.END_INPUT };
        case 'Z': return { t: 'assert', kind: RXA.END_INPUT_Z };
        case 'G': case 'R': case 'X': return this.unsupported(`\\${ch}`);
      }
      if (c >= 0x31 && c <= 0x39) return this.unsupported('backreferences');
    }
    if ('hHvV'.includes(ch)) return this.unsupported(`\\${ch}`);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
      return this.invalid(`illegal escape sequence \\${ch}`);
    }
    return { t: 'char', cp: c };
  }

  private hexDigits(n: number): number {
    let v = 0;
    for (let k = 0; k < n; k++) {
      const d = this.peek() === undefined ? NaN : parseInt(String.fromCodePoint(this.peek()!), 16);
      if (Number.isNaN(d)) this.invalid('illegal hexadecimal escape');
      v = v * 16 + d;
      this.i++;
    }
    return v;
  }

  private hexEscape(): number {
    if (!this.eat('{')) return this.hexDigits(2);
    let v = 0;
    let digits = 0;
    while (this.peek() !== undefined && this.peek() !== 0x7d) {
      const d = parseInt(String.fromCodePoint(this.cps[this.i++]!), 16);
      if (Number.isNaN(d)) this.invalid('illegal hexadecimal escape');
      v = v * 16 + d;
      digits++;
    }
    if (!this.eat('}') || digits === 0 || v > MAX_CP) this.invalid('illegal hexadecimal escape');
    return v;
  }

  /** After `[`: the class's ranges (complemented for `[^...]`). */
  private charClass(): Ranges {
    const negate = this.eat('^');
    const pairs: number[] = [];
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.invalid("unclosed character class '['");
      if (c === 0x5d && !first) { this.i++; break; }
      first = false;
      if (c === 0x5b) this.unsupported('nested character classes');
      if (c === 0x26 && this.peek(1) === 0x26) this.unsupported('character class intersection (&&)');
      const lo = this.classAtom();
      if (typeof lo !== 'number') { pairs.push(...lo); continue; }
      if (this.peek() === 0x2d && this.peek(1) !== undefined && this.peek(1) !== 0x5d) {
        this.i++;
        const hi = this.classAtom();
        if (typeof hi !== 'number') this.invalid('illegal character range');
        if (hi < lo) this.invalid('illegal character range');
        pairs.push(lo, hi);
      } else pairs.push(lo, lo);
    }
    const r = normalize(pairs);
    return negate ? complement(r) : r;
  }

  /** One member of a class: a code point, or the ranges of `\d`-like escapes. */
  private classAtom(): number | Ranges {
    const c = this.cps[this.i++]!;
    if (c !== 0x5c) return c;
    if (this.peek() === 0x51) this.unsupported('\\Q inside character classes');
    const n = this.escape(true);
    if (n.t === 'char') return n.cp;
    if (n.t === 'class') return n.ranges;
    return this.invalid('illegal escape in a character class');
  }
}

/** A compiled pattern: the VM program and its number of capturing groups. */
export interface CompiledRegex {
  readonly groups: number;
  /** Instructions, four words each: [op, x, y, 0]. */
  readonly code: readonly number[];
  /** Class ranges referenced by CLASS instructions (x: offset, y: number of pairs). */
  readonly ranges: readonly number[];
}

class Compiler {
  readonly code: number[] = [];
  readonly ranges: number[] = [];
  private readonly classes = new Map<string, number>();

  private emit(op: number, x = 0, y = 0): number {
    if (this.code.length / 4 >= MAX_INSTRUCTIONS) throw new NotImplementedError('regular expressions this large (too many repetitions)');
    this.code.push(op, x, y, 0);
    return this.code.length / 4 - 1;
  }

  private patch(pc: number, word: number, v: number): void {
    this.code[pc * 4 + word] = v;
  }

  private get pc(): number {
    return this.code.length / 4;
  }

  node(n: Node): void {
    switch (n.t) {
      case 'char': this.emit(RX.CHAR, n.cp); return;
      case 'class': {
        const key = n.ranges.join(',');
        let off = this.classes.get(key);
        if (off === undefined) {
          off = this.ranges.length;
          this.ranges.push(...n.ranges);
          this.classes.set(key, off);
        }
        this.emit(RX.CLASS, off, n.ranges.length / 2);
        return;
      }
      case 'assert': this.emit(RX.ASSERT, n.kind); return;
      case 'cat': for (const x of n.items) this.node(x); return;
      case 'group':
        this.emit(RX.SAVE, 2 * n.index);
        this.node(n.body);
        this.emit(RX.SAVE, 2 * n.index + 1);
        return;
      case 'alt': {
        const jumps: number[] = [];
        for (let k = 0; k < n.items.length; k++) {
          if (k < n.items.length - 1) {
            const split = this.emit(RX.SPLIT, this.pc + 1, 0);
            this.node(n.items[k]!);
            jumps.push(this.emit(RX.JMP, 0));
            this.patch(split, 2, this.pc);
          } else this.node(n.items[k]!);
        }
        for (const j of jumps) this.patch(j, 1, this.pc);
        return;
      }
      case 'repeat': this.repeat(n); return;
    }
  }

  private repeat(n: Node & { t: 'repeat' }): void {
    for (let k = 0; k < n.min; k++) this.node(n.body);
    if (n.max === Infinity) {
      // L: SPLIT body, out; body; JMP L
      const split = this.emit(RX.SPLIT, 0, 0);
      this.node(n.body);
      this.emit(RX.JMP, split);
      this.branch(split, split + 1, this.pc, n.lazy);
      return;
    }
    const splits: number[] = [];
    for (let k = n.min; k < n.max; k++) {
      splits.push(this.emit(RX.SPLIT, 0, 0));
      this.node(n.body);
    }
    for (const s of splits) this.branch(s, s + 1, this.pc, n.lazy);
  }

  private branch(split: number, body: number, out: number, lazy: boolean): void {
    this.patch(split, 1, lazy ? out : body);
    this.patch(split, 2, lazy ? body : out);
  }
}

/**
 * Parses and compiles `pattern`. Throws {@link RegexSyntaxError} for a pattern Java rejects and
 * {@link NotImplementedError} for Java syntax this engine does not implement.
 */
export function compileRegex(pattern: string): CompiledRegex {
  const p = new Parser(pattern);
  const ast = p.parse();
  const c = new Compiler();
  c.node({ t: 'group', index: 0, body: ast });
  c.code.push(RX.MATCH, 0, 0, 0);
  return { groups: p.groups, code: c.code, ranges: c.ranges };
}

/**
 * Checks a pattern at planning time: unsupported syntax is a {@link NotImplementedError}; a
 * pattern Java rejects is accepted (it yields NULL at run time, as in Flink).
 */
export function validateRegex(pattern: string): void {
  try {
    compileRegex(pattern);
  } catch (err) {
    if (!(err instanceof RegexSyntaxError)) throw err;
  }
}
