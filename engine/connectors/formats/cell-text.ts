/**
 * Reads the cells of an Arrow column as the text that Flink's text formats write: integers and
 * decimals in full, `yyyy-MM-dd` dates, `yyyy-MM-dd HH:mm:ss.SSS` timestamps. Used by the CSV
 * and JSON encoders; reads buffers directly so 64-bit and decimal values stay exact.
 */
import * as arrow from 'apache-arrow';
import { formatDate, formatDecimal, formatDouble, formatTimestamp } from './value-text.js';

/** The text of cell `i` (non-null; the caller checks validity). */
export type CellText = (i: number) => string;

/** Kind of JSON token a column's text is: bare (numbers, booleans) or a string to quote. */
export type JsonKind = 'bare' | 'string' | 'float';

function wordsToBigInt(words: Uint32Array, at: number): bigint {
  let x = 0n;
  for (let w = 3; w >= 0; w--) x = (x << 32n) | BigInt(words[at + w]!);
  return BigInt.asIntN(128, x);
}

const UNITS: Record<number, [bigint, 1000n | 1_000_000n, bigint]> = {
  // [multiply, unitsPerSecond, divide]: seconds and nanoseconds are rescaled to ms and us
  [arrow.TimeUnit.SECOND]: [1000n, 1000n, 1n],
  [arrow.TimeUnit.MILLISECOND]: [1n, 1000n, 1n],
  [arrow.TimeUnit.MICROSECOND]: [1n, 1_000_000n, 1n],
  [arrow.TimeUnit.NANOSECOND]: [1n, 1_000_000n, 1000n],
};

/**
 * A text reader for one Data chunk and the JSON kind of its values. `timestampSeparator` is ' '
 * (Flink's SQL standard) or 'T' (ISO-8601).
 */
export function cellText(data: arrow.Data, timestampSeparator = ' '): [CellText, JsonKind] {
  const type = data.type as arrow.DataType;
  const values = data.values as never as ArrayLike<number> & ArrayLike<bigint> & Uint32Array;
  switch (type.typeId) {
    case arrow.Type.Int: return [(i) => String(values[i]), 'bare'];
    case arrow.Type.Float: {
      if ((type as arrow.Float).precision === arrow.Precision.HALF) {
        const vector = arrow.makeVector(data);
        return [(i) => formatDouble(vector.get(i) as number), 'float'];
      }
      return [(i) => formatDouble(values[i] as number), 'float'];
    }
    case arrow.Type.Bool: {
      const vector = arrow.makeVector(data);
      return [(i) => (vector.get(i) ? 'true' : 'false'), 'bare'];
    }
    case arrow.Type.Decimal: {
      const { scale, bitWidth } = type as arrow.Decimal;
      if (bitWidth !== 128) break;
      return [(i) => formatDecimal(wordsToBigInt(values, 4 * i), scale), 'bare'];
    }
    case arrow.Type.Date: {
      if ((type as arrow.Date_).unit === arrow.DateUnit.DAY) return [(i) => formatDate(values[i] as number), 'string'];
      return [(i) => formatDate(Math.floor(Number(values[i]) / 86_400_000)), 'string'];
    }
    case arrow.Type.Timestamp: {
      const [mul, per, div] = UNITS[(type as arrow.Timestamp).unit]!;
      return [(i) => formatTimestamp((BigInt(values[i]!) * mul) / div, per, timestampSeparator), 'string'];
    }
    case arrow.Type.Utf8:
    case arrow.Type.LargeUtf8:
    case arrow.Type.Dictionary: {
      const vector = arrow.makeVector(data);
      return [(i) => String(vector.get(i)), 'string'];
    }
    case arrow.Type.Null: return [() => '', 'bare'];
  }
  throw new TypeError(`cannot write a column of Arrow type ${String(type)} as text`);
}
