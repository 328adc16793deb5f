import { createHash, randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { open, readdir, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileDamaged, fileMissing, storageFull } from './errors.js';
import { isDiskFull, nodeDisk, type Disk } from './file-disk.js';

const STORED_NAME = /^([0-9a-f]{64})(\.[a-z0-9]{1,5})$/;
const AREA_NAME = /^[a-z0-9][a-z0-9-]{0,40}$/;
// Files being written are dotfiles in the same directory (so the rename stays on one file
// system); their names never match STORED_NAME, so no reader can be handed one.
const TEMP_PREFIX = '.incoming-';
// A temporary file older than this lost its writer (a killed process): writers touch theirs
// with every chunk, and no upload takes an hour.
export const STALE_TEMP_MS = 60 * 60_000;
const CHUNK = 256 * 1024;

export interface StoredFile {
  path: string;
  sha256: string;
  size: number;
}
export interface PutLimits {
  maxBytes: number;
  tooLarge: () => Error;
}

/**
 * Files kept on local disk under DATA_DIR/files, named by their SHA-256 so a file uploaded
 * twice is stored once. One small interface, so object storage can replace it later.
 *
 * Security review (issue 7, item 6): a full disk left a photo's original — the evidence copy —
 * at 0 bytes under its final name, and since a name that existed was trusted, for good; the
 * same workbook could then never be imported again. Now a file is written under a temporary
 * name, flushed to disk, and renamed into place, so a final name only ever holds a whole file
 * (a kill -9 or a power cut leaves at most a temporary file, removed later); an existing file
 * is trusted only once its size and hash are checked, and rewritten when they are wrong; a
 * full disk is STORAGE_FULL (503); and `open` never serves a file that is not whole.
 */
export class FileStore {
  private readonly verified = new VerifiedFiles();
  private readonly swept = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly disk: Disk = nodeDisk,
  ) {}

  /**
   * Stores bytes and returns where. Synchronous for callers that cannot wait (it blocks the
   * event loop for the write and the flush): prefer `put`.
   */
  save(area: string, content: Buffer, extension: string): StoredFile {
    checkStorable(extension, content.length);
    const sha256 = sha256Of(content);
    const dir = this.directory(area);
    const file = path.join(dir, storedName(sha256, extension));
    if (this.isWholeSync(file, content.length, sha256)) return { path: file, sha256, size: content.length };
    const temp = temporaryName(dir);
    let fd: number | undefined;
    try {
      fd = this.disk.create(temp);
      this.disk.writeSync(fd, content);
      this.disk.flushSync(fd);
      this.disk.close(fd);
      fd = undefined;
      this.disk.rename(temp, file);
      this.disk.flushDirectorySync(dir);
    } catch (e) {
      this.abandon(temp, fd);
      throw asStorageError(e);
    }
    this.verified.remember(file, statSync(file));
    return { path: file, sha256, size: content.length };
  }

  /**
   * Stores bytes or a stream (an upload, hashed as it is written, never held in memory whole).
   * With limits, a stream longer than maxBytes is refused with the caller's error.
   */
  async put(area: string, content: Buffer | AsyncIterable<Uint8Array>, extension: string, limits?: PutLimits): Promise<StoredFile> {
    checkStorable(extension, Buffer.isBuffer(content) ? content.length : undefined);
    const dir = this.directory(area);
    if (Buffer.isBuffer(content)) {
      const sha256 = sha256Of(content);
      const file = path.join(dir, storedName(sha256, extension));
      if (await this.isWhole(file, content.length, sha256)) return { path: file, sha256, size: content.length };
    }
    const temp = temporaryName(dir);
    let fd: number | undefined;
    try {
      fd = this.disk.create(temp);
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of Buffer.isBuffer(content) ? [content] : content) {
        size += chunk.length;
        if (limits && size > limits.maxBytes) throw limits.tooLarge();
        hash.update(chunk);
        await this.disk.write(fd, chunk);
      }
      checkStorable(extension, size);
      const sha256 = hash.digest('hex');
      const file = path.join(dir, storedName(sha256, extension));
      if (await this.isWhole(file, size, sha256)) {
        this.abandon(temp, fd);
        return { path: file, sha256, size };
      }
      await this.disk.flush(fd);
      this.disk.close(fd);
      fd = undefined;
      this.disk.rename(temp, file);
      await this.disk.flushDirectory(dir);
      this.verified.remember(file, await stat(file));
      return { path: file, sha256, size };
    } catch (e) {
      this.abandon(temp, fd);
      throw asStorageError(e);
    }
  }

  /** Where a saved file lives; the sha256 is checked to be hex so no caller can walk out of the root. */
  pathOf(area: string, sha256: string, extension: string): string {
    if (!AREA_NAME.test(area) || !STORED_NAME.test(`${sha256}${extension}`)) throw new Error('invalid stored file name');
    return path.join(this.root, area, `${sha256}${extension}`);
  }

  /**
   * A stored file (a path from `save`, `put` or `pathOf`) as a stream, only if it is whole: its
   * content must hash to its name. Missing is FILE_MISSING (404); empty, short or altered is
   * FILE_DAMAGED (503), never a truncated photo or document. The check reads the file once per
   * process (then its size, mtime and inode vouch for it).
   */
  async open(file: string): Promise<Readable> {
    const sha256 = this.shaOfStoredPath(file);
    let handle: FileHandle;
    try {
      handle = await open(file, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw fileMissing();
      throw e;
    }
    try {
      const stats = await handle.stat();
      if (!this.verified.vouchesFor(file, stats)) {
        if (stats.size === 0 || (await hashOfHandle(handle)) !== sha256) throw fileDamaged();
        this.verified.remember(file, stats);
      }
      return handle.createReadStream({ start: 0 });
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  /**
   * Removes temporary files left by writers that died (kill -9, power cut). Runs by itself
   * once per area and process; returns how many it removed.
   */
  async sweepTemporaries(area: string, olderThanMs = STALE_TEMP_MS): Promise<number> {
    const dir = path.join(this.root, area);
    const names = await readdir(dir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names.filter((n) => n.startsWith(TEMP_PREFIX))) {
      const file = path.join(dir, name);
      const stats = await stat(file).catch(() => undefined);
      if (stats && Date.now() - stats.mtimeMs >= olderThanMs) {
        await unlink(file).then(
          () => removed++,
          () => {},
        );
      }
    }
    return removed;
  }

  private directory(area: string) {
    if (!AREA_NAME.test(area)) throw new Error('invalid file area');
    const dir = path.join(this.root, area);
    try {
      this.disk.makeDirectory(dir);
    } catch (e) {
      throw asStorageError(e);
    }
    if (!this.swept.has(area)) {
      this.swept.add(area);
      void this.sweepTemporaries(area).catch(() => {});
    }
    return dir;
  }

  private shaOfStoredPath(file: string) {
    const relative = path.relative(this.root, path.resolve(file)).split(path.sep);
    const match = relative.length === 2 && AREA_NAME.test(relative[0]) ? STORED_NAME.exec(relative[1]) : null;
    if (!match) throw fileMissing();
    return match[1];
  }

  private isWholeSync(file: string, size: number, sha256: string) {
    let stats: Stats;
    try {
      stats = statSync(file);
    } catch {
      return false;
    }
    if (stats.size !== size) return false;
    if (this.verified.vouchesFor(file, stats)) return true;
    if (hashOfFileSync(file) !== sha256) return false;
    this.verified.remember(file, stats);
    return true;
  }

  private async isWhole(file: string, size: number, sha256: string) {
    const stats = await stat(file).catch(() => undefined);
    if (!stats || stats.size !== size) return false;
    if (this.verified.vouchesFor(file, stats)) return true;
    const handle = await open(file, 'r').catch(() => undefined);
    if (!handle) return false;
    try {
      if ((await hashOfHandle(handle)) !== sha256) return false;
    } finally {
      await handle.close();
    }
    this.verified.remember(file, stats);
    return true;
  }

  /** Closes and deletes a temporary file after a failure; errors here would hide the first one. */
  private abandon(temp: string, fd: number | undefined) {
    if (fd !== undefined) {
      try {
        this.disk.close(fd);
      } catch {
        /* already failing */
      }
    }
    try {
      this.disk.remove(temp);
    } catch {
      /* swept later */
    }
  }
}

/** Files whose hash was checked in this process, keyed by what would change if they were rewritten. */
class VerifiedFiles {
  private static readonly LIMIT = 50_000;
  private readonly seen = new Map<string, string>();

  vouchesFor(file: string, stats: Stats) {
    return stats.size > 0 && this.seen.get(file) === identity(stats);
  }

  remember(file: string, stats: Stats) {
    this.seen.delete(file);
    this.seen.set(file, identity(stats));
    if (this.seen.size > VerifiedFiles.LIMIT) this.seen.delete(this.seen.keys().next().value!);
  }
}

const identity = (s: Stats) => `${s.size}:${s.mtimeMs}:${s.ino}`;
const sha256Of = (content: Buffer) => createHash('sha256').update(content).digest('hex');
const temporaryName = (dir: string) => path.join(dir, `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);

const storedName = (sha256: string, extension: string) => `${sha256}${extension}`;

/** A programming error, not a user's: an extension that could not be served back, or nothing to store (an empty file reads as damaged). */
function checkStorable(extension: string, size: number | undefined) {
  if (!STORED_NAME.test(`${'0'.repeat(64)}${extension}`)) throw new Error(`FileStore: invalid extension ${extension}`);
  if (size === 0) throw new Error('FileStore: refusing to store an empty file');
}

function asStorageError(e: unknown) {
  return isDiskFull(e) ? Object.assign(storageFull(), { cause: e }) : e;
}

async function hashOfHandle(handle: FileHandle) {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(CHUNK);
  for (let position = 0; ;) {
    const { bytesRead } = await handle.read(buffer, 0, CHUNK, position);
    if (bytesRead === 0) return hash.digest('hex');
    hash.update(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
}

function hashOfFileSync(file: string) {
  const fd = openSync(file, 'r');
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (let n; (n = readSync(fd, buffer, 0, CHUNK, null)) > 0;) hash.update(buffer.subarray(0, n));
    return hash.digest('hex');
  } finally {
    closeSync(fd);
  }
}
