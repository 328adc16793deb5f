/**
 * Storm control (告警风暴): a fire sets off every smoke detector on its floors within a minute; the
 * duty room needs one incident for the building, not thirty popups. Alarms of the same rule code
 * at the same place within a window of each other join one incident (docs/decisions/026).
 *
 * The place is the most precise one the device has: its building; else its estate (a manhole cover
 * on an estate road, a fire-lane camera), grouping only with other estate-level devices, never
 * swallowed by one building's incident; else none, and then no grouping at all, since two
 * devices with no known place cannot be said to be at the same one.
 */
export type IncidentPlace = { level: 'building'; id: number } | { level: 'estate'; id: number } | { level: 'none' };

export interface Placed {
  buildingId: number | null;
  estateId: number | null;
}

export interface OpenIncident extends Placed {
  ruleCode: string;
  firstAt: number;
  /** The latest alarm it took: the caller moves it on when one joins. */
  lastAt: number;
}

export interface IncomingAlarm extends Placed {
  ruleCode: string;
  at: number;
}

export const DEFAULT_STORM_WINDOW_SECONDS = 120;

export function incidentPlace({ buildingId, estateId }: Placed): IncidentPlace {
  if (buildingId !== null) return { level: 'building', id: buildingId };
  if (estateId !== null) return { level: 'estate', id: estateId };
  return { level: 'none' };
}

/** Null for no place: it equals nothing, itself included. */
const placeKey = (place: IncidentPlace) => (place.level === 'none' ? null : `${place.level}:${place.id}`);

/**
 * The incident an alarm joins, or the place of the one to open. The window slides: an alarm joins
 * when it comes within `windowSeconds` of the incident's alarms (its first, for one that arrives
 * late; its latest), so a storm that keeps going stays one incident. Of several, the latest.
 */
export function incidentFor<I extends OpenIncident>(
  openIncidents: readonly I[],
  alarm: IncomingAlarm,
  windowSeconds = DEFAULT_STORM_WINDOW_SECONDS,
): { join: I } | { open: IncidentPlace } {
  const place = incidentPlace(alarm);
  const key = placeKey(place);
  const windowMs = windowSeconds * 1000;
  const joinable = openIncidents.filter(
    (i) =>
      key !== null &&
      i.ruleCode === alarm.ruleCode &&
      placeKey(incidentPlace(i)) === key &&
      alarm.at >= i.firstAt - windowMs &&
      alarm.at <= i.lastAt + windowMs,
  );
  const latest = joinable.reduce<I | null>((best, i) => (best === null || i.lastAt > best.lastAt ? i : best), null);
  return latest ? { join: latest } : { open: place };
}
