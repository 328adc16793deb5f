import { describe, expect, it } from 'vitest';
import { LiveConnection, type LiveEnvironment, type LiveMessage, type LiveSource } from './live-connection';

/** One tab's stream with a fake EventSource, a fake tab and a clock the test moves. */
function browser() {
  const sources: (LiveSource & { url: string; closed: boolean; emit(type: string, data?: string, id?: string): void })[] = [];
  let hidden = false;
  let onVisibility = () => {};
  let now = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  let next = 1;
  const env: LiveEnvironment = {
    connect(url) {
      const listeners = new Map<string, (m: LiveMessage) => void>();
      const source = {
        url,
        closed: false,
        addEventListener: (type: string, l: (m: LiveMessage) => void) => void listeners.set(type, l),
        close: () => void (source.closed = true),
        emit: (type: string, data?: string, lastEventId = '') => listeners.get(type)?.({ data, lastEventId }),
      };
      sources.push(source);
      return source;
    },
    hidden: () => hidden,
    onVisibilityChange: (l) => void (onVisibility = l),
    setTimeout: (run, ms) => {
      timers.set(next, { at: now + ms, run });
      return next++;
    },
    clearTimeout: (id) => void timers.delete(id as number),
    random: () => 1,
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...timers].sort((a, b) => a[1].at - b[1].at)) if (t.at <= now && timers.delete(id)) t.run();
  };
  const setHidden = (value: boolean) => {
    hidden = value;
    onVisibility();
  };
  return { env, sources, advance, setHidden, open: () => sources.filter((s) => !s.closed) };
}

const event = (caseId: number) => JSON.stringify({ id: `e${caseId}`, type: 'case.step', at: '', data: { caseId } });

describe('a tab’s live connection', () => {
  it('is one stream however many components listen, opened by the first and let go after the last', () => {
    const b = browser();
    const live = new LiveConnection(b.env, '/api/events');
    const heard: number[][] = [[], []];
    const stops = heard.map((into) => live.subscribe({ event: (e) => void into.push(e.data.caseId as number) }));
    expect(b.sources).toHaveLength(1);
    b.sources[0].emit('message', event(7), 'e7');
    expect(heard).toEqual([[7], [7]]);
    stops.forEach((stop) => stop());
    b.advance(2000);
    expect(b.open()).toHaveLength(1); // a page's listeners may be replaced by the next page's
    b.advance(2000);
    expect(b.open()).toHaveLength(0);
  });

  it('reconnects after a failure, waiting longer each time, and resumes from the last event it had', () => {
    const b = browser();
    const live = new LiveConnection(b.env, '/api/events');
    live.subscribe({});
    b.sources[0].emit('open');
    b.sources[0].emit('message', event(1), 'e1');
    b.sources[0].emit('error');
    expect(b.open()).toHaveLength(0);
    b.advance(999);
    expect(b.sources).toHaveLength(1);
    b.advance(1);
    expect(b.sources[1].url).toBe('/api/events?lastEventId=e1');
    b.sources[1].emit('error');
    b.advance(1999);
    expect(b.sources).toHaveLength(2);
    b.advance(1);
    expect(b.sources).toHaveLength(3);
  });

  it('tells its listeners to reload when events may have been missed', () => {
    const b = browser();
    const live = new LiveConnection(b.env, '/api/events');
    let resets = 0;
    live.subscribe({ reset: () => void (resets += 1) });
    b.sources[0].emit('open');
    b.sources[0].emit('reset', '{}');
    expect(resets).toBe(1);
    // Back after a failure with no event to resume from.
    b.sources[0].emit('error');
    b.advance(1000);
    b.sources[1].emit('open');
    expect(resets).toBe(2);
  });

  it('pauses while the tab is hidden and comes back when it is shown', () => {
    const b = browser();
    const live = new LiveConnection(b.env, '/api/events');
    live.subscribe({});
    b.sources[0].emit('message', event(3), 'e3');
    b.setHidden(true);
    b.advance(30_000);
    expect(b.open()).toHaveLength(0);
    b.setHidden(false);
    expect(b.open().map((s) => s.url)).toEqual(['/api/events?lastEventId=e3']);
  });

  it('stays closed after its session ended, and comes back soon when the server only moved it', () => {
    const b = browser();
    const live = new LiveConnection(b.env, '/api/events');
    live.subscribe({});
    b.sources[0].emit('end', '{"reason":"server_closing"}');
    b.advance(1000);
    expect(b.open()).toHaveLength(1);
    b.open()[0].emit('end', '{"reason":"session_ended"}');
    b.advance(120_000);
    expect(b.open()).toHaveLength(0);
  });
});
