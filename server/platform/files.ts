import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Files kept on local disk under DATA_DIR/files, named by their SHA-256 so a file uploaded
 * twice is stored once. One small interface, so object storage can replace it later.
 */
export class FileStore {
  constructor(private readonly root: string) {}

  save(area: string, content: Buffer, extension: string): { path: string; sha256: string } {
    const sha256 = createHash('sha256').update(content).digest('hex');
    const dir = path.join(this.root, area);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${sha256}${extension}`);
    if (!existsSync(file)) writeFileSync(file, content, { flag: 'wx' });
    return { path: file, sha256 };
  }

  /** Where a saved file lives; the sha256 is checked to be hex so no caller can walk out of the root. */
  pathOf(area: string, sha256: string, extension: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256) || !/^\.[a-z0-9]{1,5}$/.test(extension)) throw new Error('invalid stored file name');
    return path.join(this.root, area, `${sha256}${extension}`);
  }
}
