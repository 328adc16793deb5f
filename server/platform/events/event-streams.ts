import type { Viewer } from '../auth/viewer.js';
import type { Scope } from '../scope.js';
import { AppError, unauthenticated } from '../errors.js';
import type { StreamEndReason } from '../../../common/contracts/events.js';
import { mayReceive } from './audience.js';
import type { EventHub, HeardEvent } from './event-hub.js';
import { sseComment, sseEnd, sseReset, sseRetry } from './sse.js';

export interface StreamLimits {
  /** Streams one account may hold open in this process (a tab holds one: web/lib/live-events.ts). */
  perUser: number;
  /** Streams this process holds open: each is an open socket and a little memory. */
  perProcess: number;
  /** A comment this often keeps proxies and load balancers from closing a quiet stream. */
  heartbeatMs: number;
  /** How long a browser's EventSource waits before it reconnects by itself. */
  retryMs: number;
}

/** A session as identity reads it now (identity's session cache). */
export interface StreamSession {
  viewer: Viewer;
  expiresAt: Date;
}

/** What the streams need of identity, given them by the composition root (server/app.ts). */
export interface SessionWatch {
  /** The session behind a token now, or null when it has ended (signed out, expired, account disabled). */
  sessionOf(token: string): Promise<StreamSession | null>;
  /** Calls `listener` whenever sessions or accounts may have changed, in any process; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

/** Where a stream's text goes: the HTTP response (events.routes.ts), or a test's buffer. */
export interface StreamSink {
  write(text: string): void;
  /** Bytes written that the client's connection has not taken yet. */
  backlog(): number;
  end(): void;
}

/**
 * A client that leaves this much unread is dropped rather than buffered without end; it
 * reconnects with its Last-Event-ID and gets what it missed from the recent events, or a reset.
 */
const MAX_BACKLOG_BYTES = 1 << 20;
/** setTimeout holds at most 2^31 - 1 ms; a later expiry is checked again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A stream about to start: its session and scope, read before the response is taken over. */
export interface PreparedStream {
  token: string;
  session: StreamSession;
  scope: Scope;
  /** How many session changes this process had heard when the session was read. */
  changesSeen: number;
}

interface OpenStream extends PreparedStream {
  sink: StreamSink;
  /** The last event sent: the notices of one event that names many users arrive one after another. */
  lastSentId: string | null;
  expiry: ReturnType<typeof setTimeout> | null;
}

/**
 * This process's open event streams (GET /api/events, docs/decisions/025): each event the hub
 * hears goes to the streams whose viewer may receive it (audience.ts). A stream ends when its
 * session does — a sign-out, an account disabled or moved (heard through identity's session
 * notices, from any process), or its expiry — and when the server closes. Streams are limited per
 * account and per process, with a clear refusal.
 */
export class EventStreams {
  private readonly streams = new Set<OpenStream>();
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private changes = 0;
  private rechecking: Promise<void> | null = null;
  private recheckAgain = false;
  private readonly unsubscribe: () => void;
  private readonly stopWatching: () => void;

  constructor(
    private readonly hub: EventHub,
    private readonly sessions: SessionWatch,
    private readonly limits: StreamLimits,
  ) {
    this.unsubscribe = hub.subscribe({ event: (e) => this.deliver(e), gap: () => this.streams.forEach((s) => this.write(s, sseReset())) });
    this.stopWatching = sessions.onChange(() => {
      this.changes += 1;
      void this.recheck();
    });
  }

  get size() {
    return this.streams.size;
  }

  /**
   * Reads the session and scope of a stream and checks there is room for it: a refusal here is
   * an ordinary JSON error, before the response becomes a stream.
   */
  async prepare(token: string | undefined, scopeOf: (viewer: Viewer) => Promise<Scope>): Promise<PreparedStream> {
    const changesSeen = this.changes;
    const session = token ? await this.sessions.sessionOf(token) : null;
    if (!token || !session) throw unauthenticated();
    const scope = await scopeOf(session.viewer);
    const userId = session.viewer.userId;
    if ([...this.streams].filter((s) => s.session.viewer.userId === userId).length >= this.limits.perUser)
      throw new AppError(429, 'EVENT_STREAMS_PER_USER', `同一账号最多同时打开 ${this.limits.perUser} 个实时连接，请关闭不用的页面后再试`, {
        limit: this.limits.perUser,
      });
    if (this.streams.size >= this.limits.perProcess)
      throw new AppError(503, 'EVENT_STREAMS_FULL', '实时连接数已满，页面将稍后自动重试', { limit: this.limits.perProcess });
    return { token, session, scope, changesSeen };
  }

