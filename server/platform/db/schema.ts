import type { ColumnType, Generated } from 'kysely';
import type { CaseFormField, PendingCaseRequest, SlaUnit } from '../../../common/enums.js';
import type { ImportKind } from '../../../common/contracts/exchange.js';
import type { AdoptionCategory, ConsultationMethod, Pertinence, Satisfaction } from '../../../common/proposal-forms.js';
import type { HandlingMode, ProposalState } from '../../../common/contracts/proposals.js';

export type { CaseFormField, PendingCaseRequest };

/** Row types of the tables in migrations/, as Kysely sees them. Keep in step with the SQL. */

type Id = Generated<number>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateString = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export interface RegionTable {
  id: Id;
  parent_id: number | null;
  code: string;
  code_is_local: Generated<boolean>;
  name: string;
  level: 'county' | 'town' | 'community' | 'grid';
  kind: string;
  path: string;
  smart_tier: string | null;
  smart_target_tier: string | null;
  smart_pilot_year: number | null;
  smart_source: string | null;
  /** What the source leaves open about the tier, quoted (migrations/0012). */
  smart_note: string | null;
  lon: number | null;
  lat: number | null;
  sort: Generated<number>;
}

export interface UserTable {
  id: Id;
  username: string;
  password_hash: string;
  display_name: string;
  role: string;
  region_id: number;
  org_unit_id: number | null;
  property_company_id: number | null;
  resident_id: number | null;
  active: Generated<boolean>;
  must_change_password: Generated<boolean>; // migrations/0011_login_throttle.sql
  password_changed_at: Date | null;
  created_at: Timestamp;
}

export interface SessionTable {
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Date;
}

export interface AuditLogTable {
  id: Id;
  at: Timestamp;
  user_id: number | null;
  username: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  detail: Json<Record<string, unknown>>;
  ip: string | null;
}

export interface PropertyCompanyTable {
  id: Id;
  name: string;
  credit_code: string | null;
  contact: string | null;
  phone: string | null;
}

export interface EstateTable {
  id: Id;
  community_id: number;
  region_path: string;
  name: string;
  address: string;
  property_company_id: number | null;
  built_year: number | null;
  lon: number | null;
  lat: number | null;
}

export interface BuildingTable {
  id: Id;
  estate_id: number;
  name: string;
  floors: number;
  grid_id: number | null;
  lon: number | null;
  lat: number | null;
}

/** A town's or community's area (migrations/0013): GeoJSON in GCJ-02, official or approximate. */
export interface RegionAreaTable {
  region_id: number;
  geometry: ColumnType<AreaGeometry, string, string>;
  source: 'official' | 'approximate';
  note: string;
  updated_at: Generated<Date>;
}

export interface AreaGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}

/** A named road (migrations/0035): GeoJSON MultiLineString in GCJ-02, with its bounding box. */
export interface RoadTable {
  id: Id;
  name: string;
  kind: string | null;
  geometry: ColumnType<RoadGeometry, string, string>;
  west: number;
  south: number;
  east: number;
  north: number;
  source: string;
  created_at: Generated<Date>;
}

export interface RoadGeometry {
  type: 'MultiLineString';
  coordinates: [number, number][][];
}

export interface BuildingUnitTable {
  id: Id;
  building_id: number;
  name: string;
}

export type HouseUse = 'owner_occupied' | 'rented' | 'vacant' | 'commercial';

/**
 * A house is in a unit of an estate's building (room and floor), or a village house (农村房屋,
 * migration 0036) known by its 组 and 门牌号 with its own GCJ-02 point; a check keeps one shape.
 */
export interface HouseTable {
  id: Id;
  unit_id: number | null;
  estate_id: number | null;
  community_id: number;
  grid_id: number | null;
  region_path: string;
  room: string | null;
  floor: number | null;
  village_group: string | null;
  door_number: string | null;
  lon: number | null;
  lat: number | null;
  area: number;
  house_use: HouseUse;
  rental_mode: 'whole' | 'shared' | null;
  rental_channel: 'agency' | 'owner' | 'platform' | 'employer' | null;
  monthly_rent: number | null;
  tenant_count: number | null;
  standard_address: string;
  updated_at: Timestamp;
}

export interface HouseholdTable {
  id: Id;
  household_no: string;
  house_id: number | null;
  region_path: string;
  householder_id: number | null;
}

