/**
 * Reads the two facts a photo's EXIF can add to a case as evidence: when it was taken and
 * where. EXIF is a TIFF structure (CIPA DC-008, EXIF 2.32): a byte-order mark, IFDs of 12-byte
 * entries, and offsets from the TIFF header to everything that does not fit in 4 bytes.
 *
 * The bytes come from a stranger's phone, so every read is bounds-checked and nothing here
 * throws on garbage: a structure that cannot be read gives null, and so does each fact that is
 * missing or implausible, without losing the others.
 */

export interface ExifFacts {
  /** DateTimeOriginal, local time as the camera's clock showed it: '2024-05-06T07:08:09'. */
  takenAtLocal: string | null;
  /** OffsetTimeOriginal (EXIF 2.31 and later), '+08:00', when the camera wrote one. */
  takenAtOffset: string | null;
  /** GPS position in decimal degrees, as the receiver gave it (WGS-84 on phones). */
  gps: { lat: number; lon: number } | null;
}

const TAG = {
  exifIfd: 0x8769,
  gpsIfd: 0x8825,
  dateTimeOriginal: 0x9003,
  offsetTimeOriginal: 0x9011,
  gpsLatitudeRef: 0x0001,
  gpsLatitude: 0x0002,
  gpsLongitudeRef: 0x0003,
  gpsLongitude: 0x0004,
} as const;

const TYPE = { ascii: 2, long: 4, rational: 5, srational: 10, ifd: 13 } as const;
/** Bytes per component of each TIFF field type; unknown types are skipped. */
const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };

interface Entry {
  type: number;
  count: number;
  valueAt: number;
}

/** Thrown by a read past the end, and caught in this file only: it never reaches a caller. */
class OutOfBounds extends Error {}

class Tiff {
  private readonly view: DataView;

