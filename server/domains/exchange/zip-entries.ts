import { createReadStream } from 'node:fs';
import { createInflateRaw, crc32 } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import { DESCRIPTOR_SIGNATURE, type ZipEntry } from './zip-directory.js';
import { refusal } from './workbook-refusal.js';

/**
 * The uncompressed bytes of one entry, chunk by chunk, never more than its declared size: the
 * directory may lie, and a 30 KB entry that inflates without end is stopped at the first
 * byte past what it declared. At the end the size and the CRC-32 must match, so a damaged
 * file is refused here rather than half read later.
 */
export async function* entryBytes(file: string, entry: ZipEntry): AsyncGenerator<Buffer> {
  if (entry.compressedSize === 0) {
    if (entry.uncompressedSize !== 0) throw refusal.damaged(`“${entry.name}”的大小记录不符`);
    return;
  }
  const compressed = createReadStream(file, { start: entry.dataStart, end: entry.dataEnd - 1, highWaterMark: 64 * 1024 });
  const output = entry.method === 0 ? new PassThrough() : createInflateRaw({ chunkSize: 64 * 1024 });
  const flowing = pipeline(compressed, new DescriptorWatch(entry), output).catch(() => {}); // its error also ends the loop below
  let size = 0;
  let crc = 0;
  try {
    for await (const chunk of output as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > entry.uncompressedSize) throw refusal.damaged(`“${entry.name}”解压后比记录的大小更大`);
      crc = crc32(chunk, crc);
      yield chunk;
    }
  } catch (e) {
    throw isZlibError(e) ? refusal.damaged(`“${entry.name}”无法解压`) : e;
  } finally {
    compressed.destroy();
    output.destroy();
  }
  await flowing;
  if (size !== entry.uncompressedSize || crc >>> 0 !== entry.crc32) throw refusal.damaged(`“${entry.name}”校验失败`);
}

const isZlibError = (e: unknown) => typeof (e as { code?: unknown })?.code === 'string' && (e as { code: string }).code.startsWith('Z_');

/**
 * When a local header leaves an entry's sizes to the descriptor after it, a front-to-back
 * reader (unzipper) ends the entry at the first descriptor signature: one inside the data
 * would make it see a different, hidden entry after that point. Such a file is refused.
 */
class DescriptorWatch extends PassThrough {
  private carry = Buffer.alloc(0);
  constructor(private readonly entry: ZipEntry) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void) {
    if (this.entry.sizesInDescriptor) {
      const window = Buffer.concat([this.carry, chunk]);
      if (window.includes(DESCRIPTOR_SIGNATURE)) return done(refusal.damaged(`“${this.entry.name}”的数据中含有数据描述符标记`));
      this.carry = window.subarray(Math.max(0, window.length - 3));
    }
    done(null, chunk);
  }
}
