/**
 * Encodes Arrow batches as JSON lines: one object per row, keys in schema order, timestamps as
 * `yyyy-MM-dd HH:mm:ss.SSS` (or ISO-8601's `T` form), dates `yyyy-MM-dd`, BIGINT and DECIMAL as
 * exact numbers, NaN and infinities as strings (JSON has no literal for them, and the reader
 * accepts numeric strings), NULL as `null`.
 */
import type { RecordBatch } from 'apache-arrow';
import type { Schema } from '../../types/data-type.js';
import type { OutputStream } from '../input-file.js';
import { cellText } from './cell-text.js';
import type { FormatWriter } from './format.js';
import type { JsonOptions } from './json-options.js';

const ENCODER = new TextEncoder();

/** Writes JSON lines; see the file comment. */
export class JsonLinesWriter implements FormatWriter {
  private readonly keys: string[];
  constructor(
    private readonly output: OutputStream,
    private readonly schema: Schema,
    private readonly options: JsonOptions,
  ) {
    this.keys = schema.fields.map((f) => `${JSON.stringify(f.name)}:`);
  }

  async write(batch: RecordBatch): Promise<void> {
    const separator = this.options.timestampStandard === 'ISO-8601' ? 'T' : ' ';
    const columns = this.schema.fields.map((_, c) => {
      const data = batch.getChildAt(c)!.data;
      if (data.length !== 1) throw new Error('JsonLinesWriter expects record batch columns of one chunk');
      const [text, kind] = cellText(data[0]!, separator);
      const token = kind === 'string' ? (i: number) => JSON.stringify(text(i))
        : kind === 'float' ? (i: number) => { const s = text(i); return /[IN]/.test(s) ? `"${s}"` : s; }
          : text;
      return { data: data[0]!, token };
    });
    const lines: string[] = [];
    const parts: string[] = [];
    for (let i = 0; i < batch.numRows; i++) {
      parts.length = 0;
      for (let c = 0; c < columns.length; c++) {
        const col = columns[c]!;
        if (col.data.getValid(i)) parts.push(this.keys[c]! + col.token(i));
        else if (!this.options.ignoreNullFields) parts.push(`${this.keys[c]!}null`);
      }
      lines.push(`{${parts.join(',')}}`);
    }
    if (lines.length > 0) await this.output.write(ENCODER.encode(lines.join('\n') + '\n'));
  }

  async finish(): Promise<void> {
    await this.output.close();
  }
}
