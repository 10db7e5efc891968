/**
 * Reference semantics of the Flink built-ins of engine/logical/builtin-functions.ts, written
 * plainly (no shared code with the kernels): strings over code points, regular expressions through
 * JavaScript's RegExp with the `u` flag (tests keep to the syntax both dialects read alike), date
 * arithmetic through Date.UTC, Java's Math formulas for logarithms and angles.
 */
import type { DataType } from '../../engine/types/data-type.js';
import type { SqlValue } from './scalar-eval-values.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function cps(s: string): string[] {
  return Array.from(s);
}

function splitIndex(s: string, sep: string, idx: number): string | null {
  if (idx < 0 || s === '') return null;
  const parts = sep === '' ? s.split(/[\t\n\x0B\f\r\x1C-\x1F \u1680\u2000-\u2006\u2008-\u200A\u2028\u2029\u205F\u3000]/u) : s.split(sep);
  return idx < parts.length ? parts[idx]! : null;
}

function pad(s: string, len: number, p: string, right: boolean): string | null {
  if (len < 0 || p === '') return null;
  const c = cps(s);
  if (len <= c.length) return c.slice(0, len).join('');
  const pc = cps(p);
  let fill = '';
  for (let k = 0; k < len - c.length; k++) fill += pc[k % pc.length];
  return right ? s + fill : fill + s;
}

function initcap(s: string): string {
  let out = '';
  let start = true;
  for (const ch of s) {
    const isLower = /^[a-z]$/.test(ch), isUpper = /^[A-Z]$/.test(ch), isDigit = /^[0-9]$/.test(ch);
    if (start) {
      out += isLower ? ch.toUpperCase() : ch;
      if (isLower || isUpper || isDigit) start = false;
    } else {
      out += isUpper ? ch.toLowerCase() : ch;
      if (!isLower && !isUpper && !isDigit) start = true;
    }
  }
  return out;
}

function locate(needle: string, hay: string, from: number): number {
  if (needle === '') return 1;
  const h = cps(hay);
  const start = Math.max(from - 1, 0);
  if (start >= h.length) return 0;
  const rest = h.slice(start).join('');
  const i = rest.indexOf(needle);
  return i < 0 ? 0 : start + cps(rest.slice(0, i)).length + 1;
}

function trimChars(s: string, set: string, side: 'both' | 'left' | 'right'): string {
  const chars = new Set(cps(set));
  const c = cps(s);
  let a = 0, b = c.length;
  if (side !== 'right') while (a < b && chars.has(c[a]!)) a++;
  if (side !== 'left') while (b > a && chars.has(c[b - 1]!)) b--;
  return c.slice(a, b).join('');
}

function regex(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, 'gu');
  } catch {
    return null;
  }
}

function regexpExtract(s: string, pattern: string, group: number): string | null {
  const re = regex(pattern);
  if (!re) return null;
  const m = re.exec(s);
  if (!m || group < 0 || group >= m.length) return null;
  return m[group] ?? null;
}

function regexpReplace(s: string, pattern: string, rep: string): string | null {
  const re = regex(pattern);
  return re ? s.replace(re, () => rep) : null;
}

function twoDigits(n: number, w: number): string {
  const neg = n < 0;
  const s = String(Math.abs(n)).padStart(w, '0');
  return neg ? `-${s}` : s;
}

/** DATE_FORMAT of epoch milliseconds by a pattern of the supported letters. */
export function formatMillis(ms: bigint, pattern: string): string {
  const d = new Date(Number(ms));
  const y = d.getUTCFullYear(), mo = d.getUTCMonth(), day = d.getUTCDate(), h = d.getUTCHours();
  const doy = Math.floor((Date.UTC(y, mo, day) - Date.UTC(y, 0, 1)) / 86_400_000) + 1;
  let out = '';
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length;) {
    const c = chars[i]!;
    if (c === "'") {
      if (chars[i + 1] === "'") { out += "'"; i += 2; continue; }
      let j = i + 1;
      for (; j < chars.length && chars[j] !== "'"; j++) out += chars[j];
      i = j + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) { out += c; i++; continue; }
    let j = i;
    while (chars[j] === c) j++;
    const w = j - i;
    i = j;
    switch (c) {
      case 'y': out += w === 2 ? twoDigits(((y % 100) + 100) % 100, 2) : twoDigits(y, w); break;
      case 'M': out += w >= 4 ? MONTHS[mo] : w === 3 ? MONTHS[mo]!.slice(0, 3) : twoDigits(mo + 1, w); break;
      case 'd': out += twoDigits(day, w); break;
      case 'H': out += twoDigits(h, w); break;
      case 'h': out += twoDigits(h % 12 === 0 ? 12 : h % 12, w); break;
      case 'k': out += twoDigits(h === 0 ? 24 : h, w); break;
      case 'K': out += twoDigits(h % 12, w); break;
      case 'm': out += twoDigits(d.getUTCMinutes(), w); break;
      case 's': out += twoDigits(d.getUTCSeconds(), w); break;
      case 'S': out += String(d.getUTCMilliseconds()).padStart(3, '0').padEnd(9, '0').slice(0, w).padEnd(w, '0'); break;
      case 'a': out += h < 12 ? 'AM' : 'PM'; break;
      case 'E': out += w >= 4 ? DAYS[d.getUTCDay()] : DAYS[d.getUTCDay()]!.slice(0, 3); break;
      case 'D': out += twoDigits(doy, w); break;
      default: throw new Error(`reference: pattern letter ${c}`);
    }
  }
  return out;
}

