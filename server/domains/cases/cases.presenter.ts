import type { Viewer } from '../../platform/auth/viewer.js';
import type { CaseEventTable, CasePhotoTable, CaseSourceTable } from '../../platform/db/schema.js';
import type { Selectable } from 'kysely';
import { maskName, maskPhone } from '../../../common/mask.js';
import type { WorkingCalendar } from '../../platform/calendar/working-calendar.js';
import { clockColour } from './case-clocks.js';
import type { CaseRow } from './cases.repository.js';

/**
 * The one place a case leaves the server. Three audiences: staff (everything of their region,
 * personal data masked unless their role needs it), reporters (their case, the public steps,
 * no staff names), and the public (a public category's case with no personal data at all).
 */
export function presentCaseSummary(c: CaseRow, now: Date, calendar: WorkingCalendar) {
  return {
    id: c.id, number: c.number, title: c.title, status: c.status, source: c.source, urgent: c.urgent,
    categoryId: c.category_id, categoryName: c.category_name, caseType: c.case_type,
    regionId: c.region_id, regionName: c.region_name, address: c.address, lon: c.lon, lat: c.lat,
    handler: c.handler_unit_name ?? c.handler_region_name, firstUnit: c.first_unit_name,
    reportedAt: c.reported_at, dueAt: c.due_at, nextDeadlineAt: c.next_deadline_at, step: c.step,
    clock: clockColour(c, now), timeUsed: timeUsed(c, now, calendar), paused: c.paused_at !== null,
    pendingRequest: c.pending_request ? { kind: c.pending_request.kind, days: c.pending_request.days ?? null } : null,
    supervisionLevel: c.supervision_level, satisfaction: c.satisfaction, reopenCount: c.reopen_count,
  };
}

/** Share of the promise's working time used, 0–1+ (1.25 is a quarter over); null before acceptance. */
function timeUsed(c: CaseRow, now: Date, calendar: WorkingCalendar): number | null {
  if (!c.accepted_at || !c.due_at) return null;
  const total = calendar.workingMinutesBetween(c.accepted_at, c.due_at);
  const end = c.handled_at ?? c.paused_at ?? now;
  return total > 0 ? Math.round((calendar.workingMinutesBetween(c.accepted_at, end) / total) * 100) / 100 : null;
}

export function presentSource(s: Selectable<CaseSourceTable>, viewer: Viewer) {
  const full = viewer.permissions.has('personal_data.full') || s.reporter_user_id === viewer.userId;
  const hidden = s.anonymous && s.reporter_user_id !== viewer.userId;
  return {
    id: s.id, source: s.source, reference: s.reference, reportedAt: s.reported_at, description: s.description, anonymous: s.anonymous,
    mergedFromId: s.merged_from_id, mine: s.reporter_user_id === viewer.userId,
    reporterName: hidden ? '匿名' : s.reporter_name === null ? null : full ? s.reporter_name : maskName(s.reporter_name),
    reporterPhone: hidden || s.reporter_phone === null ? null : full ? s.reporter_phone : maskPhone(s.reporter_phone),
  };
}

/** Timeline lines written by a reporter rather than by staff: their name is personal data. */
const REPORTER_ACTIONS = new Set(['report', 'join', 'evaluate', 'questionnaire', 'reopen']);

/**
 * A timeline line. Reporters and the public see who acted by unit, not by person; staff see
 * staff by name, and a reporter's name masked unless their role needs it in full.
 */
export function presentEvent(e: Selectable<CaseEventTable>, audience: 'staff' | 'reporter' | 'public', viewer?: Viewer) {
  const staff = audience === 'staff';
  const byReporter = REPORTER_ACTIONS.has(e.action) && e.actor_unit === null;
  // A 12345 order's first line carries the caller's name though the clerk filed it.
  const ownName = e.actor_user_id === viewer?.userId && !('hotlineOrderNo' in e.data);
  const staffSees = byReporter && !viewer?.permissions.has('personal_data.full') && !ownName ? maskName(e.actor_name) : e.actor_name;
  return {
    id: e.id, at: e.at, action: e.action, fromStatus: e.from_status, toStatus: e.to_status, note: audience === 'public' && e.action === 'report' ? null : e.note,
    actor: staff ? staffSees : byReporter ? null : e.actor_unit,
    actorUnit: e.actor_unit, isPublic: e.is_public, data: staff ? e.data : publicData(e.data),
  };
}

const publicData = (data: Record<string, unknown>) => {
  const { target, satisfaction, into, intoNumber, days } = data as Record<string, unknown>;
  return Object.fromEntries(Object.entries({ target, satisfaction, into, intoNumber, days }).filter(([, v]) => v !== undefined));
};

export function presentPhoto(p: Selectable<CasePhotoTable>, audience: 'staff' | 'reporter' | 'public') {
  if (p.media_url) return { id: p.id, eventId: p.event_id, mediaUrl: p.media_url, thumbUrl: null, displayUrl: null, originalUrl: null, takenAt: null };
  return {
    id: p.id, eventId: p.event_id, mediaUrl: null,
    thumbUrl: `/api/case-photos/${p.id}/thumb`, displayUrl: `/api/case-photos/${p.id}/display`,
    originalUrl: audience === 'staff' ? `/api/case-photos/${p.id}/original` : null,
    takenAt: audience === 'staff' ? p.taken_at : null, width: p.width, height: p.height,
  };
}

/** Public form fields only, for the map and Open311. */
export function publicAttributes(c: CaseRow): Record<string, unknown> {
  const open = new Set(c.category_form.filter((f) => f.public).map((f) => f.key));
  return Object.fromEntries(Object.entries(c.attributes).filter(([k]) => open.has(k)));
}
