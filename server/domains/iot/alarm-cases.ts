import type { Kysely } from 'kysely';
import type { DB, IotField } from '../../platform/db/schema.js';
import { formatValue } from '../../../common/iot/rules.js';
import { isInsideCounty } from '../../platform/geo/county-boundary.js';
import { noteOnCase, noteOnOpenCase, openDispatchedCase, type CaseContext, type SystemActor } from '../cases/index.js';
import { notifyUsers } from '../notifications/index.js';
import { alarmCasesRepository, type DueAlarm } from './alarm-cases.repository.js';
import type { AlarmCasePolicy, CasePlan } from './alarm-case-policy.js';
import { camerasNear } from './alarm-cameras.js';
import { placeInWords } from './alarms.presenter.js';
import { ScopedDb } from '../../platform/db/scoped-db.js';
import { publishEvent } from '../../platform/events/publish.js';
import { alarmCaseOpenedEvent } from './alarms.events.js';

/** The pick-up works for the platform: every camera of the county may give a case its picture. */
const COUNTY_WIDE = { path: '/', estateIds: null };

/**
 * The alarm → case pick-up (docs/decisions/030), an outbox: every alarm is written due for a look
 * (iot_alarms.case_due_at, set by the column's default in the ingest's own transaction), and
 * this takes the due ones one at a time, each in its own transaction under FOR UPDATE SKIP
 * LOCKED — so with several server processes each alarm opens exactly one case — and either opens
 * its case through the case engine (reported, accepted, registered, dispatched, the alarm linked
 * to it, the property company told) or marks that none is wanted. A failure rolls that alarm's
 * work back, and it is tried again later, later each time, its error kept on it. Woken right
 * after the ingest commits alarms, and swept periodically behind that. The same round writes a
 * line on the case of each cleared alarm.
 */
export const ALARM_CASE_ACTOR: SystemActor = { name: '物联感知平台', unit: '物联感知' };

/** The longest wait before an alarm whose case failed is tried again. */
const MAX_RETRY_MS = 60 * 60_000;
/** Alarms taken in one round at most: a flood waits for the next round rather than holding one forever. */
const ROUND_LIMIT = 200;

export interface AlarmCasesDeps {
  db: Kysely<DB>;
  casework: CaseContext;
  policy: AlarmCasePolicy;
  now(): Date;
  log(line: string): void;
}

export interface Round {
  opened: number;
  /** Alarms that joined the open case of their storm incident instead of opening one. */
  joined: number;
  none: number;
  failed: number;
  notedClears: number;
}

/** One round: every alarm due now, then every cleared alarm's case. */
export async function pickUpAlarmCases(deps: AlarmCasesDeps): Promise<Round> {
  const round: Round = { opened: 0, joined: 0, none: 0, failed: 0, notedClears: 0 };
  for (let i = 0; i < ROUND_LIMIT; i++) {
    const outcome = await takeOneDue(deps);
    if (outcome === 'idle') break;
    round[outcome]++;
  }
  for (let i = 0; i < ROUND_LIMIT; i++) {
    if (!(await noteOneClear(deps))) break;
    round.notedClears++;
  }
  return round;
}

async function takeOneDue(deps: AlarmCasesDeps): Promise<'idle' | 'opened' | 'joined' | 'none' | 'failed'> {
  let claimed: DueAlarm | undefined;
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const repo = alarmCasesRepository(trx);
      claimed = await repo.claimDue(deps.now());
      if (!claimed) return 'idle';
      // A closed alarm is finished: nobody is sent to it any more.
      const plan = claimed.closed_at ? null : deps.policy(claimed.type_code, claimed.rule_code, claimed.severity);
      if (!plan) {
        await repo.update(claimed.id, { case_due_at: null, case_error: null });
        return 'none';
      }
      // A storm (thirty detectors of one building) is one case: the incident's first alarm opens it,
      // the others join it while it is open (decision 035).
      const incidentId = claimed.incident_id;
      const incidentCase = incidentId === null ? null : await repo.incidentCase(incidentId);
      if (incidentCase !== null && (await joinIncidentCase(deps, trx, claimed, incidentCase))) return 'joined';
      const caseId = await openCaseOf(deps, trx, claimed, plan);
      if (incidentId !== null) await repo.setIncidentCase(incidentId, caseId);
      return 'opened';
    });
  } catch (e) {
    if (!claimed) throw e; // the database itself: the round stops, the sweep comes back
    const attempts = claimed.case_attempts + 1;
    const message = (e as Error).message.slice(0, 500);
    await alarmCasesRepository(deps.db).update(claimed.id, {
      case_attempts: attempts,
      case_due_at: new Date(deps.now().getTime() + Math.min(MAX_RETRY_MS, 10_000 * 2 ** attempts)),
      case_error: message,
    });
    deps.log(`告警 ${claimed.id} 生成案件失败（第 ${attempts} 次，稍后重试）：${message}`);
    return 'failed';
  }
}

