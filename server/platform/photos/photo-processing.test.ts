import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PHOTO_LIMITS, PhotoRejected, processPhoto, sniffPhotoKind, type PhotoRejectionCode } from './photo-processing.js';
import {
  BLUE,
  PINGYIN,
  PINGYIN_EXIF,
  RED,
  addHeifProperty,
  blackPng,
  halves,
  ispeBox,
  jpegSegments,
  phoneJpeg,
  pixelAt,
  withClaimedSize,
} from './test-images.js';

const HEIC_FIXTURE = readFileSync(new URL('./fixtures/halves-160x120.heic', import.meta.url));
const HEIC_PORTRAIT = readFileSync(new URL('./fixtures/portrait-irot-exif6.heic', import.meta.url));

async function rejection(bytes: Buffer): Promise<PhotoRejected> {
  const error = await processPhoto(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PhotoRejected);
  return error as PhotoRejected;
}
const rejectedAs = async (bytes: Buffer, code: PhotoRejectionCode) => expect((await rejection(bytes)).code).toBe(code);

/** Fails if a public JPEG carries anything but pixels: EXIF, GPS, XMP, ICC, IPTC or a comment. */
async function expectNoMetadata(jpeg: Buffer) {
  expect(sniffPhotoKind(jpeg)).toBe('jpeg');
  const meta = await sharp(jpeg).metadata();
  expect({ exif: meta.exif, xmp: meta.xmp, icc: meta.icc, iptc: meta.iptc, orientation: meta.orientation }).toEqual({});
  const segments = jpegSegments(jpeg);
  // APP1 (Exif, XMP), APP2 (ICC), APP13 (IPTC), COM; an APP0 JFIF marker alone would be harmless.
  const extra = segments.filter((s) => (s.marker >= 0xe1 && s.marker <= 0xef) || s.marker === 0xfe);
  expect(extra.map((s) => s.marker.toString(16))).toEqual([]);
  const header = Buffer.concat(segments.map((s) => s.body));
  for (const text of ['Exif', 'GPS', 'http://ns.adobe.com', 'ICC_PROFILE', 'Photoshop', 'CivicGrid']) {
    expect(header.includes(text), text).toBe(false);
  }
  // The whole of a small file too (a 3-byte accident in compressed data is vanishingly rare there).
  if (jpeg.length < 64 * 1024) for (const text of ['Exif', 'GPS']) expect(jpeg.includes(text), text).toBe(false);
}

const near = (actual: { r: number; g: number; b: number }, expected: { r: number; g: number; b: number }) =>
  expect(Math.max(Math.abs(actual.r - expected.r), Math.abs(actual.g - expected.g), Math.abs(actual.b - expected.b))).toBeLessThan(40);

