import { sql, type Kysely, type Updateable } from 'kysely';
import type { DB, IotAlarmTable } from '../../platform/db/schema.js';

/**
 * The alarm → case pick-up's queries (alarm-cases.ts, docs/decisions/030): the alarms due for a
 * case and the cleared ones whose case has not heard of it, claimed one at a time with FOR
 * UPDATE SKIP LOCKED so that several server processes never take the same one; what the
 * pick-up writes back; and the alarms of a case, for the case's 结案. Not limited by region: it
 * works for the platform, wherever the alarm is.
 */
export function alarmCasesRepository(db: Kysely<DB>) {
  const withPlace = () =>
    db
      .selectFrom('iot_alarms as a')
      .innerJoin('iot_devices as d', 'd.id', 'a.device_id')
      .innerJoin('iot_device_types as t', 't.code', 'd.type_code')
      .leftJoin('estates as e', 'e.id', 'a.estate_id')
      .leftJoin('buildings as b', 'b.id', 'a.building_id')
      .leftJoin('houses as h', 'h.id', 'd.house_id')
      .leftJoin('regions as village', 'village.id', 'h.community_id')
      .select([
        'a.id',
        'a.device_id',
        'a.rule_code',
        'a.rule_name',
        'a.severity',
        'a.detail',
        'a.readings',
        'a.snapshot_url',
        'a.region_path',
        'a.estate_id',
        'a.building_id',
        'a.case_id',
        'a.case_attempts',
        'a.incident_id',
        'a.cleared_at',
        'a.cleared_by',
        'a.closed_at',
        'd.serial',
        'd.type_code',
        'd.region_id',
        'd.unit_name',
        'd.floor',
        'd.lon',
        'd.lat',
        't.name as type_name',
        't.fields',
        'e.name as estate_name',
        'e.property_company_id',
        'b.name as building_name',
        'b.grid_id',
        'h.village_group',
        'h.door_number',
        'village.name as village_name',
      ]);

  return {
    /**
     * The alarm longest due for a case, with its device and place, locked; null when none is due.
     * Due by either clock: a new alarm is due from the database's now() (the column's default, in
     * microseconds), a retried one from the server's clock, and the pick-up woken the moment the
     * ingest commits must not miss the new one because the server's clock is a fraction of a
     * millisecond, or a skew between machines, behind the database's.
     */
    claimDue: (now: Date) =>
      withPlace()
        .where('a.case_due_at', '<=', sql<Date>`greatest(${now}::timestamptz, now())`)
        .orderBy('a.case_due_at')
        .orderBy('a.id')
        .limit(1)
        .forUpdate('a')
        .skipLocked()
        .executeTakeFirst(),

    /** A cleared alarm whose case has no line of it yet, locked. */
    claimClearToNote: () =>
      withPlace()
        .where('a.case_id', 'is not', null)
        .where('a.cleared_at', 'is not', null)
        .where('a.case_clear_noted', '=', false)
        .orderBy('a.id')
        .limit(1)
        .forUpdate('a')
        .skipLocked()
        .executeTakeFirst(),

    async update(id: number, changes: Updateable<IotAlarmTable>) {
      await db.updateTable('iot_alarms').set(changes).where('id', '=', id).execute();
    },

    async insertEvent(alarmId: number, at: Date, action: 'case' | 'close' | 'note', note: string, by?: { userId: number; name: string }) {
      await db
        .insertInto('iot_alarm_events')
        .values({ alarm_id: alarmId, at, action, note, user_id: by?.userId ?? null, user_name: by?.name ?? null })
        .execute();
    },

    /**
     * The case of the alarm's storm incident, the incident locked: two alarms of one incident
     * taken at once by two processes wait here, and the second finds the first one's case.
     */
    incidentCase: async (incidentId: number) =>
      (await db.selectFrom('iot_incidents').select('case_id').where('id', '=', incidentId).forUpdate().executeTakeFirst())?.case_id ?? null,

    async setIncidentCase(incidentId: number, caseId: number) {
      await db.updateTable('iot_incidents').set({ case_id: caseId }).where('id', '=', incidentId).execute();
    },

    /** The name of the estate's property company and its staff's active accounts. */
    async propertyStaff(companyId: number) {
      const company = await db.selectFrom('property_companies').select('name').where('id', '=', companyId).executeTakeFirst();
      const users = await db
        .selectFrom('users')
        .select('id')
        .where('property_company_id', '=', companyId)
        .where('role', '=', 'property_staff')
        .where('active', '=', true)
        .execute();
      return { name: company?.name ?? null, userIds: users.map((u) => u.id) };
    },

    /** The case of each of these alarms (null: none yet). */
    caseIdsOf: async (alarmIds: number[]) =>
      new Map(
        (await db.selectFrom('iot_alarms').select(['id', 'case_id']).where('id', 'in', alarmIds).execute()).map((a) => [a.id, a.case_id]),
      ),

    /** The open alarms of a case, locked for its 结案. */
    openAlarmsOfCase: (caseId: number) =>
      db.selectFrom('iot_alarms').selectAll().where('case_id', '=', caseId).where('closed_at', 'is', null).forUpdate().execute(),
  };
}
export type AlarmCasesRepository = ReturnType<typeof alarmCasesRepository>;
export type DueAlarm = NonNullable<Awaited<ReturnType<AlarmCasesRepository['claimDue']>>>;
