/**
 * Vocabulary shared by the server and the web clients. Codes are English so the API is stable;
 * the Chinese words users see live in the i18n catalogues (web/lib/i18n) keyed by these codes.
 */
export const ROLES = [
  'county_admin', // 县级管理员
  'town_staff', // 镇街工作人员
  'community_staff', // 社区工作人员
  'grid_worker', // 网格员
  'dept_handler', // 部门承办人 (县直部门)
  'property_staff', // 物业服务人
  'leader', // 领导 (watches the big screen, reads everything in scope, masked)
  'resident', // 居民
] as const;
export type Role = (typeof ROLES)[number];

export const REGION_LEVELS = ['county', 'town', 'community', 'grid'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const HOUSE_USES = ['owner_occupied', 'rented', 'vacant', 'commercial'] as const; // 自住/出租/空置/商用
export const RENTAL_MODES = ['whole', 'shared'] as const; // 整租/合租
export const RENTAL_CHANNELS = ['agency', 'owner', 'platform', 'employer'] as const; // 中介/房东直租/网络平台/单位
export const POPULATION_TYPES = ['registered', 'resident', 'floating'] as const; // 户籍/常住/流动
export const RELATIONS = ['self', 'spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'other'] as const;
export const VEHICLE_TYPES = ['car', 'suv', 'van', 'truck', 'motorcycle', 'ev', 'other'] as const;
export const EMPLOYMENTS = ['full_time', 'part_time'] as const; // 专职/兼职

/** Resident tags as stored; 60岁以上 is computed from the birth date, not stored. */
export const RESIDENT_TAGS = [
  'party_member', // 党员
  'disabled', // 残疾
  'dibao_a', // 低保A类
  'dibao_b', // 低保B类
  'dibao_c', // 低保C类
  'living_alone', // 独居
  'veteran', // 退役军人
  'left_behind_child', // 留守儿童
] as const;
export type ResidentTag = (typeof RESIDENT_TAGS)[number];

/** 特殊人群: restricted, audited on every read. */
export const SPECIAL_GROUP_CATEGORIES = [
  'community_correction', // 社区矫正对象
  'released_prisoner', // 刑满释放人员
  'drug_user', // 吸毒人员
  'severe_mental_disorder', // 严重精神障碍患者
  'key_youth', // 重点青少年
  'other',
] as const;

export const AGE_BANDS = ['0-17', '18-34', '35-59', '60-79', '80+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Kinds of county units, as classified from the gazette's notices (orgs/gazette/division-of-labour.ts). */
export const ORG_UNIT_KINDS = [
  'government_office',
  'department',
  'institution',
  'enterprise',
  'township',
  'mass_organisation',
  'internal_section',
  'external',
] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

/** 主持 / 负责 / 分管 / 联系 / 协助: the lines of a leader's division of labour. */
export const DUTY_KINDS = ['preside', 'responsible', 'in_charge', 'liaison', 'assist'] as const;
export type DutyKind = (typeof DUTY_KINDS)[number];

/** 事件状态: the loop 上报 → 受理 → 立案 → 派遣 → 处置 → 核查 → 结案 → 评价, and its side roads. */
export const CASE_STATUSES = [
  'reported',
  'accepted',
  'rejected',
  'registered',
  'dispatched',
  'in_progress',
  'handled',
  'verified',
  'closed',
  'evaluated',
  'suspended',
  'merged',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_SOURCES = ['resident', 'grid_patrol', 'hotline', 'open311', 'iot', 'property', 'staff'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const CASE_ACTIONS = [
  'accept',
  'reject',
  'register',
  'dispatch',
  'sign',
  'return',
  'transfer',
  'request_extension',
  'request_suspension',
  'approve_request',
  'refuse_request',
  'resume',
  'handle',
  'verify',
  'verify_fail',
  'close',
  'evaluate',
  'merge',
  'comment',
  'supervise',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/**
 * How a case category's 时限 (time limit) is counted: on the working calendar (office hours,
 * weekends and holidays excluded) or, for an emergency (火情, 燃气泄漏, 电梯困人, 紧急呼叫), in real
 * hours round the clock: docs/decisions/037-calendar-hour-time-limits.md.
 */
export const SLA_UNITS = ['working_hours', 'working_days', 'calendar_hours'] as const;
export type SlaUnit = (typeof SLA_UNITS)[number];

export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

/** One extra field of a case category's form (data/cases/categories.json), as stored and as sent. */
export interface CaseFormField {
  key: string;
  label: string;
  type: 'text' | 'number' | 'select' | 'multiselect' | 'boolean' | 'date';
  required?: boolean;
  options?: { value: string; label: string }[];
  /** Shown to the public (map, Open311); false keeps it for staff. */
  public?: boolean;
}

/** A unit's request waiting on the desk: 延期 (extension) or 挂账 (suspension). */
export interface PendingCaseRequest {
  kind: 'extension' | 'suspension';
  days?: number;
  reason: string;
  /** null for requests the demo generator wrote. */
  byUserId: number | null;
  byName: string;
  at: string;
}
