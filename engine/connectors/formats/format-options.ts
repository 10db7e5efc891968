/**
 * Reading Flink-style format options (`'csv.field-delimiter' = ';'` arrives here as
 * `field-delimiter`) with checks that name the option at fault.
 */
import { ConnectorError } from '../connector-error.js';
import type { FormatOptions } from './format.js';

/** Rejects option keys the format does not know, listing the ones it does (as Flink does). */
export function checkOptionKeys(format: string, options: FormatOptions, known: readonly string[]): void {
  const unknown = Object.keys(options).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    throw new ConnectorError(
      `unsupported option${unknown.length > 1 ? 's' : ''} for format '${format}': ${unknown.map((k) => `'${format}.${k}'`).join(', ')}; ` +
        `supported: ${known.map((k) => `'${format}.${k}'`).join(', ')}`,
    );
  }
}

/** A boolean option: 'true' or 'false' (any case). */
export function booleanOption(format: string, options: FormatOptions, key: string, fallback: boolean): boolean {
  const v = options[key];
  if (v === undefined) return fallback;
  if (/^true$/i.test(v)) return true;
  if (/^false$/i.test(v)) return false;
  throw new ConnectorError(`option '${format}.${key}' must be 'true' or 'false', got '${v}'`);
}

/** A one-character option; `\t` and `\u0009`-style escapes are accepted for unprintable ones. */
export function charOption(format: string, options: FormatOptions, key: string, fallback: string): string {
  let v = options[key];
  if (v === undefined) return fallback;
  if (v === '\\t') v = '\t';
  else if (/^\\u[0-9a-fA-F]{4}$/.test(v)) v = String.fromCharCode(parseInt(v.slice(2), 16));
  if (v.length !== 1) throw new ConnectorError(`option '${format}.${key}' must be a single character, got '${v}'`);
  return v;
}

/** One of a fixed set of values. */
export function enumOption<T extends string>(format: string, options: FormatOptions, key: string, values: readonly T[], fallback: T): T {
  const v = options[key];
  if (v === undefined) return fallback;
  const hit = values.find((x) => x.toLowerCase() === v.toLowerCase());
  if (!hit) throw new ConnectorError(`option '${format}.${key}' must be one of ${values.map((x) => `'${x}'`).join(', ')}, got '${v}'`);
  return hit;
}
