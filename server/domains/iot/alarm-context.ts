import type { AlarmContext } from '../../../common/contracts/iot-alarms.js';
import type { ResidentItem } from '../../../common/contracts/people.js';
import type { AlarmPlace, NearbyCamera } from './alarm-cameras.js';

/**
 * An alarm's context (docs/decisions/030), for the people sent to it: who in the building needs
 * help first, the grid worker on duty, the nearest cameras. Each part is read through its own
 * domain in the viewer's scope, and residents only by a viewer who may read residents at all,
 * masked as the people pages mask them (people/index.ts) — the property company's staff, who
 * may not, see the workers and the cameras.
 */
export interface AlarmContextDeps {
  /** null: the viewer may not read residents. */
  residentsNeedingHelp: ((buildingId: number) => Promise<ResidentItem[]>) | null;
  gridWorkers(gridId: number): Promise<{ name: string; phone: string; employment: 'full_time' | 'part_time' }[]>;
  cameras(place: AlarmPlace): Promise<NearbyCamera[]>;
}

export async function alarmContext(
  deps: AlarmContextDeps,
  alarm: AlarmPlace & { deviceId: number; gridId: number | null },
): Promise<AlarmContext> {
  const [residents, workers, cameras] = await Promise.all([
    deps.residentsNeedingHelp && alarm.buildingId !== null ? deps.residentsNeedingHelp(alarm.buildingId) : null,
    alarm.gridId === null ? [] : deps.gridWorkers(alarm.gridId),
    deps.cameras(alarm),
  ]);
  return {
    residents: residents?.map((r) => ({ id: r.id, name: r.name, age: r.age, tags: r.tags, phone: r.phone, address: r.address })) ?? null,
    // No duty roster is kept: the full-time worker comes first, and is the one on duty.
    gridWorkers: workers.map((w, i) => ({ name: w.name, phone: w.phone, employment: w.employment, onDuty: i === 0 })),
    cameras: cameras
      .filter((c) => c.id !== alarm.deviceId)
      .map((c) => ({
        id: c.id,
        serial: c.serial,
        name: c.name,
        buildingName: c.building_name,
        metres: c.metres,
        sameBuilding: c.sameBuilding,
        snapshotUrl: c.snapshot_url,
        streamUrl: c.stream_url,
        online: c.online,
      })),
  };
}
