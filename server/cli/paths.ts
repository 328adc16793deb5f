import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const REGION_FILE = path.join(REPO_ROOT, 'data/regions/pingyin-370124.json');
export const GAZETTE_FILE = path.join(REPO_ROOT, 'data/seed/pingyin-2023-gazette.txt');
