#!/usr/bin/env node
// The CLI entry: runs the TypeScript server through tsx, so there is no build step to forget.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = import.meta.resolve('tsx');
const child = spawn(process.execPath, ['--import', tsx, path.join(root, 'server/main.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
// Signals go to the server so it can finish in-flight work before exiting.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
