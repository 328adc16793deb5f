/**
 * One CivicGrid server process for the multi-process tests, configured by its environment as
 * `civicgrid start` is: the same `serve` a worker of `start --workers N` runs (app, import worker,
 * sweeps, listening), on a database the test has prepared. Says `READY <port>` once it listens and
 * stops cleanly on SIGTERM.
 */
import { loadConfig } from '../../platform/config.js';
import { openConfiguredDatabase } from '../../cli/command-database.js';
import { serve } from '../../cli/start.js';

const config = loadConfig();
const server = await serve(config, await openConfiguredDatabase(config, { name: 'start' }));
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
console.log(`READY ${config.port}`);
