import { describe, expect, it } from 'vitest';
import {
  applyFailure,
  classifyFailure,
  createOutbox,
  dueItems,
  nextWakeUp,
  retryDelay,
  RETRY_MAX_MS,
  type OutboxItem,
  type OutboxStore,
  type OutboxTransport,
} from './outbox-core';
import type { ReportCaseBody, ReportResult } from '@common/contracts/cases';
import { newIdempotencyKey } from '../../../common/idempotency';

/** An error as web/lib/api.ts makes them: HTTP status, stable code, Chinese message. */
const apiError = (status: number, code: string, message = '错误') => Object.assign(new Error(message), { status, code });
const OFFLINE = () => apiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');

function item(overrides: Partial<OutboxItem> = {}): OutboxItem {
  return {
    key: overrides.key ?? newIdempotencyKey(),
    userId: 7,
    createdAt: 1_000,
    label: '路灯损坏：小区东门路灯不亮',
    body: { categoryId: 9, description: '小区东门路灯不亮', attributes: {}, lat: 36.2869, lon: 116.4551, anonymous: false },
    photos: [],
    state: 'waiting',
    attempts: 0,
    nextAttemptAt: 0,
    lastError: null,
    lastErrorCode: null,
    ...overrides,
  };
}

const photo = (localId: string, photoId: number | null = null) => ({ localId, name: `${localId}.jpg`, blob: new Blob(['jpeg']), photoId });

function memoryStore(initial: OutboxItem[] = []): OutboxStore & { items: Map<string, OutboxItem> } {
  const items = new Map(initial.map((i) => [i.key, structuredClone(i)]));
  return {
    items,
    all: async () => [...items.values()].map((i) => structuredClone(i)),
    put: async (i) => {
      items.set(i.key, structuredClone(i));
    },
    remove: async (key) => {
      items.delete(key);
    },
  };
}

/**
 * A fake server: remembers cases by key as the real one does (a repeated key answers 200 with
 * the same case), and fails the next calls as scripted.
 */
function fakeServer() {
  const cases = new Map<string, ReportResult>();
  const reports: { key: string; body: ReportCaseBody }[] = [];
  const uploads: string[] = [];
  const failNextReport: Error[] = [];
  const failNextUpload: Error[] = [];
  /** The server made the case but the answer never reached the phone. */
  let loseNextAnswer = false;
  let photoSeq = 100;
  const transport: OutboxTransport = {
    async uploadPhoto(_blob, name, onProgress) {
      const fail = failNextUpload.shift();
      if (fail) throw fail;
      uploads.push(name);
      onProgress(1);
      return ++photoSeq;
    },
    async report(key, body) {
      const fail = failNextReport.shift();
      if (fail) throw fail;
      reports.push({ key, body });
      const earlier = cases.get(key);
      const result = earlier
        ? { ...earlier, replayed: true }
        : { caseId: cases.size + 1, number: `PY2026120100000${cases.size + 1}`, replayed: false, duplicates: [] };
      cases.set(key, result);
      if (loseNextAnswer) {
        loseNextAnswer = false;
        throw OFFLINE();
      }
      return result;
    },
  };
  return {
    transport,
    cases,
    reports,
    uploads,
    failNextReport,
    failNextUpload,
    loseAnswer: () => {
      loseNextAnswer = true;
    },
  };
}

function setup(initial: OutboxItem[] = []) {
  const store = memoryStore(initial);
  const server = fakeServer();
  let clock = 10_000;
  const outbox = createOutbox({ store, transport: server.transport, now: () => clock, random: () => 0.5 });
  return {
    store,
    server,
    outbox,
    advance: (ms: number) => {
      clock += ms;
    },
    now: () => clock,
  };
}

describe('classifyFailure', () => {
  it.each([
    [OFFLINE(), 'offline'],
    [new TypeError('Failed to fetch'), 'offline'],
    [apiError(502, 'HTTP_502'), 'retry'],
    [apiError(503, 'HTTP_503'), 'retry'],
    [apiError(429, 'RATE_LIMITED'), 'retry'],
    [apiError(401, 'UNAUTHENTICATED'), 'auth'],
    [apiError(400, 'PHOTO_NOT_YOURS'), 'reupload'],
    [apiError(400, 'OUTSIDE_COUNTY', '所选位置不在平阴县范围内，请重新选点'), 'reject'],
    [apiError(400, 'FIELD_REQUIRED'), 'reject'],
    [apiError(404, 'NOT_FOUND'), 'reject'],
  ])('%s → %s', (error, kind) => {
    expect(classifyFailure(error).kind).toBe(kind);
  });

  it("keeps the server's message for the person to read", () => {
    expect(classifyFailure(apiError(400, 'OUTSIDE_COUNTY', '所选位置不在平阴县范围内，请重新选点')).message).toBe(
      '所选位置不在平阴县范围内，请重新选点',
    );
  });
});

