import { z } from 'zod';
import { CASE_SOURCES, CASE_STATUSES } from '../enums.js';
import { day, page, pagingQuery, timestamp } from './shared.js';
import { regionQuery } from './cases.js';

/**
 * Around the loop (server/domains/cases/desk.routes.ts): supervision (督办) and its board,
 * the statistics (考评), routing rules. Requests are checked with these; responses are serialised
 * through them. The inbox is notifications.ts's, the working-day calendar calendar.ts's.
 */
const id = z.number().int();

/** Moved to notifications.ts; kept here for the resident client's imports until they name it. */
export type { NotificationItem } from './notifications.js';

// ——— supervision and statistics ———

export const boardRow = z.object({
  name: z.string(),
  unitId: id.nullable(),
  regionId: id.nullable(),
  red: z.number().int(),
  yellow: z.number().int(),
  green: z.number().int(),
  paused: z.number().int(),
  open: z.number().int(),
});
export type BoardRow = z.infer<typeof boardRow>;

/** 事件总计 = 已处理 + 未处理 + 不予受理; the rows are open cases by clock colour. */
export const supervisionBoard = z.object({
  totals: z.object({
    total: z.number().int(),
    handled: z.number().int(),
    open: z.number().int(),
    rejected: z.number().int(),
    overdue: z.number().int(),
  }),
  units: z.array(boardRow),
  towns: z.array(boardRow),
});
export type SupervisionBoard = z.infer<typeof supervisionBoard>;

export const noticeQuery = z.object({ ...pagingQuery, open: z.enum(['true', 'false']).optional() });

export const supervisionNotice = z.object({
  id,
  caseId: id,
  number: z.string(),
  title: z.string(),
  status: z.enum(CASE_STATUSES),
  level: z.number().int(),
  reason: z.string(),
  issuedAt: timestamp,
  bySystem: z.boolean(),
  acknowledgedAt: timestamp.nullable(),
  unit: z.string().nullable(),
  leader: z.string().nullable(),
  backupLeader: z.string().nullable(),
});
export type SupervisionNotice = z.infer<typeof supervisionNotice>;
export const noticePage = page(supervisionNotice);

export const statisticsQuery = regionQuery.extend({ from: day.optional(), to: day.optional() });

export const unitStatistics = z.object({
  unitId: id,
  name: z.string(),
  received: z.number().int(),
  handled: z.number().int(),
  /** 0–1, null when nothing was handled. */
  onTimeRate: z.number().nullable(),
  avgHandlingHours: z.number().nullable(),
  reopenRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
  rated: z.number().int(),
});
export type UnitStatistics = z.infer<typeof unitStatistics>;

export const caseStatistics = z.object({
  units: z.array(unitStatistics),
  categories: z.array(z.object({ name: z.string(), count: z.number().int() })),
  sources: z.array(z.object({ source: z.enum(CASE_SOURCES), count: z.number().int() })),
  daily: z.array(z.object({ day, reported: z.number().int(), handled: z.number().int() })),
});
export type CaseStatistics = z.infer<typeof caseStatistics>;

// ——— configuration: routing rules ———

export const routingRule = z.object({
  id,
  categoryId: id,
  categoryName: z.string(),
  regionId: id.nullable(),
  regionName: z.string().nullable(),
  attributeKey: z.string().nullable(),
  attributeValue: z.string().nullable(),
  orgUnitId: id.nullable(),
  unitName: z.string().nullable(),
  toGrid: z.boolean(),
  note: z.string().nullable(),
  /** From data/cases/categories.json: kept with the file, not deleted here. */
  fromCatalogue: z.boolean(),
});
export type RoutingRule = z.infer<typeof routingRule>;
export const routingRuleList = z.object({ items: z.array(routingRule) });

export const routingRuleBody = z
  .object({
    categoryId: z.number().int().positive(),
    regionId: z.number().int().positive().optional(),
    orgUnitId: z.number().int().positive().optional(),
    toGrid: z.boolean().default(false),
    note: z.string().trim().max(200).optional(),
  })
  .refine((b) => (b.orgUnitId !== undefined) !== b.toGrid, { message: '须指定承办单位，或选择由属地网格处置' });
export type RoutingRuleInput = z.infer<typeof routingRuleBody>;

// ——— which units handle cases (承办单位), and where a dispatcher may send a case ———

/** An org unit as the county administrator configures it: handles cases or not, and who could act there. */
export const handlingUnit = z.object({
  id,
  name: z.string(),
  kind: z.string(),
  handles: z.boolean(),
  /** Where the setting came from: the catalogue's routing, the division of labour, or the administrator; null when never set. */
  source: z.enum(['catalogue', 'division_of_labour', 'administrator']).nullable(),
  /** Active department handler accounts of the unit. */
  handlers: z.number().int(),
});
export type HandlingUnit = z.infer<typeof handlingUnit>;
export const handlingUnitList = z.object({ items: z.array(handlingUnit) });
export const handlingUnitBody = z.object({ handles: z.boolean() });

/** The dispatcher's targets: the units that handle cases, and the towns, communities and grids of their region. */
export const dispatchTargets = z.object({
  units: z.array(z.object({ id, name: z.string(), handlers: z.number().int() })),
  /** In path order, so a region's parent comes before it. */
  regions: z.array(z.object({ id, name: z.string(), level: z.enum(['town', 'community', 'grid']), parentId: id.nullable() })),
});
export type DispatchTargets = z.infer<typeof dispatchTargets>;
