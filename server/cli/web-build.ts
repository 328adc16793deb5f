import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Builds the web clients once, when a fresh checkout starts without dist/web. */
export async function ensureWebBuilt(log: (line: string) => void) {
  if (existsSync(path.join(ROOT, 'dist/web/admin/index.html'))) return;
  log('首次启动：正在构建前端（约一分钟）…');
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
}
