import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

export const E2E_PASSWORD = 'E2e@Demo2023';
const ROOT = path.resolve(import.meta.dirname, '../..');
const ARTIFACTS = path.join(ROOT, 'e2e/artifacts');

/** A port nobody holds right now: the OS picks it, so no real service is ever in the way. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForHealth(base: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 170_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log()}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become healthy:\n${log()}`);
}

function newestMtime(dir: string): { file: string; mtime: number } {
  let newest = { file: dir, mtime: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const candidate = entry.isDirectory() ? newestMtime(full) : { file: full, mtime: statSync(full).mtimeMs };
    if (candidate.mtime > newest.mtime) newest = candidate;
  }
  return newest;
}

/**
 * The server serves dist/web as built; specs run against an old build would test yesterday's
 * screens. Refuse that, unless E2E_ALLOW_STALE_WEB=1 says it is meant.
 */
function assertWebBuildIsFresh() {
  if (process.env.E2E_ALLOW_STALE_WEB === '1') return;
  const built = path.join(ROOT, 'dist/web/admin/index.html');
  if (!existsSync(built)) return; // `civicgrid start` builds a missing dist/web itself
  const builtAt = statSync(built).mtimeMs;
  for (const source of ['web', 'common'].map((d) => newestMtime(path.join(ROOT, d)))) {
    if (source.mtime > builtAt) {
      throw new Error(
        `dist/web is older than ${path.relative(ROOT, source.file)}: run \`npx vite build\` before \`npm run test:e2e\` ` +
          '(or set E2E_ALLOW_STALE_WEB=1 to test the old build on purpose).',
      );
    }
  }
}

/**
 * Starts `civicgrid start` on a fresh data dir in demo mode, exactly as a newcomer would.
 * E2E_BASE_URL=http://127.0.0.1:8080 (with E2E_PASSWORD if not the default) reuses a demo
 * server that is already running instead, for a quick edit-and-rerun loop on one spec; the
 * specs create what they need with unique values, so they tolerate a server that has seen them.
 */
export default async function setup(project: TestProject) {
  if (process.env.E2E_BASE_URL) {
    project.provide('baseUrl', process.env.E2E_BASE_URL.replace(/\/$/, ''));
    project.provide('password', process.env.E2E_PASSWORD ?? E2E_PASSWORD);
    return;
  }
  assertWebBuildIsFresh();
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'civicgrid-e2e-'));
  const base = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, ['bin/civicgrid.mjs', 'start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO_PASSWORD: E2E_PASSWORD,
      DEMO_RESIDENTS: '2000',
      DATABASE_URL: '',
      CIVICGRID_MODE: 'demo',
      // The specs make their own alarms; the demo's random ones would only get in their way.
      DEMO_SIMULATION: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => {
    output += d;
  });
  child.stderr!.on('data', (d) => {
    output += d;
  });
  await waitForHealth(base, child, () => output);
  project.provide('baseUrl', base);
  project.provide('password', E2E_PASSWORD);
  return async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    // The server's log beside the screenshots, for reading after a failed run.
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, 'server.log'), output);
    rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    password: string;
  }
}
