import { rmSync } from 'node:fs';
import type { Config } from '../platform/config.js';
import { openDatabase, type Database } from '../platform/db/database.js';
import { migrate } from '../platform/db/migrate.js';
import { lockDataDir, type DataDirLock, type LockingCommand } from './data-dir-lock.js';

export type { LockingCommand } from './data-dir-lock.js';

export interface CommandDatabase extends Database {
  /**
   * Embedded only: throws the data away and opens an empty, migrated database, without letting
   * go of the data directory in between. Closes this one.
   */
  startOver?: () => Promise<CommandDatabase>;
}

// Notes go to stderr: stdout is a command's output (`import gazette --json` prints its report there).
const log = (line: string) => console.error(`[civicgrid] ${line}`);

/**
 * The database a command works on, opened and migrated: PostgreSQL when DATABASE_URL is set
 * (any number of processes may share it), otherwise the embedded PGlite under DATA_DIR, and
 * then only under the data-directory lock, which close() gives back. Every command opens its
 * database here and nowhere else, so none can forget the lock (security review, issue 7,
 * finding 5: `user create` beside a running server printed success and the user was lost).
 * A blocked command throws before it has opened, or written, anything.
 */
export async function openConfiguredDatabase(config: Config, command: LockingCommand): Promise<CommandDatabase> {
  if (config.databaseUrl) return openMigrated(config);
  const lock = lockDataDir(config.dataDir, command);
  try {
    return underLock(await openMigrated(config), config, lock);
  } catch (e) {
    lock.release();
    throw e;
  }
}

function underLock(database: Database, config: Config, lock: DataDirLock): CommandDatabase {
  return {
    ...database,
    close: async () => {
      try {
        await database.close();
      } finally {
        lock.release();
      }
    },
    startOver: async () => {
      await database.close();
      rmSync(config.pgliteDir, { recursive: true, force: true });
      return underLock(await openMigrated(config), config, lock);
    },
  };
}

async function openMigrated(config: Config): Promise<Database> {
  const database = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.pgliteDir, sharedBuffers: config.pgliteSharedBuffers },
  );
  try {
    // One line for all of them: a fresh database applies every migration there is.
    const applied = await migrate(database.db);
    if (applied.length > 0) log(`数据库迁移：执行 ${applied.length} 个（至 ${applied.at(-1)}）`);
  } catch (e) {
    await database.close();
    throw e;
  }
  return database;
}
