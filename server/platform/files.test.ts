import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { FileStore } from './files.js';
import { fillingDisk } from './test-disk.js';
import { AppError } from './errors.js';

/**
 * FileStore on a real directory, with the disk filling up on demand (security review, issue 7,
 * item 6): a write that fails half way leaves no file under a final name and no temporary
 * file, answers STORAGE_FULL, and the same save succeeds once there is room again.
 */
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const roots: string[] = [];
const newRoot = () => {
  roots.push(mkdtempSync(path.join(os.tmpdir(), 'civicgrid-files-')));
  return roots.at(-1)!;
};
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});
const listing = (root: string, area: string) => (existsSync(path.join(root, area)) ? readdirSync(path.join(root, area)).sort() : []);

async function readAll(stream: Readable) {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function refusal(promise: Promise<unknown>) {
  const e = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(AppError);
  return { status: (e as AppError).status, code: (e as AppError).code, message: (e as AppError).message };
}

describe('FileStore', () => {
  it('stores a file whole under its hash and serves it back, leaving no temporary file', async () => {
    const root = newRoot();
    const store = new FileStore(root);
    const content = randomBytes(300_000);
    const saved = store.save('case-photos', content, '.jpg');
    expect(saved).toEqual({ path: path.join(root, 'case-photos', `${sha(content)}.jpg`), sha256: sha(content), size: content.length });
    const streamed = await store.put('imports', Readable.from([content.subarray(0, 1000), content.subarray(1000)]), '.xlsx');
    expect(streamed.sha256).toBe(sha(content));
    expect(await readAll(await store.open(saved.path))).toEqual(content);
    expect(await readAll(await store.open(store.pathOf('imports', sha(content), '.xlsx')))).toEqual(content);
    expect([...listing(root, 'case-photos'), ...listing(root, 'imports')]).toEqual([`${sha(content)}.jpg`, `${sha(content)}.xlsx`]);
  });

  it('never serves a zero-byte, short or altered file, and a new save of the content repairs it', async () => {
    const root = newRoot();
    const store = new FileStore(root);
    const content = randomBytes(100_000);
    const { path: file } = store.save('case-photos', content, '.jpg');
    for (const damage of [
      () => truncateSync(file, 0),
      () => truncateSync(file, 50_000),
      () => writeFileSync(file, Buffer.alloc(content.length)),
    ]) {
      damage();
      const fresh = new FileStore(root); // another process, or this one after the damage
      expect(await refusal(fresh.open(file))).toMatchObject({ status: 503, code: 'FILE_DAMAGED' });
      expect(fresh.save('case-photos', content, '.jpg').path).toBe(file);
      expect(await readAll(await fresh.open(file))).toEqual(content);
      damage();
      await fresh.put('case-photos', content, '.jpg');
      expect(readFileSync(file)).toEqual(content);
    }
    expect(await refusal(store.open(store.pathOf('case-photos', sha(randomBytes(8)), '.jpg')))).toMatchObject({
      status: 404,
      code: 'FILE_MISSING',
    });
  });

  it('answers STORAGE_FULL when the disk fills half way, leaving nothing behind, and saves once there is room', async () => {
    for (const fail of [{ at: 'write' as const }, { at: 'write' as const, code: 'EDQUOT' as const }, { at: 'flush' as const }]) {
      const root = newRoot();
      const disk = fillingDisk(60_000, fail);
      const store = new FileStore(root, disk);
      const content = randomBytes(100_000);
      expect(() => store.save('case-photos', content, '.jpg')).toThrow('服务器存储空间不足，文件未保存，请联系管理员');
      expect(listing(root, 'case-photos')).toEqual([]);
      disk.room = 30_000;
      expect(await refusal(store.put('case-photos', content, '.jpg'))).toEqual({
        status: 503,
        code: 'STORAGE_FULL',
        message: '服务器存储空间不足，文件未保存，请联系管理员',
      });
      disk.room = 30_000;
      expect(
        (await refusal(store.put('imports', Readable.from([content.subarray(0, 50_000), content.subarray(50_000)]), '.xlsx'))).code,
      ).toBe('STORAGE_FULL');
      expect([...listing(root, 'case-photos'), ...listing(root, 'imports')]).toEqual([]);

      disk.room = Number.MAX_SAFE_INTEGER; // space freed
      const saved = store.save('case-photos', content, '.jpg');
      expect(readFileSync(saved.path)).toEqual(content);
      expect((await store.put('imports', Readable.from([content]), '.xlsx')).size).toBe(content.length);
      expect(listing(root, 'imports')).toEqual([`${sha(content)}.xlsx`]);
    }
  });

  it("refuses a stream over its limit with the caller's error, keeping nothing", async () => {
    const root = newRoot();
    const store = new FileStore(root);
    const tooLarge = () => new AppError(413, 'TOO_LARGE', '上传的文件过大');
    const stream = Readable.from([randomBytes(4000), randomBytes(4000)]);
    expect(await refusal(store.put('imports', stream, '.xlsx', { maxBytes: 5000, tooLarge }))).toMatchObject({ status: 413 });
    expect(listing(root, 'imports')).toEqual([]);
  });

  it('serves only stored names under its root: never a temporary file or a path outside', async () => {
    const root = newRoot();
    const store = new FileStore(root);
    const { path: file } = store.save('case-photos', randomBytes(10), '.jpg');
    writeFileSync(path.join(root, 'case-photos', '.incoming-1-abc'), 'partial');
    for (const other of [
      path.join(root, 'case-photos', '.incoming-1-abc'),
      path.join(root, '..', 'etc', 'passwd'),
      `${file}/../../${path.basename(file)}`,
    ]) {
      expect((await refusal(store.open(other))).code).toBe('FILE_MISSING');
    }
  });

  it('sweeps temporary files a dead writer left, once they are stale, and nothing else', async () => {
    const root = newRoot();
    mkdirSync(path.join(root, 'case-photos'), { recursive: true });
    // Written before any save: a save starts the area's own sweep, which would race this one.
    const kept = new FileStore(newRoot()).save('case-photos', randomBytes(10), '.jpg');
    writeFileSync(path.join(root, 'case-photos', path.basename(kept.path)), randomBytes(10));
    const store = new FileStore(root);
    const stale = path.join(root, 'case-photos', '.incoming-99-stale');
    const fresh = path.join(root, 'case-photos', '.incoming-99-fresh');
    writeFileSync(stale, 'half');
    writeFileSync(fresh, 'being written');
    const hourAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(stale, hourAgo, hourAgo);
    expect(await store.sweepTemporaries('case-photos')).toBe(1);
    expect(listing(root, 'case-photos')).toEqual(['.incoming-99-fresh', path.basename(kept.path)].sort());
  });
});
