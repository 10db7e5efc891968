/**
 * The metadata the filesystem source reads, as Flink's filesystem connector offers it: the file
 * each row comes from. Every value is constant over a split (one file), so the reader appends it
 * to each batch as a constant column. Read-only: the filesystem sink writes no metadata.
 */
import { basename, resolve } from 'node:path';
import { DataTypes } from '../../types/data-type.js';
import type { ConstantValue } from '../constant-column.js';
import type { MetadataTypes } from '../table-factory.js';

/** One file's facts, as its split carries them. */
export interface FileFacts {
  readonly path: string;
  readonly size: number;
  /** Milliseconds since the epoch. */
  readonly modificationTime: number;
}

/**
 * Keys and types, in Flink's order: `file.path` (the absolute path), `file.name`, `file.size` (bytes,
 * when the split was enumerated) and `file.modification-time`. Flink types the last
 * TIMESTAMP_LTZ(3); weir has no TIMESTAMP_LTZ yet and computes in UTC (the only
 * 'table.local-time-zone' it accepts), so it is the UTC TIMESTAMP(3) of the same instant.
 */
export const FILE_METADATA: MetadataTypes = {
  'file.path': DataTypes.STRING(false),
  'file.name': DataTypes.STRING(false),
  'file.size': DataTypes.BIGINT(false),
  'file.modification-time': DataTypes.TIMESTAMP(3, false),
};

/** Whether `key` is one of {@link FILE_METADATA}'s keys. */
export function isFileMetadataKey(key: string): boolean {
  return Object.hasOwn(FILE_METADATA, key);
}

/** The value of metadata `key` for `file`; `key` must be one of {@link FILE_METADATA}'s keys. */
export function fileMetadataValue(key: string, file: FileFacts): ConstantValue {
  switch (key) {
    case 'file.path': return resolve(file.path);
    case 'file.name': return basename(file.path);
    case 'file.size': return file.size;
    case 'file.modification-time': return file.modificationTime;
    default: throw new RangeError(`'${key}' is not a filesystem metadata key`);
  }
}
