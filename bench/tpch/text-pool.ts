/**
 * Comment columns the way dbgen makes them: a pool of pseudo-English sentences is generated once
 * (from the spec's grammar words, clause 4.2.2.10, simplified to one sentence shape), and each
 * comment is a slice of the pool at a random offset with a random length in the column's range.
 * Copying slices keeps comment generation at memcpy speed.
 */
import type { SeededRandom } from '../prng.js';
import { Utf8Builder, type Utf8Strings } from './columns.js';

const NOUNS = (
  'foxes ideas theodolites pinto beans instructions dependencies excuses platelets asymptotes courts ' +
  'dolphins multipliers sauternes warthogs frets dinos attainments somas Tiresias patterns forges braids ' +
  'hockey players frays warhorses dugouts notornis epitaphs pearls tithes waters orbits gifts sheaves ' +
  'depths sentiments decoys realms pains grouches escapades accounts deposits packages requests'
).split(' ');
const VERBS = (
  'sleep wake are cajole haggle nag use boost affix detect integrate maintain nod was lose sublate solve ' +
  'thrash promise engage hinder print x-ray breach eat grow impress mold poach serve run dazzle snooze ' +
  'doze unwind kindle play hang believe doubt'
).split(' ');
const ADJECTIVES = (
  'furious sly careful blithe quick fluffy slow quiet ruthless thin close dogged daring brave stealthy ' +
  'permanent enticing idle busy regular final ironic even bold silent'
).split(' ');
const ADVERBS = (
  'sometimes always never furiously slyly carefully blithely quickly fluffily slowly quietly ruthlessly ' +
  'thinly closely doggedly daringly bravely stealthily permanently enticingly idly busily regularly ' +
  'finally ironically evenly boldly silently'
).split(' ');
const PREPOSITIONS = (
  'about above according to across after against along alongside of among around at atop before behind ' +
  'beneath beside besides between beyond by despite during except for from in place of inside instead of ' +
  'into near of on outside over past since through throughout to toward under until up upon without with within'
).split(' ');
const TERMINATORS = ['.', ';', ':', '?', '!', '--'];

/** Bytes in the pool: long enough that slices rarely repeat, small enough to build in milliseconds. */
const POOL_BYTES = 1 << 20;

/** A pool of pseudo-text, at least `POOL_BYTES` ASCII bytes long. */
export function textPool(rng: SeededRandom): Uint8Array {
  const parts: string[] = [];
  let length = 0;
  while (length < POOL_BYTES) {
    const sentence =
      `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)} ${rng.pick(VERBS)} ${rng.pick(ADVERBS)} ` +
      `${rng.pick(PREPOSITIONS)} the ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}${rng.pick(TERMINATORS)} `;
    parts.push(sentence);
    length += sentence.length;
  }
  return Uint8Array.from(parts.join(''), (ch) => ch.charCodeAt(0));
}

/** A comment column of `rows` slices of `pool`, each `minLength..maxLength` bytes long. */
export function commentColumn(rng: SeededRandom, pool: Uint8Array, rows: number, minLength: number, maxLength: number): Utf8Strings {
  const b = new Utf8Builder(rows, (minLength + maxLength) >> 1);
  for (let i = 0; i < rows; i++) {
    const length = rng.nextRange(minLength, maxLength);
    const from = rng.nextInt(pool.length - length);
    b.appendBytes(pool, from, from + length);
  }
  return b.finish();
}
