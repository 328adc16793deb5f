import { z } from 'zod';
import {
  CASE_ACTIONS,
  CASE_SOURCES,
  CASE_STATUSES,
  REGION_LEVELS,
  SATISFACTIONS,
  SLA_UNITS,
  type CaseFormField,
  type PendingCaseRequest,
} from '../enums.js';
import { MAX_CASE_PHOTOS } from '../case-form.js';
import { idParams, page, pagingQuery, timestamp } from './shared.js';
import { QUEUES, type Queue } from '../case-queues.js';
import { revealReason } from './reveal.js';

/**
 * The casework API (server/domains/cases): reporting, the loop, the workbench, supervision,
 * statistics, inboxes, routing rules and the calendar. Requests are checked with these before
 * any service runs; responses are serialised through them, so a field not named here is never
 * sent. Both clients import the types.
 */

// ——— pieces ———

const text = (max: number) => z.string().trim().min(1).max(max);
const photoIds = z.array(z.number().int().positive()).max(MAX_CASE_PHOTOS).default([]);
const reason = text(500);
const id = z.number().int();

export const caseFormField: z.ZodType<CaseFormField> = z.object({
  key: z.string(),
  label: z.string(),
  type: z.enum(['text', 'number', 'select', 'multiselect', 'boolean', 'date']),
  required: z.boolean().optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  public: z.boolean().optional(),
});

/** Where a case goes: a unit (县直部门), or a grid/community that handles it itself (属地). */
export const routeTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unit'), orgUnitId: id, name: z.string() }),
  z.object({ kind: z.literal('grid'), regionId: id, name: z.string() }),
]);
export type RouteTarget = z.infer<typeof routeTarget>;

/** A unit's request waiting on the desk: 延期 (extension) or 挂账 (suspension). */
export const pendingRequest: z.ZodType<PendingCaseRequest> = z.object({
  kind: z.enum(['extension', 'suspension']),
  days: z.number().int().optional(),
  reason: z.string(),
  byUserId: id.nullable(),
  byName: z.string(),
  at: z.string(),
});

/** A downloaded file (a photo, a .docx, an .xlsx): its bytes in one of these types, described for the API document. */
export const fileResponse = (mimes: string[], description: string) => ({
  description,
  content: Object.fromEntries(mimes.map((mime) => [mime, { schema: z.unknown().meta({ type: 'string', format: 'binary' }) }])),
});

export const okResponse = z.object({ ok: z.literal(true) });
/** A page of a list that takes no filter. */
export const pageQuery = z.object(pagingQuery);
export const createdId = z.object({ id });

// ——— reporting ———

export const reportCaseBody = z
  .object({
    categoryId: z.number().int().positive(),
    title: text(60).optional(),
    description: text(2000),
    attributes: z.record(z.string(), z.unknown()).default({}),
    lon: z.number().min(-180).max(180).optional(),
    lat: z.number().min(-90).max(90).optional(),
    address: text(200).optional(),
    houseId: z.number().int().positive().optional(),
    regionId: z.number().int().positive().optional(),
    photoIds,
    anonymous: z.boolean().default(false),
    urgent: z.boolean().default(false),
    // Staff entering a 12345 order give its number and the caller; others report as themselves.
    hotlineOrderNo: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{4,40}$/, '热线工单号只能含字母、数字和连字符')
      .optional(),
    reporterName: text(40).optional(),
    reporterPhone: z
      .string()
      .trim()
      .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '电话号码格式不正确')
      .optional(),
  })
  .refine((b) => (b.lon === undefined) === (b.lat === undefined), { message: '经度和纬度须同时提供', path: ['lat'] });
/** What a client sends (defaults may be left out). */
export type ReportCaseBody = z.input<typeof reportCaseBody>;
/** POST /api/cases: a report, and for a 12345 order the desk enters, whether to accept and register it with it (受理并立案). */
export const deskReportBody = z.intersection(reportCaseBody, z.object({ register: z.boolean().default(false) }));
export type DeskReportBody = z.input<typeof deskReportBody>;
/** What the server works with (defaults filled in). */
export type ReportCaseInput = z.infer<typeof reportCaseBody>;

export const reportResult = z.object({
  caseId: id,
  number: z.string(),
  /** The same Idempotency-Key was seen before: this is the case the first try made. */
  replayed: z.boolean(),
  duplicates: z.array(z.object({ id, number: z.string(), metres: z.number() })),
});
export type ReportResult = z.infer<typeof reportResult>;

