import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase } from './test-database.js';

/**
 * A fresh test database for the tests of the calling file (or describe block): opened before the
 * first, closed after the last. Read it inside the tests, once beforeAll has run.
 */
export function useTestDatabase() {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });
  return {
    get database() {
      if (!database) throw new Error('the test database is opened in beforeAll');
      return database;
    },
    get db() {
      return this.database.db;
    },
  };
}
