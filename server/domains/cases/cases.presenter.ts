import type { Selectable } from 'kysely';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { CaseEventTable, CasePhotoTable, CaseSourceTable } from '../../platform/db/schema.js';
import type { CaseSource, CaseStatus, Satisfaction } from '../../../common/enums.js';
import type {
  CaseEvent,
  CasePhoto,
  CaseSourceEntry,
  CaseSummary,
  CaseSupervision,
  NearbyCase,
  PublicMapCase,
} from '../../../common/contracts/cases.js';
import { maskName, maskPersonalNumbers, maskPhone } from '../../../common/mask.js';
import { caseAccess, seesAudience, type CaseAccess } from './policy.js';
import { factsOf } from './access.js';
import type { WorkingCalendar } from '../../platform/calendar/working-calendar.js';
import { clockFacts } from './clocks.js';
import { readClock } from '../../../common/case-clock.js';
import type { CaseRow, CasesRepository, PlaceNames } from './cases.repository.js';

/**
 * The one place a case leaves the server (common/contracts/cases.ts). What each viewer may see of
 * it is the case policy's answer (policy.ts): the staff view (everything, personal data
 * masked unless their role needs it, lines by audience), the reporter's view (their own report,
 * the public steps, no staff names), and the public's (a public category's case with no personal
 * data at all). Moments leave as ISO strings.
 */
export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | null) => (d === null ? null : d.toISOString());

/**
 * A summary carries the filer's title and typed address; a viewer who may not read the filer's
 * words (a co-reporter) gets the category's name and the public place instead.
 */
export function presentCaseSummary(
  c: CaseRow,
  now: Date,
  calendar: WorkingCalendar,
  lens: TextLens,
  withoutReportText?: { publicPlace: string },
): CaseSummary {
  return {
    id: c.id,
    number: c.number,
    title: withoutReportText ? c.category_name : lens(c.title, c.reporter_user_id),
    status: c.status as CaseStatus,
    source: c.source as CaseSource,
    urgent: c.urgent,
    categoryId: c.category_id,
    categoryName: c.category_name,
    caseType: c.case_type,
    regionId: c.region_id,
    regionName: c.region_name,
    address: withoutReportText ? withoutReportText.publicPlace : lens(c.address, c.reporter_user_id),
    location: withoutReportText ? null : c.location_text,
    lon: c.lon,
    lat: c.lat,
    handler: c.handler_unit_name ?? c.handler_region_name,
    firstUnit: c.first_unit_name,
    reportedAt: iso(c.reported_at),
    dueAt: isoOrNull(c.due_at),
    nextDeadlineAt: isoOrNull(c.next_deadline_at),
    step: c.step,
    ...clockOf(c, now, calendar),
    paused: c.paused_at !== null,
    pendingRequest: c.pending_request ? { kind: c.pending_request.kind, days: c.pending_request.days ?? null } : null,
    supervisionLevel: c.supervision_level,
    satisfaction: c.satisfaction as Satisfaction | null,
    reopenCount: c.reopen_count,
  };
}

/**
 * Free text as a viewer may read it. People type numbers anywhere — a phone into a description,
 * an ID number into a note — so a viewer who sees personal data masked gets every ID number and
 * mobile number in free text masked too, except in what they wrote themselves (decision 003).
 */
export type TextLens = <T extends string | null>(text: T, authorUserId?: number | null) => T;

export function textLens(personalData: 'full' | 'masked', viewerUserId: number): TextLens {
  return <T extends string | null>(text: T, author?: number | null): T =>
    (text === null || personalData === 'full' || (author != null && author === viewerUserId) ? text : maskPersonalNumbers(text)) as T;
}

/** The lens of a list or a notice board, where every row is one the viewer reads as staff. */
export const staffLens = (viewer: Viewer) => textLens(viewer.permissions.has('personal_data.full') ? 'full' : 'masked', viewer.userId);

/** The colour and its reading, from the one rule (common/case-clock.ts). */
function clockOf(c: CaseRow, now: Date, calendar: WorkingCalendar): Pick<CaseSummary, 'clock' | 'clockReading'> {
  const { colour, ...clockReading } = readClock(clockFacts(c, now, calendar));
  return { clock: colour, clockReading };
}

/** A signal of the case: staff see all of them, a reporter their own (policy.ts). */
export function presentSource(s: Selectable<CaseSourceTable>, access: CaseAccess, viewer: Viewer, lens: TextLens): CaseSourceEntry {
  const mine = s.reporter_user_id === viewer.userId;
  const full = mine || access.personalData === 'full';
  const hidden = s.anonymous && !mine;
  return {
    id: s.id,
    source: s.source as CaseSource,
    reference: s.reference,
    reportedAt: iso(s.reported_at),
    description: lens(s.description, s.reporter_user_id),
    anonymous: s.anonymous,
    mergedFromId: s.merged_from_id,
    mine,
    reporterName: hidden ? '匿名' : s.reporter_name === null ? null : full ? s.reporter_name : maskName(s.reporter_name),
    reporterPhone: hidden || s.reporter_phone === null ? null : full ? s.reporter_phone : maskPhone(s.reporter_phone),
  };
}

/** Timeline lines written by a reporter rather than by staff: their name is personal data. */
const REPORTER_ACTIONS = new Set(['report', 'join', 'evaluate', 'questionnaire', 'reopen']);

/**
 * Whether a viewer sees a line: the policy grants its audience, or the viewer wrote it (a
 * co-reporter sees their own "我也遇到了").
 */
