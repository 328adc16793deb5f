// Converts one HEIC photo to JPEG with heic-convert, off the main thread: libheif (WASM) and
// jpeg-js are synchronous and take about 3 s on a 12-megapixel photo, which would otherwise
// stall every request the server is handling. Plain JavaScript, so it runs the same under
// tsx, vitest and node. Started by heic-to-jpeg.ts, one worker per photo.
import { parentPort, workerData } from 'node:worker_threads';
import convert from 'heic-convert';

// libheif-js reports parse failures on console.log; the caller gets the error instead.
console.log = () => {};

/** @type {Uint8Array} */
const heic = workerData.heic;
const jpeg = await convert({ buffer: Buffer.from(heic.buffer, heic.byteOffset, heic.byteLength), format: 'JPEG', quality: 0.92 });
parentPort.postMessage(jpeg);
