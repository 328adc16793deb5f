import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { DB, IotAlarmTable, IotValue } from '../../platform/db/schema.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import type { AlarmListQuery } from '../../../common/contracts/iot-alarms.js';
import { offsetOf, pageOf } from '../../platform/paging.js';

/**
 * Alarms as people see them (alarms.service.ts): listed and read inside the viewer's scope, and
 * changed by their actions; and as the rules write them (alarm-writer.ts), for one device at a
 * time inside the ingest's transaction.
 */
const OPEN = sql<boolean>`iot_alarms.closed_at IS NULL`;
const ACTIVE = sql<boolean>`iot_alarms.cleared_at IS NULL AND iot_alarms.closed_at IS NULL`;
const UNACKNOWLEDGED = sql<boolean>`iot_alarms.acknowledged_at IS NULL AND iot_alarms.closed_at IS NULL`;

export function alarmsRepository(scoped: ScopedDb) {
  const db = scoped.unscoped;
  const listed = (q: Partial<AlarmListQuery>) => {
    let query = scoped.selectFrom('iot_alarms');
    switch (q.status) {
      case 'active':
        query = query.where(ACTIVE);
        break;
      case 'unacknowledged':
        query = query.where(UNACKNOWLEDGED);
        break;
      case 'open':
        query = query.where(OPEN);
        break;
      case 'closed':
        query = query.where('iot_alarms.closed_at', 'is not', null);
        break;
      case 'active_unacknowledged':
        query = query.where(ACTIVE).where('iot_alarms.acknowledged_at', 'is', null);
        break;
      case 'acknowledged':
        query = query.where(ACTIVE).where('iot_alarms.acknowledged_at', 'is not', null);
        break;
      case 'cleared':
        query = query.where('iot_alarms.cleared_at', 'is not', null).where('iot_alarms.closed_at', 'is', null);
        break;
    }
    if (q.severity) query = query.where('iot_alarms.severity', '=', q.severity);
    if (q.deviceId) query = query.where('iot_alarms.device_id', '=', q.deviceId);
    if (q.estateId) query = query.where('iot_alarms.estate_id', '=', q.estateId);
    if (q.caseId) query = query.where('iot_alarms.case_id', '=', q.caseId);
    return query;
  };
  const withDevice = (query: ReturnType<typeof listed>) =>
    query
      .innerJoin('iot_devices as d', 'd.id', 'iot_alarms.device_id')
      .innerJoin('iot_device_types as t', 't.code', 'd.type_code')
      .leftJoin('estates as e', 'e.id', 'iot_alarms.estate_id')
      .leftJoin('buildings as b', 'b.id', 'iot_alarms.building_id')
      // A device in a village house is named by its village, 组 and 门牌号 (decision 049).
      .leftJoin('houses as h', 'h.id', 'd.house_id')
      .leftJoin('regions as village', 'village.id', 'h.community_id')
      // The case by the number people know it by (PY2026…), not by its row id.
      .leftJoin('cases as c', 'c.id', 'iot_alarms.case_id')
      .selectAll('iot_alarms')
      .select([
        'd.serial',
        'd.name as device_name',
        'd.type_code',
        't.name as type_name',
        'd.unit_name',
        'd.floor',
        'd.lon',
        'd.lat',
        'e.name as estate_name',
        'b.name as building_name',
        'b.grid_id',
        'h.village_group',
        'h.door_number',
        'village.name as village_name',
        'c.number as case_number',
      ]);

  return {
    /** Most urgent first: awaiting acknowledgement, then severity, then the newest. */
    async list(q: AlarmListQuery) {
      const rows = withDevice(listed(q))
        .orderBy(sql`(iot_alarms.acknowledged_at IS NULL AND iot_alarms.closed_at IS NULL)`, 'desc')
        .orderBy(sql`array_position(ARRAY['critical','major','minor','warning'], iot_alarms.severity)`)
        .orderBy('iot_alarms.last_at', 'desc')
        .orderBy('iot_alarms.id', 'desc')
        .limit(q.pageSize)
        .offset(offsetOf(q));
      return pageOf(rows, listed(q));
    },

    /** One alarm in the scope, with its device's place; null when it is not there or not the viewer's. */
    byId: (id: number) => withDevice(listed({})).where('iot_alarms.id', '=', id).executeTakeFirst(),

    /** The alarm in the scope, locked for a person's action. */
    lockById: (id: number) => scoped.selectFrom('iot_alarms').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),

    /** The storm incident in the scope, locked while its alarms are acknowledged together; null when not the viewer's. */
    lockIncident: (id: number) => scoped.selectFrom('iot_incidents').select('id').where('id', '=', id).forUpdate().executeTakeFirst(),

    /** The incident's alarms in the scope that nobody has acknowledged or closed, locked, oldest first. */
    lockUnacknowledgedOfIncident: (incidentId: number) =>
      scoped
        .selectFrom('iot_alarms')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .where(UNACKNOWLEDGED)
        .orderBy('id')
        .forUpdate()
        .execute(),

    async update(id: number, changes: Updateable<IotAlarmTable>) {
      await db.updateTable('iot_alarms').set(changes).where('id', '=', id).execute();
    },

    events: (alarmId: number) =>
      db
        .selectFrom('iot_alarm_events as ev')
        .leftJoin('users as u', 'u.id', 'ev.user_id')
        .select(['ev.at', 'ev.action', 'ev.note', sql<string | null>`coalesce(ev.user_name, u.display_name)`.as('by')])
        .where('ev.alarm_id', '=', alarmId)
        .orderBy('ev.at')
        .orderBy('ev.id')
        .execute(),

    async insertEvent(e: {
      alarmId: number;
      at: Date;
      action: AlarmEventAction;
      userId: number | null;
      userName: string | null;
      note: string | null;
    }) {
      await db
        .insertInto('iot_alarm_events')
        .values({ alarm_id: e.alarmId, at: e.at, action: e.action, user_id: e.userId, user_name: e.userName, note: e.note })
        .execute();
    },

    /** Names of the people who acted, for the detail's "by" fields. */
    userNames: async (ids: number[]) =>
      ids.length === 0
        ? new Map<number, string>()
        : new Map(
            (await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute()).map((u) => [
              u.id,
              u.display_name,
            ]),
          ),
  };
}
export type AlarmsRepository = ReturnType<typeof alarmsRepository>;
export type AlarmRow = NonNullable<Awaited<ReturnType<AlarmsRepository['byId']>>>;
export type AlarmEventAction = Selectable<DB['iot_alarm_events']>['action'];

