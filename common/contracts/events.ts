import { z } from 'zod';
import { CASE_STATUSES } from '../enums.js';
import { PERMISSIONS } from '../permissions.js';

/**
 * The platform's live event stream, GET /api/events (docs/decisions/025). An event says that
 * something changed and where to look — ids, a type and a few small fields — never the record
 * itself: a client that cares fetches it through the normal API, where the case policy, region
 * scope and masking decide what it is shown. Every event crosses processes as one PostgreSQL
 * NOTIFY, which holds less than 8000 bytes, so each field here is small and bounded.
 */

const id = z.number().int().positive();

/** A new timeline line of a case: which line, what step it records and where the case stands. */
const caseLine = z.object({
  caseId: id,
  lineId: id,
  action: z.string().max(40),
  status: z.enum(CASE_STATUSES),
});

/** 告警级别, from the fire alarm that pages people at once to a reminder. */
export const ALARM_SEVERITIES = ['critical', 'major', 'minor', 'warning'] as const;
export type AlarmSeverity = (typeof ALARM_SEVERITIES)[number];

/**
 * An alarm of a device (issue 10, IoT): which one, how bad, the case it opened if any, and the
 * storm incident it belongs to (告警风暴, decision 035; null for a device of no known place).
 */
const alarm = z.object({
  alarmId: id,
  deviceId: id,
  severity: z.enum(ALARM_SEVERITIES),
  caseId: id.nullable(),
  incidentId: id.nullable(),
});

/**
 * A new alarm, with what the control room pages by (decision 039): how many alarms its incident
 * holds with it, and whether the rules flagged its device as flapping (抖动), whose re-raise
 * updates the popup instead of paging anew.
 */
const alarmRaised = alarm.extend({
  incidentAlarmCount: z.number().int().positive().nullable(),
  flapping: z.boolean(),
});

/** The alarm → case outbox opened the alarm's case, or joined it to its incident's (decision 030). */
const alarmCaseOpened = z.object({
  alarmId: id,
  caseId: id,
  caseNumber: z.string().max(40),
  incidentId: id.nullable(),
});

const event = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({
    /** Unique across processes (the publisher draws it): what Last-Event-ID names. */
    id: z.string().min(1).max(40),
    type: z.literal(type),
    at: z.iso.datetime(),
    data,
  });

/** What a client receives, one JSON object a message. */
export const liveEvent = z.discriminatedUnion('type', [
  // A new case in the region: the desk's queues change.
  event('case.reported', z.object({ caseId: id })),
  // A case came to a unit or a grid to sign (派遣, 转办, reopened): it appears in their workbench.
  event('case.dispatched', caseLine),
  // Any other line on a case's timeline.
  event('case.step', caseLine),
  event('alarm.raised', alarmRaised),
  event('alarm.acknowledged', alarm),
  event('alarm.cleared', alarm),
  event('alarm.closed', alarm),
  event('alarm.case_opened', alarmCaseOpened),
]);
export type LiveEvent = z.infer<typeof liveEvent>;
export type LiveEventType = LiveEvent['type'];
export type CaseLiveEvent = Extract<LiveEvent, { type: `case.${string}` }>;

/**
 * Who may receive an event, besides where it is (its region path, and its estate if it has one):
 * a viewer whose scope holds that place and who has one of `permissions`, or one of `userIds`
 * wherever their scope lies (a reporter following their own case). Never sent to a client.
 */
export const eventAudience = z
  .object({
    permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length),
    userIds: z.array(id),
  })
  .refine((a) => a.permissions.length > 0 || a.userIds.length > 0, 'an event nobody may receive');
export type EventAudience = z.infer<typeof eventAudience>;

/** Where an event happened, in the terms region scope is written in (server/platform/scope.ts). */
export const eventPlace = z.object({
  regionPath: z.string().regex(/^\/(\d+\/)+$/),
  /** The estate (小区) it belongs to, for viewers limited to their company's estates; null: not of one estate. */
  estateId: id.nullable(),
});

/** An event as it travels between server processes: the client's part, its place and its audience. */
export const eventNotice = z.intersection(liveEvent, eventPlace.extend({ audience: eventAudience }));
export type EventNotice = z.infer<typeof eventNotice>;

/**
 * The stream's own messages besides events (SSE `event:` names). `reset`: events may have been
 * missed (the Last-Event-ID given is no longer known here, or this process lost its database
 * connection for a moment) — reload what is shown. `end`: the server closed the stream and says
 * why; after `session_ended` (signed out, expired, account disabled) there is nothing to
 * reconnect to.
 */
export const STREAM_END_REASONS = ['session_ended', 'account_changed', 'server_closing', 'too_slow'] as const;
export type StreamEndReason = (typeof STREAM_END_REASONS)[number];
export const streamEnd = z.object({ reason: z.enum(STREAM_END_REASONS) });

/** GET /api/events: `lastEventId` does what the Last-Event-ID header does, for a client that cannot set headers. */
export const eventStreamQuery = z.object({ lastEventId: z.string().max(40).optional() });

/** The stream itself, described for the API document: text/event-stream, one `liveEvent` as JSON a message. */
export const eventStreamResponse = {
  description: 'text/event-stream：每条消息的 data 为一个 liveEvent（JSON），id 为事件编号；另有 reset、end 两种控制消息',
  content: { 'text/event-stream': { schema: z.unknown().meta({ type: 'string' }) } },
};
