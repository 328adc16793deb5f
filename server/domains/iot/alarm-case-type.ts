import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { publishEvent } from '../../platform/events/publish.js';
import type { CaseType, CaseTypeStep } from '../cases/index.js';
import { applyAlarmAction } from './rules/alarm-lifecycle.js';
import { alarmCasesRepository } from './alarm-cases.repository.js';
import { asAlarm, dateOf } from './alarms.service.js';
import { alarmEvent, announcedAlarm } from './alarms.events.js';

/**
 * The IoT alarm's case type (docs/decisions/030): its categories carry `caseType: "iot_alarm"`
 * (data/cases/categories.json, 物联感知告警); its cases are opened by the alarm → case pick-up
 * (alarm-cases.ts), routed by the engine to the grid of the device's building, and shown with
 * their alarm on the admin's case page (web/admin/modules/iot/case-type.ts). Its one rule
 * beyond the engine's: the case's 结案 closes its alarm as a real one (真实警情) if the alarm's
 * condition has cleared, and otherwise notes on the alarm that the case is closed while the
 * condition still holds, for the alarm centre to decide.
 */
export const IOT_ALARM_CASE_TYPE = 'iot_alarm';

export const iotAlarmCaseType: CaseType = {
  code: IOT_ALARM_CASE_TYPE,
  afterStep: async (step) => {
    if (step.action === 'close') await closeAlarmsOfCase(step);
  },
};

async function closeAlarmsOfCase(step: CaseTypeStep) {
  const repo = alarmCasesRepository(step.db);
  for (const row of await repo.openAlarmsOfCase(step.caseId)) {
    const result = applyAlarmAction(asAlarm(row), 'close', step.by, step.at.getTime(), '案件已结案');
    if (row.condition_active || !result.ok) {
      await repo.insertEvent(row.id, step.at, 'note', '案件已结案，但告警条件仍然存在：告警保持开启，请值守人员核实后关闭', step.by);
      continue;
    }
    const a = result.alarm;
    await repo.update(row.id, {
      acknowledged_at: dateOf(a.acknowledgedAt),
      acknowledged_by: a.acknowledgedBy,
      closed_at: dateOf(a.closedAt),
      closed_by: a.closedBy,
      outcome: 'real',
    });
    await repo.insertEvent(row.id, step.at, 'close', '案件已结案，告警随之关闭（真实警情）', step.by);
    await announceClosed(step.db, row);
  }
}

const announceClosed = (db: Kysely<DB>, row: Awaited<ReturnType<ReturnType<typeof alarmCasesRepository>['openAlarmsOfCase']>>[number]) =>
  publishEvent(db, alarmEvent('alarm.closed', announcedAlarm(row)));
