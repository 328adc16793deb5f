import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { REPO_ROOT } from '../paths.js';

/** What a finished CLI run left behind. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real CLI, `node bin/civicgrid.mjs …`, as an operator would. Only the variables
 * given (and PATH, HOME) reach it: a DATABASE_URL in the test runner's environment must not
 * turn an embedded-database test into a PostgreSQL one.
 */
export function runCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/civicgrid.mjs'), ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CIVICGRID_MODE: 'production', LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export type ContenderOutcome = { outcome: 'won' | 'held' | 'error'; pid: number; holder?: number | null; message?: string };

/**
 * A process taking the data-directory lock as `civicgrid start` does (lock-contender.ts).
 * `outcome` settles when it has tried; a winner holds the lock until stop().
 */
export class LockContender {
  readonly outcome: Promise<ContenderOutcome>;
  private readonly ready: Promise<void>;
  private readonly exited: Promise<number | null>;
  private readonly child: ChildProcessWithoutNullStreams;

  constructor(dataDir: string, options: { waitForGo?: boolean } = {}) {
    this.child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(REPO_ROOT, 'server/cli/test-support/lock-contender.ts'),
        dataDir,
        ...(options.waitForGo ? ['--wait-go'] : []),
      ],
      { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } },
    );
    let stderr = '';
    this.child.stderr.on('data', (d) => {
      stderr += d;
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
    const lines = createInterface({ input: this.child.stdout });
    let markReady: () => void;
    this.ready = options.waitForGo
      ? new Promise((resolve) => {
          markReady = resolve;
        })
      : Promise.resolve();
    this.outcome = new Promise((resolve, reject) => {
      lines.on('line', (line) => {
        if (line === 'ready') markReady();
        else resolve(JSON.parse(line) as ContenderOutcome);
      });
      void this.exited.then((code) => reject(new Error(`lock contender exited (${code}) without an outcome: ${stderr}`)));
    });
    this.outcome.catch(() => {}); // read through outcome; a stop() before it settles is not an error
  }

  get pid() {
    return this.child.pid!;
  }

  whenReady() {
    return this.ready;
  }

  /** Lets a --wait-go contender try. */
  go() {
    this.child.stdin.write('go\n');
  }

  /** Ends the contender (a winner releases the lock first) and waits for it to exit. */
  stop() {
    this.child.stdin.end();
    return this.exited;
  }

  /** Kills it outright: a winner leaves its lock file behind, as a crashed server would. */
  kill() {
    this.child.kill('SIGKILL');
    return this.exited;
  }
}