  constructor(
    bytes: Uint8Array,
    private readonly little: boolean,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private check(offset: number, size: number) {
    if (!Number.isSafeInteger(offset) || offset < 0 || offset + size > this.view.byteLength) throw new OutOfBounds();
  }
  u8(offset: number) {
    this.check(offset, 1);
    return this.view.getUint8(offset);
  }
  u16(offset: number) {
    this.check(offset, 2);
    return this.view.getUint16(offset, this.little);
  }
  u32(offset: number) {
    this.check(offset, 4);
    return this.view.getUint32(offset, this.little);
  }
  i32(offset: number) {
    this.check(offset, 4);
    return this.view.getInt32(offset, this.little);
  }

  /** The entries of the IFD at `offset`, by tag; the first of a repeated tag wins. */
  ifd(offset: number): Map<number, Entry> {
    if (offset < 8) throw new OutOfBounds(); // an IFD cannot overlap the 8-byte header
    const count = this.u16(offset);
    this.check(offset + 2, count * 12);
    const entries = new Map<number, Entry>();
    for (let i = 0; i < count; i++) {
      const at = offset + 2 + i * 12;
      const tag = this.u16(at);
      const type = this.u16(at + 2);
      const size = TYPE_SIZE[type];
      if (size === undefined || entries.has(tag)) continue;
      const components = this.u32(at + 4);
      // Values of 4 bytes or fewer sit in the entry itself; longer ones are at an offset.
      const valueAt = size * components <= 4 ? at + 8 : this.u32(at + 8);
      entries.set(tag, { type, count: components, valueAt });
    }
    return entries;
  }

  /** An ASCII value up to its first NUL, or null if the entry is not text. */
  ascii(entry: Entry | undefined): string | null {
    if (!entry || entry.type !== TYPE.ascii) return null;
    this.check(entry.valueAt, entry.count);
    let text = '';
    for (let i = 0; i < entry.count; i++) {
      const byte = this.u8(entry.valueAt + i);
      if (byte === 0) break;
      text += String.fromCharCode(byte);
    }
    return text;
  }

  /** The first `n` (signed or unsigned) rationals, or null if absent or divided by zero. */
  rationals(entry: Entry | undefined, n: number): number[] | null {
    if (!entry || (entry.type !== TYPE.rational && entry.type !== TYPE.srational) || entry.count < n) return null;
    const signed = entry.type === TYPE.srational;
    const values: number[] = [];
    for (let i = 0; i < n; i++) {
      const at = entry.valueAt + i * 8;
      const numerator = signed ? this.i32(at) : this.u32(at);
      const denominator = signed ? this.i32(at + 4) : this.u32(at + 4);
      if (denominator === 0) return null; // 0/0 is how some cameras write "unknown"
      values.push(numerator / denominator);
    }
    return values;
  }

  /** The offset a sub-IFD pointer (Exif IFD, GPS IFD) holds, or null. */
  pointer(entry: Entry | undefined): number | null {
    if (!entry || (entry.type !== TYPE.long && entry.type !== TYPE.ifd) || entry.count < 1) return null;
    return this.u32(entry.valueAt);
  }
}

/** Runs one read, turning a read past the end into null, so one broken IFD loses one fact. */
function orNull<T>(read: () => T | null): T | null {
  try {
    return read();
  } catch (error) {
    if (error instanceof OutOfBounds) return null;
    throw error;
  }
}

const EXIF_PREAMBLE = 'Exif\0\0';

/**
 * Reads an EXIF block: the TIFF structure itself (PNG eXIf, HEIC), or the same behind the
 * 'Exif\0\0' preamble of a JPEG APP1 segment (what sharp's metadata().exif gives for JPEG and
 * WebP). Null when the bytes are not a readable TIFF structure at all.
 */
export function readExif(exif: Uint8Array | null | undefined): ExifFacts | null {
  if (!exif) return null;
  let bytes = exif;
  if (bytes.length >= 6 && String.fromCharCode(...bytes.subarray(0, 6)) === EXIF_PREAMBLE) bytes = bytes.subarray(6);
  if (bytes.length < 8) return null;
  const order = String.fromCharCode(bytes[0], bytes[1]);
  if (order !== 'II' && order !== 'MM') return null;
  const tiff = new Tiff(bytes, order === 'II');
  if (tiff.u16(2) !== 42) return null;
  const ifd0 = orNull(() => tiff.ifd(tiff.u32(4)));
  if (!ifd0) return null;

  const exifIfd = orNull(() => {
    const offset = tiff.pointer(ifd0.get(TAG.exifIfd));
    return offset === null ? null : tiff.ifd(offset);
  });
  const gpsIfd = orNull(() => {
    const offset = tiff.pointer(ifd0.get(TAG.gpsIfd));
    return offset === null ? null : tiff.ifd(offset);
  });
  return {
    takenAtLocal: exifIfd && orNull(() => parseExifDateTime(tiff.ascii(exifIfd.get(TAG.dateTimeOriginal)))),
    takenAtOffset: exifIfd && orNull(() => parseExifOffset(tiff.ascii(exifIfd.get(TAG.offsetTimeOriginal)))),
    gps: gpsIfd && orNull(() => readGps(tiff, gpsIfd)),
  };
}

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

function readGps(tiff: Tiff, gps: Map<number, Entry>): { lat: number; lon: number } | null {
  const lat = degrees(tiff.rationals(gps.get(TAG.gpsLatitude), 3), tiff.ascii(gps.get(TAG.gpsLatitudeRef)), 'N', 'S', 90);
  const lon = degrees(tiff.rationals(gps.get(TAG.gpsLongitude), 3), tiff.ascii(gps.get(TAG.gpsLongitudeRef)), 'E', 'W', 180);
  if (lat === null || lon === null) return null;
  // Phones without a fix write 0/1 0/1 0/1: a point in the Gulf of Guinea, not a county in China.
  if (lat === 0 && lon === 0) return null;
  return { lat, lon };
}

/** Degrees, minutes, seconds and a hemisphere letter to signed decimal degrees. */
function degrees(dms: number[] | null, ref: string | null, positive: string, negative: string, max: number): number | null {
  if (!dms || !ref) return null;
  const [d, m, s] = dms;
  if (d < 0 || m < 0 || m >= 60 || s < 0 || s >= 60) return null;
  const value = d + m / 60 + s / 3600;
  if (value > max) return null;
  const hemisphere = ref.trim().toUpperCase();
  if (hemisphere === positive) return value;
  if (hemisphere === negative) return -value;
  return null; // without its hemisphere a coordinate could be on the other side of the world
}
