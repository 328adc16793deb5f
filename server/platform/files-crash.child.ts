/**
 * Child process for files-crash.int.test.ts: writes large files through FileStore without
 * pause, the three ways the server does (a photo's copies with `put`, an upload streamed
 * with `put`, a notice with the synchronous `save`), saying "writing N" before each and
 * "saved N" after, so the parent can SIGKILL it at any moment and know what was in flight.
 */
import { Readable } from 'node:stream';
import { FileStore } from './files.js';
import { crashContent, crashWrite } from './files-crash.content.js';

const [root, firstArg] = process.argv.slice(2);
const store = new FileStore(root);
for (let n = Number(firstArg); ; n++) {
  const content = crashContent(n);
  const { area, way } = crashWrite(n);
  process.stdout.write(`writing ${n}\n`);
  if (way === 'save') {
    store.save(area, content, '.bin');
  } else if (way === 'put') {
    await store.put(area, content, '.bin');
  } else {
    // An upload arrives in pieces, with the event loop turning between them.
    async function* pieces() {
      for (let at = 0; at < content.length; at += 64 * 1024) {
        yield content.subarray(at, at + 64 * 1024);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    await store.put(area, Readable.from(pieces()), '.bin');
  }
  process.stdout.write(`saved ${n}\n`);
}
