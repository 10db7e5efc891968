/**
 * The part of papaparse 5.7 (which ships no types) that the CSV decoder uses: the core
 * `Parser`, fed chunks of text with `ignoreLastRow` so that a record cut by a chunk boundary is
 * left for the next chunk, and a per-row `step` callback reporting the cursor after the row.
 */
declare module 'papaparse' {
  export interface ParseError {
    readonly type: string;
    readonly code: string;
    readonly message: string;
    readonly row?: number;
    readonly index?: number;
  }
  export interface StepResult {
    readonly data: string[][];
    readonly errors: ParseError[];
    readonly meta: { readonly cursor: number };
  }
  export interface ParserConfig {
    delimiter: string;
    newline: '\n' | '\r\n' | '\r';
    quoteChar: string;
    escapeChar?: string;
    comments: string | false;
    step: (result: StepResult) => void;
  }
  export class Parser {
    constructor(config: ParserConfig);
    parse(input: string, baseIndex: number, ignoreLastRow: boolean): StepResult;
  }
  const Papa: { Parser: typeof Parser };
  export default Papa;
}
