import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { AlarmSeverity } from '../../../common/iot/rules.js';
import type { IncidentPlace } from './rules/storm.js';

/** The alarm that opens an incident: its rule, its device's type and place, its severity and time. */
export interface IncidentOpening {
  ruleCode: string;
  typeCode: string;
  regionPath: string;
  estateId: number | null;
  buildingId: number | null;
  severity: AlarmSeverity;
  at: Date;
}

/**
 * Storm incidents (iot_incidents, decision 026): found and opened by the alarm writer inside the
 * ingest's or the rule timers' transaction, closed by the rule-timer sweep once none of their
 * alarms is open. Not limited by region: an incident is where its devices are.
 */
export function incidentsRepository(db: Kysely<DB>) {
  return {
    /**
     * Until this transaction ends, no other transaction (in any process) looks for or opens an
     * incident of this rule at this place: two detectors of one building raising at once in two
     * processes join one incident instead of opening two.
     */
    lockPlace: async (ruleCode: string, place: Exclude<IncidentPlace, { level: 'none' }>) => {
      await sql`select pg_advisory_xact_lock(hashtext(${`iot-incident:${ruleCode}:${place.level}:${place.id}`}))`.execute(db);
    },

    /** Open incidents of the rule at the place: the building's, or the estate's own (those with no building). */
    openAt: (ruleCode: string, place: Exclude<IncidentPlace, { level: 'none' }>) => {
      const q = db
        .selectFrom('iot_incidents')
        .select(['id', 'rule_code', 'building_id', 'estate_id', 'opened_at', 'last_at', 'severity', 'case_id'])
        .where('closed_at', 'is', null)
        .where('rule_code', '=', ruleCode);
      return (
        place.level === 'building'
          ? q.where('building_id', '=', place.id)
          : q.where('estate_id', '=', place.id).where('building_id', 'is', null)
      ).execute();
    },

    open: (i: IncidentOpening) =>
      db
        .insertInto('iot_incidents')
        .values({
          rule_code: i.ruleCode,
          type_code: i.typeCode,
          region_path: i.regionPath,
          estate_id: i.estateId,
          building_id: i.buildingId,
          severity: i.severity,
          opened_at: i.at,
          last_at: i.at,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),

    /**
     * One more alarm joined: the incident's latest time moves on, and its severity is the worst of
     * its alarms'. Answers how many alarms it now holds, for the popup's "5 个设备" (decision 039).
     */
    join: async (id: number, at: Date, severity: AlarmSeverity) =>
      (
        await db
          .updateTable('iot_incidents')
          .set((eb) => ({
            alarm_count: eb('alarm_count', '+', 1),
            last_at: sql<Date>`greatest(last_at, ${at.toISOString()}::timestamptz)`,
            severity,
          }))
          .where('id', '=', id)
          .returning('alarm_count')
          .executeTakeFirstOrThrow()
      ).alarm_count,

    /**
     * Closes the incidents none of whose alarms is still open and that nothing joined within the
     * storm window: a later alarm at the place starts a new incident. Answers how many closed.
     */
    closeSettled: async (now: Date, windowSeconds: number) => {
      const result = await sql`update iot_incidents i set closed_at = ${now.toISOString()}::timestamptz
        where i.closed_at is null
          and i.last_at < ${now.toISOString()}::timestamptz - ${windowSeconds} * interval '1 second'
          and not exists (select 1 from iot_alarms a where a.incident_id = i.id and a.closed_at is null)`.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },
  };
}

export type IncidentsRepository = ReturnType<typeof incidentsRepository>;
