import { createInterface } from 'node:readline';
import { DataDirLockedError, lockDataDir } from '../data-dir-lock.js';

/**
 * A process that takes the data-directory lock the way `civicgrid start` does, for the lock
 * tests (data-dir-lock.int.test.ts): another process holding the lock, or one of several
 * racing for it.
 *
 *   node --import tsx server/cli/test-support/lock-contender.ts <dataDir> [--wait-go]
 *
 * With --wait-go it prints "ready" once loaded and tries when a line arrives on stdin, so that
 * several contenders can be let go at the same moment. It prints one JSON line with the
 * outcome; a winner holds the lock until its stdin closes, then releases it and exits 0.
 */
const [dataDir, flag] = process.argv.slice(2);
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

if (flag === '--wait-go') {
  console.log('ready');
  await lines.next();
}
try {
  const lock = lockDataDir(dataDir, { name: 'start' });
  console.log(JSON.stringify({ outcome: 'won', pid: process.pid }));
  while (!(await lines.next()).done) {
    /* hold until stdin closes */
  }
  lock.release();
  process.exit(0);
} catch (e) {
  const holder = e instanceof DataDirLockedError ? e.holder.pid : null;
  console.log(
    JSON.stringify({
      outcome: e instanceof DataDirLockedError ? 'held' : 'error',
      pid: process.pid,
      holder,
      message: (e as Error).message,
    }),
  );
  process.exit(3);
}
