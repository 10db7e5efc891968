/** The JSON lines format's options: Flink's names without the `json.` prefix. */
import { booleanOption, checkOptionKeys, enumOption } from './format-options.js';
import type { FormatOptions } from './format.js';

/** Parsed JSON options. */
export interface JsonOptions {
  /** 'fail-on-missing-field': a missing key fails the read instead of reading as NULL. Default false. */
  readonly failOnMissingField: boolean;
  /** 'ignore-parse-errors': malformed lines are skipped (and counted). Default false. */
  readonly ignoreParseErrors: boolean;
  /** 'timestamp-format.standard': 'SQL' writes `yyyy-MM-dd HH:mm:ss.SSS`, 'ISO-8601' `yyyy-MM-ddTHH:mm:ss.SSS`. */
  readonly timestampStandard: 'SQL' | 'ISO-8601';
  /** 'encode.ignore-null-fields': NULL fields are left out of written objects. Default false. */
  readonly ignoreNullFields: boolean;
}

const KEYS = [
  'fail-on-missing-field', 'ignore-parse-errors', 'timestamp-format.standard', 'encode.ignore-null-fields',
  'encode.decimal-as-plain-number', 'map-null-key.mode', 'map-null-key.literal',
] as const;

/** Parses and checks JSON options (unknown keys are an error naming the known ones). */
export function jsonOptions(options: FormatOptions = {}): JsonOptions {
  checkOptionKeys('json', options, KEYS);
  return {
    failOnMissingField: booleanOption('json', options, 'fail-on-missing-field', false),
    ignoreParseErrors: booleanOption('json', options, 'ignore-parse-errors', false),
    timestampStandard: enumOption('json', options, 'timestamp-format.standard', ['SQL', 'ISO-8601'] as const, 'SQL'),
    ignoreNullFields: booleanOption('json', options, 'encode.ignore-null-fields', false),
  };
}
