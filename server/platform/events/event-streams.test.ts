import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeViewer } from '../../test/fakes.js';
import type { Viewer } from '../auth/viewer.js';
import type { EventNotice } from '../../../common/contracts/events.js';
import type { EventHub, HubListener } from './event-hub.js';
import { EventStreams, type StreamSession, type StreamSink } from './event-streams.js';
import { RecentEvents } from './recent-events.js';
import { sseEvent } from './sse.js';

/**
 * The process's streams with a fake hub, fake sessions and sinks that keep what they are sent:
 * what each viewer is sent, once; when a stream ends and why; the limits.
 */
const LIMITS = { perUser: 2, perProcess: 3, heartbeatMs: 25_000, retryMs: 3000 };
const scope = { path: '/1/4/230/', estateIds: null };

function world() {
  let listener!: HubListener;
  const recent = new RecentEvents<{ notice: EventNotice; message: string }>();
  const hub: EventHub = {
    subscribe: (l) => {
      listener = l;
      return () => {};
    },
    recent,
    stop: async () => {},
  };
  const sessions = new Map<string, StreamSession | null>();
  const changed = new Set<() => void>();
  const streams = new EventStreams(
    hub,
    { sessionOf: async (token) => sessions.get(token) ?? null, onChange: (l) => (changed.add(l), () => changed.delete(l)) },
    LIMITS,
  );
  const hear = (notice: EventNotice) => {
    const heard = { notice, message: sseEvent(notice) };
    recent.add(heard);
    listener.event(heard);
  };
  const open = async (token: string, viewer: Viewer, options: { lastEventId?: string; backlog?: number } = {}) => {
    sessions.set(token, { viewer, expiresAt: new Date(Date.now() + 3600_000) });
    const sink = fakeSink(options.backlog);
    streams.start(await streams.prepare(token, async () => scope), sink, options.lastEventId);
    return sink;
  };
  const change = async () => {
    changed.forEach((l) => l());
    await new Promise((r) => setTimeout(r, 0));
  };
  return { streams, sessions, hear, open, change, gap: () => listener.gap() };
}

function fakeSink(backlog = 0) {
  const sink = {
    text: '',
    ended: false,
    backlog: () => backlog,
    write: (t: string) => void (sink.text += t),
    end: () => void (sink.ended = true),
  };
  return sink satisfies StreamSink & { text: string };
}

const notice = (id: string, over: Partial<EventNotice['audience']> = {}): EventNotice => ({
  id,
  type: 'case.step',
  at: '2026-12-02T02:00:00.000Z',
  regionPath: '/1/4/230/231/',
  estateId: null,
  audience: { permissions: ['cases.read'], userIds: [], ...over },
  data: { caseId: 5, lineId: 40, action: 'comment', status: 'accepted' },
});
const idsIn = (text: string) => [...text.matchAll(/^id: (.+)$/gm)].map((m) => m[1]);

afterEach(() => vi.useRealTimers());

describe('the event streams of a process', () => {
  it('sends each viewer the events they may receive, and an event split over several notices once', async () => {
    const w = world();
    const desk = await w.open('a', fakeViewer('community_staff', { userId: 1 }));
    const resident = await w.open('b', fakeViewer('resident', { userId: 2 }));
    w.hear(notice('e1'));
    w.hear(notice('e2', { userIds: [2] }));
    w.hear(notice('e2', { permissions: [], userIds: [1, 3] }));
    expect(idsIn(desk.text)).toEqual(['e1', 'e2']);
    expect(idsIn(resident.text)).toEqual(['e2']);
    expect(desk.text.startsWith('retry: 3000\n\n')).toBe(true);
  });

  it('replays what a reconnecting client missed, or tells it to reset when it cannot', async () => {
    const w = world();
    ['e1', 'e2', 'e3'].forEach((id) => w.hear(notice(id)));
    const back = await w.open('a', fakeViewer('community_staff'), { lastEventId: 'e1' });
    expect(idsIn(back.text)).toEqual(['e2', 'e3']);
    const lost = await w.open('b', fakeViewer('community_staff'), { lastEventId: 'e0' });
    expect(lost.text).toContain('event: reset');
    w.gap();
    expect(back.text).toContain('event: reset');
  });

  it('ends a stream whose session ended or whose account now reaches elsewhere, when sessions change', async () => {
    const w = world();
    const leaving = await w.open('a', fakeViewer('community_staff', { userId: 1 }));
    const moved = await w.open('b', fakeViewer('community_staff', { userId: 2 }));
    const staying = await w.open('c', fakeViewer('community_staff', { userId: 3 }));
    w.sessions.set('a', null);
    w.sessions.set('b', {
      viewer: fakeViewer('community_staff', { userId: 2, regionPath: '/1/4/231/' }),
      expiresAt: new Date(Date.now() + 1000),
    });
    await w.change();
    expect(leaving.text).toContain('event: end\ndata: {"reason":"session_ended"}');
    expect(moved.text).toContain('"reason":"account_changed"');
    expect([leaving.ended, moved.ended, staying.ended]).toEqual([true, true, false]);
    expect(w.streams.size).toBe(1);
  });

  it('ends a stream when its session expires', async () => {
    vi.useFakeTimers();
    const w = world();
    const sink = await w.open('a', fakeViewer('community_staff'));
    vi.advanceTimersByTime(3600_000);
    expect(sink.text).toContain('"reason":"session_ended"');
  });

  it('drops a client that does not read, rather than buffering for it without end', async () => {
    const w = world();
    const slow = await w.open('a', fakeViewer('community_staff'), { backlog: 2 << 20 });
    w.hear(notice('e1'));
    expect(slow.text).toContain('"reason":"too_slow"');
    expect(w.streams.size).toBe(0);
  });

  it('refuses streams over the limits per account and per process', async () => {
    const w = world();
    await w.open('a', fakeViewer('community_staff', { userId: 1 }));
    await w.open('b', fakeViewer('community_staff', { userId: 1 }));
    await expect(w.open('c', fakeViewer('community_staff', { userId: 1 }))).rejects.toMatchObject({
      status: 429,
      code: 'EVENT_STREAMS_PER_USER',
    });
    await w.open('d', fakeViewer('community_staff', { userId: 2 }));
    await expect(w.open('e', fakeViewer('community_staff', { userId: 3 }))).rejects.toMatchObject({
      status: 503,
      code: 'EVENT_STREAMS_FULL',
    });
    await expect(w.streams.prepare(undefined, async () => scope)).rejects.toMatchObject({ status: 401 });
  });

  it('ends every stream when the server closes', async () => {
    const w = world();
    const sink = await w.open('a', fakeViewer('community_staff'));
    await w.streams.stop();
    expect(sink.text).toContain('"reason":"server_closing"');
    expect(sink.ended).toBe(true);
  });
});
