import { liveEvent, type EventNotice, type StreamEndReason } from '../../../common/contracts/events.js';

/**
 * The text/event-stream format (WHATWG HTML, "Server-sent events"): fields one a line, a blank
 * line ends a message. JSON.stringify never writes a raw line break, so each message's data is
 * one `data:` line.
 */

/** An event as a client is sent it: the id its EventSource remembers, and the client's part of the event (no place, no audience). */
export const sseEvent = (notice: EventNotice) => `id: ${notice.id}\ndata: ${JSON.stringify(liveEvent.parse(notice))}\n\n`;

/** Events may have been missed: reload what is shown. */
export const sseReset = () => 'event: reset\ndata: {}\n\n';

/** The server closes the stream, and says why. */
export const sseEnd = (reason: StreamEndReason) => `event: end\ndata: ${JSON.stringify({ reason })}\n\n`;

/** How long an EventSource waits before it reconnects on its own. */
export const sseRetry = (ms: number) => `retry: ${ms}\n\n`;

/** A comment: clients ignore it; it keeps proxies and load balancers from closing a quiet stream. */
export const sseComment = (text: string) => `: ${text}\n\n`;