async function openCaseOf(deps: AlarmCasesDeps, trx: Kysely<DB>, alarm: DueAlarm, plan: CasePlan) {
  const repo = alarmCasesRepository(trx);
  const place = placeInWords({ ...alarm, device_name: alarm.serial });
  const point =
    alarm.lon !== null && alarm.lat !== null && isInsideCounty(alarm.lon, alarm.lat) ? { lon: alarm.lon, lat: alarm.lat } : null;
  // A detector without a camera shows its case what the nearest camera sees.
  const snapshot =
    alarm.snapshot_url ??
    (
      await camerasNear(
        new ScopedDb(trx, COUNTY_WIDE),
        { buildingId: alarm.building_id, estateId: alarm.estate_id, lon: alarm.lon, lat: alarm.lat },
        1,
      )
    )[0]?.snapshot_url ??
    null;
  const opened = await openDispatchedCase(deps.casework, trx, ALARM_CASE_ACTOR, {
    categoryCode: plan.categoryCode,
    title: `${alarm.rule_name}：${place}`.slice(0, 60),
    description: [
      `${alarm.type_name}（${alarm.serial}）${alarm.rule_name}：${alarm.detail}。`,
      `位置：${place}。`,
      `告警时读数：${readingsInWords(alarm.readings, alarm.fields) || '无'}。`,
    ].join('\n'),
    regionId: alarm.grid_id ?? alarm.region_id,
    address: place,
    point,
    mediaUrl: snapshot,
    urgent: alarm.severity === 'critical',
    reference: `告警${alarm.id}`,
  });
  const now = deps.now();
  await repo.update(alarm.id, { case_id: opened.caseId, case_due_at: null, case_error: null });
  let sent = `已生成案件 ${opened.number}，派遣至 ${opened.handler.name}`;
  if (plan.dispatch.includes('property')) sent += `；${await tellProperty(deps, trx, alarm, opened, place, now)}`;
  await repo.insertEvent(alarm.id, now, 'case', sent);
  await announceCase(trx, alarm, { caseId: opened.caseId, caseNumber: opened.number });
  return opened.caseId;
}

/** The alarm linked to its incident's case, with a line there saying which device joined; false when that case has closed. */
async function joinIncidentCase(deps: AlarmCasesDeps, trx: Kysely<DB>, alarm: DueAlarm, caseId: number) {
  const place = placeInWords({ ...alarm, device_name: alarm.serial });
  const noted = await noteOnOpenCase(deps.casework, trx, ALARM_CASE_ACTOR, caseId, {
    action: 'iot_alarm_joined',
    note: `同一事件又一台设备告警：${alarm.type_name}（${alarm.serial}）${alarm.rule_name}，${alarm.detail}，位置：${place}`,
    audience: 'staff',
    data: { alarmId: alarm.id },
  });
  if (!noted) return false;
  const repo = alarmCasesRepository(trx);
  await repo.update(alarm.id, { case_id: caseId, case_due_at: null, case_error: null });
  await repo.insertEvent(alarm.id, deps.now(), 'case', '并入同一事件的已有案件');
  await announceCase(trx, alarm, { caseId, caseNumber: noted.number });
  return true;
}

