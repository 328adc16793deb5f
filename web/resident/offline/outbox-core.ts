import type { ReportCaseBody, ReportResult } from '@common/contracts/cases';

/**
 * 待发送: reports made without a network (a 网格员 on patrol in a basement, a village with no
 * signal) wait on the phone and are sent when the network comes back.
 *
 * Two promises, and how they are kept:
 *  - never lost: an item leaves the outbox only after the server answered 200 or 201 for it;
 *    a refusal (4xx) keeps it, marked, until the person decides what to do with it.
 *  - never doubled: each item carries one Idempotency-Key, made when the item is made, and
 *    sends it on every try; the server answers a key it has seen with the case it made then.
 *    Photos are uploaded one by one and each photo id is stored as soon as it is known, so a
 *    retry uploads only the photos still missing.
 *
 * This module has no DOM and no storage of its own: the store, the transport, the clock and
 * the lock are passed in, so the rules can be tested with fakes (outbox-core.test.ts).
 */

export interface OutboxPhoto {
  localId: string;
  name: string;
  blob: Blob;
  /** Set once the upload is answered; kept, so a retry does not upload the photo again. */
  photoId: number | null;
}

export type OutboxItemState = 'waiting' | 'failed';

export interface OutboxItem {
  /** The Idempotency-Key: made once, when the report was made, and the item's id in the store. */
  key: string;
  /** Whose report: the server scopes keys to the signed-in user, so only they may send it. */
  userId: number;
  createdAt: number;
  /** What the person sees in the list: category and the start of the description. */
  label: string;
  body: Omit<ReportCaseBody, 'photoIds'>;
  photos: OutboxPhoto[];
  /** waiting: will be sent automatically; failed: the server refused it, a person must act. */
  state: OutboxItemState;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  lastErrorCode: string | null;
  /** Why the last try failed: 'auth' means it waits for the person to sign in again. */
  lastFailureKind?: FailureKind | null;
}

export interface OutboxStore {
  all(): Promise<OutboxItem[]>;
  put(item: OutboxItem): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface OutboxTransport {
  uploadPhoto(blob: Blob, name: string, onProgress: (fraction: number) => void): Promise<number>;
  report(key: string, body: ReportCaseBody): Promise<ReportResult>;
}

/** What the UI is told while a round runs. */
export type OutboxEvent =
  | { type: 'sending'; key: string; step: 'photo' | 'report'; photo: number; photos: number; progress: number }
  | { type: 'sent'; key: string; result: ReportResult }
  | { type: 'kept'; key: string; item: OutboxItem; failure: Failure };

// ---------------------------------------------------------------------------------------------
// Failures and retries

export type FailureKind = 'offline' | 'retry' | 'auth' | 'reupload' | 'reject';

export interface Failure {
  kind: FailureKind;
  status: number;
  code: string;
  message: string;
}

/**
 * What an error means for the item:
 *  offline  no answer at all (no network, DNS, a cut connection): try again later
 *  retry    the server could not take it now (5xx, 408, 429): try again later
 *  auth     the session ended (401): wait until the person signs in again, then send
 *  reupload the server no longer takes the stored photo ids: upload the photos again
 *  reject   the server refused the report itself (4xx): keep it, a person must decide
 */
export function classifyFailure(error: unknown): Failure {
  const e = (error ?? {}) as { status?: unknown; code?: unknown; message?: unknown; name?: unknown };
  const status = typeof e.status === 'number' ? e.status : 0;
  const code = typeof e.code === 'string' ? e.code : status === 0 ? 'NETWORK' : `HTTP_${status}`;
  const message = typeof e.message === 'string' && e.message ? e.message : '发送失败';
  const kind: FailureKind =
    status === 0
      ? 'offline'
      : status === 401
        ? 'auth'
        : status >= 500 || status === 408 || status === 425 || status === 429
          ? 'retry'
          : code === 'PHOTO_NOT_YOURS'
            ? 'reupload'
            : 'reject';
  return { kind, status, code, message };
}

export const RETRY_BASE_MS = 5_000;
export const RETRY_MAX_MS = 5 * 60_000;

/**
 * Exponential backoff with jitter: 5 s, 10 s, 20 s … up to 5 minutes, each between half and
 * all of that, so a county's phones coming back online together do not all knock at once.
 * `random` is in [0, 1).
 */
export function retryDelay(attempt: number, random: number): number {
  const ceiling = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling * (0.5 + random * 0.5));
}