export const joinBody = z.object({ note: text(500).optional() });
export const joinResult = z.object({ caseId: id, joined: z.boolean() });

export const photoParams = idParams.extend({ variant: z.enum(['thumb', 'display', 'original']) });
export type PhotoVariant = z.infer<typeof photoParams>['variant'];

export const uploadedPhoto = z.object({
  id,
  width: z.number().int(),
  height: z.number().int(),
  /** When the phone took it, in its own local time with offset (EXIF), or null. */
  takenAt: z.string().nullable(),
  hasLocation: z.boolean(),
});
export type UploadedPhoto = z.infer<typeof uploadedPhoto>;

// ——— categories and places ———

const categoryNode = z.object({
  id,
  code: z.string(),
  name: z.string(),
  caseType: z.string(),
  isPublic: z.boolean(),
  sla: z.object({ amount: z.number().int(), unit: z.enum(SLA_UNITS) }),
  signLimitHours: z.number().int(),
  defaultUnit: z.string().nullable(),
  form: z.array(caseFormField),
  keywords: z.array(z.string()),
});
/** A parent category with its leaves, each leaf with its form and limits. */
export const caseCategory = categoryNode.extend({ children: z.array(categoryNode).optional() });
export type CaseCategory = z.infer<typeof categoryNode> & { children?: z.infer<typeof categoryNode>[] };
export const categoryList = z.object({ items: z.array(caseCategory) });

export const reportRegion = z.object({ id, parentId: id.nullable(), name: z.string(), level: z.enum(REGION_LEVELS) });
export type ReportRegion = z.infer<typeof reportRegion>;
export const reportRegionList = z.object({ items: z.array(reportRegion) });

// ——— the workbench ———

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(z.enum(values)).max(values.length)).optional();

export const caseListQuery = z.object({
  ...pagingQuery,
  queue: z.enum(['all', 'mine']).default('all'),
  status: csv(CASE_STATUSES),
  source: z.enum(CASE_SOURCES).optional(),
  categoryId: z.coerce.number().int().positive().optional(),
  regionId: z.coerce.number().int().positive().optional(),
  orgUnitId: z.coerce.number().int().positive().optional(),
  clock: z.enum(['red', 'yellow']).optional(),
  open: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().trim().max(40).optional(),
  sort: z.enum(['deadline', 'newest']).default('newest'),
});
export type CaseListQuery = z.infer<typeof caseListQuery>;

/** The workbench's filters without a tab, paging or order: what its tab totals are counted under. */
export const caseTotalsQuery = caseListQuery.pick({
  source: true,
  categoryId: true,
  regionId: true,
  orgUnitId: true,
  clock: true,
  q: true,
});
export type CaseTotalsQuery = z.infer<typeof caseTotalsQuery>;
/** Each tab's total (common/case-queues.ts); `allEstimated` when 全部 is past the exact-count cap and is the planner's estimate. */
export const caseTotals = z.object({
  totals: z.object(Object.fromEntries(QUEUES.map((q) => [q, z.number().int()])) as Record<Queue, z.ZodNumber>),
  allEstimated: z.boolean(),
});
export type CaseTotals = z.infer<typeof caseTotals>;

export const regionQuery = z.object({ regionId: z.coerce.number().int().positive().optional() });

/** 红灯 past the deadline, 黄灯 past 80% of the promise, 绿灯 otherwise; none when no clock runs. */
export const clockColour = z.enum(['red', 'yellow', 'green', 'none']);
export type ClockColour = z.infer<typeof clockColour>;
/** common/case-clock.ts's ClockReading without the colour, which is `clock` beside it. */
export const clockReading = z.object({
  state: z.enum(['overdue', 'nearly_due', 'on_time', 'paused', 'stopped']),
  /** Whole percent of the promise used while it is not broken (0–99), else null. */
  percent: z.number().int().nullable(),
  /** 已超时 N 个工作日 (N 个工作小时 under a day); basis calendar: 已超时 N 天 (N 小时), for a calendar_hours category. */
  overdue: z.object({ days: z.number().int(), hours: z.number().int(), basis: z.enum(['working', 'calendar']) }).nullable(),
});

