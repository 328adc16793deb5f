import type { EventNotice } from '../../../common/contracts/events.js';

/**
 * The last events this process heard, for a client that reconnects with Last-Event-ID: what it
 * missed is sent again if it is all still here (docs/decisions/025: replay is best-effort). Every
 * process hears every event in the same order (NOTIFY is delivered in commit order) and event ids
 * are drawn by the publisher, so a client may come back to any process.
 */
export class RecentEvents<T extends { notice: Pick<EventNotice, 'id'> }> {
  private readonly items: T[] = [];

  constructor(private readonly capacity = 500) {}

  add(item: T) {
    this.items.push(item);
    if (this.items.length > this.capacity) this.items.splice(0, this.items.length - this.capacity);
  }

  /**
   * The events after the one with this id, oldest first; null when it is not here (too old, or
   * from before a gap), so the caller cannot know what was missed.
   */
  after(lastEventId: string): T[] | null {
    // The last notice of that id: an event naming many users goes as several (publish.ts).
    for (let i = this.items.length - 1; i >= 0; i--) if (this.items[i].notice.id === lastEventId) return this.items.slice(i + 1);
    return null;
  }

  /** Messages may have been missed (the listening connection dropped): nothing here can be replayed across that gap. */
  forget() {
    this.items.length = 0;
  }
}