export interface ResidentTable {
  id: Id;
  id_card: string;
  name: string;
  gender: 'male' | 'female';
  birth_date: DateString;
  phone: string | null;
  population_type: 'registered' | 'resident' | 'floating';
  household_id: number | null;
  relation: Generated<string>;
  house_id: number | null;
  community_id: number;
  grid_id: number | null;
  region_path: string;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  /** Generated: 'tag@1/2' for each tag and ancestor region (migrations/0006). */
  tag_regions: ColumnType<string[], never, never>;
  ethnicity: string | null;
  employer: string | null;
  moved_in_on: DateString | null;
  moved_out_on: DateString | null;
  updated_at: Timestamp;
}

export interface ResidentMoveTable {
  id: Id;
  resident_id: number;
  kind: 'move_in' | 'move_out';
  moved_on: DateString;
  place: string | null;
  note: string | null;
}

export interface SpecialGroupRecordTable {
  id: Id;
  resident_id: number;
  category: string;
  since_on: DateString | null;
  supervisor: string | null;
  note: string | null;
}

export interface VehicleTable {
  id: Id;
  plate: string;
  vehicle_type: string;
  brand: string | null;
  color: string | null;
  owner_id: number | null;
  estate_id: number | null;
  parking_space: string | null;
  region_path: string;
}

export interface GridWorkerTable {
  id: Id;
  grid_id: number;
  region_path: string;
  name: string;
  phone: string;
  employment: 'full_time' | 'part_time';
  user_id: number | null;
  idempotency_key: string | null; // migrations/0034_grid_worker_management.sql
  idempotency_fingerprint: string | null;
}

export interface OrgUnitTable {
  id: Id;
  name: string;
  kind: string;
  aliases: ColumnType<string[], string[] | undefined, string[]>;
  parent_id: number | null;
}

/** A leader, once however many 班子 they sit in (migrations/0012). */
export interface LeaderTable {
  id: Id;
  name: string;
}

/** A leader's seat in a 班子: '县政府' or '县政府办公室', ranked as that body's notice names them. */
export interface LeaderPostTable {
  leader_id: number;
  body: string;
  rank: number;
  source_doc: string | null;
}

export type Duty = import('../../../common/enums.js').DutyKind;

export interface LeaderDutyTable {
  id: Id;
  leader_id: number;
  duty: Duty;
  work_area: string | null;
  org_unit_id: number | null;
  assists_leader_id: number | null;
  source_doc: string;
}

export interface LeaderAbPairTable {
  leader_a: number;
  leader_b: number;
  source_doc: string;
}

export interface ImportJobTable {
  id: Id;
  kind: ImportKind;
  file_name: string;
  file_sha256: string;
  file_path: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  total_rows: Generated<number>;
  processed: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  errors: ColumnType<ImportRowError[], string | undefined, string>;
  failure: string | null;
  heartbeat_at: Date | null;
  user_id: number;
  region_id: number;
  created_at: Timestamp;
  finished_at: Date | null;
}

export interface ImportRowError {
  row: number;
  field?: string;
  code: string;
  message: string;
}

export interface AppMetaTable {
  key: string;
  value: string;
  updated_at: Timestamp;
}

export interface ResidentCountTable {
  region_path: string;
  active: number;
}

/** Cases per region path and status, as of the sweep's last fold (migrations/0037). */
export interface CaseStatusCountTable {
  region_path: string;
  status: string;
  n: number;
}

/** Changes to those counts since the last fold, appended by triggers on cases. */
export interface CaseStatusDeltaTable {
  id: Generated<number>;
  region_path: string;
  status: string;
  delta: number;
}

export interface CalendarOverrideTable {
  day: DateString;
  kind: 'workday' | 'holiday';
  note: string | null;
}

export interface CaseCategoryTable {
  id: Id;
  code: string;
  parent_id: number | null;
  name: string;
  case_type: Generated<'general' | 'abandoned_vehicle' | 'iot_alarm'>; // iot_alarm: migrations/0021
  is_public: Generated<boolean>;
  sla_amount: number;
  sla_unit: SlaUnit; // calendar_hours: migrations/0027
  sign_limit_hours: Generated<number>;
  default_org_unit_id: number | null;
  form: ColumnType<CaseFormField[], string | undefined, string>;
  keywords: Generated<string[]>;
  sort: Generated<number>;
  active: Generated<boolean>;
}

/** Which org units handle cases (migrations/0014): the dispatcher's targets. */
export interface CaseHandlingUnitTable {
  org_unit_id: number;
  handles: boolean;
  source: 'catalogue' | 'division_of_labour' | 'administrator';
  updated_by: number | null;
  updated_at: Generated<Timestamp>;
}