function addMonths(days: number, m: number): number {
  const d = new Date(days * 86_400_000);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + m;
  const y = Math.floor(total / 12), mo = total - y * 12;
  const dim = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
  return Date.UTC(y, mo, Math.min(d.getUTCDate(), dim)) / 86_400_000;
}

/** Calcite's subtractMonths(t0, t1) on epoch milliseconds. */
function subtractMonths(t0: number, t1: number): number {
  const day = 86_400_000;
  const d0 = Math.floor(t0 / day), d1 = Math.floor(t1 / day);
  const between = (a: number, b: number): number => {
    if (a < b) return -between(b, a);
    let m = Math.trunc((a - b) / 31);
    while (addMonths(b, m) < a && addMonths(b, m + 1) <= a) m++;
    return m;
  };
  let x = between(d0, d1);
  if (addMonths(d1, x) === d0 && t0 - d0 * day < t1 - d1 * day) x--;
  return x;
}

const DIFF_MILLIS: Record<string, number> = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 };

const NULL_SKIPPING = new Set(['concat_ws']);

/** The builtins; undefined for other functions. */
export function evalBuiltin(fn: string, args: SqlValue[], types: DataType[], t: DataType): SqlValue | undefined {
  if (fn === 'concat_ws') {
    if (args[0] === null) return null;
    return (args.slice(1).filter((a) => a !== null) as string[]).join(args[0] as string);
  }
  if (NULL_SKIPPING.has(fn)) return undefined;
  const known = /^(split_index|lpad|rpad|repeat|reverse|initcap|left|right|locate|ascii|chr|l?r?trim_chars|trim_chars|regexp|regexp_extract|regexp_replace|log|log10|log2|sin|cos|tan|asin|acos|atan|atan2|degrees|radians|greatest|least|date_format|from_unixtime|timestampdiff_\w+)$/;
  if (!known.test(fn)) return undefined;
  if (args.some((a) => a === null)) return null;
  const s = args[0] as string;
  const n = (k: number) => Number(args[k]);
  switch (fn) {
    case 'split_index': return splitIndex(s, args[1] as string, n(2));
    case 'lpad': case 'rpad': return pad(s, n(1), args[2] as string, fn === 'rpad');
    case 'repeat': return n(1) <= 0 ? '' : s.repeat(n(1));
    case 'reverse': return cps(s).reverse().join('');
    case 'initcap': return initcap(s);
    case 'left': return n(1) <= 0 ? '' : cps(s).slice(0, n(1)).join('');
    case 'right': return n(1) <= 0 ? '' : cps(s).slice(Math.max(cps(s).length - n(1), 0)).join('');
    case 'locate': return locate(s, args[1] as string, n(2));
    case 'ascii': {
      const b = new TextEncoder().encode(s);
      return b.length === 0 ? 0 : (b[0]! << 24) >> 24;
    }
    case 'chr': { const x = BigInt(args[0] as bigint); return x < 0n ? '' : String.fromCodePoint(Number(x & 255n)); }
    case 'trim_chars': return trimChars(s, args[1] as string, 'both');
    case 'ltrim_chars': return trimChars(s, args[1] as string, 'left');
    case 'rtrim_chars': return trimChars(s, args[1] as string, 'right');
    case 'regexp': {
      const p = args[1] as string;
      const re = p === '' ? null : regex(p);
      return re ? re.test(s) : false;
    }
    case 'regexp_extract': return regexpExtract(s, args[1] as string, args.length > 2 ? n(2) : 0);
    case 'regexp_replace': return regexpReplace(s, args[1] as string, args[2] as string);
    case 'log': return args.length === 1 ? Math.log(n(0)) : Math.log(n(1)) / Math.log(n(0));
    case 'log10': return Math.log10(n(0));
    case 'log2': return Math.log(n(0)) / Math.log(2);
    case 'sin': return Math.sin(n(0));
    case 'cos': return Math.cos(n(0));
    case 'tan': return Math.tan(n(0));
    case 'asin': return Math.asin(n(0));
    case 'acos': return Math.acos(n(0));
    case 'atan': return Math.atan(n(0));
    case 'atan2': return Math.atan2(n(0), n(1));
    case 'degrees': return n(0) * 57.29577951308232;
    case 'radians': return n(0) * 0.017453292519943295;
    case 'greatest': case 'least': {
      let best = args[0] as number | bigint | string;
      for (const v of args.slice(1) as (number | bigint | string)[]) {
        if (fn === 'greatest' ? v > best : v < best) best = v;
      }
      return best;
    }
    case 'date_format': return formatMillis(args[0] as bigint, args[1] as string);
    case 'from_unixtime': return formatMillis((args[0] as bigint) * 1000n, args.length > 1 ? (args[1] as string) : 'yyyy-MM-dd HH:mm:ss');
  }
  // timestampdiff_<unit> on TIMESTAMP(3) values (epoch ms as bigint)
  void types;
  const unit = fn.slice('timestampdiff_'.length);
  const a = Number(args[0] as bigint), b = Number(args[1] as bigint);
  let r: number;
  if (DIFF_MILLIS[unit]) r = Math.trunc((b - a) / DIFF_MILLIS[unit]!);
  else {
    const months = subtractMonths(b, a);
    r = unit === 'month' ? months : Math.trunc(months / (unit === 'quarter' ? 3 : 12));
  }
  r += 0; // no -0
  return t.name === 'BIGINT' ? BigInt(r) : r;
}
