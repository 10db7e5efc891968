/**
 * The CSV format's options, Flink's names without the `csv.` prefix, plus `header` (a weir
 * extension: Flink's CSV has no header row; weir's CLI registers files whose first row names
 * the columns, and the sink can write one).
 */
import { booleanOption, charOption, checkOptionKeys } from './format-options.js';
import type { FormatOptions } from './format.js';

/** Parsed CSV options. */
export interface CsvOptions {
  /** 'field-delimiter', default ','. */
  readonly fieldDelimiter: string;
  /** 'quote-character', default '"'; 'disable-quote-character' = 'true' turns quoting off. */
  readonly quoteCharacter: string | undefined;
  /** 'escape-character', default none (quotes are escaped by doubling). */
  readonly escapeCharacter: string | undefined;
  /** 'allow-comments': lines starting with '#' are skipped. Default false. */
  readonly allowComments: boolean;
  /** 'ignore-parse-errors': malformed rows are skipped (and counted) instead of failing. */
  readonly ignoreParseErrors: boolean;
  /** 'null-literal': a field equal to it reads as NULL, and NULL writes as it. Default none. */
  readonly nullLiteral: string | undefined;
  /** 'header' (weir): the first row of each file names the columns and is not data. */
  readonly header: boolean;
}

const KEYS = [
  'field-delimiter', 'quote-character', 'disable-quote-character', 'escape-character', 'allow-comments',
  'ignore-parse-errors', 'null-literal', 'header', 'array-element-delimiter', 'write-bigdecimal-in-scientific-notation',
] as const;

/** Parses and checks CSV options (unknown keys are an error naming the known ones). */
export function csvOptions(options: FormatOptions = {}): CsvOptions {
  checkOptionKeys('csv', options, KEYS);
  const disableQuote = booleanOption('csv', options, 'disable-quote-character', false);
  return {
    fieldDelimiter: charOption('csv', options, 'field-delimiter', ','),
    quoteCharacter: disableQuote ? undefined : charOption('csv', options, 'quote-character', '"'),
    escapeCharacter: options['escape-character'] === undefined ? undefined : charOption('csv', options, 'escape-character', '\\'),
    allowComments: booleanOption('csv', options, 'allow-comments', false),
    ignoreParseErrors: booleanOption('csv', options, 'ignore-parse-errors', false),
    nullLiteral: options['null-literal'],
    header: booleanOption('csv', options, 'header', false),
  };
}