/** One row of the workbench. A co-reporter reads the category for the title and the public place for the address. */
export const caseSummary = z.object({
  id,
  number: z.string(),
  title: z.string(),
  status: z.enum(CASE_STATUSES),
  source: z.enum(CASE_SOURCES),
  urgent: z.boolean(),
  categoryId: id,
  categoryName: z.string(),
  caseType: z.string(),
  regionId: id,
  regionName: z.string(),
  address: z.string().nullable(),
  /** Where the point is in words, from the platform's places ("锦源社区 · 锦绣花园3号楼附近约20米"). */
  location: z.string().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  /** The handling unit, or the grid/community that handles it. */
  handler: z.string().nullable(),
  /** 首接单位: the unit answerable for the case until a formal 转办. */
  firstUnit: z.string().nullable(),
  reportedAt: timestamp,
  /** The promise to the reporter, counted from acceptance. */
  dueAt: timestamp.nullable(),
  /** Whichever runs out first: the current step's limit or the promise. */
  nextDeadlineAt: timestamp.nullable(),
  /** accept, dispatch, sign, handle, verify, close, evaluate, done */
  step: z.string(),
  clock: clockColour,
  /** The clock in words and figures (common/case-clock.ts): the same reading as the colour. */
  clockReading,
  paused: z.boolean(),
  pendingRequest: z.object({ kind: z.enum(['extension', 'suspension']), days: z.number().int().nullable() }).nullable(),
  supervisionLevel: z.number().int(),
  satisfaction: z.enum(SATISFACTIONS).nullable(),
  reopenCount: z.number().int(),
});
export type CaseSummary = z.infer<typeof caseSummary>;
export const casePage = page(caseSummary);

/**
 * 首页 by role (GET /api/cases/home): the desk that waits on the viewer, in one answer. A unit's
 * handler has 待我处理, a grid worker the grid's queue, a community or town desk what waits for
 * 受理, a leader and the county administrator the overview of their region.
 */
export const CASE_DESKS = ['unit', 'grid', 'intake', 'overview'] as const;
export type CaseDesk = (typeof CASE_DESKS)[number];
export const caseHome = z.object({
  desk: z.enum(CASE_DESKS),
  /** The desk's queue: 待我处理 / 网格待办 / 待受理 / 在办 (every open case). */
  waiting: z.number().int(),
  /** Of the queue: 已超时, due before midnight and not yet late, 80 % of the promise used. */
  overdue: z.number().int(),
  dueToday: z.number().int(),
  nearlyDue: z.number().int(),
  /** Reported today in the region (the overview only). */
  reportedToday: z.number().int().nullable(),
  /** The queue's cases nearest their deadline. */
  urgent: z.array(caseSummary),
  /** The overview's open and overdue cases by the regions one level down, most overdue first. */
  areas: z.array(z.object({ regionId: id, name: z.string(), open: z.number().int(), overdue: z.number().int() })),
});
export type CaseHome = z.infer<typeof caseHome>;

export const nearbyQuery = z.object({
  categoryId: z.coerce.number().int().positive(),
  lat: z.coerce.number().min(-90).max(90),
  lon: z.coerce.number().min(-180).max(180),
});

/** An open case of the same category close by: "is it this one?". Its title is the category's unless the viewer has its staff view. */
export const nearbyCase = z.object({
  id,
  number: z.string(),
  title: z.string(),
  status: z.enum(CASE_STATUSES),
  metres: z.number(),
  reportedAt: timestamp,
  categoryName: z.string(),
});
export type NearbyCase = z.infer<typeof nearbyCase>;
export const nearbyList = z.object({ items: z.array(nearbyCase) });

export const publicMapQuery = regionQuery.extend({ days: z.coerce.number().int().min(1).max(90).default(30) });

/** A case on the public map: a public category's, with no personal data at all. */
export const publicMapCase = z.object({
  id,
  number: z.string(),
  status: z.enum(CASE_STATUSES),
  lon: z.number(),
  lat: z.number(),
  reportedAt: timestamp,
  categoryName: z.string(),
  /** Estate, community, town: never a typed address. */
  place: z.string(),
});
export type PublicMapCase = z.infer<typeof publicMapCase>;
export const publicMap = z.object({ items: z.array(publicMapCase) });

// ——— one case ———

