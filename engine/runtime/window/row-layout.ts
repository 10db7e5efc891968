import * as arrow from 'apache-arrow';

/** Whether rows `i` and `j` of a column hold equal keys (NULL equals NULL, NaN equals NaN, -0 equals 0). */
export type KeyEquals = (i: number, j: number) => boolean;

/** A row-equality test over one Arrow column, reading its buffers directly. */
export function keyEquals(data: arrow.Data): KeyEquals {
  const type = data.type as arrow.DataType;
  const valid = (i: number) => data.getValid(i);
  const withNulls = (eq: KeyEquals): KeyEquals => (i, j) => {
    const a = valid(i), b = valid(j);
    return a && b ? eq(i, j) : a === b;
  };
  switch (type.typeId) {
    case arrow.Type.Utf8: {
      const offsets = data.valueOffsets as Int32Array, bytes = data.values as Uint8Array;
      return withNulls((i, j) => {
        const a = offsets[i]!, la = offsets[i + 1]! - a, b = offsets[j]!, lb = offsets[j + 1]! - b;
        if (la !== lb) return false;
        for (let k = 0; k < la; k++) if (bytes[a + k] !== bytes[b + k]) return false;
        return true;
      });
    }
    case arrow.Type.Decimal: {
      const words = data.values as Uint32Array, n = (type as arrow.Decimal).bitWidth / 32;
      return withNulls((i, j) => {
        for (let k = 0; k < n; k++) if (words[i * n + k] !== words[j * n + k]) return false;
        return true;
      });
    }
    case arrow.Type.Bool:
    case arrow.Type.Dictionary: {
      const v = arrow.makeVector(data);
      return withNulls((i, j) => v.get(i) === v.get(j));
    }
    default: {
      const values = data.values as ArrayLike<number | bigint>;
      return withNulls((i, j) => {
        const a = values[i]!, b = values[j]!;
        return a === b || (a !== a && b !== b);
      });
    }
  }
}

/**
 * Partition and peer structure of rows sorted by partition keys then order keys: for each row,
 * where its partition starts and ends, and where its peer group (equal order keys) starts and
 * ends. Ends are exclusive.
 */
export interface RowLayout {
  readonly partitionStart: Int32Array;
  readonly partitionEnd: Int32Array;
  readonly peerStart: Int32Array;
  readonly peerEnd: Int32Array;
}

/** The {@link RowLayout} of `n` sorted rows given equality tests of the partition and the order keys. */
export function rowLayout(n: number, partitionKeys: readonly KeyEquals[], orderKeys: readonly KeyEquals[]): RowLayout {
  const partitionStart = new Int32Array(n), partitionEnd = new Int32Array(n);
  const peerStart = new Int32Array(n), peerEnd = new Int32Array(n);
  let ps = 0, qs = 0;
  for (let i = 0; i < n; i++) {
    const newPartition = i > 0 && !partitionKeys.every((eq) => eq(i - 1, i));
    if (newPartition) ps = i;
    if (newPartition || (i > 0 && !orderKeys.every((eq) => eq(i - 1, i)))) qs = i;
    partitionStart[i] = ps;
    peerStart[i] = qs;
  }
  let pe = n, qe = n;
  for (let i = n - 1; i >= 0; i--) {
    if (i + 1 < n && partitionStart[i + 1] !== partitionStart[i]) pe = i + 1;
    if (i + 1 < n && peerStart[i + 1] !== peerStart[i]) qe = i + 1;
    partitionEnd[i] = pe;
    peerEnd[i] = qe;
  }
  return { partitionStart, partitionEnd, peerStart, peerEnd };
}
