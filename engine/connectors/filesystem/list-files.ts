/**
 * Lists the files a filesystem source reads: the file itself, or every file under a directory,
 * recursively, skipping hidden names (starting with '.' or '_', as Flink and Hadoop do: in-progress
 * part files, `_SUCCESS` markers), sorted by path so that splits come in a deterministic order.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fsError } from './local-file.js';

/** A file to read, its size and its modification time. */
export interface ListedFile {
  readonly path: string;
  readonly size: number;
  /** Last modification, in milliseconds since the epoch. */
  readonly modificationTime: number;
}

/** Whether a file or directory name is hidden from readers. */
export function isHiddenName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('_');
}

/** The files at `path`; see the file comment. A missing path is a ConnectorError naming it. */
export async function listFiles(path: string): Promise<ListedFile[]> {
  let s;
  try {
    s = await stat(path);
  } catch (e) {
    throw fsError(e, path, 'read');
  }
  if (!s.isDirectory()) return [{ path, size: s.size, modificationTime: Math.floor(s.mtimeMs) }];
  const out: ListedFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch((e: unknown) => { throw fsError(e, dir, 'list'); });
    for (const entry of entries) {
      if (isHiddenName(entry.name)) continue;
      const p = join(dir, entry.name);
      if (entry.isDirectory()) await walk(p);
      else if (entry.isFile()) {
        const f = await stat(p);
        out.push({ path: p, size: f.size, modificationTime: Math.floor(f.mtimeMs) });
      }
    }
  };
  await walk(path);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