/**
 * What the rules write for one device inside the ingest's transaction (alarm-writer.ts): the
 * device's latest alarm per rule code, a new alarm, and changes to one. Not limited by region:
 * a device's readings are judged wherever the device stands.
 */
export function alarmWritesRepository(db: Kysely<DB>) {
  return {
    /** The newest alarm of each of these rules of the device, open or not. */
    latest: (deviceId: number, ruleCodes: string[]) =>
      ruleCodes.length === 0
        ? Promise.resolve([] as Selectable<IotAlarmTable>[])
        : db
            .selectFrom('iot_alarms')
            .selectAll()
            .distinctOn('rule_code')
            .where('device_id', '=', deviceId)
            .where('rule_code', 'in', ruleCodes)
            .orderBy('rule_code')
            .orderBy('raised_at', 'desc')
            .orderBy('id', 'desc')
            .execute(),

    insert: (a: {
      deviceId: number;
      ruleCode: string;
      ruleName: string;
      severity: IotAlarmTable['severity'];
      regionPath: string;
      estateId: number | null;
      buildingId: number | null;
      at: Date;
      detail: string;
      value: IotValue | null;
      readings: Record<string, IotValue>;
      snapshotUrl: string | null;
      flapping: boolean;
    }) =>
      db
        .insertInto('iot_alarms')
        .values({
          device_id: a.deviceId,
          rule_code: a.ruleCode,
          rule_name: a.ruleName,
          severity: a.severity,
          region_path: a.regionPath,
          estate_id: a.estateId,
          building_id: a.buildingId,
          raised_at: a.at,
          last_at: a.at,
          detail: a.detail,
          value: a.value === null ? null : JSON.stringify(a.value),
          readings: JSON.stringify(a.readings),
          snapshot_url: a.snapshotUrl,
          flapping: a.flapping,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),

    async update(id: number, changes: Updateable<IotAlarmTable>) {
      await db.updateTable('iot_alarms').set(changes).where('id', '=', id).execute();
    },

    async insertEvent(alarmId: number, at: Date, action: AlarmEventAction, note: string | null) {
      await db.insertInto('iot_alarm_events').values({ alarm_id: alarmId, at, action, note }).execute();
    },
  };
}
export type AlarmWritesRepository = ReturnType<typeof alarmWritesRepository>;
