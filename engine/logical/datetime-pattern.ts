import { NotImplementedError } from '../errors.js';

/**
 * Date-time patterns of DATE_FORMAT, TO_TIMESTAMP, TO_DATE, UNIX_TIMESTAMP and FROM_UNIXTIME, in
 * the letters Java's SimpleDateFormat and DateTimeFormatter share: `y M d H h k K m s S a E D`,
 * `'quoted text'` and `''` for a quote. Other letters (era, week-based fields, zones, ...) are a
 * {@link NotImplementedError} at planning. Formatting follows DateTimeFormatter (what Flink uses
 * for DATE_FORMAT of a TIMESTAMP): `S...` prints the first digits of the fraction, `yy` the last
 * two digits of the year, `MMM`/`MMMM` and `E...`/`EEEE` English names. Everything is UTC.
 */
export const DF = {
  LITERAL: 0, YEAR: 1, MONTH: 2, DAY: 3, HOUR24: 4, HOUR12: 5, HOUR24_1: 6, HOUR12_0: 7, MINUTE: 8, SECOND: 9,
  FRACTION: 10, AMPM: 11, WEEKDAY: 12, DAY_OF_YEAR: 13,
} as const;

/** One element of a pattern: a field (with its letter count) or literal text. */
export type PatternToken = { readonly field: number; readonly width: number } | { readonly field: 0; readonly text: string };

const LETTERS: Record<string, number> = {
  y: DF.YEAR, M: DF.MONTH, d: DF.DAY, H: DF.HOUR24, h: DF.HOUR12, k: DF.HOUR24_1, K: DF.HOUR12_0, m: DF.MINUTE,
  s: DF.SECOND, S: DF.FRACTION, a: DF.AMPM, E: DF.WEEKDAY, D: DF.DAY_OF_YEAR,
};

/** The default pattern of TO_TIMESTAMP, UNIX_TIMESTAMP, FROM_UNIXTIME. */
export const DEFAULT_TIMESTAMP_PATTERN = 'yyyy-MM-dd HH:mm:ss';

/** Splits a pattern into tokens; throws {@link NotImplementedError} for letters weir does not support. */
export function parseDateTimePattern(pattern: string): PatternToken[] {
  const out: PatternToken[] = [];
  const text = (s: string) => {
    const last = out[out.length - 1];
    if (last && last.field === 0 && 'text' in last) out[out.length - 1] = { field: 0, text: last.text + s };
    else out.push({ field: 0, text: s });
  };
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length;) {
    const c = chars[i]!;
    if (c === "'") {
      if (chars[i + 1] === "'") { text("'"); i += 2; continue; }
      let j = i + 1;
      let s = '';
      for (; j < chars.length; j++) {
        if (chars[j] === "'") {
          if (chars[j + 1] === "'") { s += "'"; j++; continue; }
          break;
        }
        s += chars[j];
      }
      if (j >= chars.length) throw new NotImplementedError(`the unterminated quote in the date-time pattern '${pattern}' (a pattern Java rejects)`);
      if (s) text(s);
      i = j + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      const field = LETTERS[c];
      if (field === undefined) throw new NotImplementedError(`the pattern letter '${c}' in the date-time pattern '${pattern}'`, 'use y M d H h k K m s S a E D');
      let j = i;
      while (chars[j] === c) j++;
      out.push({ field, width: j - i });
      i = j;
      continue;
    }
    text(c);
    i++;
  }
  return out;
}

/**
 * A pattern as i32 words for the kernel: per token [field, width] or [0, byte length, bytes
 * packed four per word].
 */
export function encodeDateTimePattern(tokens: readonly PatternToken[]): number[] {
  const words: number[] = [tokens.length];
  for (const t of tokens) {
    if ('text' in t) {
      const bytes = new TextEncoder().encode(t.text);
      words.push(0, bytes.length);
      for (let k = 0; k < bytes.length; k += 4) {
        words.push((bytes[k] ?? 0) | ((bytes[k + 1] ?? 0) << 8) | ((bytes[k + 2] ?? 0) << 16) | ((bytes[k + 3] ?? 0) << 24));
      }
    } else words.push(t.field, t.width);
  }
  return words;
}
