import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { parseExifDateTime, parseExifOffset, readExif } from './exif-reader.js';

/** One IFD entry for the hand-built TIFF below: its type and its bytes in either order. */
interface Field {
  tag: number;
  type: number;
  count: number;
  bytes: (little: boolean) => Buffer;
}

const ascii = (tag: number, text: string): Field => ({
  tag,
  type: 2,
  count: text.length + 1,
  bytes: () => Buffer.from(`${text}\0`, 'latin1'),
});
const rationals = (tag: number, pairs: [number, number][], type = 5): Field => ({
  tag,
  type,
  count: pairs.length,
  bytes: (little) => {
    const out = Buffer.alloc(pairs.length * 8);
    pairs.forEach(([n, d], i) => {
      const write = (v: number, at: number) =>
        type === 10
          ? little
            ? out.writeInt32LE(v, at)
            : out.writeInt32BE(v, at)
          : little
            ? out.writeUInt32LE(v, at)
            : out.writeUInt32BE(v, at);
      write(n, i * 8);
      write(d, i * 8 + 4);
    });
    return out;
  },
});
const long = (tag: number, value: number): Field => ({
  tag,
  type: 4,
  count: 1,
  bytes: (little) => {
    const b = Buffer.alloc(4);
    if (little) b.writeUInt32LE(value);
    else b.writeUInt32BE(value);
    return b;
  },
});

/**
 * Lays out a TIFF structure the way the EXIF standard describes it: header, IFD0 (with the
 * Exif and GPS pointers added), the Exif IFD, the GPS IFD, then the values too long to sit in
 * their entries. Written by hand so both byte orders are covered, not only what sharp writes.
 */
function buildTiff(little: boolean, ifds: { ifd0?: Field[]; exif?: Field[]; gps?: Field[] }): Buffer {
  const ifdSize = (n: number) => 2 + n * 12 + 4;
  const exif = ifds.exif ?? null;
  const gps = ifds.gps ?? null;
  const ifd0Count = (ifds.ifd0?.length ?? 0) + (exif ? 1 : 0) + (gps ? 1 : 0);
  const ifd0At = 8;
  const exifAt = ifd0At + ifdSize(ifd0Count);
  const gpsAt = exifAt + (exif ? ifdSize(exif.length) : 0);
  let dataAt = gpsAt + (gps ? ifdSize(gps.length) : 0);
  const ifd0 = [...(ifds.ifd0 ?? [])];
  if (exif) ifd0.push(long(0x8769, exifAt));
  if (gps) ifd0.push(long(0x8825, gpsAt));

  const chunks: Buffer[] = [];
  const u16 = (v: number) => {
    const b = Buffer.alloc(2);
    if (little) b.writeUInt16LE(v);
    else b.writeUInt16BE(v);
    return b;
  };
  const u32 = (v: number) => {
    const b = Buffer.alloc(4);
    if (little) b.writeUInt32LE(v);
    else b.writeUInt32BE(v);
    return b;
  };
  const data: Buffer[] = [];
  const writeIfd = (fields: Field[]) => {
    chunks.push(u16(fields.length));
    for (const f of [...fields].sort((a, b) => a.tag - b.tag)) {
      const bytes = f.bytes(little);
      chunks.push(u16(f.tag), u16(f.type), u32(f.count));
      if (bytes.length <= 4) chunks.push(Buffer.concat([bytes, Buffer.alloc(4 - bytes.length)]));
      else {
        chunks.push(u32(dataAt));
        data.push(bytes);
        dataAt += bytes.length;
      }
    }
    chunks.push(u32(0));
  };
  chunks.push(Buffer.from(little ? 'II' : 'MM', 'latin1'), u16(42), u32(ifd0At));
  writeIfd(ifd0);
  if (exif) writeIfd(exif);
  if (gps) writeIfd(gps);
  return Buffer.concat([...chunks, ...data]);
}

const pingyin = {
  exif: [ascii(0x9003, '2024:05:06 07:08:09'), ascii(0x9011, '+08:00')],
  gps: [
    ascii(1, 'N'),
    rationals(2, [
      [36, 1],
      [17, 1],
      [2400, 100],
    ]),
    ascii(3, 'E'),
    rationals(4, [
      [116, 1],
      [27, 1],
      [0, 1],
    ]),
  ],
};
const PINGYIN = { lat: 36 + 17 / 60 + 24 / 3600, lon: 116 + 27 / 60 };