  /**
   * Starts a prepared stream on a sink: the reconnect hint, then what the client missed since
   * `lastEventId` if this process still has it all (else a reset), then every event as it comes.
   * Returns what to call when the client goes away.
   */
  start(prepared: PreparedStream, sink: StreamSink, lastEventId?: string): () => void {
    const stream: OpenStream = { ...prepared, sink, lastSentId: null, expiry: null };
    this.streams.add(stream);
    sink.write(sseRetry(this.limits.retryMs));
    if (lastEventId) {
      const missed = this.hub.recent.after(lastEventId);
      if (missed === null) this.write(stream, sseReset());
      else for (const e of missed) this.send(stream, e);
    }
    this.watchExpiry(stream);
    this.heartbeat ??= setInterval(() => this.streams.forEach((s) => this.write(s, sseComment('keep-alive'))), this.limits.heartbeatMs);
    this.heartbeat.unref?.();
    // A session change heard while this stream was being prepared may not be in the session it read.
    if (this.changes !== prepared.changesSeen) void this.recheck();
    return () => this.forget(stream);
  }

  /** Ends every stream, saying why (the server is closing: app.close() must not wait on them). */
  closeAll(reason: StreamEndReason) {
    for (const s of [...this.streams]) this.end(s, reason);
  }

  /** Ends every stream and stops listening. */
  async stop() {
    this.closeAll('server_closing');
    this.unsubscribe();
    this.stopWatching();
    await this.rechecking;
  }

  private deliver(heard: HeardEvent) {
    for (const s of this.streams) this.send(s, heard);
  }

  private send(s: OpenStream, { notice, message }: HeardEvent) {
    if (s.lastSentId === notice.id || !mayReceive({ viewer: s.session.viewer, scope: s.scope }, notice)) return;
    s.lastSentId = notice.id;
    this.write(s, message);
  }

  private write(s: OpenStream, text: string) {
    s.sink.write(text);
    if (s.sink.backlog() > MAX_BACKLOG_BYTES) this.end(s, 'too_slow');
  }

  /**
   * Reads every stream's session again after a change; changes heard during a round run one
   * more. A database that cannot answer keeps the streams as they are until the next change.
   */
  private recheck(): Promise<void> {
    if (this.rechecking) {
      this.recheckAgain = true;
      return this.rechecking;
    }
    this.rechecking = (async () => {
      do {
        this.recheckAgain = false;
        await Promise.all([...this.streams].map((s) => this.recheckOne(s)));
      } while (this.recheckAgain);
    })().finally(() => {
      this.rechecking = null;
    });
    return this.rechecking;
  }

  private async recheckOne(s: OpenStream) {
    const now = await this.sessions.sessionOf(s.token).catch(() => s.session);
    if (!this.streams.has(s)) return;
    if (!now) return this.end(s, 'session_ended');
    // Another role, region or company: another audience. The client reconnects and is read afresh.
    if (!sameReach(now.viewer, s.session.viewer)) return this.end(s, 'account_changed');
    s.session = now;
    this.watchExpiry(s);
  }

  private watchExpiry(s: OpenStream) {
    if (s.expiry) clearTimeout(s.expiry);
    const ms = s.session.expiresAt.getTime() - Date.now();
    s.expiry = setTimeout(
      () => (ms > MAX_TIMER_MS ? this.watchExpiry(s) : this.end(s, 'session_ended')),
      Math.min(Math.max(ms, 0), MAX_TIMER_MS),
    );
    s.expiry.unref?.();
  }

  private end(s: OpenStream, reason: StreamEndReason) {
    if (!this.forget(s)) return;
    s.sink.write(sseEnd(reason));
    s.sink.end();
  }

  /** Drops a stream from the process; false when it was already gone. */
  private forget(s: OpenStream): boolean {
    if (!this.streams.delete(s)) return false;
    if (s.expiry) clearTimeout(s.expiry);
    if (this.streams.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
    return true;
  }
}

const sameReach = (a: Viewer, b: Viewer) =>
  a.userId === b.userId && a.role === b.role && a.regionPath === b.regionPath && a.propertyCompanyId === b.propertyCompanyId;