/** The item after a failed try. Pure: the caller stores what this returns. */
export function applyFailure(item: OutboxItem, failure: Failure, now: number, random: number): OutboxItem {
  const noted = { ...item, lastError: failure.message, lastErrorCode: failure.code, lastFailureKind: failure.kind };
  switch (failure.kind) {
    case 'offline':
    case 'retry': {
      const attempts = item.attempts + 1;
      return { ...noted, state: 'waiting', attempts, nextAttemptAt: now + retryDelay(attempts, random) };
    }
    case 'auth':
      // Not the item's fault: no attempt counted; signing in again sends it (flush with force).
      return { ...noted, state: 'waiting', nextAttemptAt: now + RETRY_MAX_MS };
    case 'reupload':
      if (item.photos.some((p) => p.photoId !== null)) {
        return {
          ...noted,
          state: 'waiting',
          attempts: item.attempts + 1,
          nextAttemptAt: now,
          photos: item.photos.map((p) => ({ ...p, photoId: null })),
        };
      }
      return { ...noted, state: 'failed' };
    case 'reject':
      return { ...noted, state: 'failed' };
  }
}

/** A failed item the person asked to send again: a fresh start, the same key. */
export function retryNow(item: OutboxItem, now: number): OutboxItem {
  return { ...item, state: 'waiting', attempts: 0, nextAttemptAt: now };
}

// ---------------------------------------------------------------------------------------------
// Selection

export function itemsOf(items: OutboxItem[], userId: number): OutboxItem[] {
  return items.filter((i) => i.userId === userId).sort((a, b) => a.createdAt - b.createdAt);
}

/** The items a round sends: the user's waiting ones that are due (all of them when forced). */
export function dueItems(items: OutboxItem[], userId: number, now: number, force: boolean): OutboxItem[] {
  return itemsOf(items, userId).filter((i) => i.state === 'waiting' && (force || i.nextAttemptAt <= now));
}

/** When the next round should run by itself, or null when nothing waits. */
export function nextWakeUp(items: OutboxItem[], userId: number): number | null {
  const times = itemsOf(items, userId)
    .filter((i) => i.state === 'waiting')
    .map((i) => i.nextAttemptAt);
  return times.length ? Math.min(...times) : null;
}

// ---------------------------------------------------------------------------------------------
// Sending

export interface OutboxDeps {
  store: OutboxStore;
  transport: OutboxTransport;
  now: () => number;
  random: () => number;
  /** Runs one round at a time across tabs (navigator.locks in a browser). */
  lock?: <T>(fn: () => Promise<T>) => Promise<T>;
  onEvent?: (event: OutboxEvent) => void;
}

export type SendOutcome = { kind: 'sent'; result: ReportResult } | { kind: 'kept'; item: OutboxItem; failure: Failure };