describe('sniffPhotoKind', () => {
  const ftyp = (major: string, compatible = 'mif1heic') =>
    Buffer.concat([Buffer.from([0, 0, 0, 16 + compatible.length]), Buffer.from(`ftyp${major}\0\0\0\0${compatible}`, 'latin1')]);

  it('knows the four kinds by their first bytes', async () => {
    const image = sharp(halves(8, 8), { raw: { width: 8, height: 8, channels: 3 } });
    expect(sniffPhotoKind(await image.clone().jpeg().toBuffer())).toBe('jpeg');
    expect(sniffPhotoKind(await image.clone().png().toBuffer())).toBe('png');
    expect(sniffPhotoKind(await image.clone().webp().toBuffer())).toBe('webp');
    expect(sniffPhotoKind(HEIC_FIXTURE)).toBe('heic');
    for (const brand of ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']) expect(sniffPhotoKind(ftyp(brand))).toBe('heic');
  });

  it('knows nothing else, whatever the file was called', async () => {
    const avif = await sharp(halves(8, 8), { raw: { width: 8, height: 8, channels: 3 } })
      .avif()
      .toBuffer();
    for (const bytes of [
      Buffer.from('这不是照片，只是改了扩展名的文本文件 (renamed to .jpg)\n'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      Buffer.from('%PDF-1.7\n'),
      Buffer.from('GIF89a\x01\0\x01\0', 'latin1'),
      Buffer.from('RIFF\0\0\0\0WAVEfmt ', 'latin1'),
      ftyp('isom', 'isomiso2mp41'), // an MP4 video
      ftyp('mif1', 'mif1avifmiaf'), // an AVIF under the generic HEIF brand
      avif,
      Buffer.from([0xff, 0xd8]),
      Buffer.alloc(0),
    ])
      expect(sniffPhotoKind(bytes)).toBeNull();
  });
});

describe('processPhoto', () => {
  it('strips every piece of metadata from the public copies but keeps the original as uploaded', async () => {
    const upload = await phoneJpeg();
    // The fixture must really carry what is to be stripped, or this test proves nothing.
    const input = await sharp(upload).metadata();
    expect([input.exif, input.xmp, input.icc].every(Boolean)).toBe(true);
    expect(upload.includes('GPS')).toBe(true);

    const photo = await processPhoto(upload);
    expect(photo.kind).toBe('jpeg');
    expect(photo.original).toBe(upload);
    await expectNoMetadata(photo.display);
    await expectNoMetadata(photo.thumb);
  });

  it('reads when and where the photo was taken, before stripping', async () => {
    const photo = await processPhoto(await phoneJpeg());
    // No OffsetTimeOriginal: the phone's clock is taken to be on Beijing time.
    expect(photo.takenAt).toBe('2024-05-06T07:08:09+08:00');
    expect(photo.gps?.lat).toBeCloseTo(PINGYIN.lat, 9);
    expect(photo.gps?.lon).toBeCloseTo(PINGYIN.lon, 9);

    const abroad = await processPhoto(
      await phoneJpeg({
        exif: { IFD2: { DateTimeOriginal: '2024:05:06 07:08:09', OffsetTimeOriginal: '-05:00' } },
      }),
    );
    expect(abroad).toMatchObject({ takenAt: '2024-05-06T07:08:09-05:00', gps: null });

    const bare = await processPhoto(
      await sharp(halves(40, 30), { raw: { width: 40, height: 30, channels: 3 } })
        .jpeg()
        .toBuffer(),
    );
    expect(bare).toMatchObject({ takenAt: null, gps: null });
  });

  it('turns a photo upright by its EXIF orientation (6: taken with the phone held upright)', async () => {
    const photo = await processPhoto(await phoneJpeg({ width: 120, height: 80, orientation: 6 }));
    expect([photo.width, photo.height]).toEqual([80, 120]);
    expect(await sharp(photo.display).metadata()).toMatchObject({ width: 80, height: 120 });
    expect(await sharp(photo.thumb).metadata()).toMatchObject({ width: 80, height: 120 });
    // Rotated 90° clockwise: the stored left half (red) is now the top.
    near(await pixelAt(photo.display, 40, 10), RED);
    near(await pixelAt(photo.display, 40, 110), BLUE);
  });

  it('fits the display copy and the thumbnail inside their edges, keeping the aspect ratio', async () => {
    const large = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#6a8' } })
      .jpeg()
      .toBuffer();
    const photo = await processPhoto(large);
    expect([photo.width, photo.height]).toEqual([2048, 1536]);
    expect(await sharp(photo.thumb).metadata()).toMatchObject({ width: 320, height: 240 });

    const small = await processPhoto(await phoneJpeg({ width: 100, height: 60 }));
    expect([small.width, small.height]).toEqual([100, 60]); // never enlarged
    expect(await sharp(small.thumb).metadata()).toMatchObject({ width: 100, height: 60 });
  });

  it('converts from the embedded colour profile to sRGB instead of dropping it', async () => {
    // A P3 green: read as sRGB numbers it would be a different colour.
    const p3 = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 60, g: 180, b: 60 } } })
      .withIccProfile('p3')
      .jpeg({ quality: 100 })
      .toBuffer();
    const asTagged = await pixelAt(await sharp(p3).jpeg({ quality: 100 }).toBuffer(), 8, 8);
    const asUntagged = await pixelAt(await sharp(p3, { ignoreIcc: true }).jpeg({ quality: 100 }).toBuffer(), 8, 8);
    expect(Math.abs(asTagged.r - asUntagged.r) + Math.abs(asTagged.b - asUntagged.b)).toBeGreaterThan(20);
    near(await pixelAt((await processPhoto(p3)).display, 8, 8), asTagged);
  });

  it('accepts PNG (transparency on white) and WebP, and reads their EXIF too', async () => {
    const transparent = await sharp({ create: { width: 64, height: 48, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .withExif(PINGYIN_EXIF)
      .png()
      .toBuffer();
    const png = await processPhoto(transparent);
    expect(png).toMatchObject({ kind: 'png', width: 64, height: 48, takenAt: '2024-05-06T07:08:09+08:00' });
    near(await pixelAt(png.display, 10, 10), { r: 255, g: 255, b: 255 });
    await expectNoMetadata(png.display);

    const webpUpload = await sharp(halves(64, 48), { raw: { width: 64, height: 48, channels: 3 } })
      .withExif(PINGYIN_EXIF)
      .webp()
      .toBuffer();
    const webp = await processPhoto(webpUpload);
    expect(webp).toMatchObject({ kind: 'webp', width: 64, height: 48 });
    expect(webp.gps?.lat).toBeCloseTo(PINGYIN.lat, 9);
    near(await pixelAt(webp.display, 5, 24), RED);
    await expectNoMetadata(webp.display);
    await expectNoMetadata(webp.thumb);
  });

  it('refuses a file over the size limit before looking inside it', async () => {
    const huge = Buffer.concat([await phoneJpeg(), Buffer.alloc(20 * 1024 * 1024)]);
    const error = await rejection(huge);
    expect(error).toMatchObject({ code: 'PHOTO_TOO_LARGE', message: expect.stringContaining('15 MB') });
    await rejectedAs(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(PHOTO_LIMITS.maxBytes)]), 'PHOTO_TOO_LARGE');
  });

  it('refuses decompression bombs from their headers, without decoding them', async () => {
    const bomb = blackPng(10_000, 10_000); // 100 megapixels in ~100 KB
    expect(bomb.length).toBeLessThan(PHOTO_LIMITS.maxBytes);
    const error = await rejection(bomb);
    expect(error).toMatchObject({ code: 'PHOTO_TOO_MANY_PIXELS', message: expect.stringContaining('6000 万像素') });
    // 10 gigapixels (30 GB decoded) claimed by a header with one row of data behind it.
    await rejectedAs(blackPng(100_000, 100_000, 1), 'PHOTO_TOO_MANY_PIXELS');
    await rejectedAs(withClaimedSize(await phoneJpeg(), 65_000, 65_000), 'PHOTO_TOO_MANY_PIXELS');
    // A HEIC whose primary image is small but which declares a huge second one.
    const hidden = addHeifProperty(HEIC_FIXTURE, ispeBox(100_000, 100_000), false);
    expect(await sharp(hidden).metadata()).toMatchObject({ width: 160, height: 120 });
    await rejectedAs(hidden, 'PHOTO_TOO_MANY_PIXELS');
  });

  it('refuses what is not a photo of a kind it takes, whatever its name or declared type', async () => {
    await rejectedAs(Buffer.from('这不是照片，只是改了扩展名的文本文件 (renamed to .jpg)\n'), 'PHOTO_TYPE');
    const error = await rejection(Buffer.from('GIF89a\x01\0\x01\0', 'latin1'));
    expect(error.message).toBe('照片格式不支持：请上传 JPEG、PNG、WebP 或 HEIC 照片');
    // AVIF (AV1 in HEIF) is not taken, whether its major brand says so or only its compatible ones.
    const avif = await sharp(halves(16, 16), { raw: { width: 16, height: 16, channels: 3 } })
      .avif()
      .toBuffer();
    await rejectedAs(avif, 'PHOTO_TYPE');
    const generic = Buffer.from(avif);
    generic.write('mif1', 8, 'latin1');
    await rejectedAs(generic, 'PHOTO_TYPE');
    // Layered HEVC is HEIC, but heic-convert cannot decode it.
    const layered = Buffer.from(HEIC_FIXTURE);
    layered.write('heim', 8, 'latin1');
    expect(sniffPhotoKind(layered)).toBe('heic');
    await rejectedAs(layered, 'PHOTO_TYPE');
  });

  it('accepts a JPEG that only raises a decoder warning, as some Android phones write them', async () => {
    // Bytes between two markers: libjpeg's "Corrupt JPEG data: 5 extraneous bytes before marker 0xdb".
    const jpeg = await phoneJpeg();
    const dqt = jpeg.indexOf(Buffer.from([0xff, 0xdb]));
    const photo = await processPhoto(Buffer.concat([jpeg.subarray(0, dqt), Buffer.from([1, 2, 3, 4, 5]), jpeg.subarray(dqt)]));
    expect([photo.width, photo.height]).toEqual([120, 80]);
  });

  it('refuses truncated and damaged files as corrupt, never with a raw decoder error', async () => {
    const jpeg = await phoneJpeg({ width: 400, height: 300 });
    await rejectedAs(jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), 'PHOTO_CORRUPT');
    await rejectedAs(jpeg.subarray(0, jpeg.length - 40), 'PHOTO_CORRUPT');
    await rejectedAs(jpeg.subarray(0, 200), 'PHOTO_CORRUPT');
    await rejectedAs(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(500, 0x41)]), 'PHOTO_CORRUPT');

    const image = sharp(halves(200, 150), { raw: { width: 200, height: 150, channels: 3 } });
    for (const whole of [await image.clone().png().toBuffer(), await image.clone().webp().toBuffer(), HEIC_FIXTURE]) {
      await rejectedAs(whole.subarray(0, Math.floor(whole.length * 0.6)), 'PHOTO_CORRUPT');
    }
    await rejectedAs(Buffer.from('RIFF\0\0\0\0WEBPVP8 garbage', 'latin1'), 'PHOTO_CORRUPT');
  });
});

