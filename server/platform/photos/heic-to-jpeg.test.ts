import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { HeicConversionFailed, heicToJpeg } from './heic-to-jpeg.js';

const HEIC_FIXTURE = readFileSync(new URL('./fixtures/halves-160x120.heic', import.meta.url));

describe('heicToJpeg', () => {
  it('converts in worker threads, several at once, each to its own JPEG', async () => {
    const jpegs = await Promise.all(Array.from({ length: 5 }, () => heicToJpeg(HEIC_FIXTURE)));
    for (const jpeg of jpegs) {
      const meta = await sharp(jpeg).metadata();
      expect(meta).toMatchObject({ format: 'jpeg', width: 160, height: 120 });
      expect(meta.exif).toBeUndefined();
    }
  });

  it('reports a worker that fails as HeicConversionFailed, and goes on working after it', async () => {
    const error = await heicToJpeg(Buffer.from('not a HEIC file at all')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HeicConversionFailed);
    expect((error as Error).message).toMatch(/not a HEIC image/);
    expect((await sharp(await heicToJpeg(HEIC_FIXTURE)).metadata()).width).toBe(160);
  });

  it('gives up on a conversion that outlasts its time and ends the worker', async () => {
    const error = await heicToJpeg(HEIC_FIXTURE, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HeicConversionFailed);
    expect((error as Error).message).toMatch(/longer than 1 ms/);
  });

  it('leaves the caller’s buffer intact (the worker gets a copy)', async () => {
    const bytes = Buffer.from(HEIC_FIXTURE);
    await heicToJpeg(bytes);
    expect(bytes.equals(HEIC_FIXTURE)).toBe(true);
  });
});
