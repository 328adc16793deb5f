import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * HEIC (what iPhones save by default) to JPEG. sharp's prebuilt libvips reads the HEIF
 * container but cannot decode HEVC (a patent-encumbered codec it leaves out), so the pixels go
 * through heic-convert (libheif and libde265 compiled to WASM). That is synchronous and slow,
 * so each conversion runs in its own worker thread: the event loop stays free, a crash or a
 * runaway file kills only its worker, and the WASM memory is returned when the worker ends.
 */

const WORKER = new URL('./heic-to-jpeg.worker.mjs', import.meta.url);
/** A 12 MP photo takes about 3 s here; 60 MP about five times that. Far past it, give up. */
const TIMEOUT_MS = 60_000;
/** Each conversion holds a core and ~4 bytes a pixel several times over; more would only queue in the CPU. */
const MAX_RUNNING = Math.max(1, Math.min(2, availableParallelism()));

export class HeicConversionFailed extends Error {}

let running = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_RUNNING) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** The first image of a HEIC file as a JPEG without metadata, or HeicConversionFailed. */
export function heicToJpeg(heic: Uint8Array, timeoutMs = TIMEOUT_MS): Promise<Buffer> {
  return inTurn(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        // A copy of exactly these bytes, handed over rather than cloned a second time.
        const bytes = new Uint8Array(heic);
        const worker = new Worker(WORKER, { workerData: { heic: bytes }, transferList: [bytes.buffer] });
        let settled = false;
        const settle = (outcome: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          void worker.terminate();
          outcome();
        };
        const timer = setTimeout(
          () => settle(() => reject(new HeicConversionFailed(`HEIC conversion took longer than ${timeoutMs} ms`))),
          timeoutMs,
        );
        worker.once('message', (jpeg: Uint8Array) => settle(() => resolve(Buffer.from(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength))));
        worker.once('error', (error) =>
          settle(() => reject(new HeicConversionFailed(`HEIC conversion failed: ${error.message}`, { cause: error }))),
        );
        worker.once('exit', (code) => settle(() => reject(new HeicConversionFailed(`HEIC conversion stopped with exit code ${code}`))));
      }),
  );
}
