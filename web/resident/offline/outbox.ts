import { computed, ref, shallowRef } from 'vue';
import { uploadPhoto } from '../cases/photo-upload';
import { postReport } from '../cases/case-api';
import { createOutbox, itemsOf, nextWakeUp, type OutboxItem, type OutboxStore, type SendOutcome } from './outbox-core';
import { indexedDbStore, indexedDbWorks, memoryStore } from './outbox-store';

/**
 * The outbox as the app uses it: one per page, reactive, sending on its own when it should —
 * when the signed-in user is known (app start, sign-in), when the browser says the network is
 * back ('online'), when the app comes back to the foreground, and on a backoff timer.
 */
export const outboxItems = shallowRef<OutboxItem[]>([]);
/** The item being sent now, and how far along. */
export const outboxSending = ref<{ key: string; step: 'photo' | 'report'; photo: number; photos: number; progress: number } | null>(null);
/** Sent in this visit, newest first: the banner says so once. */
export const outboxSent = ref<{ key: string; label: string; number: string; caseId: number; at: number }[]>([]);
export const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine);
/** False when this browser cannot keep the outbox (no IndexedDB): reports then last only as long as the page. */
export const outboxPersistent = ref(true);
export const outboxCount = computed(() => outboxItems.value.length);

let userId: number | null = null;
/**
 * Reports being sent from the report form right now: the form shows their outcome itself
 * (上报成功 and the number), so the banner does not say it a second time.
 */
const sentByForm = new Set<string>();
let timer: ReturnType<typeof setTimeout> | null = null;

const storeReady: Promise<OutboxStore> = indexedDbWorks().then((ok) => {
  outboxPersistent.value = ok;
  return ok ? indexedDbStore() : memoryStore();
});
const store: OutboxStore = {
  all: async () => (await storeReady).all(),
  put: async (item) => (await storeReady).put(item),
  remove: async (key) => (await storeReady).remove(key),
};

const outbox = createOutbox({
  store,
  transport: {
    uploadPhoto: (blob, name, onProgress) => uploadPhoto(blob, name, onProgress).done,
    report: postReport,
  },
  now: () => Date.now(),
  random: Math.random,
  // One tab sends at a time: two tabs of the H5 open on one phone must not upload one report's photos twice.
  lock: <T>(fn: () => Promise<T>): Promise<T> =>
    typeof navigator !== 'undefined' && navigator.locks ? (navigator.locks.request('civicgrid-outbox', fn) as Promise<T>) : fn(),
  onEvent: (event) => {
    if (event.type === 'sending') {
      outboxSending.value = { key: event.key, step: event.step, photo: event.photo, photos: event.photos, progress: event.progress };
      return;
    }
    outboxSending.value = null;
    if (event.type === 'sent' && !sentByForm.has(event.key)) {
      const label = outboxItems.value.find((i) => i.key === event.key)?.label ?? '';
      outboxSent.value = [
        { key: event.key, label, number: event.result.number, caseId: event.result.caseId, at: Date.now() },
        ...outboxSent.value,
      ].slice(0, 5);
    }
    void refresh();
  },
});

async function refresh() {
  outboxItems.value = userId === null ? [] : itemsOf(await store.all(), userId);
}

function schedule() {
  if (timer) clearTimeout(timer);
  timer = null;
  if (userId === null) return;
  const at = nextWakeUp(outboxItems.value, userId);
  if (at === null) return;
  // Wake at the due time (at least 1 s from now, at most 5 minutes: a timer in a background
  // tab may be throttled, and the 'online' event is the better signal anyway).
  timer = setTimeout(() => void flushOutbox(false), Math.min(Math.max(at - Date.now(), 1_000), 5 * 60_000));
}

/** Sends what is due; `force` sends everything waiting now (the network just came back). */
export async function flushOutbox(force = true) {
  if (userId === null) return;
  try {
    await outbox.flush(userId, { force });
  } finally {
    await refresh();
    schedule();
  }
}

/** Starts (or switches) the outbox for the signed-in user; null stops it. */
export async function startOutbox(id: number | null) {
  userId = id;
  await refresh();
  if (id !== null) await flushOutbox(true);
  else schedule();
}

/** Stores a new report and tries to send it at once; it is safe on the phone either way. */
export async function submitToOutbox(item: OutboxItem): Promise<SendOutcome> {
  sentByForm.add(item.key);
  try {
    return await outbox.submit(item);
  } finally {
    sentByForm.delete(item.key);
    await refresh();
    schedule();
  }
}

export async function retryOutboxItem(key: string) {
  if (userId === null) return;
  try {
    await outbox.retry(userId, key);
  } finally {
    await refresh();
    schedule();
  }
}

export async function discardOutboxItem(key: string) {
  await outbox.discard(key);
  await refresh();
  schedule();
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => {
    online.value = true;
    void flushOutbox(true);
  });
  window.addEventListener('offline', () => {
    online.value = false;
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && navigator.onLine) void flushOutbox(false);
  });
}
