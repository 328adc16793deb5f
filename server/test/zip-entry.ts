import { inflateRawSync } from 'node:zlib';

/** Opens one entry of a zip (a .docx) with nothing but zlib: the central directory, then the entry. */
export function zipEntry(zip: Buffer, name: string): string | null {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0, n = zip.readUInt16LE(end + 10); i < n; i++) {
    const method = zip.readUInt16LE(at + 10),
      size = zip.readUInt32LE(at + 20),
      nameLen = zip.readUInt16LE(at + 28);
    const extraLen = zip.readUInt16LE(at + 30),
      commentLen = zip.readUInt16LE(at + 32),
      local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLen) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + nameLen + extraLen + commentLen;
  }
  return null;
}
