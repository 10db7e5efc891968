/**
 * Encodes Arrow batches as CSV text: fields joined by the delimiter, quoted when they contain
 * the delimiter, the quote, a line break, or leading/trailing spaces; NULL as the null literal
 * (empty by default). With `header` the first line names the columns.
 */
import type { RecordBatch } from 'apache-arrow';
import type { Schema } from '../../types/data-type.js';
import type { OutputStream } from '../input-file.js';
import { cellText } from './cell-text.js';
import type { CsvOptions } from './csv-options.js';
import type { FormatWriter } from './format.js';

const ENCODER = new TextEncoder();

/** Writes CSV; see the file comment. */
export class CsvWriter implements FormatWriter {
  private headerDone = false;
  private readonly quote: (s: string) => string;
  constructor(
    private readonly output: OutputStream,
    private readonly schema: Schema,
    private readonly options: CsvOptions,
  ) {
    const q = options.quoteCharacter;
    const d = options.fieldDelimiter;
    if (q === undefined) {
      this.quote = (s) => s;
    } else {
      const doubled = new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g');
      this.quote = (s) => {
        const needs = s.includes(d) || s.includes(q) || s.includes('\n') || s.includes('\r') ||
          (s.length > 0 && (s.charCodeAt(0) === 32 || s.charCodeAt(s.length - 1) === 32)) ||
          (options.allowComments && s.startsWith('#')) || (options.nullLiteral !== undefined && s === options.nullLiteral);
        return needs ? q + s.replace(doubled, q + q) + q : s;
      };
    }
  }

  async write(batch: RecordBatch): Promise<void> {
    const d = this.options.fieldDelimiter;
    const lines: string[] = [];
    if (this.options.header && !this.headerDone) lines.push(this.schema.fields.map((f) => this.quote(f.name)).join(d));
    this.headerDone = true;
    const nullText = this.options.nullLiteral ?? '';
    const columns = this.schema.fields.map((_, c) => {
      const data = batch.getChildAt(c)!.data;
      if (data.length !== 1) throw new Error('CsvWriter expects record batch columns of one chunk');
      const [text, kind] = cellText(data[0]!);
      return { data: data[0]!, text, quoted: kind === 'string' };
    });
    const row: string[] = new Array(columns.length);
    for (let i = 0; i < batch.numRows; i++) {
      for (let c = 0; c < columns.length; c++) {
        const col = columns[c]!;
        row[c] = col.data.getValid(i) ? (col.quoted ? this.quote(col.text(i)) : col.text(i)) : nullText;
      }
      lines.push(row.join(d));
    }
    if (lines.length > 0) await this.output.write(ENCODER.encode(lines.join('\n') + '\n'));
  }

  async finish(): Promise<void> {
    if (this.options.header && !this.headerDone) {
      await this.output.write(ENCODER.encode(this.schema.fields.map((f) => this.quote(f.name)).join(this.options.fieldDelimiter) + '\n'));
    }
    await this.output.close();
  }
}
