import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../../cli/paths.js';

export interface ServerProcess {
  name: string;
  baseUrl: string;
  /** Everything it printed so far (its sweeps log what they did). */
  readonly output: string;
  stop(): Promise<void>;
}

/**
 * Starts server-process.ts as a child with `env` (and PATH, HOME only: the test runner's own
 * DATABASE_URL or MQTT settings must not leak in) and waits for it to listen.
 */
export function startServerProcess(name: string, port: number, env: Record<string, string>): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'server/test/multi-process/server-process.ts')],
    {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 60 s:\n${output}`)), 60_000);
    const take = (d: Buffer) => {
      output += d;
      if (output.includes(`READY ${port}`)) {
        clearTimeout(timer);
        resolve({
          name,
          baseUrl: `http://127.0.0.1:${port}`,
          get output() {
            return output;
          },
          async stop() {
            if (child.exitCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it listened:\n${output}`)));
  });
}