export const seesEvent = (
  e: Pick<Selectable<CaseEventTable>, 'audience' | 'actor_user_id'>,
  access: CaseAccess,
  viewer: Pick<Viewer, 'userId'>,
) => seesAudience(access, e.audience) || (e.actor_user_id !== null && e.actor_user_id === viewer.userId);

/**
 * A timeline line the viewer may see. Reporters see who acted by unit, not by person; staff see
 * staff by name, and a reporter's name masked unless their role needs it in full; numbers in
 * the note as the lens shows them. The report line's note is the filer's own words: staff and
 * the filer read it, a co-reporter does not.
 */
export function presentEvent(e: Selectable<CaseEventTable>, access: CaseAccess, viewer: Viewer, lens: TextLens): CaseEvent {
  const staff = access.view === 'staff';
  const byReporter = REPORTER_ACTIONS.has(e.action) && e.actor_unit === null;
  // A 12345 order's first line carries the caller's name though the clerk filed it.
  const ownName = e.actor_user_id === viewer.userId && !('hotlineOrderNo' in e.data);
  const staffSees = byReporter && access.personalData !== 'full' && !ownName ? maskName(e.actor_name) : e.actor_name;
  const note = e.action === 'report' && !access.reportText ? null : e.note;
  return {
    id: e.id,
    at: iso(e.at),
    action: e.action,
    fromStatus: e.from_status as CaseStatus | null,
    toStatus: e.to_status as CaseStatus | null,
    note: lens(note, e.actor_user_id),
    actor: staff ? staffSees : byReporter ? null : e.actor_unit,
    actorUnit: e.actor_unit,
    audience: e.audience,
    data: staff ? e.data : publicData(e.data),
  };
}

const publicData = (data: Record<string, unknown>) => {
  const { target, satisfaction, into, intoNumber, days } = data as Record<string, unknown>;
  return Object.fromEntries(Object.entries({ target, satisfaction, into, intoNumber, days }).filter(([, v]) => v !== undefined));
};

export function presentPhoto(p: Selectable<CasePhotoTable>, audience: 'staff' | 'reporter'): CasePhoto {
  if (p.media_url)
    return { id: p.id, eventId: p.event_id, mediaUrl: p.media_url, thumbUrl: null, displayUrl: null, originalUrl: null, takenAt: null };
  return {
    id: p.id,
    eventId: p.event_id,
    mediaUrl: null,
    thumbUrl: `/api/case-photos/${p.id}/thumb`,
    displayUrl: `/api/case-photos/${p.id}/display`,
    originalUrl: audience === 'staff' ? `/api/case-photos/${p.id}/original` : null,
    takenAt: audience === 'staff' ? isoOrNull(p.taken_at) : null,
    width: p.width,
    height: p.height,
  };
}

/** A 督办单 on the case page. */
export function presentCaseSupervision(s: Awaited<ReturnType<CasesRepository['supervisionsOf']>>[number], lens: TextLens): CaseSupervision {
  return {
    id: s.id,
    level: s.level,
    reason: lens(s.reason),
    issuedAt: iso(s.issued_at),
    bySystem: s.issued_by === null,
    unit: s.unit_name ?? s.region_name,
    leader: s.leader_name,
    backupLeader: s.backup_name,
    acknowledgedAt: isoOrNull(s.acknowledged_at),
  };
}

/**
 * Open cases close by, as "is it this one?". A viewer without the staff view of one reads its
 * category, not its title (which may carry a typed address), and sees it only if its category is
 * public (issue 7, finding 12); `staffViewOnly` drops those too (a case page's duplicates).
 */
export function presentNearby(
  viewer: Viewer,
  found: Awaited<ReturnType<CasesRepository['nearbyOpen']>>,
  staffViewOnly: boolean,
): NearbyCase[] {
  return found.flatMap((n) => {
    const access = caseAccess(viewer, factsOf(n.row, viewer, false));
    const staffView = access.view === 'staff';
    if (!staffView && (staffViewOnly || !n.row.is_public)) return [];
    return [
      {
        id: n.row.id,
        number: n.row.number,
        title: staffView ? textLens(access.personalData, viewer.userId)(n.row.title, n.row.reporter_user_id) : n.row.category_name,
        status: n.row.status as CaseStatus,
        metres: n.metres,
        reportedAt: iso(n.row.reported_at),
        categoryName: n.row.category_name,
      },
    ];
  });
}

/** A case on the public map: category, status, public place; no reporter, typed address or description (issue 7, finding 3). */
export function presentPublicMapCase(
  r: { id: number; number: string; status: string; lon: number | null; lat: number | null; reported_at: Date; category_name: string },
  place: PlaceNames,
): PublicMapCase {
  return {
    id: r.id,
    number: r.number,
    status: r.status as CaseStatus,
    lon: r.lon!,
    lat: r.lat!,
    reportedAt: iso(r.reported_at),
    categoryName: r.category_name,
    place: publicPlaceText(place),
  };
}

/** Public form fields only, for the map and Open311. */
export function publicAttributes(c: CaseRow): Record<string, unknown> {
  const open = new Set(c.category_form.filter((f) => f.public).map((f) => f.key));
  return Object.fromEntries(Object.entries(c.attributes).filter(([k]) => open.has(k)));
}

/**
 * Where a case is, as anyone may be told: the estate it was reported at (from the house, never
 * from what someone typed), its community and its town. A typed address names a home or a
 * person as often as a place (the probe found "锦源小区3号楼2单元1502室 王建国家"), and a grid's
 * name ("第一网格") tells the public nothing.
 */
export function publicPlaceText(p: { estate?: string | null; community?: string | null; town?: string | null }): string {
  return [p.estate, p.community, p.town].filter(Boolean).join('，');
}