describe('retryDelay', () => {
  it('doubles from 5 s and stops at 5 minutes', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, 0.999999))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(retryDelay(30, 0.999999)).toBe(RETRY_MAX_MS);
  });

  it('spreads retries between half and all of the step', () => {
    expect(retryDelay(3, 0)).toBe(10_000);
    expect(retryDelay(3, 0.5)).toBe(15_000);
  });
});

describe('applyFailure', () => {
  it('keeps a network failure waiting, with the next try later', () => {
    const out = applyFailure(item(), classifyFailure(OFFLINE()), 1_000, 0);
    expect(out).toMatchObject({ state: 'waiting', attempts: 1, nextAttemptAt: 1_000 + 2_500, lastErrorCode: 'NETWORK' });
  });

  it('marks a refused report failed and keeps it (never dropped)', () => {
    const out = applyFailure(item(), classifyFailure(apiError(400, 'OUTSIDE_COUNTY', '不在县内')), 1_000, 0);
    expect(out).toMatchObject({ state: 'failed', lastError: '不在县内' });
  });

  it('does not count an ended session against the item', () => {
    const out = applyFailure(item({ attempts: 2 }), classifyFailure(apiError(401, 'UNAUTHENTICATED')), 1_000, 0);
    expect(out).toMatchObject({ state: 'waiting', attempts: 2 });
  });

  it('forgets stored photo ids the server no longer takes, once', () => {
    const withIds = item({ photos: [photo('a', 5), photo('b', 6)] });
    const once = applyFailure(withIds, classifyFailure(apiError(400, 'PHOTO_NOT_YOURS')), 1_000, 0);
    expect(once.state).toBe('waiting');
    expect(once.photos.map((p) => p.photoId)).toEqual([null, null]);
    expect(applyFailure(once, classifyFailure(apiError(400, 'PHOTO_NOT_YOURS')), 1_000, 0).state).toBe('failed');
  });
});

describe('dueItems and nextWakeUp', () => {
  const items = [
    item({ key: 'k-later-0001', nextAttemptAt: 50_000, createdAt: 2 }),
    item({ key: 'k-due-00001', nextAttemptAt: 5_000, createdAt: 3 }),
    item({ key: 'k-failed-001', state: 'failed', createdAt: 1 }),
    item({ key: 'k-other-0001', userId: 8 }),
  ];

  it("sends only the user's waiting items that are due, oldest first; all waiting ones when forced", () => {
    expect(dueItems(items, 7, 10_000, false).map((i) => i.key)).toEqual(['k-due-00001']);
    expect(dueItems(items, 7, 10_000, true).map((i) => i.key)).toEqual(['k-later-0001', 'k-due-00001']);
  });

  it('wakes up for the earliest waiting item, and not at all when nothing waits', () => {
    expect(nextWakeUp(items, 7)).toBe(5_000);
    expect(nextWakeUp([items[2]], 7)).toBeNull();
  });
});

