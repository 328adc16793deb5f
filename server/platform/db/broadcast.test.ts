import { describe, expect, it, vi } from 'vitest';
import { reloadOnBroadcast, type Listen } from './broadcast.js';

/**
 * A value each process keeps, reloaded on a broadcast: the logic, with a fake listener standing
 * in for Database.listen and loads the test finishes by hand. broadcast.int.test.ts shows the
 * real LISTEN/NOTIFY underneath (delivery at commit, across processes, after a dropped connection).
 */
function fakeListener() {
  const handlers = new Map<string, Set<(payload: string | null) => void>>();
  const listen: Listen = async (channel, onMessage) => {
    const set = handlers.get(channel) ?? new Set();
    handlers.set(channel, set);
    set.add(onMessage);
    return async () => {
      set.delete(onMessage);
    };
  };
  return {
    listen,
    /** A NOTIFY from some process, or `null`: the listening connection came back after a drop. */
    send: (channel: string, payload: string | null = '') => handlers.get(channel)?.forEach((h) => h(payload)),
    listeners: (channel: string) => handlers.get(channel)?.size ?? 0,
  };
}

/** Loads that answer 1, 2, 3… when the test lets each finish. */
function manualLoads() {
  const pending: Array<() => void> = [];
  let count = 0;
  const load = vi.fn(
    () =>
      new Promise<number>((resolve) => {
        pending.push(() => resolve(++count));
      }),
  );
  return {
    load,
    started: () => load.mock.calls.length,
    finishNext: async () => {
      pending.shift()!();
      await flush();
    },
  };
}
const flush = () => new Promise((r) => setTimeout(r, 0));

async function started<T>(options: Parameters<typeof reloadOnBroadcast<T>>[0], finish: () => Promise<void>) {
  const live = reloadOnBroadcast(options);
  await flush();
  await finish();
  return live;
}

/** A value on channel 'c' whose loads finish only when the test says, started with its first load done. */
async function startedOnManualLoads() {
  const bus = fakeListener();
  const loads = manualLoads();
  const live = await started({ listen: bus.listen, channel: 'c', load: loads.load }, loads.finishNext);
  return { bus, loads, live };
}

describe('a value reloaded on broadcast', () => {
  it('listens before its first load, so a change committed in between is not missed', async () => {
    const bus = fakeListener();
    const order: string[] = [];
    const listen: Listen = async (c, h) => {
      order.push('listen');
      return bus.listen(c, h);
    };
    const live = await reloadOnBroadcast({
      listen,
      channel: 'c',
      load: async () => {
        order.push('load');
        return 'v1';
      },
    });
    expect(order).toEqual(['listen', 'load']);
    expect(live.current()).toBe('v1');
  });

  it('reloads on every broadcast on its channel, and when the connection comes back (null), not on other channels', async () => {
    const bus = fakeListener();
    let version = 0;
    const live = await reloadOnBroadcast({ listen: bus.listen, channel: 'calendar', load: async () => ++version });
    bus.send('calendar');
    await flush();
    expect(live.current()).toBe(2);
    bus.send('calendar', null);
    await flush();
    expect(live.current()).toBe(3);
    bus.send('categories');
    await flush();
    expect(live.current()).toBe(3);
  });

  it('never overlaps loads: a broadcast heard during a load runs one more after it, several heard together run one', async () => {
    const { bus, loads, live } = await startedOnManualLoads();
    expect(live.current()).toBe(1);
    bus.send('c');
    await flush();
    expect(loads.started()).toBe(2);
    // Three more changes announced while the second load runs: it may have read before them.
    bus.send('c');
    bus.send('c');
    bus.send('c', null);
    await flush();
    expect(loads.started()).toBe(2);
    await loads.finishNext();
    expect(live.current()).toBe(2);
    expect(loads.started()).toBe(3);
    await loads.finishNext();
    expect(live.current()).toBe(3);
    await flush();
    expect(loads.started()).toBe(3);
  });

  it('reload() answers with a load that began after it was called: the process that made a change reads it back', async () => {
    const { bus, loads, live } = await startedOnManualLoads();
    bus.send('c'); // a load under way, begun before the caller's change committed
    await flush();
    let answered: number | undefined;
    void live.reload().then((v) => {
      answered = v;
    });
    await loads.finishNext();
    expect(answered).toBeUndefined();
    await loads.finishNext();
    expect(answered).toBe(3);
  });

  it('keeps the value it has when a reload fails, reports it, and tries again', async () => {
    const bus = fakeListener();
    let fail = false;
    let version = 0;
    const errors: string[] = [];
    const live = await reloadOnBroadcast({
      listen: bus.listen,
      channel: 'c',
      retryMs: 5,
      onError: (e) => errors.push(e.message),
      load: async () => {
        if (fail) throw new Error('connection refused');
        return ++version;
      },
    });
    fail = true;
    bus.send('c');
    await flush();
    expect(live.current()).toBe(1);
    expect(errors).toEqual(['connection refused']);
    await expect(live.reload()).rejects.toThrow('connection refused');
    fail = false;
    await new Promise((r) => setTimeout(r, 30));
    expect(live.current()).toBe(2);
    await live.stop();
  });

  it('fails to start when the first load fails, and then listens no more', async () => {
    const bus = fakeListener();
    await expect(
      reloadOnBroadcast({
        listen: bus.listen,
        channel: 'c',
        load: async () => {
          throw new Error('no table');
        },
      }),
    ).rejects.toThrow('no table');
    expect(bus.listeners('c')).toBe(0);
  });

  it('stops listening when stopped, after the load under way', async () => {
    const { bus, loads, live } = await startedOnManualLoads();
    bus.send('c');
    await flush();
    let stopped = false;
    void live.stop().then(() => {
      stopped = true;
    });
    await flush();
    expect(stopped).toBe(false);
    await loads.finishNext();
    expect(stopped).toBe(true);
    expect(bus.listeners('c')).toBe(0);
    bus.send('c');
    await flush();
    expect(loads.started()).toBe(2);
  });
});
