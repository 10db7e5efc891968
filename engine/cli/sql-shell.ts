import { appendFile, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { TableEnvironment } from '../api/table-environment.js';
import type { TableResult } from '../api/table-result.js';
import { parseStatements } from '../sql/parser.js';

const HISTORY = join(homedir(), '.weir_sql_history');

/**
 * The interactive SQL shell, in the manner of Flink's SQL client: statements may span lines and
 * end with ';'; each runs when complete and its result prints; an error prints and the shell goes
 * on. `QUIT;` or `EXIT;` (or end of input) leaves. History persists in ~/.weir_sql_history.
 */
export async function runShell(env: TableEnvironment, print: (r: TableResult) => Promise<void>): Promise<void> {
  const history = (await readFile(HISTORY, 'utf8').catch(() => '')).split('\n').filter(Boolean).reverse().slice(0, 500);
  const rl = createInterface({ input: process.stdin, output: process.stdout, history, terminal: true });
  process.stdout.write("weir SQL shell: statements end with ';', QUIT; leaves.\n");
  let buffer = '';
  rl.setPrompt('Flink SQL> ');
  rl.prompt();
  for await (const line of rl) {
    buffer += (buffer ? '\n' : '') + line;
    if (!endsStatement(buffer)) {
      rl.setPrompt('> ');
      rl.prompt();
      continue;
    }
    const sql = buffer;
    buffer = '';
    rl.setPrompt('Flink SQL> ');
    await appendFile(HISTORY, `${sql.replace(/\n/g, ' ')}\n`).catch(() => {});
    if (/^\s*(quit|exit)\s*;\s*$/i.test(sql)) break;
    try {
      for (const stmt of parseStatements(sql)) await print(await env.executeStatement(stmt, sql));
    } catch (e) {
      process.stdout.write(`[ERROR] ${e instanceof Error ? e.message : String(e)}\n`);
    }
    rl.prompt();
  }
  rl.close();
}

/** Whether `text` ends with a ';' outside string literals, quoted identifiers and comments. */
export function endsStatement(text: string): boolean {
  let quote: string | undefined;
  let last = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '`' || c === '"') quote = c;
    else if (c === '-' && text[i + 1] === '-') {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
      continue;
    } else if (!/\s/.test(c)) last = c;
  }
  return !quote && last === ';';
}