describe('createOutbox', () => {
  it('sends a stored report once, with its key, and only then removes it', async () => {
    const t = setup();
    const report = item({ photos: [photo('a'), photo('b')] });
    const outcome = await t.outbox.submit(report);
    expect(outcome.kind).toBe('sent');
    expect(t.server.reports).toHaveLength(1);
    expect(t.server.reports[0]).toMatchObject({ key: report.key, body: { photoIds: [101, 102], description: '小区东门路灯不亮' } });
    expect(t.store.items.size).toBe(0);
  });

  it('keeps a report made offline, then sends it once when the network returns', async () => {
    const t = setup();
    const report = item({ photos: [photo('a')] });
    t.server.failNextUpload.push(OFFLINE());
    const outcome = await t.outbox.submit(report);
    expect(outcome.kind).toBe('kept');
    expect(t.store.items.get(report.key)).toMatchObject({ state: 'waiting', attempts: 1 });
    expect(t.server.reports).toHaveLength(0);

    const back = await t.outbox.flush(7, { force: true });
    expect(back.sent.map((s) => s.key)).toEqual([report.key]);
    expect(t.server.cases.size).toBe(1);
    expect(t.store.items.size).toBe(0);
    // Nothing left to send: another round sends nothing.
    expect((await t.outbox.flush(7, { force: true })).sent).toEqual([]);
    expect(t.server.reports).toHaveLength(1);
  });

  it('uploads each photo once, even when the report itself has to be retried', async () => {
    const t = setup();
    const report = item({ photos: [photo('a'), photo('b')] });
    t.server.failNextReport.push(apiError(503, 'HTTP_503'));
    expect((await t.outbox.submit(report)).kind).toBe('kept');
    expect(t.store.items.get(report.key)!.photos.map((p) => p.photoId)).toEqual([101, 102]);
    await t.outbox.flush(7, { force: true });
    expect(t.server.uploads).toEqual(['a.jpg', 'b.jpg']);
    expect(t.server.reports.map((r) => r.body.photoIds)).toEqual([[101, 102]]);
  });

  it('does not double a case when the answer was lost: the retry sends the same key and gets the same case', async () => {
    const t = setup();
    const report = item();
    t.server.loseAnswer();
    const first = await t.outbox.submit(report);
    expect(first.kind).toBe('kept'); // the phone never heard back…
    expect(t.server.cases.size).toBe(1); // …but the server made the case
    const retry = await t.outbox.flush(7, { force: true });
    expect(retry.sent[0].result).toMatchObject({ caseId: 1, replayed: true });
    expect(new Set(t.server.reports.map((r) => r.key))).toEqual(new Set([report.key]));
    expect(t.server.cases.size).toBe(1);
    expect(t.store.items.size).toBe(0);
  });

  it('never drops a refused report; sending it again uses the same key', async () => {
    const t = setup();
    const report = item();
    t.server.failNextReport.push(apiError(400, 'OUTSIDE_COUNTY', '所选位置不在平阴县范围内，请重新选点'));
    await t.outbox.submit(report);
    expect(t.store.items.get(report.key)).toMatchObject({ state: 'failed', lastError: '所选位置不在平阴县范围内，请重新选点' });
    // Automatic rounds leave it alone: only the person decides.
    await t.outbox.flush(7, { force: true });
    expect(t.server.reports).toHaveLength(0);
    const again = await t.outbox.retry(7, report.key);
    expect(again.sent[0].key).toBe(report.key);
    expect(t.server.reports.map((r) => r.key)).toEqual([report.key]);
  });

  it('waits for due time between automatic rounds, backing off', async () => {
    const t = setup([item({ key: 'k-waiting-001', nextAttemptAt: 0 })]);
    t.server.failNextReport.push(apiError(502, 'HTTP_502'), apiError(502, 'HTTP_502'));
    await t.outbox.flush(7);
    const first = t.store.items.get('k-waiting-001')!;
    expect(first.attempts).toBe(1);
    expect(first.nextAttemptAt).toBe(t.now() + retryDelay(1, 0.5));
    expect((await t.outbox.flush(7)).sent).toEqual([]); // not due yet: nothing sent
    t.advance(retryDelay(1, 0.5));
    await t.outbox.flush(7);
    expect(t.store.items.get('k-waiting-001')!.attempts).toBe(2);
    t.advance(retryDelay(2, 0.5));
    expect((await t.outbox.flush(7)).sent).toHaveLength(1);
  });

  it('stops a round at the first sign of no network, leaving the other items untouched', async () => {
    const t = setup([item({ key: 'k-first-0001', createdAt: 1 }), item({ key: 'k-second-001', createdAt: 2 })]);
    t.server.failNextReport.push(OFFLINE());
    const result = await t.outbox.flush(7, { force: true });
    expect(result.stoppedBy).toBe('offline');
    expect(t.store.items.get('k-second-001')!.attempts).toBe(0);
  });

  it("never sends another user's items (keys belong to the user who made them)", async () => {
    const t = setup([item({ key: 'k-of-user-8', userId: 8 })]);
    expect((await t.outbox.flush(7, { force: true })).sent).toEqual([]);
    expect(t.store.items.has('k-of-user-8')).toBe(true);
  });

  it('runs rounds one at a time: two flushes at once send each item once', async () => {
    const t = setup([item({ key: 'k-racing-001', photos: [photo('a')] })]);
    const [a, b] = await Promise.all([t.outbox.flush(7, { force: true }), t.outbox.flush(7, { force: true })]);
    expect(a.sent.length + b.sent.length).toBe(1);
    expect(t.server.uploads).toEqual(['a.jpg']);
    expect(t.server.reports).toHaveLength(1);
  });
});
