import type { OutboxItem, OutboxStore } from './outbox-core';

/**
 * The outbox on the phone, in IndexedDB. IndexedDB rather than localStorage because photos are
 * kept as Blobs (localStorage holds only strings, ~5 MB in all: two phone photos as base64
 * would fill it), and because it survives the browser closing. One object store, keyed by
 * the item's Idempotency-Key.
 */
const DB_NAME = 'civicgrid-h5';
const DB_VERSION = 1;
const STORE = 'outbox';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE, { keyPath: 'key' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('IndexedDB blocked'));
  });
}

function run<T>(db: IDBDatabase, mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = fn(tx.objectStore(STORE));
    // Resolve when the transaction is committed, not when the request succeeds: only then is
    // the item really on the disk.
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error ?? request.error);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export function indexedDbStore(): OutboxStore {
  let db: Promise<IDBDatabase> | null = null;
  const database = () => {
    db ??= open().catch((e) => {
      db = null;
      throw e;
    });
    return db;
  };
  return {
    all: async () => run(await database(), 'readonly', (s) => s.getAll() as IDBRequest<OutboxItem[]>),
    put: async (item) => {
      await run(await database(), 'readwrite', (s) => s.put(item));
    },
    remove: async (key) => {
      await run(await database(), 'readwrite', (s) => s.delete(key));
    },
  };
}

/** True when this browser can keep the outbox (not, for example, some private windows). */
export async function indexedDbWorks(): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  try {
    await indexedDbStore().all();
    return true;
  } catch {
    return false;
  }
}

/** For a browser without IndexedDB: the outbox lasts as long as the page. The UI says so. */
export function memoryStore(): OutboxStore {
  const items = new Map<string, OutboxItem>();
  return {
    all: async () => [...items.values()],
    put: async (item) => {
      items.set(item.key, item);
    },
    remove: async (key) => {
      items.delete(key);
    },
  };
}
