/**
 * Every image size a HEIF file declares, from its 'ispe' (image spatial extents) properties:
 * ftyp … meta → iprp → ipco → ispe (ISO/IEC 23008-12 §6.5.3). sharp reports the primary
 * image only, while heic-convert decodes the first image it finds, which a crafted file can make
 * a different, far larger one; checking the largest declared size closes that gap.
 *
 * Box sizes come from the file, so each is checked against its parent, and a malformed box
 * ends the walk of its level instead of throwing.
 */

interface Box {
  type: string;
  body: number;
  end: number;
}

function* boxes(view: DataView, start: number, end: number): Generator<Box> {
  let at = start;
  while (at + 8 <= end) {
    let size = view.getUint32(at);
    let header = 8;
    if (size === 1) {
      // 64-bit size follows the type
      if (at + 16 > end) return;
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) {
      // to the end of the enclosing box
      size = end - at;
    }
    if (size < header || at + size > end) return;
    const type = String.fromCharCode(view.getUint8(at + 4), view.getUint8(at + 5), view.getUint8(at + 6), view.getUint8(at + 7));
    yield { type, body: at + header, end: at + size };
    at += size;
  }
}

const child = (view: DataView, parent: Box, type: string, skip = 0) => {
  for (const box of boxes(view, parent.body + skip, parent.end)) if (box.type === type) return box;
  return null;
};

/** The width and height of each 'ispe' property, in file order; [] if there are none. */
export function heifImageSizes(bytes: Uint8Array): { width: number; height: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const meta = [...boxes(view, 0, view.byteLength)].find((box) => box.type === 'meta');
  // meta is a FullBox: 4 bytes of version and flags before its children.
  const iprp = meta && child(view, meta, 'iprp', 4);
  const ipco = iprp && child(view, iprp, 'ipco');
  if (!ipco) return [];
  const sizes: { width: number; height: number }[] = [];
  for (const box of boxes(view, ipco.body, ipco.end)) {
    // ispe is a FullBox too: version and flags, then width and height as 32-bit integers.
    if (box.type === 'ispe' && box.body + 12 <= box.end) {
      sizes.push({ width: view.getUint32(box.body + 4), height: view.getUint32(box.body + 8) });
    }
  }
  return sizes;
}
