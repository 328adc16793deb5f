import { nodeDisk, type Disk } from './file-disk.js';

/**
 * A disk for tests that has `room` bytes left: a write gets what fits onto the real disk and
 * then fails with ENOSPC (or EDQUOT), as a full disk does, so the half-written file is real.
 * With `at: 'flush'` the data fits and fsync fails instead (quotas, network file systems).
 * Raise `room` to free space. Not used by the server.
 */
export function fillingDisk(
  room: number,
  fail: { at: 'write' | 'flush'; code?: 'ENOSPC' | 'EDQUOT' } = { at: 'write' },
): Disk & { room: number } {
  const full = () =>
    Object.assign(new Error(`${fail.code ?? 'ENOSPC'}: no space left on device, write`), { code: fail.code ?? 'ENOSPC', syscall: 'write' });
  const disk = {
    ...nodeDisk,
    room,
    writeSync(fd: number, bytes: Uint8Array) {
      const fits = Math.max(0, Math.min(bytes.length, disk.room));
      nodeDisk.writeSync(fd, bytes.subarray(0, fits));
      disk.room -= fits;
      if (fits < bytes.length && fail.at === 'write') throw full();
    },
    async write(fd: number, bytes: Uint8Array) {
      disk.writeSync(fd, bytes);
    },
    flushSync(fd: number) {
      if (disk.room <= 0 && fail.at === 'flush') throw full();
      nodeDisk.flushSync(fd);
    },
    async flush(fd: number) {
      disk.flushSync(fd);
    },
  };
  return disk;
}
