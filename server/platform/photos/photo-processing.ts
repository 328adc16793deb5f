import sharp from 'sharp';
import { readExif } from './exif-reader.js';
import { heicToJpeg } from './heic-to-jpeg.js';
import { heifImageSizes } from './heif-image-sizes.js';
import { CASE_PHOTO_MAX_MB } from '../../../common/case-form.js';

/**
 * Photos of problems that residents and grid workers (网格员) take on their phones: a broken
 * streetlight, an abandoned car. The upload is kept as it came, as evidence; what the public
 * map and case timelines show is a re-encoded JPEG with every piece of metadata removed, since
 * a phone's EXIF tells where the photographer lives and which phone they own.
 */

export const PHOTO_LIMITS: Readonly<{ maxBytes: number; maxPixels: number; publicMaxEdge: number; thumbEdge: number }> = Object.freeze({
  maxBytes: CASE_PHOTO_MAX_MB * 1024 * 1024,
  // 60 MP covers a 50 MP phone sensor; beyond it a small file that decodes to gigabytes is a
  // decompression bomb, refused from its header before a single pixel is decoded.
  maxPixels: 60_000_000,
  publicMaxEdge: 2048,
  thumbEdge: 320,
});

export type PhotoKind = 'jpeg' | 'png' | 'webp' | 'heic';

export interface ProcessedPhoto {
  /** What was uploaded, from its first bytes. */
  kind: PhotoKind;
  /** The bytes as uploaded, EXIF and all: private evidence, never published. */
  original: Buffer;
  /** JPEG, upright, longest edge at most publicMaxEdge, sRGB, no metadata at all. */
  display: Buffer;
  /** JPEG, the same, longest edge at most thumbEdge. */
  thumb: Buffer;
  /** Of `display`. */
  width: number;
  height: number;
  /** EXIF DateTimeOriginal with its offset: '2024-05-06T07:08:09+08:00'. */
  takenAt: string | null;
  /** EXIF GPS in WGS-84 decimal degrees, for the private record; the caller decides its use. */
  gps: { lat: number; lon: number } | null;
}

export type PhotoRejectionCode = 'PHOTO_TOO_LARGE' | 'PHOTO_TYPE' | 'PHOTO_CORRUPT' | 'PHOTO_TOO_MANY_PIXELS';

/** Why an upload is not a photo we take; the message is for the person who sent it. */
export class PhotoRejected extends Error {
  constructor(
    readonly code: PhotoRejectionCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PhotoRejected';
  }
}

const rejected = {
  tooLarge: () => new PhotoRejected('PHOTO_TOO_LARGE', `照片太大：请上传 ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB 以内的照片`),
  type: () => new PhotoRejected('PHOTO_TYPE', '照片格式不支持：请上传 JPEG、PNG、WebP 或 HEIC 照片'),
  corrupt: (cause?: unknown) => new PhotoRejected('PHOTO_CORRUPT', '照片文件已损坏或不完整：请重新拍摄或选择照片后再上传', { cause }),
  tooManyPixels: () =>
    new PhotoRejected('PHOTO_TOO_MANY_PIXELS', `照片像素过多：请上传 ${PHOTO_LIMITS.maxPixels / 10_000} 万像素以内的照片`),
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Major brands of HEVC-coded HEIF (ISO/IEC 23008-12 annex B; see libheif issue 83). */
const HEVC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis']);
/** Generic HEIF brands: HEVC inside unless the compatible brands say AV1 (an AVIF). */
const GENERIC_HEIF_BRANDS = new Set(['mif1', 'msf1']);
const AV1_BRANDS = new Set(['avif', 'avis']);
/** The major brands heic-convert 2.1 decodes (heic-decode's isHeic): not layered heim/heis. */
const HEIC_CONVERT_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'mif1', 'msf1']);

/**
 * Cameras that do not write OffsetTimeOriginal record their clock's local time, and a phone in
 * this county keeps Beijing time (China has one time zone, UTC+8, no daylight saving).
 */
const BEIJING_TIME = '+08:00';

const latin1 = (bytes: Buffer, start: number, end: number) => bytes.toString('latin1', start, end);

