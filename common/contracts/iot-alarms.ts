import { z } from 'zod';
import { ALARM_ACTIONS, ALARM_SEVERITIES, ALARM_STATUSES } from '../iot/rules.js';
import { page, pagingQuery, timestamp } from './shared.js';

/**
 * The alarms API (server/domains/iot/alarms.*): the alarm centre's list, one alarm with its
 * history, and what people do to it. `status` filters by the derived status
 * (common/iot/rules.ts alarmStatus); `active` is every alarm neither cleared nor closed,
 * `unacknowledged` every one nobody has acknowledged and nobody closed (the popup's list),
 * `open` everything not closed.
 */
/** What an alarm turned out to be, said when it is closed: 真实警情 / 误报 / 测试. */
export const ALARM_OUTCOMES = ['real', 'false_alarm', 'test'] as const;
export type AlarmOutcome = (typeof ALARM_OUTCOMES)[number];

export const ALARM_LIST_STATUSES = ['active', 'unacknowledged', 'open', 'closed', 'all', ...ALARM_STATUSES] as const;

export const alarmListQuery = z.object({
  ...pagingQuery,
  status: z.enum(ALARM_LIST_STATUSES).default('open'),
  severity: z.enum(ALARM_SEVERITIES).optional(),
  deviceId: z.coerce.number().int().positive().optional(),
  estateId: z.coerce.number().int().positive().optional(),
  caseId: z.coerce.number().int().positive().optional(),
});
export type AlarmListQuery = z.infer<typeof alarmListQuery>;

export const alarmItem = z.object({
  id: z.number().int(),
  deviceId: z.number().int(),
  deviceSerial: z.string(),
  deviceName: z.string(),
  deviceTypeCode: z.string(),
  deviceTypeName: z.string(),
  /** The rule's code: the kind of alarm (smoke, co_high, offline …). */
  type: z.string(),
  ruleName: z.string(),
  severity: z.enum(ALARM_SEVERITIES),
  status: z.enum(ALARM_STATUSES),
  awaitsAcknowledgement: z.boolean(),
  conditionActive: z.boolean(),
  flapping: z.boolean(),
  detail: z.string(),
  count: z.number().int(),
  raisedAt: timestamp,
  lastAt: timestamp,
  /** 小区 · 楼栋 · 单元 · 楼层, as far as the device's place is known. */
  place: z.string(),
  regionPath: z.string(),
  estateId: z.number().int().nullable(),
  buildingId: z.number().int().nullable(),
  /** 3号楼: what a storm incident's popup is titled by (decision 039). */
  buildingName: z.string().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  snapshotUrl: z.string().nullable(),
  incidentId: z.number().int().nullable(),
  caseId: z.number().int().nullable(),
  /** The case's number (PY20261206000405), which is what people call it by. */
  caseNumber: z.string().nullable(),
  /** Set when it is closed; null for an open alarm. */
  outcome: z.enum(ALARM_OUTCOMES).nullable(),
});
export type AlarmItem = z.infer<typeof alarmItem>;
export const alarmPage = page(alarmItem);

export const alarmEvent = z.object({
  at: timestamp,
  action: z.enum(['raise', 'acknowledge', 'clear', 'close', 'note', 'flapping', 'case']),
  by: z.string().nullable(),
  note: z.string().nullable(),
});

/**
 * What the people sent to an alarm need to know (docs/decisions/030): the residents of its
 * building who need help first, as the people pages show them to this viewer (masked per role);
 * the grid workers of the building's grid, the one on duty first; the cameras nearest it.
 */
export const alarmContext = z.object({
  /** 独居, 残疾, 留守儿童, 80岁以上; null when the viewer may not read residents (property staff) or the building is not known. */
  residents: z
    .array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        age: z.number().int(),
        tags: z.array(z.string()),
        /** Masked unless the viewer's role sees numbers in full. */
        phone: z.string().nullable(),
        address: z.string().nullable(),
      }),
    )
    .nullable(),
  gridWorkers: z.array(
    z.object({ name: z.string(), phone: z.string(), employment: z.enum(['full_time', 'part_time']), onDuty: z.boolean() }),
  ),
  /** Same building first, then the estate, then within 300 m, nearest first. */
  cameras: z.array(
    z.object({
      id: z.number().int(),
      serial: z.string(),
      name: z.string(),
      buildingName: z.string().nullable(),
      metres: z.number().int().nullable(),
      sameBuilding: z.boolean(),
      snapshotUrl: z.string().nullable(),
      streamUrl: z.string().nullable(),
      online: z.boolean(),
    }),
  ),
});
export type AlarmContext = z.infer<typeof alarmContext>;

export const alarmDetail = alarmItem.extend({
  context: alarmContext,
  value: z.union([z.number(), z.boolean(), z.string()]).nullable(),
  /** The device's latest values when the alarm was raised. */
  readings: z.record(z.string(), z.union([z.number(), z.boolean(), z.string()])),
  acknowledgedAt: timestamp.nullable(),
  acknowledgedBy: z.string().nullable(),
  clearedAt: timestamp.nullable(),
  clearedBy: z.string().nullable(),
  closedAt: timestamp.nullable(),
  closedBy: z.string().nullable(),
  events: z.array(alarmEvent),
});
export type AlarmDetail = z.infer<typeof alarmDetail>;

export const alarmActionBody = z
  .object({
    action: z.enum(ALARM_ACTIONS, { error: '操作须为 acknowledge、clear、close 或 note' }),
    note: z.string().trim().max(500, { error: '说明不能超过 500 字' }).optional(),
    /** Required with `close`, refused with the others. */
    outcome: z.enum(ALARM_OUTCOMES, { error: '处置结论须为 real（真实警情）、false_alarm（误报）或 test（测试）' }).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.action === 'close' && !body.outcome)
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: '关闭告警须选择处置结论：真实警情、误报或测试' });
    if (body.action !== 'close' && body.outcome)
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: '只有关闭告警时才填写处置结论' });
  });
export type AlarmActionBody = z.infer<typeof alarmActionBody>;

/** POST /api/iot/incidents/:id/acknowledge: the incident's alarms this call acknowledged (none: someone was quicker). */
export const incidentAcknowledgement = z.object({
  incidentId: z.number().int(),
  acknowledgedAlarmIds: z.array(z.number().int()),
});
export type IncidentAcknowledgement = z.infer<typeof incidentAcknowledgement>;
