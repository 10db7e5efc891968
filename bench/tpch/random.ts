/**
 * Random helpers of the TPC-H generator over bench/prng.ts: one independent stream per column
 * group (so adding a column to one table never shifts the values of another), and the spec's
 * uniform integer draws.
 */
import { SeededRandom } from '../prng.js';

/** The random stream `id` of a generation run with `seed`. */
export function stream(seed: number, id: number): SeededRandom {
  return new SeededRandom((Math.imul(seed, 0x2c1b3c6d) ^ Math.imul(id + 1, 0x9e3779b9)) | 0);
}

/** A uniform integer in [lo, hi] (inclusive) from one 32-bit draw; hi - lo must be below 2^32. */
export function uniform(rng: SeededRandom, lo: number, hi: number): number {
  return lo + Math.floor((rng.nextU32() / 4294967296) * (hi - lo + 1));
}

/** `n` left-padded with zeros to nine digits, as in `Customer#000000042`. */
export function pad9(n: number): string {
  return String(n).padStart(9, '0');
}

const ADDRESS_CHARS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ,.';

/** A random address-like string of `minLength..maxLength` characters (the spec's V-string). */
export function randomVString(rng: SeededRandom, minLength: number, maxLength: number): string {
  const n = uniform(rng, minLength, maxLength);
  let s = '';
  for (let i = 0; i < n; i++) s += ADDRESS_CHARS[uniform(rng, 0, ADDRESS_CHARS.length - 1)];
  return s;
}

/** A phone number for a nation: country code nationkey + 10, then 3-3-4 digits (clause 4.2.2.9). */
export function phoneNumber(rng: SeededRandom, nationKey: number): string {
  return `${nationKey + 10}-${uniform(rng, 100, 999)}-${uniform(rng, 100, 999)}-${uniform(rng, 1000, 9999)}`;
}
