import type { Listen } from '../db/broadcast.js';
import { eventNotice, type EventNotice } from '../../../common/contracts/events.js';
import { EVENTS_CHANNEL } from './publish.js';
import { RecentEvents } from './recent-events.js';
import { sseEvent } from './sse.js';

/** An event as this process heard it, with the message a client is sent (made once, not once a stream). */
export interface HeardEvent {
  notice: EventNotice;
  message: string;
}

export interface HubListener {
  event(heard: HeardEvent): void;
  /** The listening connection dropped and came back: events may have been missed. */
  gap(): void;
}

export interface EventHub {
  /** Hears every event from now on; returns the unsubscribe. */
  subscribe(listener: HubListener): () => void;
  /** The events heard lately, for a reconnecting client (recent-events.ts). */
  recent: RecentEvents<HeardEvent>;
  stop(): Promise<void>;
}

/**
 * This process's one LISTEN on the events channel (Database.listen: PostgreSQL LISTEN, or
 * within the process on PGlite), fanned out to the process's streams. A payload that does not
 * read as an event is reported and dropped: one bad publisher must not stall every stream.
 */
export async function startEventHub(
  listen: Listen,
  options: { onError?: (message: string) => void; recent?: number } = {},
): Promise<EventHub> {
  const listeners = new Set<HubListener>();
  const recent = new RecentEvents<HeardEvent>(options.recent);
  const heard = (payload: string | null) => {
    if (payload === null) {
      recent.forget();
      for (const l of listeners) l.gap();
      return;
    }
    const notice = parse(payload);
    if (!notice) return options.onError?.(`无法识别的实时事件通知，已忽略：${payload.slice(0, 200)}`);
    const event = { notice, message: sseEvent(notice) };
    recent.add(event);
    for (const l of listeners) l.event(event);
  };
  const unlisten = await listen(EVENTS_CHANNEL, heard);
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    recent,
    stop: async () => {
      listeners.clear();
      await unlisten();
    },
  };
}

function parse(payload: string): EventNotice | null {
  try {
    const result = eventNotice.safeParse(JSON.parse(payload));
    return result.success ? (result.data as EventNotice) : null;
  } catch {
    return null;
  }
}
