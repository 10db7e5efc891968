/**
 * Byte access to one input file, the seam between formats (which work on bytes and run
 * anywhere) and storage (Node's fs, a `fetch`ed body, an in-memory array).
 */
export interface InputFile {
  /** The path or name shown in messages. */
  readonly path: string;
  /** Size in bytes. */
  readonly size: number;
  /** The bytes `[start, end)`; `end` is clamped to the size. */
  read(start: number, end: number): Promise<Uint8Array>;
  /** The bytes from `start` to the end, in chunks of any size. */
  stream(start?: number): AsyncIterable<Uint8Array>;
}

/** Chunk size of {@link bytesInputFile}'s stream: large enough to amortise per-chunk work. */
const STREAM_CHUNK = 1 << 20;

/** An {@link InputFile} over bytes already in memory (browsers, tests, fetched bodies). */
export function bytesInputFile(path: string, bytes: Uint8Array): InputFile {
  return {
    path,
    size: bytes.length,
    read: async (start, end) => bytes.subarray(start, Math.min(end, bytes.length)),
    async *stream(start = 0) {
      for (let at = start; at < bytes.length; at += STREAM_CHUNK) yield bytes.subarray(at, at + STREAM_CHUNK);
    },
  };
}

/** Where an encoder's bytes go: a file being written, a buffer. */
export interface OutputStream {
  write(bytes: Uint8Array): Promise<void>;
  /** Flushes and closes; no write follows. */
  close(): Promise<void>;
}

/** An {@link OutputStream} that collects bytes in memory; `bytes()` joins them. */
export class BufferOutputStream implements OutputStream {
  private readonly chunks: Uint8Array[] = [];
  async write(bytes: Uint8Array): Promise<void> {
    this.chunks.push(bytes.slice());
  }
  async close(): Promise<void> {}
  /** Everything written so far, as one array. */
  bytes(): Uint8Array {
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of this.chunks) { out.set(c, at); at += c.length; }
    return out;
  }
}
