import fs from 'node:fs';
import { promisify } from 'node:util';

/**
 * The disk calls FileStore makes to write a file, as an interface so a test can make the disk
 * fill up half way through a write (ENOSPC) on any machine. Metadata calls (open, close,
 * rename, unlink) are quick and synchronous; the two that move data (write, fsync) come in a
 * blocking form for the synchronous `save` and a thread-pool form for `put`.
 */
export interface Disk {
  makeDirectory(dir: string): void;
  /** Creates a new file for writing; fails if it exists. */
  create(file: string): number;
  write(fd: number, bytes: Uint8Array): Promise<void>;
  writeSync(fd: number, bytes: Uint8Array): void;
  flush(fd: number): Promise<void>;
  flushSync(fd: number): void;
  close(fd: number): void;
  rename(from: string, to: string): void;
  remove(file: string): void;
  /** Makes a rename inside the directory durable: without it a power cut may undo the rename. */
  flushDirectory(dir: string): Promise<void>;
  flushDirectorySync(dir: string): void;
}

const writeAsync = promisify(fs.write);
const fsyncAsync = promisify(fs.fsync);

function writeAllSync(fd: number, bytes: Uint8Array) {
  for (let done = 0; done < bytes.length;) done += fs.writeSync(fd, bytes, done, bytes.length - done);
}

async function writeAll(fd: number, bytes: Uint8Array) {
  for (let done = 0; done < bytes.length;) done += (await writeAsync(fd, bytes, done, bytes.length - done)).bytesWritten;
}

export const nodeDisk: Disk = {
  makeDirectory: (dir) => {
    fs.mkdirSync(dir, { recursive: true });
  },
  create: (file) => fs.openSync(file, 'wx', 0o640),
  write: writeAll,
  writeSync: writeAllSync,
  flush: (fd) => fsyncAsync(fd),
  flushSync: (fd) => fs.fsyncSync(fd),
  close: (fd) => fs.closeSync(fd),
  rename: (from, to) => fs.renameSync(from, to),
  remove: (file) => fs.rmSync(file, { force: true }),
  flushDirectory: async (dir) => {
    const fd = fs.openSync(dir, 'r');
    try {
      await fsyncAsync(fd);
    } finally {
      fs.closeSync(fd);
    }
  },
  flushDirectorySync: (dir) => {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  },
};

/** ENOSPC (the disk is full) or EDQUOT (the account's quota is): either way nothing more fits. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}