/** One try of one item: missing photos first (each id stored as it comes), then the report. */
export async function sendItem(item: OutboxItem, deps: OutboxDeps): Promise<SendOutcome> {
  let current = item;
  const total = current.photos.length;
  try {
    for (let i = 0; i < total; i++) {
      const photo = current.photos[i];
      if (photo.photoId !== null) continue;
      deps.onEvent?.({ type: 'sending', key: item.key, step: 'photo', photo: i + 1, photos: total, progress: 0 });
      const photoId = await deps.transport.uploadPhoto(photo.blob, photo.name, (progress) =>
        deps.onEvent?.({ type: 'sending', key: item.key, step: 'photo', photo: i + 1, photos: total, progress }),
      );
      current = { ...current, photos: current.photos.map((p) => (p.localId === photo.localId ? { ...p, photoId } : p)) };
      await deps.store.put(current);
    }
    deps.onEvent?.({ type: 'sending', key: item.key, step: 'report', photo: total, photos: total, progress: 1 });
    const result = await deps.transport.report(current.key, { ...current.body, photoIds: current.photos.map((p) => p.photoId as number) });
    // Answered 200/201: the case exists. Only now does the item leave the phone. (Should the
    // removal itself fail, the next round sends the same key and gets the same case back.)
    await deps.store.remove(current.key).catch(() => {});
    deps.onEvent?.({ type: 'sent', key: item.key, result });
    return { kind: 'sent', result };
  } catch (error) {
    const failure = classifyFailure(error);
    const kept = applyFailure(current, failure, deps.now(), deps.random());
    await deps.store.put(kept);
    deps.onEvent?.({ type: 'kept', key: item.key, item: kept, failure });
    return { kind: 'kept', item: kept, failure };
  }
}

export interface FlushResult {
  sent: { key: string; result: ReportResult }[];
  kept: { key: string; failure: Failure }[];
  /** Why the round stopped early, if it did: no network, or no session. */
  stoppedBy: 'offline' | 'auth' | null;
}

/**
 * The outbox: rounds run one at a time (a second call waits for the first, and a lock keeps
 * two tabs from sending the same item at once), oldest item first. A round stops at the first
 * sign that nothing else can get through either (no network, no session).
 */
export function createOutbox(deps: OutboxDeps) {
  let chain: Promise<unknown> = Promise.resolve();
  const lock = deps.lock ?? ((fn) => fn());

  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = chain.then(() => lock(fn));
    chain = run.catch(() => {});
    return run;
  }

  async function round(userId: number, options: { force?: boolean; onlyKey?: string }): Promise<FlushResult> {
    const out: FlushResult = { sent: [], kept: [], stoppedBy: null };
    // Read afresh inside the lock: another tab may have sent some of them meanwhile.
    const all = await deps.store.all();
    let due = dueItems(all, userId, deps.now(), options.force ?? false);
    if (options.onlyKey) due = due.filter((i) => i.key === options.onlyKey);
    for (const item of due) {
      const outcome = await sendItem(item, deps);
      if (outcome.kind === 'sent') {
        out.sent.push({ key: item.key, result: outcome.result });
        continue;
      }
      out.kept.push({ key: item.key, failure: outcome.failure });
      if (outcome.failure.kind === 'offline' || outcome.failure.kind === 'auth') {
        out.stoppedBy = outcome.failure.kind;
        break;
      }
    }
    return out;
  }

  return {
    /** Sends what is due for this user (everything waiting, when forced: the network is back). */
    flush: (userId: number, options: { force?: boolean } = {}) => serial(() => round(userId, options)),
    /** Stores a new report, then tries to send it at once. It is safe on the phone either way. */
    submit: (item: OutboxItem) =>
      serial(async () => {
        await deps.store.put(item);
        const result = await round(item.userId, { force: true, onlyKey: item.key });
        const sent = result.sent.find((s) => s.key === item.key);
        if (sent) return { kind: 'sent', result: sent.result } as SendOutcome;
        const kept = (await deps.store.all()).find((i) => i.key === item.key) ?? item;
        const failure = result.kept.find((k) => k.key === item.key)?.failure ?? classifyFailure(null);
        return { kind: 'kept', item: kept, failure } as SendOutcome;
      }),
    /** A failed item the person wants sent again. */
    retry: (userId: number, key: string) =>
      serial(async () => {
        const item = (await deps.store.all()).find((i) => i.key === key && i.userId === userId);
        if (item) await deps.store.put(retryNow(item, deps.now()));
        return round(userId, { force: true, onlyKey: key });
      }),
    /** The person deleted an item they no longer want sent (asked to confirm first). */
    discard: (key: string) => serial(() => deps.store.remove(key)),
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
