/**
 * The primary of `civicgrid start --workers N` (start-workers.ts) over stand-in workers
 * (cluster-worker.ts), so its supervision — each slot's settings, restarts, draining on SIGTERM
 * — can be tested without a database or a web build. argv[2] is the number of workers.
 */
import cluster from 'node:cluster';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../platform/config.js';
import { runWorkers } from '../start-workers.js';

cluster.setupPrimary({ exec: path.join(path.dirname(fileURLToPath(import.meta.url)), 'cluster-worker.ts') });
runWorkers(
  loadConfig(),
  Number(process.argv[2]),
  (line) => console.log(line),
  () => console.log('ALL READY'),
);