/**
 * The case on the live stream, at this transaction's commit: the popup and the alarm centre show
 * "one click to the case" without a reload (decision 039), to whoever hears the alarm's events.
 */
const announceCase = (trx: Kysely<DB>, alarm: DueAlarm, opened: { caseId: number; caseNumber: string }) =>
  publishEvent(
    trx,
    alarmCaseOpenedEvent({
      alarmId: alarm.id,
      incidentId: alarm.incident_id,
      regionPath: alarm.region_path,
      estateId: alarm.estate_id,
      ...opened,
    }),
  );

/** The estate's property company, told at the moment the case is dispatched; the line says whom. */
async function tellProperty(
  deps: AlarmCasesDeps,
  trx: Kysely<DB>,
  alarm: DueAlarm,
  opened: { caseId: number; number: string; handler: { name: string } },
  place: string,
  now: Date,
) {
  const company = alarm.property_company_id === null ? null : await alarmCasesRepository(trx).propertyStaff(alarm.property_company_id);
  const note =
    company === null
      ? '小区未登记物业服务企业，未通知物业'
      : company.userIds.length === 0
        ? `物业服务企业“${company.name}”没有可用账号，未能通知`
        : `同时通知小区物业“${company.name}”（${company.userIds.length} 个账号）`;
  if (company && company.userIds.length > 0)
    // A message property staff may read (they read no staff messages): the alarm, never the case's details.
    await notifyUsers(trx, company.userIds, {
      kind: 'iot_alarm',
      caseId: null,
      title: `${alarm.rule_name}：${place}`.slice(0, 60),
      body: `${alarm.detail}。已派遣${opened.handler.name}处置，请物业同时到场，并在告警中心确认处理。`,
      audience: 'public',
      at: now,
    });
  await noteOnCase(deps.casework, trx, ALARM_CASE_ACTOR, opened.caseId, {
    action: 'iot_notify_property',
    note,
    audience: 'internal',
    data: { alarmId: alarm.id },
  });
  return note;
}

/** A cleared alarm's case hears of it: one line on its timeline. False when none is left. */
async function noteOneClear(deps: AlarmCasesDeps): Promise<boolean> {
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const repo = alarmCasesRepository(trx);
      const alarm = await repo.claimClearToNote();
      if (!alarm) return false;
      await noteOnCase(deps.casework, trx, ALARM_CASE_ACTOR, alarm.case_id!, {
        action: 'iot_alarm_cleared',
        note: `${alarm.rule_name}告警已解除（${alarm.cleared_by === null ? '条件恢复，自动解除' : '值守人员解除'}）`,
        audience: 'staff',
        data: { alarmId: alarm.id },
      });
      await repo.update(alarm.id, { case_clear_noted: true });
      return true;
    });
  } catch (e) {
    deps.log(`告警解除记入案件失败（稍后重试）：${(e as Error).message}`);
    return false;
  }
}

/** 烟雾：是；电量：88% — by the type's own labels and units, in its field order. */
export function readingsInWords(readings: Record<string, unknown>, fields: IotField[]) {
  const known = fields.filter((f) => f.key in readings);
  return known
    .map((f) => {
      const v = readings[f.key];
      return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? `${f.label}：${formatValue(v, f.unit)}` : null;
    })
    .filter(Boolean)
    .join('；');
}

/**
 * The pick-up running for the process: a round right after alarms commit (`wake`), and one every
 * `sweepMs` whatever happens, so an alarm whose wake was lost (a process that died after its
 * commit) or whose case failed is still taken. Rounds never overlap; a wake during one runs
 * another after it.
 */
export function startAlarmCases(deps: AlarmCasesDeps, sweepMs: number) {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pickUpAlarmCases(deps)
      .then((r) => {
        if (r.opened || r.joined || r.failed)
          deps.log(`告警转案件：新案件 ${r.opened} 件，并入已有案件 ${r.joined} 条告警，失败 ${r.failed} 件`);
      })
      .catch((e: Error) => deps.log(`告警转案件扫描失败（稍后重试）：${e.message}`))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const timer = setInterval(run, sweepMs);
  timer.unref();
  run();
  return {
    wake: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