describe('readExif', () => {
  it('reads what sharp (libexif) writes into a JPEG, behind the Exif preamble', async () => {
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
      .jpeg()
      .withExif({
        IFD2: { DateTimeOriginal: '2024:05:06 07:08:09', OffsetTimeOriginal: '+08:00' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '36/1 17/1 2400/100', GPSLongitudeRef: 'E', GPSLongitude: '116/1 27/1 0/1' },
      })
      .toBuffer();
    const { exif } = await sharp(jpeg).metadata();
    expect(exif?.subarray(0, 6).toString('latin1')).toBe('Exif\0\0');
    const facts = await readExif(exif);
    expect(facts).toMatchObject({ takenAtLocal: '2024-05-06T07:08:09', takenAtOffset: '+08:00' });
    expect(facts?.gps?.lat).toBeCloseTo(PINGYIN.lat, 9);
    expect(facts?.gps?.lon).toBeCloseTo(PINGYIN.lon, 9);
  });

  it.each([true, false])('reads a bare TIFF structure in either byte order (little-endian: %s)', async (little) => {
    const facts = await readExif(buildTiff(little, pingyin));
    expect(facts).toMatchObject({ takenAtLocal: '2024-05-06T07:08:09', takenAtOffset: '+08:00' });
    expect(facts?.gps?.lat).toBeCloseTo(PINGYIN.lat, 9);
    expect(facts?.gps?.lon).toBeCloseTo(PINGYIN.lon, 9);
  });

  it('gives the southern and western hemispheres negative degrees, and accepts SRATIONAL', async () => {
    const gps = [
      ascii(1, 'S'),
      rationals(
        2,
        [
          [33, 1],
          [52, 1],
          [0, 1],
        ],
        10,
      ),
      ascii(3, 'w'),
      rationals(4, [
        [151, 1],
        [12, 1],
        [36, 1],
      ]),
    ];
    const facts = await readExif(buildTiff(false, { gps }));
    expect(facts?.gps?.lat).toBeCloseTo(-(33 + 52 / 60), 9);
    expect(facts?.gps?.lon).toBeCloseTo(-(151 + 12 / 60 + 36 / 3600), 9);
    expect(facts?.takenAtLocal).toBeNull();
  });

  it('reports each missing fact as null without losing the others', async () => {
    expect(await readExif(buildTiff(true, { ifd0: [ascii(0x010f, 'Make')] }))).toEqual({
      takenAtLocal: null,
      takenAtOffset: null,
      gps: null,
    });
    expect(await readExif(buildTiff(true, { exif: [ascii(0x9003, '2023:12:31 23:59:59')] }))).toEqual({
      takenAtLocal: '2023-12-31T23:59:59',
      takenAtOffset: null,
      gps: null,
    });
  });

  /** 116°E, the well-formed longitude beside each broken latitude below. */
  const east = [
    ascii(3, 'E'),
    rationals(4, [
      [116, 1],
      [0, 1],
      [0, 1],
    ]),
  ];
  // prettier-ignore
  it.each([
    ['a zero denominator (0/0 is "unknown")', [ascii(1, 'N'), rationals(2, [[36, 1], [0, 0], [0, 1]]), ...east]],
    ['no hemisphere', [rationals(2, [[36, 1], [0, 1], [0, 1]]), ...east]],
    ['a hemisphere letter that is not one', [ascii(1, 'X'), rationals(2, [[36, 1], [0, 1], [0, 1]]), ...east]],
    ['a latitude past the pole', [ascii(1, 'N'), rationals(2, [[91, 1], [0, 1], [0, 1]]), ...east]],
    ['sixty minutes', [ascii(1, 'N'), rationals(2, [[36, 1], [60, 1], [0, 1]]), ...east]],
    ['0,0 written by a phone without a fix',
      [ascii(1, 'N'), rationals(2, [[0, 1], [0, 1], [0, 1]]), ascii(3, 'E'), rationals(4, [[0, 1], [0, 1], [0, 1]])]],
    ['latitude given as text', [ascii(1, 'N'), ascii(2, '36.29'), ...east]],
    ['only two components', [ascii(1, 'N'), rationals(2, [[36, 1], [0, 1]]), ...east]],
  ] as [string, Field[]][])('rejects a GPS position with %s', async (_, gps) => {
    expect(await readExif(buildTiff(true, { gps, exif: pingyin.exif }))).toEqual({
      takenAtLocal: '2024-05-06T07:08:09',
      takenAtOffset: '+08:00',
      gps: null,
    });
  });

  it('survives pointers and counts that lead past the end', async () => {
    const good = buildTiff(true, pingyin);
    // The GPS pointer is IFD0's second entry (tags sorted: 0x8769, 0x8825); aim it far away.
    const badPointer = Buffer.from(good);
    badPointer.writeUInt32LE(0xfffffff0, 8 + 2 + 12 + 8);
    expect(await readExif(badPointer)).toMatchObject({ takenAtLocal: '2024-05-06T07:08:09', gps: null });

    // DateTimeOriginal claiming four billion characters: no allocation, no throw, just null.
    const exifAt = good.readUInt32LE(8 + 2 + 8);
    const hugeCount = Buffer.from(good);
    hugeCount.writeUInt32LE(0xffffffff, exifAt + 2 + 4);
    expect(await readExif(hugeCount)).toMatchObject({ takenAtLocal: null, gps: { lat: expect.any(Number) } });

    // An Exif pointer aimed back at IFD0: read once, no loop.
    const selfPointer = Buffer.from(good);
    selfPointer.writeUInt32LE(8, 8 + 2 + 8);
    expect(await readExif(selfPointer)).toMatchObject({ takenAtLocal: null });
  });

  it('returns null for anything that is not a TIFF structure', async () => {
    expect(await readExif(undefined)).toBeNull();
    expect(await readExif(Buffer.alloc(0))).toBeNull();
    expect(await readExif(Buffer.from('Exif\0\0', 'latin1'))).toBeNull();
    expect(await readExif(Buffer.from('II*\0', 'latin1'))).toBeNull();
    expect(await readExif(Buffer.from('II+\0\x08\0\0\0\0\0', 'latin1'))).toBeNull();
    expect(await readExif(Buffer.from('MM\0*\xff\xff\xff\xff', 'latin1'))).toBeNull();
    expect(await readExif(Buffer.from('<x:xmpmeta xmlns:x="adobe:ns:meta/">', 'latin1'))).toBeNull();
  });

  it('never throws on a truncated or mutated block (fuzzed)', async () => {
    const blocks = [buildTiff(true, pingyin), buildTiff(false, pingyin)];
    let seed = 20240506;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const shapeOk = (facts: Awaited<ReturnType<typeof readExif>>) =>
      facts === null || (typeof facts === 'object' && 'takenAtLocal' in facts && 'gps' in facts);
    for (const block of blocks) {
      for (let end = 0; end <= block.length; end++) expect(shapeOk(await readExif(block.subarray(0, end)))).toBe(true);
      for (let round = 0; round < 3000; round++) {
        const mutated = Buffer.from(block);
        const flips = 1 + Math.floor(random() * 4);
        for (let i = 0; i < flips; i++) mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
        expect(shapeOk(await readExif(mutated))).toBe(true);
      }
    }
    for (let round = 0; round < 500; round++) {
      const noise = Buffer.alloc(Math.floor(random() * 200));
      for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(random() * 256);
      if (noise.length >= 4) noise.write(round % 2 ? 'II*\0' : 'MM\0*', 0, 'latin1');
      expect(shapeOk(await readExif(noise))).toBe(true);
    }
    // Some 7 000 parses: about 30 s alone, past a minute on two cores shared with the rest of the suite.
  }, 240_000);
});

describe('parseExifDateTime and parseExifOffset', () => {
  it.each([
    ['2024:05:06 07:08:09', '2024-05-06T07:08:09'],
    ['2024-05-06 07:08:09', '2024-05-06T07:08:09'],
    ['2024:02:29 12:00:00', '2024-02-29T12:00:00'],
    ['2023:02:29 12:00:00', null],
    ['0000:00:00 00:00:00', null],
    ['    :  :     :  :  ', null],
    ['2024:13:01 00:00:00', null],
    ['2024:05:06 24:00:00', null],
    ['yesterday', null],
    [null, null],
  ])('%s -> %s', (text, expected) => expect(parseExifDateTime(text)).toBe(expected));

  it.each([
    ['+08:00', '+08:00'],
    ['-05:30', '-05:30'],
    ['   :  ', null],
    ['+8:00', null],
    ['+15:00', null],
  ])('%s -> %s', (text, expected) => expect(parseExifOffset(text)).toBe(expected));
});
