import { onScopeDispose, ref, watch, type Ref } from 'vue';
import type { LiveEvent } from '@common/contracts/events';
import { LiveConnection, type LiveEnvironment, type LiveListener } from './live-connection';

/**
 * The live event stream in a page: one connection a tab (live-connection.ts), made when the first
 * component listens, through the browser's EventSource (same origin, so the session cookie goes
 * with it).
 */
const browser: LiveEnvironment = {
  connect: (url) => new EventSource(url),
  hidden: () => document.visibilityState === 'hidden',
  onVisibilityChange: (listener) => document.addEventListener('visibilitychange', listener),
  setTimeout: (run, ms) => window.setTimeout(run, ms),
  clearTimeout: (timer) => window.clearTimeout(timer as number),
  random: Math.random,
};
let connection: LiveConnection | null = null;

/** Listens for as long as the calling component (or effect scope) lives. */
export function onLiveEvents(listener: LiveListener): void {
  connection ??= new LiveConnection(browser, '/api/events');
  onScopeDispose(connection.subscribe(listener));
}

export interface LiveRefreshOptions {
  /** Whether an event concerns what the page shows. */
  relevant: (event: LiveEvent) => boolean;
  /** Loads what the page shows again, keeping the user's filters, page and selection. */
  refresh: () => unknown;
  /** The user is in the middle of something a reload would disturb (a dialog, a selection, typing). */
  busy?: () => boolean;
  /** Events come in bursts (a bulk dispatch is one a case): one reload after the burst. */
  delayMs?: number;
  listen?: (listener: LiveListener) => void;
}

/**
 * Reloads a page's data when a relevant event arrives (or the stream says events were missed),
 * once a burst is over. While the user is busy nothing moves: `pending` says there is news (the
 * page shows a quiet 有新事件), and the reload happens when they are done or ask for it.
 */
export function useLiveRefresh(options: LiveRefreshOptions): { pending: Ref<boolean>; refreshNow: () => void } {
  const { delayMs = 1000, listen = onLiveEvents } = options;
  const pending = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refreshNow = () => {
    clearTimeout(timer);
    pending.value = false;
    options.refresh();
  };
  const due = () => {
    clearTimeout(timer);
    timer = setTimeout(() => (options.busy?.() ? (pending.value = true) : refreshNow()), delayMs);
  };
  listen({ event: (e) => options.relevant(e) && due(), reset: due });
  if (options.busy) watch(options.busy, (busy) => !busy && pending.value && refreshNow());
  onScopeDispose(() => clearTimeout(timer));
  return { pending, refreshNow };
}
