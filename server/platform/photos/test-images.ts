import { deflateSync } from 'node:zlib';
import sharp, { type Exif } from 'sharp';

/**
 * Test images for photo-processing.test.ts, made in the test rather than checked in: each
 * carries exactly the metadata a test needs to see removed or read.
 */

export const RED = { r: 220, g: 30, b: 30 };
export const BLUE = { r: 30, g: 60, b: 220 };

/** Raw RGB pixels, left half red and right half blue, so a rotation shows which way it went. */
export function halves(width: number, height: number): Buffer {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const { r, g, b } = x < width / 2 ? RED : BLUE;
      pixels.set([r, g, b], (y * width + x) * 3);
    }
  }
  return pixels;
}

/** 平阴县 (Pingyin county, Jinan) written as EXIF degrees, minutes and seconds. */
export const PINGYIN_EXIF: Exif = {
  IFD0: { Make: 'CivicGrid test phone', Model: 'Model 7' },
  IFD2: { DateTimeOriginal: '2024:05:06 07:08:09' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '36/1 17/1 2400/100', GPSLongitudeRef: 'E', GPSLongitude: '116/1 27/1 0/1' },
};
export const PINGYIN = { lat: 36 + 17 / 60 + 24 / 3600, lon: 116 + 27 / 60 };

const XMP =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="36,17.4N"/></rdf:RDF></x:xmpmeta>';

/**
 * A phone-like JPEG: EXIF with GPS, XMP, a Display P3 colour profile (what iPhones embed) and
 * an orientation, everything the public copies must lose.
 */
export async function phoneJpeg(options: { width?: number; height?: number; orientation?: number; exif?: Exif } = {}) {
  const { width = 120, height = 80, orientation = 1, exif = PINGYIN_EXIF } = options;
  return sharp(halves(width, height), { raw: { width, height, channels: 3 } })
    .withMetadata({ orientation })
    .withIccProfile('p3')
    .withExif(exif)
    .withXmp(XMP)
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** The markers of a JPEG's header segments, up to the start of the scan: [0xe1, 'Exif'...]. */
export function jpegSegments(jpeg: Buffer): { marker: number; body: Buffer }[] {
  const segments: { marker: number; body: Buffer }[] = [];
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1];
    const length = jpeg.readUInt16BE(at + 2);
    segments.push({ marker, body: jpeg.subarray(at + 4, at + 2 + length) });
    if (marker === 0xda) break; // start of scan: entropy-coded data follows
    at += 2 + length;
  }
  return segments;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/**
 * A greyscale PNG of the given size whose every row is black: a decompression bomb, since the
 * zeros deflate ~1000:1. With `rows` it holds only that many rows of pixel data, so a header
 * can claim any size for the price of a few bytes.
 */
export function blackPng(width: number, height: number, rows = height): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, adaptive filter, no interlace
  const scanlines = Buffer.alloc((width + 1) * rows); // each row: filter byte 0, then zeros
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(scanlines)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A copy of a JPEG whose frame header (SOF0) claims another size; the scan data is unchanged. */
export function withClaimedSize(jpeg: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(jpeg);
  const sof = jpegSegments(copy).find((s) => s.marker === 0xc0 || s.marker === 0xc2);
  if (!sof) throw new Error('no SOF segment');
  const at = sof.body.byteOffset - copy.byteOffset; // precision byte, then height, then width
  copy.writeUInt16BE(height, at + 1);
  copy.writeUInt16BE(width, at + 3);
  return copy;
}

/** The RGB of one pixel of a decoded image, for checking where colours ended up. */
export async function pixelAt(image: Buffer, x: number, y: number) {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return { r: data[at], g: data[at + 1], b: data[at + 2] };
}

/** HEIF 'irot': turn the image `quarterTurns` × 90° anticlockwise (3 is 90° clockwise). */
export const irotBox = (quarterTurns: number) => Buffer.from([0, 0, 0, 9, ...Buffer.from('irot'), quarterTurns]);

/** HEIF 'ispe' (a FullBox): the width and height an image declares. */
export function ispeBox(width: number, height: number): Buffer {
  const box = Buffer.alloc(20);
  box.writeUInt32BE(20, 0);
  box.write('ispe', 4, 'latin1');
  box.writeUInt32BE(width, 12);
  box.writeUInt32BE(height, 16);
  return box;
}

/**
 * Adds a property to a single-image HEIC laid out as heif-enc 1.15 writes one: the box goes at
 * the end of ipco, is associated as essential with the one item in ipma if asked, and the
 * sizes of meta, iprp and ipco and every iloc base offset move by the bytes added. Enough to
 * make test files (fixtures/portrait-irot-exif6.heic came from it), not a HEIF editor.
 */
export function addHeifProperty(heic: Buffer, property: Buffer, associate: boolean): Buffer {
  const size = (at: number) => heic.readUInt32BE(at);
  const find = (start: number, end: number, type: string) => {
    for (let at = start; at + 8 <= end; at += size(at)) if (heic.toString('latin1', at + 4, at + 8) === type) return at;
    throw new Error(`no ${type} box`);
  };
  const meta = find(0, heic.length, 'meta');
  const iloc = find(meta + 12, meta + size(meta), 'iloc');
  const iprp = find(meta + 12, meta + size(meta), 'iprp');
  const ipco = find(iprp + 8, iprp + size(iprp), 'ipco');
  const ipma = find(iprp + 8, iprp + size(iprp), 'ipma');
  // One ipma entry, 1-byte associations, ipma right after ipco, iloc v0 with 4-byte fields.
  if (
    ipco + size(ipco) !== ipma ||
    size(ipma + 12) !== 1 ||
    heic[ipma + 11] & 1 ||
    iloc > ipco ||
    heic[iloc + 8] !== 0 ||
    heic.readUInt16BE(iloc + 12) !== 0x4440
  )
    throw new Error('not a layout this helper knows');
  let properties = 0;
  for (let at = ipco + 8; at < ipma; at += size(at)) properties++;

  const oldIpma = heic.subarray(ipma, ipma + size(ipma));
  const newIpma = Buffer.concat([oldIpma, associate ? Buffer.from([0x80 | (properties + 1)]) : Buffer.alloc(0)]);
  newIpma.writeUInt32BE(newIpma.length, 0);
  if (associate) newIpma[18] += 1;
  const out = Buffer.concat([heic.subarray(0, ipma), property, newIpma, heic.subarray(ipma + oldIpma.length)]);
  const added = out.length - heic.length;
  for (const [box, grown] of [
    [meta, added],
    [iprp, added],
    [ipco, property.length],
  ])
    out.writeUInt32BE(size(box) + grown, box);
  const items = out.readUInt16BE(iloc + 14);
  for (let i = 0, at = iloc + 16; i < items; i++, at += 18) {
    if (out.readUInt16BE(at + 8) !== 1) throw new Error('an item in more than one extent');
    out.writeUInt32BE(out.readUInt32BE(at + 4) + added, at + 4);
  }
  return out;
}
