import type { LiveEvent, StreamEndReason } from '@common/contracts/events';

/**
 * One tab's connection to the live event stream (GET /api/events, docs/decisions/025), shared by
 * every component that listens: open while someone listens and the tab is visible, paused while
 * it is hidden, reconnected with a growing, jittered wait after a failure, and resumed from the
 * last event it had (the server sends what was missed, or a reset). The browser's EventSource and
 * document come in through LiveEnvironment (live-events.ts), so this runs in a test without them.
 */

/** A message of the stream as EventSource hands it over (open and error carry neither field). */
export interface LiveMessage {
  data?: string;
  lastEventId?: string;
}

/** The part of an EventSource the connection uses: `message` is an event, `reset` and `end` the stream's own (sse.ts). */
export interface LiveSource {
  addEventListener(type: 'open' | 'error' | 'message' | 'reset' | 'end', listener: (message: LiveMessage) => void): void;
  close(): void;
}

export interface LiveEnvironment {
  connect(url: string): LiveSource;
  hidden(): boolean;
  onVisibilityChange(listener: () => void): void;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
  random(): number;
}

export interface LiveListener {
  event?(event: LiveEvent): void;
  /** Events may have been missed: reload what is shown. */
  reset?(): void;
}

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 60_000;
/** A tab hidden this long lets its stream go: a server holds few streams per user (decision 025). */
const HIDDEN_GRACE_MS = 30_000;
/** Between one page's listeners leaving and the next page's arriving, the stream stays. */
const IDLE_GRACE_MS = 3000;

export class LiveConnection {
  private readonly listeners = new Set<LiveListener>();
  private source: LiveSource | null = null;
  private lastEventId: string | null = null;
  private opened = false;
  private failures = 0;
  private retryTimer: unknown = null;
  private closeTimer: unknown = null;

  constructor(
    private readonly env: LiveEnvironment,
    private readonly url: string,
  ) {
    env.onVisibilityChange(() => this.update());
  }

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    this.update();
    return () => {
      this.listeners.delete(listener);
      this.update();
    };
  }

  /** Opens, keeps or lets go of the stream for what is wanted now. */
  private update() {
    const wanted = this.listeners.size > 0 && !this.env.hidden();
    if (wanted) {
      this.cancelClose();
      if (!this.source && this.retryTimer === null) this.open();
    } else if (this.source && this.closeTimer === null) {
      this.closeTimer = this.env.setTimeout(
        () => {
          this.closeTimer = null;
          this.close();
        },
        this.listeners.size > 0 ? HIDDEN_GRACE_MS : IDLE_GRACE_MS,
      );
    }
  }

  private open() {
    const source = this.env.connect(this.lastEventId ? `${this.url}?lastEventId=${encodeURIComponent(this.lastEventId)}` : this.url);
    this.source = source;
    source.addEventListener('open', () => {
      this.failures = 0;
      // Back after a failure or a pause, with no event to resume from: what was missed is unknown.
      if (this.opened && this.lastEventId === null) this.tell((l) => l.reset?.());
      this.opened = true;
    });
    source.addEventListener('message', (message) => {
      this.lastEventId = message.lastEventId || this.lastEventId;
      const event = JSON.parse(message.data!) as LiveEvent;
      this.tell((l) => l.event?.(event));
    });
    source.addEventListener('reset', () => this.tell((l) => l.reset?.()));
    source.addEventListener('end', (message) => {
      const { reason } = JSON.parse(message.data!) as { reason: StreamEndReason };
      this.close();
      // Signed out, expired or disabled: nothing to come back to until the page asks again.
      if (reason !== 'session_ended') this.retryLater();
    });
    // Any failure (a dropped connection, a refusal such as 401 or 429): the browser would retry
    // on its own schedule; this one waits longer each time, with jitter, so a restarted server is
    // not met by every tab at once.
    source.addEventListener('error', () => {
      this.close();
      this.retryLater();
    });
  }

  private close() {
    this.cancelClose();
    this.source?.close();
    this.source = null;
  }

  private retryLater() {
    if (this.retryTimer !== null) return;
    const wait = Math.min(FIRST_RETRY_MS * 2 ** this.failures, MAX_RETRY_MS) * (0.5 + this.env.random() / 2);
    this.failures += 1;
    this.retryTimer = this.env.setTimeout(() => {
      this.retryTimer = null;
      this.update();
    }, wait);
  }

  private cancelClose() {
    if (this.closeTimer !== null) this.env.clearTimeout(this.closeTimer);
    this.closeTimer = null;
  }

  /** Calls every listener; one that throws does not keep the others from hearing. */
  private tell(call: (listener: LiveListener) => void) {
    for (const listener of [...this.listeners])
      try {
        call(listener);
      } catch (error) {
        console.error(error);
      }
  }
}
