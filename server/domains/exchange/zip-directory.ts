import type { FileHandle } from 'node:fs/promises';
import { WORKBOOK_LIMITS as L } from './workbook-limits.js';
import { refusal } from './workbook-refusal.js';

/**
 * The central directory of a zip (an .xlsx is one), read from the end of the file without
 * inflating anything, so a bomb is refused by its declared sizes before a byte is expanded
 * (PKWARE APPNOTE 6.3.10, sections 4.3.12 and 4.3.16).
 *
 * exceljs reads the file front to back (unzipper), by the local headers, never by this
 * directory. So the directory is only trusted once the local headers agree with it: each
 * entry starts where the one before it ends, with the same name, method and sizes, and the
 * last ends where the directory begins. A zip with hidden entries between them, or sizes
 * that differ between the two records, is refused rather than read two different ways.
 */
export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  headerOffset: number;
  /** Where the compressed bytes begin and end, from the local header. */
  dataStart: number;
  dataEnd: number;
  /** Sizes left to a data descriptor after the data (flag bit 3, local sizes zero). */
  sizesInDescriptor: boolean;
}

const EOCD = 0x06054b50,
  CENTRAL = 0x02014b50,
  LOCAL = 0x04034b50,
  DESCRIPTOR = 0x08074b50;
const EOCD_SIZE = 22,
  CENTRAL_SIZE = 46,
  LOCAL_SIZE = 30;
const ENCRYPTED = 0x1,
  HAS_DESCRIPTOR = 0x8;
const STORED = 0,
  DEFLATED = 8;
// The directory of a workbook within the entry limit: 46 bytes and a short name per entry.
const MAX_DIRECTORY_BYTES = L.entries * 1024;

async function readAt(handle: FileHandle, position: number, length: number) {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

export async function readZipDirectory(handle: FileHandle, fileSize: number): Promise<ZipEntry[]> {
  if (fileSize < EOCD_SIZE) throw refusal.notAWorkbook('文件不完整');
  // The end record is the last 22 bytes, unless a comment (at most 65 535 bytes) follows it.
  const tailStart = Math.max(0, fileSize - EOCD_SIZE - 0xffff);
  const tail = await readAt(handle, tailStart, fileSize - tailStart);
  let end = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD && i + EOCD_SIZE + tail.readUInt16LE(i + 20) === tail.length) {
      end = i;
      break;
    }
  }
  if (end < 0) throw refusal.notAWorkbook('文件不完整或不是 zip 格式');
  const disk = tail.readUInt16LE(end + 4),
    directoryDisk = tail.readUInt16LE(end + 6);
  const count = tail.readUInt16LE(end + 10),
    directorySize = tail.readUInt32LE(end + 12),
    directoryOffset = tail.readUInt32LE(end + 16);
  if (disk !== 0 || directoryDisk !== 0) throw refusal.notAWorkbook('文件是分卷压缩包');
  // ZIP64 marks (0xFFFF entries, 0xFFFFFFFF offsets) mean a file far beyond any import limit.
  if (count === 0xffff || directoryOffset === 0xffffffff) throw refusal.tooLarge();
  if (count > L.entries || directorySize > MAX_DIRECTORY_BYTES) throw refusal.tooManyEntries();
  if (directoryOffset + directorySize !== tailStart + end) throw refusal.damaged('文件目录的位置不符');

  const directory = await readAt(handle, directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  for (let p = 0; entries.length < count;) {
    if (p + CENTRAL_SIZE > directory.length || directory.readUInt32LE(p) !== CENTRAL) throw refusal.damaged('文件目录不完整');
    const nameLength = directory.readUInt16LE(p + 28),
      extraLength = directory.readUInt16LE(p + 30),
      commentLength = directory.readUInt16LE(p + 32);
    entries.push({
      name: directory.toString('utf8', p + CENTRAL_SIZE, p + CENTRAL_SIZE + nameLength),
      flags: directory.readUInt16LE(p + 8),
      method: directory.readUInt16LE(p + 10),
      crc32: directory.readUInt32LE(p + 16),
      compressedSize: directory.readUInt32LE(p + 20),
      uncompressedSize: directory.readUInt32LE(p + 24),
      headerOffset: directory.readUInt32LE(p + 42),
      dataStart: 0,
      dataEnd: 0,
      sizesInDescriptor: false,
    });
    p += CENTRAL_SIZE + nameLength + extraLength + commentLength;
  }
  for (const e of entries) {
    if (e.compressedSize === 0xffffffff || e.uncompressedSize === 0xffffffff || e.headerOffset === 0xffffffff) throw refusal.tooLarge();
    if (e.flags & ENCRYPTED) throw refusal.encrypted();
    if (e.method !== STORED && e.method !== DEFLATED) throw refusal.notAWorkbook(`“${e.name}”使用了不支持的压缩方式`);
  }
  if (new Set(entries.map((e) => e.name)).size !== entries.length) throw refusal.damaged('文件中有重名的部件');
  await matchLocalHeaders(handle, entries, directoryOffset);
  return entries;
}

/** Reads each local header and checks that the entries lie back to back, as a front-to-back reader sees them. */
async function matchLocalHeaders(handle: FileHandle, entries: ZipEntry[], directoryOffset: number) {
  let expected = 0;
  for (const e of [...entries].sort((a, b) => a.headerOffset - b.headerOffset)) {
    if (e.headerOffset !== expected) throw refusal.damaged('文件中有目录之外的内容');
    const header = await readAt(handle, e.headerOffset, LOCAL_SIZE);
    if (header.length < LOCAL_SIZE || header.readUInt32LE(0) !== LOCAL) throw refusal.damaged(`“${e.name}”的文件头无效`);
    const flags = header.readUInt16LE(6),
      method = header.readUInt16LE(8);
    const compressedSize = header.readUInt32LE(18),
      uncompressedSize = header.readUInt32LE(22);
    const nameLength = header.readUInt16LE(26),
      extraLength = header.readUInt16LE(28);
    const name = (await readAt(handle, e.headerOffset + LOCAL_SIZE, nameLength)).toString('utf8');
    e.sizesInDescriptor = (flags & HAS_DESCRIPTOR) !== 0 && compressedSize === 0;
    const sizesAgree = e.sizesInDescriptor || (compressedSize === e.compressedSize && uncompressedSize === e.uncompressedSize);
    if (name !== e.name || method !== e.method || flags & ENCRYPTED || !sizesAgree) throw refusal.damaged(`“${e.name}”的两处记录不一致`);
    e.dataStart = e.headerOffset + LOCAL_SIZE + nameLength + extraLength;
    e.dataEnd = e.dataStart + e.compressedSize;
    expected = e.dataEnd;
    if (e.sizesInDescriptor) {
      // unzipper reads a signed 16-byte descriptor here; it stops at the first signature.
      const descriptor = await readAt(handle, e.dataEnd, 16);
      if (
        descriptor.length < 16 ||
        descriptor.readUInt32LE(0) !== DESCRIPTOR ||
        descriptor.readUInt32LE(8) !== e.compressedSize ||
        descriptor.readUInt32LE(12) !== e.uncompressedSize
      ) {
        throw refusal.damaged(`“${e.name}”的数据描述符无效`);
      }
      expected += 16;
    }
  }
  if (expected !== directoryOffset) throw refusal.damaged('文件中有目录之外的内容');
}

/** The descriptor's signature, which must not occur inside data whose end is found by it. */
export const DESCRIPTOR_SIGNATURE = Buffer.from([0x50, 0x4b, 0x07, 0x08]);