describe('processPhoto with HEIC (HEVC-coded fixtures, see fixtures/README.md)', () => {
  it('converts it through heic-convert into the same stripped JPEGs, with its EXIF read', async () => {
    const photo = await processPhoto(HEIC_FIXTURE);
    expect(photo).toMatchObject({ kind: 'heic', width: 160, height: 120, takenAt: '2024-05-06T07:08:09+08:00' });
    expect(photo.original).toBe(HEIC_FIXTURE);
    expect(photo.gps?.lat).toBeCloseTo(PINGYIN.lat, 9);
    expect(photo.gps?.lon).toBeCloseTo(PINGYIN.lon, 9);
    near(await pixelAt(photo.display, 20, 60), RED);
    near(await pixelAt(photo.display, 140, 60), BLUE);
    await expectNoMetadata(photo.display);
    await expectNoMetadata(photo.thumb);
  });

  it('turns an iPhone-style portrait upright exactly once (HEIF irot, with EXIF orientation 6 beside it)', async () => {
    // Stored 160×120 like the sensor sees it; irot turns it 90° clockwise, and EXIF says the same.
    const photo = await processPhoto(HEIC_PORTRAIT);
    expect([photo.width, photo.height]).toEqual([120, 160]);
    expect(await sharp(photo.thumb).metadata()).toMatchObject({ width: 120, height: 160 });
    near(await pixelAt(photo.display, 60, 10), RED);
    near(await pixelAt(photo.display, 60, 150), BLUE);
    await expectNoMetadata(photo.display);
  });

  it('refuses a file whose container is sound but whose HEVC picture is not as corrupt', async () => {
    // sharp reads the header and the EXIF; only the decoder in the worker finds the damage.
    const damaged = Buffer.from(HEIC_FIXTURE);
    damaged.fill(0, damaged.indexOf('mdat') + 4);
    expect(await sharp(damaged).metadata()).toMatchObject({ width: 160, height: 120 });
    await rejectedAs(damaged, 'PHOTO_CORRUPT');
  });
});