/** The brands of an ISO BMFF file whose first box is 'ftyp', or null. */
function isoBrands(bytes: Buffer): { major: string; compatible: string[] } | null {
  if (bytes.length < 12 || latin1(bytes, 4, 8) !== 'ftyp') return null;
  // A real ftyp lists a handful of brands; a box claiming megabytes of them is read no further.
  const end = Math.min(bytes.readUInt32BE(0), bytes.length, 256);
  const compatible: string[] = [];
  for (let at = 16; at + 4 <= end; at += 4) compatible.push(latin1(bytes, at, at + 4));
  return { major: latin1(bytes, 8, 12), compatible };
}

/** What the bytes are, by their magic numbers alone: a client's file name and MIME type are not asked. */
export function sniffPhotoKind(bytes: Buffer): PhotoKind | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (bytes.length >= 12 && latin1(bytes, 0, 4) === 'RIFF' && latin1(bytes, 8, 12) === 'WEBP') return 'webp';
  const brands = isoBrands(bytes);
  if (!brands) return null;
  if (HEVC_BRANDS.has(brands.major)) return 'heic';
  if (GENERIC_HEIF_BRANDS.has(brands.major) && !brands.compatible.some((b) => AV1_BRANDS.has(b))) return 'heic';
  return null;
}

/**
 * Checks an upload, reads its EXIF evidence, and makes the public display and thumbnail JPEGs.
 * Throws PhotoRejected for anything that is not a usable photo, and nothing else for bad input.
 */
export async function processPhoto(bytes: Buffer): Promise<ProcessedPhoto> {
  if (bytes.length > PHOTO_LIMITS.maxBytes) throw rejected.tooLarge();
  const kind = sniffPhotoKind(bytes);
  if (!kind) throw rejected.type();

  // Layered HEVC (heim, heis) is HEIC too, but not one heic-convert can decode.
  if (kind === 'heic' && !HEIC_CONVERT_BRANDS.has(isoBrands(bytes)?.major ?? '')) throw rejected.type();

  // The header only: dimensions and EXIF, no pixels decoded (this works for HEIC too). sharp's
  // own pixel limit is off here so that a huge size is reported below as what it is.
  const header = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch((error: unknown) => {
      throw rejected.corrupt(error);
    });
  if (!header.width || !header.height) throw rejected.corrupt();
  if (header.width * header.height > PHOTO_LIMITS.maxPixels) throw rejected.tooManyPixels();
  if (kind === 'heic' && heifImageSizes(bytes).some(({ width, height }) => width * height > PHOTO_LIMITS.maxPixels)) {
    throw rejected.tooManyPixels(); // an image other than the primary one, which heic-convert might decode
  }
  const exif = await readExif(header.exif);

  // heic-convert applies the HEIF rotation (irot) itself and writes no EXIF, so its JPEG is
  // upright and the autoOrient below leaves it alone.
  const pixels =
    kind === 'heic'
      ? await heicToJpeg(bytes).catch((error: unknown) => {
          throw rejected.corrupt(error);
        })
      : bytes;
  const [display, thumb] = await Promise.all([
    publicJpeg(pixels, PHOTO_LIMITS.publicMaxEdge, 82),
    publicJpeg(pixels, PHOTO_LIMITS.thumbEdge, 75),
  ]);
  return {
    kind,
    original: bytes,
    display: display.data,
    thumb: thumb.data,
    width: display.info.width,
    height: display.info.height,
    takenAt: exif?.takenAtLocal ? `${exif.takenAtLocal}${exif.takenAtOffset ?? BEIJING_TIME}` : null,
    gps: exif?.gps ?? null,
  };
}

/**
 * Decodes, turns upright by EXIF orientation, fits inside edge × edge, and writes a JPEG.
 * sharp writes no metadata unless asked (no EXIF, GPS, XMP, IPTC or ICC) and converts from
 * the embedded colour profile to sRGB, which is what browsers assume for an untagged JPEG.
 */
async function publicJpeg(input: Buffer, edge: number, quality: number) {
  try {
    return await sharp(input, {
      // 'error' rather than the default 'warning': a truncated file still fails, while the
      // libjpeg warnings that photos straight from some phones raise do not (Samsung's
      // "Invalid SOS parameters", sharp issue 1578; Pixel's "extraneous bytes before marker
      // 0xdb", sharp issue 2416): refusing those would refuse the residents who took them.
      failOn: 'error',
      limitInputPixels: PHOTO_LIMITS.maxPixels,
    })
      .autoOrient()
      .resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' }) // a transparent PNG shows on white, not black
      .jpeg({ quality, progressive: true })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw rejected.corrupt(error);
  }
}