export const caseEvent = z.object({
  id,
  at: timestamp,
  /** A CaseAction, or report / escalate / reopen / join / questionnaire, or a case type's step (av_…). */
  action: z.string(),
  fromStatus: z.enum(CASE_STATUSES).nullable(),
  toStatus: z.enum(CASE_STATUSES).nullable(),
  note: z.string().nullable(),
  actor: z.string().nullable(),
  actorUnit: z.string().nullable(),
  /** Who the line is for (server/domains/cases/policy.ts): everyone, staff, or those working the case. */
  audience: z.enum(['public', 'staff', 'internal']),
  data: z.record(z.string(), z.unknown()),
});
export type CaseEvent = z.infer<typeof caseEvent>;

export const casePhoto = z.object({
  id,
  eventId: id.nullable(),
  /** A linked picture (Open311 media_url) instead of a stored one. */
  mediaUrl: z.string().nullable(),
  thumbUrl: z.string().nullable(),
  displayUrl: z.string().nullable(),
  /** Only for staff of the case's region; keeps the phone's EXIF, every read is audited. */
  originalUrl: z.string().nullable(),
  takenAt: timestamp.nullable(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
});
export type CasePhoto = z.infer<typeof casePhoto>;

export const caseSourceEntry = z.object({
  id,
  source: z.enum(CASE_SOURCES),
  /** 12345 work-order number, Open311 token… */
  reference: z.string().nullable(),
  reportedAt: timestamp,
  description: z.string().nullable(),
  anonymous: z.boolean(),
  mergedFromId: id.nullable(),
  mine: z.boolean(),
  /** Masked unless the viewer's role needs it in full. */
  reporterName: z.string().nullable(),
  reporterPhone: z.string().nullable(),
});
export type CaseSourceEntry = z.infer<typeof caseSourceEntry>;

export const caseSupervision = z.object({
  id,
  /** 1 督办单 to the unit, 2 escalated to the leader in charge. */
  level: z.number().int(),
  reason: z.string(),
  issuedAt: timestamp,
  bySystem: z.boolean(),
  unit: z.string().nullable(),
  leader: z.string().nullable(),
  backupLeader: z.string().nullable(),
  acknowledgedAt: timestamp.nullable(),
});
export type CaseSupervision = z.infer<typeof caseSupervision>;

export const leaderInCharge = z.object({
  leaderId: id,
  leaderName: z.string(),
  backupId: id.nullable(),
  backupName: z.string().nullable(),
});

/** The case page: the case as the case policy lets this viewer see it, and what they may do next. */
export const caseDetail = caseSummary.omit({ pendingRequest: true }).extend({
  /** null for a viewer who may not read the reporter's own words (a co-reporter). */
  description: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  form: z.array(caseFormField),
  result: z.string().nullable(),
  isPublic: z.boolean(),
  houseId: id.nullable(),
  acceptedAt: timestamp.nullable(),
  dispatchedAt: timestamp.nullable(),
  signedAt: timestamp.nullable(),
  handledAt: timestamp.nullable(),
  verifiedAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  evaluatedAt: timestamp.nullable(),
  mergedIntoId: id.nullable(),
  stepDueAt: timestamp.nullable(),
  warnAt: timestamp.nullable(),
  pendingRequest: pendingRequest.nullable(),
  /** Exactly what this viewer may do now. */
  actions: z.array(z.enum(CASE_ACTIONS)),
  relations: z.array(z.string()),
  events: z.array(caseEvent),
  sources: z.array(caseSourceEntry),
  photos: z.array(casePhoto),
  supervisions: z.array(caseSupervision),
  /** The routing rule's answer, for a dispatcher while the case still waits for dispatch. */
  suggestion: z
    .object({
      target: routeTarget,
      reason: z.string(),
      /** Accounts that could sign for it there: a unit's handlers, or a grid's workers and its community's desk. */
      handlers: z.number().int(),
      /** Why the suggestion leads nowhere (no one to act, or not a handling unit); null when it is sound. */
      warning: z.string().nullable(),
      /** Where to send it instead when it leads nowhere: the case's own grid or community. */
      fallback: z.object({ target: routeTarget, reason: z.string(), handlers: z.number().int() }).nullable(),
    })
    .nullable(),
  leaderInCharge: leaderInCharge.nullable(),
  /** Open cases of the same category close by: possible duplicates. */
  nearby: z.array(nearbyCase),
});
export type CaseDetail = z.infer<typeof caseDetail>;

/** A step's answer when it took the case off the viewer's desk (a unit's 退回). */
export const caseLeft = z.object({ id, left: z.literal(true) });
export type CaseLeft = z.infer<typeof caseLeft>;
export const actionResult = z.union([caseDetail, caseLeft]);

const target = z
  .object({ orgUnitId: z.number().int().positive().optional(), regionId: z.number().int().positive().optional() })
  .refine((t) => (t.orgUnitId === undefined) !== (t.regionId === undefined), { message: '须指定承办单位或网格之一' });

/** One body per action: what each step needs and nothing else. */
export const actionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), note: text(500).optional() }),
  z.object({ action: z.literal('reject'), reason }),
  z.object({ action: z.literal('register'), note: text(500).optional() }),
  z.object({ action: z.literal('dispatch'), target: target.optional(), reason: reason.optional() }),
  z.object({ action: z.literal('sign'), note: text(500).optional() }),
  z.object({ action: z.literal('return'), reason }),
  z.object({ action: z.literal('transfer'), target, reason }),
  z.object({ action: z.literal('request_extension'), days: z.number().int().min(1).max(30), reason }),
  z.object({ action: z.literal('request_suspension'), reason }),
  z.object({ action: z.literal('approve_request'), note: text(500).optional() }),
  z.object({ action: z.literal('refuse_request'), reason }),
  z.object({ action: z.literal('resume'), note: text(500).optional() }),
  z.object({ action: z.literal('handle'), result: text(2000), photoIds }),
  z.object({ action: z.literal('verify'), note: text(500).optional(), photoIds }),
  z.object({ action: z.literal('verify_fail'), reason, photoIds }),
  z.object({ action: z.literal('close'), note: text(500).optional() }),
  z
    .object({ action: z.literal('evaluate'), satisfaction: z.enum(SATISFACTIONS), comment: text(500).optional() })
    .refine((b) => b.satisfaction !== 'dissatisfied' || b.comment, { message: '不满意时请写明原因', path: ['comment'] }),
  z.object({ action: z.literal('merge'), targetCaseId: z.number().int().positive(), reason: reason.optional() }),
  z.object({ action: z.literal('comment'), note: text(1000), internal: z.boolean().default(false) }),
  z.object({ action: z.literal('supervise'), note: reason }),
]);
/** What a client sends (defaults may be left out). */
export type ActionBody = z.input<typeof actionBody>;
export type ActionInput = z.infer<typeof actionBody>;
/** What the dispatch and transfer bodies take as a target: exactly one of the two. */
export type TargetInput = z.input<typeof target>;

