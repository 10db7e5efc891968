/**
 * `--complete` for golden files: rewrites the expected blocks of query records from an engine's
 * output, leaving every other line of the file as it was. Run it through the suite:
 *
 *     SLT_COMPLETE=1 npx vitest run test/sqllogic          # weir's output (DuckDB's until weir has executeSql)
 *     SLT_COMPLETE=duckdb npx vitest run test/sqllogic     # DuckDB's output
 *
 * For each query record whose result did not match: the lines after `----` are replaced by the result as the
 * runner compares it (rows sorted for rowsort, one value per line for valuesort, plan lines for
 * EXPLAIN); a record without `----` gets one when the result has rows; the column letters after
 * `query` are replaced when their count does not match the result. Records that passed (so a
 * hand-written block, e.g. in one-value-per-line form, stays as written), were skipped or failed
 * before producing a result, labelled queries without a block (they compare against their label)
 * and statements are left alone.
 */
import type { QueryRecord, SltFile } from './parse-slt.js';
import type { Completion, RecordOutcome } from './runner.js';

/** One replacement of lines [from, to) by `lines`. */
interface Edit {
  readonly from: number;
  readonly to: number;
  readonly lines: readonly string[];
}

function editsFor(record: QueryRecord, completion: Completion, source: readonly string[]): Edit[] {
  const edits: Edit[] = [];
  const { header, separator, end } = record.layout;
  if (completion.types.length !== record.types.length && !record.isExplain) {
    const line = source[header]!.replace(/^(\s*query\s+)\S+/, `$1${completion.types}`);
    edits.push({ from: header, to: header + 1, lines: [line] });
  }
  if (separator !== undefined) edits.push({ from: separator + 1, to: end, lines: completion.lines });
  else if (completion.lines.length > 0 && record.label === undefined) edits.push({ from: end, to: end, lines: ['----', ...completion.lines] });
  return edits;
}

/** The text of `file` with the expected blocks of `outcomes` (from one run of that file) filled in. */
export function completeSlt(file: SltFile, outcomes: readonly RecordOutcome[]): string {
  const source = file.text.split('\n');
  const edits: Edit[] = [];
  for (const outcome of outcomes) {
    if (outcome.status !== 'fail' || outcome.record.kind !== 'query' || !outcome.completion) continue;
    edits.push(...editsFor(outcome.record, outcome.completion, source));
  }
  const lines = [...source];
  for (const edit of edits.sort((a, b) => b.from - a.from)) lines.splice(edit.from, edit.to - edit.from, ...edit.lines);
  return lines.join('\n');
}