export interface CaseRoutingRuleTable {
  id: Id;
  category_id: number;
  region_id: number | null;
  attribute_key: string | null;
  attribute_value: string | null;
  from_catalogue: Generated<boolean>;
  org_unit_id: number | null;
  to_grid: Generated<boolean>;
  note: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface CaseTable {
  id: Id;
  number: string;
  category_id: number;
  status: string;
  open: ColumnType<boolean, never, never>;
  source: string;
  title: string;
  description: string;
  attributes: ColumnType<Record<string, unknown>, string | undefined, string>;
  is_public: boolean;
  urgent: Generated<boolean>;
  lon: number | null;
  lat: number | null;
  address: string | null;
  /** Where the case is in words, from its point (migrations/0013). */
  location_text: string | null;
  house_id: number | null;
  region_id: number;
  region_path: string;
  reporter_user_id: number | null;
  idempotency_key: string | null;
  idempotency_fingerprint: string | null;
  handler_unit_id: number | null;
  handler_region_id: number | null;
  first_unit_id: number | null;
  reported_at: Timestamp;
  accepted_at: Date | null;
  dispatched_at: Date | null;
  signed_at: Date | null;
  handled_at: Date | null;
  verified_at: Date | null;
  closed_at: Date | null;
  evaluated_at: Date | null;
  due_at: Date | null;
  warn_at: Date | null;
  step: Generated<string>;
  step_due_at: Date | null;
  next_deadline_at: Date | null;
  paused_at: Date | null;
  paused_status: string | null;
  pending_request: ColumnType<PendingCaseRequest | null, string | null | undefined, string | null>;
  result: string | null;
  satisfaction: string | null;
  reopen_count: Generated<number>;
  merged_into_id: number | null;
  supervision_level: Generated<number>;
  escalate_at: Date | null;
  last_event_at: Timestamp;
}

export interface CaseSourceTable {
  id: Id;
  case_id: number;
  source: string;
  reference: string | null;
  reporter_user_id: number | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  anonymous: Generated<boolean>;
  description: string | null;
  reported_at: Timestamp;
  merged_from_id: number | null;
}

export interface CaseEventTable {
  id: Id;
  case_id: number;
  at: Timestamp;
  actor_user_id: number | null;
  actor_name: string;
  actor_unit: string | null;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  /** Who may read the line: migrations/0010, server/domains/cases/policy.ts. */
  audience: Generated<'public' | 'staff' | 'internal'>;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface CasePhotoTable {
  id: Id;
  case_id: number | null;
  event_id: number | null;
  uploaded_by: number | null;
  uploaded_at: Timestamp;
  kind: string;
  original_sha: string;
  display_sha: string;
  thumb_sha: string;
  width: number;
  height: number;
  taken_at: Date | null;
  gps_lat: number | null;
  gps_lon: number | null;
  media_url: string | null;
}

export interface CaseSupervisionTable {
  id: Id;
  case_id: number;
  level: 1 | 2;
  org_unit_id: number | null;
  region_id: number | null;
  leader_id: number | null;
  backup_leader_id: number | null;
  reason: string;
  issued_at: Timestamp;
  issued_by: number | null;
  acknowledged_at: Date | null;
  acknowledged_by: number | null;
}

export interface CaseQuestionnaireTable {
  case_id: number;
  user_id: number;
  send_at: Date;
  sent_at: Date | null;
  answered_at: Date | null;
  fixed: boolean | null;
  comment: string | null;
}

export interface NotificationTable {
  id: Id;
  user_id: number;
  kind: string;
  case_id: number | null;
  title: string;
  body: string;
  created_at: Timestamp;
  read_at: Date | null;
  audience: Generated<'public' | 'staff' | 'internal'>;
}

export interface Open311ClientTable {
  id: Id;
  name: string;
  api_key_sha256: string;
  active: Generated<boolean>;
  created_at: Timestamp;
}

// 废弃汽车专项治理 (migrations/0009_abandoned_vehicles.sql), owned by server/domains/abandoned-vehicles.
export interface AvCampaignTable {
  id: Id;
  code: string;
  name: string;
  doc_number: string;
  issued_on: DateString;
  issuing_unit: string;
  legal_basis: string;
  report_day: Generated<number>;
  /** The plan's coordination mechanism and report contents (common/contracts/abandoned-vehicles.ts campaignPlan). */
  plan: ColumnType<import('../../../common/contracts/abandoned-vehicles.js').CampaignPlan | null, string | null | undefined, string | null>;
  from_catalogue: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AvCampaignPhaseTable {
  id: Id;
  campaign_id: number;
  code: string;
  name: string;
  starts_on: DateString;
  ends_on: DateString;
  sort: Generated<number>;
}

export type AvDisposal = import('../../../common/abandoned-vehicles.js').Disposal;

export interface AvDossierTable {
  case_id: number;
  campaign_id: number | null;
  owner_status: Generated<'unchecked' | 'found' | 'unknown'>;
  vehicle_id: number | null;
  owner_id: number | null;
  owner_checked_at: Date | null;
  owner_notice_method: string | null;
  owner_notice_at: Date | null;
  owner_deadline: DateString | null;
  public_notice_method: string | null;
  public_notice_at: Date | null;
  public_deadline: DateString | null;
  public_notice_sha: string | null;
  issuing_unit: string | null;
  disposal: AvDisposal | null;
  disposal_at: Date | null;
  disposal_unit: string | null;
  receiving_unit: string | null;
  disposal_note: string | null;
  updated_at: Timestamp;
}

export interface AvObjectionTable {
  id: Id;
  case_id: number;
  raised_at: Date | string;
  raised_by: string;
  content: string;
  recorded_by: number | null;
  resolved_at: Date | null;
  resolution: string | null;
  resolved_by: number | null;
}

// Login throttling (migrations/0011_login_throttle.sql), owned by server/platform/rate-limit.ts
// and server/domains/identity.
export interface RateLimitCounterTable {
  key: string;
  hits: number;
  window_ends_at: Date;
}

export interface LoginFailureTable {
  username: string;
  device_id: Generated<string>;
  failures: number;
  last_failed_at: Date;
}

// ——— 物联感知 (migrations/0018_iot.sql, decision 027) ———

export interface IotField {
  key: string;
  label: string;
  unit?: string;
  type: 'number' | 'boolean' | 'string';
  min?: number;
  max?: number;
}

export interface IotDeviceTypeTable {
  code: string;
  name: string;
  category: string;
  fields: Json<IotField[]>;
  events: Json<{ type: string; label: string }[]>;
  offline_minutes: number;
  has_camera: Generated<boolean>;
  case_category_code: string | null;
  sort: Generated<number>;
}

export type IotDeviceStatus = 'active' | 'maintenance' | 'disabled';

export interface IotDeviceTable {
  id: Id;
  serial: string;
  type_code: string;
  name: string;
  region_id: number;
  region_path: string;
  estate_id: number | null;
  building_id: number | null;
  house_id: number | null;
  unit_name: string | null;
  floor: number | null;
  lon: number | null;
  lat: number | null;
  owner_unit_id: number | null;
  snapshot_url: string | null;
  stream_url: string | null;
  firmware: string | null;
  battery: number | null;
  status: Generated<IotDeviceStatus>;
  mqtt_username: string;
  secret_sha256: string;
  credentials_issued_at: Date;
  auth_failures: Generated<number>;
  last_auth_failure_at: Date | null;
  online: Generated<boolean>;
  last_seen_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** 'user:<id>:<client key>' of the registration that made it (migrations/0020). */
  idempotency_key: string | null;
  idempotency_fingerprint: string | null;
  /** The import that made it; pending: its credentials wait for the import's one-time download (migrations/0020). */
  import_job_id: number | null;
  credentials_pending: Generated<boolean>;
  /** The secret in Mosquitto's password-file format ($7$…), for an external Mosquitto; null: issued before migrations/0024. */
  mosquitto_hash: string | null;
}

export type IotValue = number | boolean | string;

export interface IotTelemetryTable {
  device_id: number;
  ts: Date;
  msg_key: Generated<string>;
  values: Json<Record<string, IotValue>>;
  received_at: Generated<Date>;
}

/** Telemetry rolled up by hour for long chart ranges (decision 036). */
export interface IotTelemetryHourlyTable {
  device_id: number;
  key: string;
  hour: Date;
  n: number;
  num_n: Generated<number>;
  min: number | null;
  max: number | null;
  sum: number | null;
  bool_n: Generated<number>;
  true_n: Generated<number>;
  last: Json<IotValue> | null;
  last_ts: Date | null;
}

export interface IotTelemetryRollupTable {
  name: string;
  rolled_until: Date;
}

export interface IotDeviceStateTable {
  device_id: number;
  ts: Date;
  values: ColumnType<Record<string, IotValue>, string | undefined, string>;
  rule_state: ColumnType<Record<string, unknown>, string | undefined, string>;
  updated_at: Generated<Date>;
}

export interface IotRuleTable {
  id: Id;
  type_code: string;
  device_id: number | null;
  code: string;
  definition: Json<Record<string, unknown>>;
  edited: Generated<boolean>;
  updated_by: number | null;
  updated_at: Generated<Date>;
}

export type IotSeverity = 'critical' | 'major' | 'minor' | 'warning';

export interface IotIncidentTable {
  id: Id;
  rule_code: string;
  type_code: string;
  region_path: string;
  estate_id: number | null;
  building_id: number | null;
  severity: IotSeverity;
  opened_at: Date;
  last_at: Date;
  alarm_count: Generated<number>;
  case_id: number | null;
  closed_at: Date | null;
}

export interface IotAlarmTable {
  id: Id;
  device_id: number;
  rule_code: string;
  rule_name: string;
  severity: IotSeverity;
  region_path: string;
  estate_id: number | null;
  building_id: number | null;
  raised_at: Date;
  last_at: Date;
  count: Generated<number>;
  detail: string;
  value: ColumnType<IotValue | null, string | null, string | null>;
  readings: ColumnType<Record<string, IotValue>, string | undefined, string>;
  snapshot_url: string | null;
  condition_active: Generated<boolean>;
  flapping: Generated<boolean>;
  acknowledged_at: Date | null;
  acknowledged_by: number | null;
  cleared_at: Date | null;
  cleared_by: number | null;
  closed_at: Date | null;
  closed_by: number | null;
  incident_id: number | null;
  case_id: number | null;
  /** 真实警情 / 误报 / 测试, said by whoever closes it (migrations/0021). */
  outcome: IotAlarmOutcome | null;
  /** The alarm → case outbox (migrations/0021, decision 030): due for a look while set. */
  case_due_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  case_attempts: Generated<number>;
  case_error: string | null;
  /** Its clearing is on its case's timeline (migrations/0021). */
  case_clear_noted: Generated<boolean>;
}

export type IotAlarmOutcome = 'real' | 'false_alarm' | 'test';

export interface IotAlarmEventTable {
  id: Id;
  alarm_id: number;
  at: Date;
  action: 'raise' | 'acknowledge' | 'clear' | 'close' | 'note' | 'flapping' | 'case';
  user_id: number | null;
  user_name: string | null;
  note: string | null;
}

export interface IotDeadLetterTable {
  id: Id;
  received_at: Generated<Date>;
  transport: 'mqtt' | 'http';
  topic: string | null;
  serial: string | null;
  device_id: number | null;
  reason: string;
  detail: string;
  payload: string;
}

export interface IotIngestCountTable {
  day: string;
  counter: string;
  n: Generated<number>;
}

// ── 督查督办 (migrations/0030, docs/decisions/044) ─────────────────────────

export interface TaskListTable {
  id: Id;
  number: string | null;
  document_id: number | null;
  /** 重大决策 the list was spawned from (migrations/0033): the disclosure domain's id. */
  decision_id: number | null;
  title: string;
  kind: 'table' | 'phases' | 'manual';
  issued_on: DateString;
  created_by: number | null;
  created_at: Generated<Date>;
  idempotency_key: string | null;
  idempotency_fingerprint: string | null;
}

export interface TaskTable {
  id: Id;
  list_id: number;
  seq: number;
  category: string | null;
  task: string;
  requirement: string | null;
  deadline: DateString | null;
  ongoing: Generated<boolean>;
  deadline_text: string | null;
  starts_on: DateString | null;
  completed_on: DateString | null;
  completed_by: number | null;
}

export interface TaskTargetTable {
  id: Id;
  task_id: number;
  period: string;
  due: DateString | null;
  text: string;
  sort: number;
}

export interface TaskMeasureTable {
  id: Id;
  target_id: number;
  label: string;
  quantity: number;
  unit: string;
  sort: number;
}

export interface TaskUnitTable {
  id: Id;
  task_id: number;
  role: 'lead' | 'co';
  printed_name: string;
  org_unit_id: number | null;
  region_id: number | null;
  sort: number;
}

export interface TaskReportTable {
  id: Id;
  task_unit_id: number;
  month: DateString;
  text: string;
  figures: Json<{ measureId: number; value: number }[]>;
  submitted_by: number;
  submitted_at: Generated<Date>;
}

export interface TaskReportFileTable {
  id: Id;
  report_id: number;
  file_name: string;
  sha256: string;
  extension: string;
  size: number;
  uploaded_by: number;
  uploaded_at: Generated<Date>;
}

export interface TaskActionTable {
  id: Id;
  task_id: number;
  task_unit_id: number | null;
  kind: 'reminder' | 'notice';
  text: string;
  respond_by: DateString | null;
  created_by: number;
  created_at: Generated<Date>;
}

export interface TaskAssessmentTable {
  id: Id;
  list_id: number;
  period: string;
  unit_key: string;
  unit_name: string;
  timeliness: number;
  completion: number;
  score: number;
  recorded_by: number;
  recorded_at: Generated<Date>;
}

/** Every table, by its name in the database (server/platform/db/schema.int.test.ts holds it to the migrated one). */
/** 提案/建议 会议 (migrations/0031): 县政协十一届二次会议 is cppcc, term 11, session 2. */
export interface ProposalSessionTable {
  id: Id;
  body: 'cppcc' | 'npc';
  level: Generated<string>;
  term: number;
  session_number: number;
  opens_on: DateString | null;
  closes_on: DateString | null;
}

export interface ProposalTable {
  id: Id;
  session_id: number;
  kind: 'proposal' | 'suggestion';
  number: string;
  title: string;
  content: string | null;
  category: string | null;
  state: ProposalState;
  review_reason: string | null;
  reviewed_at: Date | null;
  mode: HandlingMode | null;
  created_at: Timestamp;
}

export interface ProposalProposerTable {
  proposal_id: number;
  seq: number;
  name: string;
}

export interface ProposalAssignmentTable {
  id: Id;
  proposal_id: number;
  round: Generated<number>;
  org_unit_id: number;
  role: 'lead' | 'co';
  status: 'handling' | 'returned' | 'opinion_sent' | 'replied';
  assigned_on: DateString | null;
  assigned_by: number | null;
  returned_on: DateString | null;
  return_reason: string | null;
  opinion: string | null;
  opinion_on: DateString | null;
  extended_until: DateString | null;
  extension_reason: string | null;
  rehandles: number | null;
}

export interface ProposalReplyTable {
  id: Id;
  assignment_id: number;
  replied_on: DateString;
  document_number: string;
  document_id: number | null;
  content: string;
  contact_name: string | null;
  contact_phone: string | null;
  created_at: Timestamp;
}

export interface ProposalFeedbackTable {
  id: Id;
  reply_id: number;
  consultation: ConsultationMethod;
  pertinence: Pertinence;
  satisfaction: Satisfaction;
  adoption: AdoptionCategory;
  signer: string;
  signer_phone: string | null;
  recorded_by: number | null;
  recorded_at: Timestamp;
}

export interface ProposalEvaluationTable {
  id: Id;
  proposal_id: number;
  org_unit_id: number;
  scores: Json<Record<string, number>>;
  total: number;
  recommended: boolean;
  suggestions: string | null;
  evaluated_by: number | null;
  evaluated_at: Timestamp;
}

// 依申请公开 (migrations/0032, docs/decisions/046).
export interface DisclosureApplicationTable {
  id: Id;
  tracking_code: string;
  channel: Generated<string>;
  applicant_kind: string;
  applicant_name: string;
  id_type: string | null;
  id_number: string | null;
  organization_kind: string | null;
  credit_code: string | null;
  legal_representative: string | null;
  contact_person: string | null;
  phone: string;
  email: string | null;
  address: string | null;
  postal_code: string | null;
  description: string;
  purpose: string | null;
  format: string;
  delivery: string;
  state: string;
  submitted_at: Generated<Date>;
  received_on: DateString | null;
  clock_start_on: DateString | null;
  due_on: DateString | null;
  concluded_on: DateString | null;
  archived_at: Date | null;
  idempotency_key: string | null;
  idempotency_fingerprint: string | null;
}

export interface DisclosureApplicationEventTable {
  id: Id;
  application_id: number;
  at: Generated<Date>;
  action: string;
  actor_user_id: number | null;
  actor_name: string;
  note: string | null;
  internal: Generated<boolean>;
  state_after: string;
}

export interface DisclosureCorrectionTable {
  id: Id;
  application_id: number;
  issued_on: DateString;
  requested: string;
  respond_by: DateString;
  received_on: DateString | null;
  received_note: string | null;
}

export interface DisclosureConsultationTable {
  id: Id;
  application_id: number;
  kind: string;
  party: string;
  started_on: DateString;
  ended_on: DateString | null;
  outcome: string | null;
}

export interface DisclosureExtensionTable {
  id: Id;
  application_id: number;
  days: number;
  reason: string;
  approver: string;
  approved_on: DateString;
  notice: string;
  notified_on: DateString;
}

export interface DisclosureReplySerialTable {
  year: number;
  last: number;
}

export interface DisclosureReplyTable {
  id: Id;
  application_id: number;
  reply_type: string;
  withheld_ground: string | null;
  year: number;
  serial: number;
  number: string;
  replied_on: DateString;
  content: string;
  public_location: string | null;
  other_agency: string | null;
  withheld_reason: string | null;
  replied_by: number | null;
}

export interface DisclosureFeeTable {
  id: Id;
  application_id: number;
  method: string;
  quantity: number;
  prior_pieces: Generated<number>;
  amount_yuan: number;
  explanation: string;
  noticed_on: DateString;
}

// 重大决策预公开 (migrations/0032, docs/decisions/046).
export interface DisclosureDecisionTable {
  id: Id;
  year: number;
  seq: number;
  title: string;
  organ: string;
  draft: string;
  explanation: string;
  background: string;
  state: string;
  comment_opens_on: DateString | null;
  comment_closes_on: DateString | null;
  short_period_reason: string | null;
  result: string | null;
  adoption_report: string | null;
  decided_on: DateString | null;
  /** The decision's document in the library, by its number (migrations/0039). */
  document_number: string | null;
}

export interface DisclosureDecisionCommentTable {
  id: Id;
  decision_id: number;
  user_id: number;
  author: string;
  content: string;
  submitted_at: Generated<Date>;
  moderation: Generated<string>;
  moderation_note: string | null;
  adoption: string | null;
  adoption_reason: string | null;
}

// ── the document library (migrations/0029, docs/decisions/043) ─────────────

export type DocumentDisclosure = 'public' | 'on_request' | 'not_public';
export type DocumentValidity = 'valid' | 'repealed' | 'expired';
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export interface DocumentTable {
  id: Id;
  number: string;
  organ_code: string;
  year: number;
  serial: number;
  index_number: string;
  organ: string | null;
  title: string;
  date_written: DateString | null;
  published_on: DateString | null;
  published_by: number | null;
  disclosure: DocumentDisclosure | null;
  disclosure_reason: string | null;
  disclosure_decided_by: number | null;
  themes: TextArray;
  validity: Generated<DocumentValidity>;
  validity_on: DateString | null;
  is_policy: Generated<boolean>;
  is_normative: Generated<boolean>;
  addressees: TextArray;
  addressee_role: string | null;
  paragraphs: TextArray;
  attachment_notes: TextArray;
  signature: string | null;
  note: string | null;
  copy_to: TextArray;
  attachments: ColumnType<unknown[], string | undefined, string>;
  enclosure: ColumnType<{ title: string; paragraphs: string[] } | null, string | null, string | null>;
  body_text: Generated<string>;
  title_words: Generated<string>;
  body_words: Generated<string>;
  /** Computed by the database from title_words and body_words. */
  search: ColumnType<string, never, never>;
  title_search: ColumnType<string, never, never>;
  import_source: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Who entered it by hand (migrations/0038); null for a gazette's document. */
  entered_by: number | null;
  idempotency_key: string | null;
  idempotency_fingerprint: string | null;
}

export interface DocumentInterpretationTable {
  id: Id;
  document_id: number;
  kind: 'text' | 'graphic' | 'qa' | 'video';
  title: string;
  body: string | null;
  qa: ColumnType<{ question: string; answer: string }[], string | undefined, string>;
  url: string | null;
  created_by: number;
  created_at: Timestamp;
}

export interface DocumentFileTable {
  id: Id;
  document_id: number;
  interpretation_id: number | null;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  path: string;
  uploaded_by: number;
  uploaded_at: Timestamp;
}

export interface DocumentSyncExemptionTable {
  document_id: number;
  reason: string;
  decided_by: number;
  decided_at: Timestamp;
}

/** 撤回: a publication taken back (migrations/0038). */
export interface DocumentWithdrawalTable {
  id: Id;
  document_id: number;
  published_on: DateString;
  reason: string;
  withdrawn_by: number;
  withdrawn_at: Timestamp;
}

export interface GazetteIssueTable {
  id: Id;
  year: number;
  issue_number: number;
  title: string;
  published_on: DateString | null;
  created_at: Timestamp;
}

export interface GazetteIssueDocumentTable {
  issue_id: number;
  document_id: number;
  position: number;
}

export interface DB {
  resident_counts: ResidentCountTable;
  case_status_counts: CaseStatusCountTable;
  case_status_deltas: CaseStatusDeltaTable;
  app_meta: AppMetaTable;
  regions: RegionTable;
  region_areas: RegionAreaTable;
  roads: RoadTable;
  users: UserTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  property_companies: PropertyCompanyTable;
  estates: EstateTable;
  buildings: BuildingTable;
  building_units: BuildingUnitTable;
  houses: HouseTable;
  households: HouseholdTable;
  residents: ResidentTable;
  resident_moves: ResidentMoveTable;
  special_group_records: SpecialGroupRecordTable;
  vehicles: VehicleTable;
  grid_workers: GridWorkerTable;
  org_units: OrgUnitTable;
  leaders: LeaderTable;
  leader_posts: LeaderPostTable;
  leader_duties: LeaderDutyTable;
  leader_ab_pairs: LeaderAbPairTable;
  import_jobs: ImportJobTable;
  calendar_overrides: CalendarOverrideTable;
  case_categories: CaseCategoryTable;
  case_handling_units: CaseHandlingUnitTable;
  case_routing_rules: CaseRoutingRuleTable;
  cases: CaseTable;
  case_sources: CaseSourceTable;
  case_events: CaseEventTable;
  case_photos: CasePhotoTable;
  case_supervisions: CaseSupervisionTable;
  case_questionnaires: CaseQuestionnaireTable;
  notifications: NotificationTable;
  open311_clients: Open311ClientTable;
  av_campaigns: AvCampaignTable;
  av_campaign_phases: AvCampaignPhaseTable;
  av_dossiers: AvDossierTable;
  av_objections: AvObjectionTable;
  rate_limit_counters: RateLimitCounterTable;
  login_failures: LoginFailureTable;
  iot_device_types: IotDeviceTypeTable;
  iot_devices: IotDeviceTable;
  iot_telemetry: IotTelemetryTable;
  iot_telemetry_hourly: IotTelemetryHourlyTable;
  iot_telemetry_rollup: IotTelemetryRollupTable;
  iot_device_state: IotDeviceStateTable;
  iot_rules: IotRuleTable;
  iot_incidents: IotIncidentTable;
  iot_alarms: IotAlarmTable;
  iot_alarm_events: IotAlarmEventTable;
  iot_dead_letters: IotDeadLetterTable;
  iot_ingest_counts: IotIngestCountTable;
  proposal_sessions: ProposalSessionTable;
  proposals: ProposalTable;
  proposal_proposers: ProposalProposerTable;
  proposal_assignments: ProposalAssignmentTable;
  proposal_replies: ProposalReplyTable;
  proposal_feedback: ProposalFeedbackTable;
  proposal_evaluations: ProposalEvaluationTable;
  disclosure_applications: DisclosureApplicationTable;
  disclosure_application_events: DisclosureApplicationEventTable;
  disclosure_corrections: DisclosureCorrectionTable;
  disclosure_consultations: DisclosureConsultationTable;
  disclosure_extensions: DisclosureExtensionTable;
  disclosure_reply_serials: DisclosureReplySerialTable;
  disclosure_replies: DisclosureReplyTable;
  disclosure_fees: DisclosureFeeTable;
  disclosure_decisions: DisclosureDecisionTable;
  disclosure_decision_comments: DisclosureDecisionCommentTable;
  task_lists: TaskListTable;
  tasks: TaskTable;
  task_targets: TaskTargetTable;
  task_measures: TaskMeasureTable;
  task_units: TaskUnitTable;
  task_reports: TaskReportTable;
  task_report_files: TaskReportFileTable;
  task_actions: TaskActionTable;
  task_assessments: TaskAssessmentTable;
  documents: DocumentTable;
  document_interpretations: DocumentInterpretationTable;
  document_files: DocumentFileTable;
  document_sync_exemptions: DocumentSyncExemptionTable;
  document_withdrawals: DocumentWithdrawalTable;
  gazette_issues: GazetteIssueTable;
  gazette_issue_documents: GazetteIssueDocumentTable;
}
