/**
 * Node's filesystem behind the connector seams: {@link InputFile} over a local file and
 * {@link OutputStream} into one. Node-only; the universal entry never imports this folder.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { ConnectorError } from '../connector-error.js';
import type { InputFile, OutputStream } from '../input-file.js';

/** Chunk size when streaming a file: large enough that per-chunk work is noise. */
const READ_CHUNK = 1 << 20;

/** Turns fs errors into messages that name the path. */
export function fsError(e: unknown, path: string, doing: string): Error {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new ConnectorError(`no such file or directory: ${path}`);
  if (code === 'EACCES' || code === 'EPERM') return new ConnectorError(`permission denied ${doing} ${path}`);
  if (code === 'EISDIR') return new ConnectorError(`${path} is a directory, expected a file`);
  return new ConnectorError(`cannot ${doing} ${path}: ${(e as Error).message}`);
}

/** An {@link InputFile} over a local file (its size is read once, when opened). */
export async function localInputFile(path: string): Promise<InputFile> {
  let size: number;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    size = s.size;
  } catch (e) {
    throw fsError(e, path, 'read');
  }
  return {
    path,
    size,
    async read(start, end) {
      const length = Math.max(0, Math.min(end, size) - start);
      const handle = await open(path, 'r').catch((e: unknown) => { throw fsError(e, path, 'read'); });
      try {
        const buffer = new Uint8Array(length);
        let at = 0;
        while (at < length) {
          const { bytesRead } = await handle.read(buffer, at, length - at, start + at);
          if (bytesRead === 0) break;
          at += bytesRead;
        }
        return buffer.subarray(0, at);
      } finally {
        await handle.close();
      }
    },
    async *stream(start = 0) {
      const stream = createReadStream(path, { start, highWaterMark: READ_CHUNK });
      try {
        for await (const chunk of stream) yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      } catch (e) {
        throw fsError(e, path, 'read');
      }
    },
  };
}

/** An {@link OutputStream} that creates (or truncates) a local file. */
export async function localOutputStream(path: string): Promise<OutputStream> {
  const handle = await open(path, 'w').catch((e: unknown) => { throw fsError(e, path, 'write'); });
  return {
    async write(bytes) {
      let at = 0;
      while (at < bytes.length) at += (await handle.write(bytes, at, bytes.length - at)).bytesWritten;
    },
    async close() {
      await handle.close();
    },
  };
}
