import exifr from 'exifr';

/**
 * Reads the two facts a photo's EXIF can add to a case as evidence: when it was taken and
 * where. The TIFF structure itself is parsed by exifr (a maintained, widely used reader); this
 * module only decides which of its values are plausible enough to keep.
 *
 * The bytes come from a stranger's phone, so nothing here throws on garbage: a block that
 * cannot be read gives null, and so does each fact that is missing or implausible, without
 * losing the others.
 */

export interface ExifFacts {
  /** DateTimeOriginal, local time as the camera's clock showed it: '2024-05-06T07:08:09'. */
  takenAtLocal: string | null;
  /** OffsetTimeOriginal (EXIF 2.31 and later), '+08:00', when the camera wrote one. */
  takenAtOffset: string | null;
  /** GPS position in decimal degrees, as the receiver gave it (WGS-84 on phones). */
  gps: { lat: number; lon: number } | null;
}

const EXIF_PREAMBLE = 'Exif\0\0';

// Only the Exif and GPS IFDs, values as written: exifr's "revived" dates would be read in the
// server's own time zone, and its translated values are English words we do not need. exifr's
// silentErrors (on by default) turns a broken segment into a missing one rather than a throw.
const EXIFR_OPTIONS: Parameters<typeof exifr.parse>[1] = {
  tiff: true,
  ifd1: false,
  interop: false,
  exif: { pick: ['DateTimeOriginal', 'OffsetTimeOriginal'] },
  gps: { pick: ['GPSLatitudeRef', 'GPSLatitude', 'GPSLongitudeRef', 'GPSLongitude'] },
  xmp: false,
  icc: false,
  iptc: false,
  jfif: false,
  ihdr: false,
  mergeOutput: false,
  reviveValues: false,
  translateValues: false,
};

type Segment = Record<string, unknown> | undefined;

/**
 * Reads an EXIF block: the TIFF structure itself (PNG eXIf, HEIC), or the same behind the
 * 'Exif\0\0' preamble of a JPEG APP1 segment (what sharp's metadata().exif gives for JPEG and
 * WebP). Null when the bytes are not a readable TIFF structure at all.
 */
export async function readExif(exif: Uint8Array | null | undefined): Promise<ExifFacts | null> {
  if (!exif) return null;
  let bytes = exif;
  if (bytes.length >= 6 && String.fromCharCode(...bytes.subarray(0, 6)) === EXIF_PREAMBLE) bytes = bytes.subarray(6);
  // exifr recognises a TIFF by its byte-order mark and 42; anything shorter than a header is not one.
  if (bytes.length < 8) return null;
  let parsed: { ifd0?: Segment; exif?: Segment; gps?: Segment } | undefined;
  try {
    parsed = await exifr.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), EXIFR_OPTIONS);
  } catch {
    return null; // not a TIFF structure, or one exifr gave up on
  }
  // No directory at all means exifr found a header but could not follow it anywhere.
  if (!parsed || typeof parsed !== 'object' || !(parsed.ifd0 || parsed.exif || parsed.gps)) return null;
  return {
    takenAtLocal: parseExifDateTime(text(parsed.exif?.DateTimeOriginal)),
    takenAtOffset: parseExifOffset(text(parsed.exif?.OffsetTimeOriginal)),
    gps: readGps(parsed.gps),
  };
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** 'YYYY:MM:DD HH:MM:SS' (EXIF 4.6.5) to '2024-05-06T07:08:09'; null for blanks and non-dates. */
export function parseExifDateTime(text: string | null): string | null {
  const match = text?.trim().match(/^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})/);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  // '0000:00:00 00:00:00' is what cameras write when their clock was never set.
  if (year < 1900 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  const [, y, mo, d, h, mi, s] = match;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}

/** '+08:00' style offsets (EXIF 2.31 OffsetTime*); null for blanks ('   :  ') and nonsense. */
export function parseExifOffset(text: string | null): string | null {
  const match = text?.trim().match(/^([+-])(\d{2}):(\d{2})$/);
  if (!match || Number(match[2]) > 14 || Number(match[3]) > 59) return null;
  return match[0];
}

function readGps(gps: Segment): { lat: number; lon: number } | null {
  if (!gps) return null;
  const lat = degrees(gps.GPSLatitude, text(gps.GPSLatitudeRef), 'N', 'S', 90);
  const lon = degrees(gps.GPSLongitude, text(gps.GPSLongitudeRef), 'E', 'W', 180);
  if (lat === null || lon === null) return null;
  // Phones without a fix write 0/1 0/1 0/1: a point in the Gulf of Guinea, not a county in China.
  if (lat === 0 && lon === 0) return null;
  return { lat, lon };
}

/** Degrees, minutes, seconds and a hemisphere letter to signed decimal degrees. */
function degrees(dms: unknown, ref: string | null, positive: string, negative: string, max: number): number | null {
  if (!Array.isArray(dms) || dms.length !== 3 || !dms.every((n) => typeof n === 'number' && Number.isFinite(n)) || !ref) return null;
  const [d, m, s] = dms as number[];
  if (d < 0 || m < 0 || m >= 60 || s < 0 || s >= 60) return null;
  const value = d + m / 60 + s / 3600;
  if (value > max) return null;
  const hemisphere = ref.trim().toUpperCase();
  if (hemisphere === positive) return value;
  if (hemisphere === negative) return -value;
  return null; // without its hemisphere a coordinate could be on the other side of the world
}
