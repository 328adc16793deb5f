import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { heifImageSizes } from './heif-image-sizes.js';
import { addHeifProperty, ispeBox } from './test-images.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('heifImageSizes', () => {
  it('finds the size each image declares, before any transformation', () => {
    expect(heifImageSizes(fixture('halves-160x120.heic'))).toEqual([{ width: 160, height: 120 }]);
    expect(heifImageSizes(fixture('portrait-irot-exif6.heic'))).toEqual([{ width: 160, height: 120 }]);
  });

  it('finds a second, larger image the primary one does not show', () => {
    const hidden = addHeifProperty(fixture('halves-160x120.heic'), ispeBox(100_000, 100_000), false);
    expect(heifImageSizes(hidden)).toEqual([
      { width: 160, height: 120 },
      { width: 100_000, height: 100_000 },
    ]);
  });

  it('finds nothing in what is not HEIF, and never throws on a broken box tree', () => {
    expect(heifImageSizes(Buffer.alloc(0))).toEqual([]);
    expect(heifImageSizes(Buffer.from('not a HEIF file, just text'))).toEqual([]);
    const heic = fixture('halves-160x120.heic');
    for (let end = 0; end < heic.length; end += 7) expect(Array.isArray(heifImageSizes(heic.subarray(0, end)))).toBe(true);
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let round = 0; round < 2000; round++) {
      const mutated = Buffer.from(heic);
      // Aim at the box headers of meta, iprp and ipco, where the sizes are.
      const at = 28 + Math.floor(random() * 400);
      mutated[at] = Math.floor(random() * 256);
      expect(Array.isArray(heifImageSizes(mutated))).toBe(true);
    }
    const sizeOne = Buffer.from(heic);
    sizeOne.writeUInt32BE(1, 28); // meta claims a 64-bit size
    expect(heifImageSizes(sizeOne)).toEqual([]);
    const sizeZero = Buffer.from(heic);
    sizeZero.writeUInt32BE(0, 28); // meta runs to the end of the file
    expect(heifImageSizes(sizeZero)).toEqual([{ width: 160, height: 120 }]);
  });
});
