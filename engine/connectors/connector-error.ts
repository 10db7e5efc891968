import { ExecutionError } from '../errors.js';

/** Where in an input a record sits: the file, its 1-based line, its byte offset, and a column. */
export interface InputLocation {
  readonly path: string;
  /** 1-based line of the record's first character (text formats). */
  readonly line?: number;
  /** Byte offset of the record's first byte in the file. */
  readonly byteOffset?: number;
  /** 0-based row index in the file (binary formats, or when lines are not known). */
  readonly rowIndex?: number;
  readonly column?: string;
}

/** `file.csv:12 (byte 345), column 'price'`: the place a message points at. */
export function formatLocation(at: InputLocation): string {
  let s = at.path;
  if (at.line !== undefined) s += `:${at.line}`;
  const extra: string[] = [];
  if (at.byteOffset !== undefined) extra.push(`byte ${at.byteOffset}`);
  if (at.rowIndex !== undefined && at.line === undefined) extra.push(`row ${at.rowIndex}`);
  if (extra.length > 0) s += ` (${extra.join(', ')})`;
  if (at.column !== undefined) s += `, column '${at.column}'`;
  return s;
}

/**
 * A connector met input it cannot read (a malformed record, a missing file, an unsupported
 * option) or could not write its output. The message starts with the location, so a user can
 * open the file at the line; `location` carries the same fields for programs.
 */
export class ConnectorError extends ExecutionError {
  constructor(
    message: string,
    /** Where the problem is, when it is in an input file. */
    readonly location?: InputLocation,
  ) {
    super(location ? `${formatLocation(location)}: ${message}` : message);
    // ExecutionError pins `name` to its literal type; the runtime name still says which class.
    Object.defineProperty(this, 'name', { value: 'ConnectorError' });
  }
}
