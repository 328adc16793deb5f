import { effectScope, nextTick, ref } from 'vue';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LiveListener } from './live-connection';
import { useLiveRefresh } from './live-events';

/** A page's reload on live events: after a burst, not while the user is busy, and on a reset. */
function page(busy = ref(false)) {
  let listener!: LiveListener;
  let reloads = 0;
  const scope = effectScope();
  const live = scope.run(() =>
    useLiveRefresh({
      relevant: (e) => e.type.startsWith('case.'),
      refresh: () => void (reloads += 1),
      busy: () => busy.value,
      listen: (l) => void (listener = l),
    }),
  )!;
  const hear = (type: string) => listener.event?.({ id: 'x', type, at: '', data: {} } as never);
  return { live, hear, reset: () => listener.reset?.(), reloads: () => reloads, busy, stop: () => scope.stop() };
}

afterEach(() => vi.useRealTimers());

describe('a page kept current by live events', () => {
  it('reloads once after a burst of relevant events, and not for others', () => {
    vi.useFakeTimers();
    const p = page();
    p.hear('case.step');
    p.hear('case.dispatched');
    p.hear('alarm.raised');
    vi.advanceTimersByTime(999);
    expect(p.reloads()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(p.reloads()).toBe(1);
    p.hear('alarm.raised');
    vi.advanceTimersByTime(5000);
    expect(p.reloads()).toBe(1);
    p.reset();
    vi.advanceTimersByTime(1000);
    expect(p.reloads()).toBe(2);
  });

  it('only says there is news while the user is busy, and reloads when they are done or ask', async () => {
    vi.useFakeTimers();
    const p = page(ref(true));
    p.hear('case.step');
    vi.advanceTimersByTime(1000);
    expect([p.reloads(), p.live.pending.value]).toEqual([0, true]);
    p.busy.value = false;
    await nextTick();
    expect([p.reloads(), p.live.pending.value]).toEqual([1, false]);
    p.busy.value = true;
    p.hear('case.step');
    vi.advanceTimersByTime(1000);
    p.live.refreshNow();
    expect([p.reloads(), p.live.pending.value]).toEqual([2, false]);
  });

  it('forgets a reload that was due when the page goes', () => {
    vi.useFakeTimers();
    const p = page();
    p.hear('case.step');
    p.stop();
    vi.advanceTimersByTime(1000);
    expect(p.reloads()).toBe(0);
  });
});
