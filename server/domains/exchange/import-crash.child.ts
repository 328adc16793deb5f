/**
 * Child process for import-crash.int.test.ts: runs one import job and says "flushed" after each
 * committed batch, so the parent can SIGKILL it in the middle of the next one.
 */
import { openDatabase } from '../../platform/db/database.js';
import { claimJob } from './import-jobs.repository.js';
import { runImportJob } from './import-worker.js';

const [target] = process.argv.slice(2);
const database = await openDatabase(target.startsWith('postgres') ? { url: target } : { dataDir: target });
const job = await claimJob(database.db, 0);
if (!job) throw new Error('no job to run');
await runImportJob(database.db, job, {
  stopping: () => {
    process.stdout.write('flushed\n');
    return false;
  },
});
process.stdout.write('finished\n');
await database.close();
