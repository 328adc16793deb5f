/**
 * The critical alarms waiting for someone to acknowledge them, oldest first, and the pages the
 * popup shows them in (decision 039). Pure, so the rules are tested without a page: an alarm is
 * in the queue once however often it is announced, and it leaves only when acknowledged or
 * closed (anywhere: this tab's button, another operator's, the alarm centre).
 *
 * A page is what the operator is paged for once and acknowledges with one click: a storm incident
 * (告警风暴: five smoke detectors of one building within the window, decision 035) is one page
 * however many of its alarms wait; a flapping device's (抖动) re-raise joins the page its device is
 * already on, even when the rules put it in a later incident; any other alarm is a page of its
 * own, as before incidents were grouped.
 */
export interface Waiting {
  id: number;
  raisedAt: string;
  deviceId: number;
  /** The rule's code: a flapping device re-raises the same one. */
  type: string;
  incidentId: number | null;
  flapping: boolean;
  caseId: number | null;
  caseNumber: string | null;
}

/** A case as the outbox announces it (`alarm.case_opened`). */
export interface OpenedCase {
  caseId: number;
  caseNumber: string;
}

const inOrder = (a: Waiting, b: Waiting) => a.raisedAt.localeCompare(b.raisedAt) || a.id - b.id;

export function withAlarm<T extends Waiting>(queue: readonly T[], alarm: T): T[] {
  const rest = queue.filter((a) => a.id !== alarm.id);
  return [...rest, alarm].sort(inOrder);
}

export const withoutAlarm = <T extends Waiting>(queue: readonly T[], id: number): T[] => queue.filter((a) => a.id !== id);

export const withoutAlarms = <T extends Waiting>(queue: readonly T[], ids: readonly number[]): T[] =>
  queue.filter((a) => !ids.includes(a.id));

/** The outbox opened (or joined) the alarm's case: the queue as it becomes, the same array when the alarm is not in it. */
export function withCase<T extends Waiting>(queue: readonly T[], alarmId: number, opened: OpenedCase): readonly T[] {
  return queue.some((a) => a.id === alarmId) ? queue.map((a) => (a.id === alarmId ? { ...a, ...opened } : a)) : queue;
}

export interface PopupPage<T extends Waiting> {
  /** Stable while the page lives: its first alarm's incident, or that alarm itself. */
  key: string;
  /** Oldest first. */
  alarms: T[];
  newest: T;
  /** The incidents its alarms belong to (one, unless a flapping device's alarms span two). */
  incidentIds: number[];
  deviceCount: number;
  /** The case the page's alarms share, as soon as any of them has one. */
  caseId: number | null;
  /** The most alarms the stream said its incidents hold, waiting or not (null: not told). */
  incidentAlarmCount: number | null;
}

/** The queue as pages, in the order of their oldest alarm; `counts`: each incident's alarm count as the stream told it. */
export function pagesOf<T extends Waiting>(queue: readonly T[], counts: ReadonlyMap<number, number> = new Map()): PopupPage<T>[] {
  const pages: PopupPage<T>[] = [];
  for (const alarm of [...queue].sort(inOrder)) {
    const page = pages.find(
      (p) =>
        (alarm.incidentId !== null && p.incidentIds.includes(alarm.incidentId)) ||
        (alarm.flapping && p.alarms.some((a) => a.deviceId === alarm.deviceId && a.type === alarm.type)),
    );
    if (!page) {
      pages.push({
        key: alarm.incidentId === null ? `alarm:${alarm.id}` : `incident:${alarm.incidentId}`,
        alarms: [alarm],
        newest: alarm,
        incidentIds: alarm.incidentId === null ? [] : [alarm.incidentId],
        deviceCount: 1,
        caseId: alarm.caseId,
        incidentAlarmCount: null,
      });
      continue;
    }
    page.alarms.push(alarm);
    page.newest = alarm;
    if (alarm.incidentId !== null && !page.incidentIds.includes(alarm.incidentId)) page.incidentIds.push(alarm.incidentId);
    page.deviceCount = new Set(page.alarms.map((a) => a.deviceId)).size;
    page.caseId ??= alarm.caseId;
  }
  for (const page of pages) {
    const told = page.incidentIds.map((id) => counts.get(id)).filter((n): n is number => n !== undefined);
    page.incidentAlarmCount = told.length > 0 ? Math.max(...told) : null;
  }
  return pages;
}

/**
 * Whether the queue's change pages the operator anew (the popup opens again in front of them):
 * a page all of whose alarms are new. An alarm that joins a page already shown — the incident's
 * next detector, a flapping device's re-raise — only updates that page.
 */
export function pagedAnew(before: readonly Waiting[], after: readonly Waiting[]): boolean {
  const seen = new Set(before.map((a) => a.id));
  return pagesOf(after).some((p) => p.alarms.every((a) => !seen.has(a.id)));
}

/** The places' common beginning (锦源花园 · 3号楼 of 锦源花园 · 3号楼 · 1单元 · 2层 and · 5层), the first place when they share none. */
export function commonPlace(places: readonly string[]): string {
  if (places.length === 0) return '';
  const split = places.map((p) => p.split(' · '));
  const common: string[] = [];
  for (let i = 0; split.every((parts) => i < parts.length && parts[i] === split[0][i]); i++) common.push(split[0][i]);
  return common.length > 0 ? common.join(' · ') : places[0];
}

/** What is left of a place after the common beginning (1单元 · 5层): where in the building this device is. */
export const placeWithin = (place: string, common: string) =>
  place.startsWith(common) ? place.slice(common.length).replace(/^ · /, '') : place;