export const bulkDispatchBody = z.object({
  caseIds: z.array(z.number().int().positive()).min(1).max(100),
  target: target.optional(),
  reason: reason.optional(),
});
export const bulkDispatchResult = z.object({
  results: z.array(z.union([z.object({ id, ok: z.literal(true) }), z.object({ id, ok: z.literal(false), message: z.string() })])),
});
export type BulkDispatchResult = z.infer<typeof bulkDispatchResult>;

// ——— a reporter's own ———

export const questionnaireBody = z.object({ fixed: z.boolean(), comment: text(500).optional() });
export const questionnaireResult = z.object({ reopened: z.boolean() });

// ——— calling the reporter back (cases/reporter-contact.ts, docs/decisions/019) ———

/** One reporter of a case as the contact block shows them: the phone masked unless the viewer sees numbers in full. */
export const reporterContact = z.object({
  sourceId: id,
  source: z.enum(CASE_SOURCES),
  reportedAt: timestamp,
  anonymous: z.boolean(),
  /** 匿名 for an anonymous report; masked unless the viewer sees personal data in full. */
  name: z.string().nullable(),
  /** The number to call: the one given with the report, else the reporter's own on the register; null when there is none. */
  phone: z.string().nullable(),
  /** The phone above is the whole number (tel: link). */
  phoneFull: z.boolean(),
  /** The viewer may reveal the masked phone with a reason (查看完整号码, audited). */
  revealable: z.boolean(),
});
export type ReporterContact = z.infer<typeof reporterContact>;
export const reporterContacts = z.object({
  /** Whether the viewer works the case (desk, handling unit or grid) and so may call reporters back. */
  callsBack: z.boolean(),
  items: z.array(reporterContact),
});
export type ReporterContacts = z.infer<typeof reporterContacts>;

export const revealReporterBody = z.object({ sourceId: z.number().int().positive(), reason: revealReason });
export type RevealReporterInput = z.infer<typeof revealReporterBody>;
