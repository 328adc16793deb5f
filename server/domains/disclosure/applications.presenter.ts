import type {
  ApplicationDetail,
  ApplicationItem,
  ApplicationState,
  PublicApplicationStatus,
} from '../../../common/contracts/disclosure.js';
import { maskIdCard, maskPersonalNumbers, maskPhone } from '../../../common/mask.js';
import type { FeeMethod } from '../../../common/disclosure-fees.js';
import { actionsIn, clockRuns } from './application-states.js';
import type { ApplicationRow, ApplicationsRepository } from './applications.repository.js';
import { correctionNoticeDeadline, replyDeadline, workingDaysBetween, type DayCalendar, type Deadline } from './deadline.js';

/**
 * Applications as the office and as the applicant see them. The office works with masked
 * numbers (370124********1234, 138****5678), in the description too; the applicant sees the
 * public steps only, never an internal note.
 */
export interface ApplicationFacts {
  events: Awaited<ReturnType<ApplicationsRepository['events']>>;
  correction: Awaited<ReturnType<ApplicationsRepository['correction']>>;
  consultations: Awaited<ReturnType<ApplicationsRepository['consultations']>>;
  extension: Awaited<ReturnType<ApplicationsRepository['extension']>>;
  reply: Awaited<ReturnType<ApplicationsRepository['reply']>>;
  fee: Awaited<ReturnType<ApplicationsRepository['fee']>>;
}

export async function factsOf(applications: ApplicationsRepository, id: number): Promise<ApplicationFacts> {
  const [events, correction, consultations, extension, reply, fee] = await Promise.all([
    applications.events(id),
    applications.correction(id),
    applications.consultations(id),
    applications.extension(id),
    applications.reply(id),
    applications.fee(id),
  ]);
  return { events, correction, consultations, extension, reply, fee };
}

interface Clocked {
  calendar: DayCalendar;
  today: string;
}

/** The reply deadline while one is counted: from receipt (or the 补正), not while a 补正 is awaited. */
export function currentReplyDeadline(
  c: Clocked,
  row: ApplicationRow,
  facts: Pick<ApplicationFacts, 'correction' | 'consultations' | 'extension'>,
): Deadline | null {
  if (!row.clock_start_on || row.state === 'awaiting_correction' || row.state === 'withdrawn') return null;
  return replyDeadline(
    c.calendar,
    {
      startOn: row.clock_start_on,
      restartedByCorrection: facts.correction?.received_on != null,
      pauses: facts.consultations.map((p) => ({
        kind: p.kind as 'third_party' | 'co_agency',
        startedOn: p.started_on,
        endedOn: p.ended_on,
      })),
      extensionDays: facts.extension?.days ?? null,
    },
    // Once answered, a consultation left open would not move the deadline that held.
    row.concluded_on ?? c.today,
  );
}

export function presentItem(c: Clocked, row: ApplicationRow): ApplicationItem {
  const state = row.state as ApplicationState;
  const running = row.due_on !== null && (clockRuns(state) || state === 'consulting');
  let workingDaysLeft: number | null = null;
  if (running && row.due_on)
    workingDaysLeft =
      c.today <= row.due_on ? workingDaysBetween(c.calendar, c.today, row.due_on) : -workingDaysBetween(c.calendar, row.due_on, c.today);
  const clock = !running
    ? state === 'awaiting_correction'
      ? 'paused'
      : 'none'
    : state === 'consulting'
      ? 'paused'
      : workingDaysLeft! < 0
        ? 'overdue'
        : workingDaysLeft! <= 3
          ? 'near'
          : 'ok';
  return {
    id: row.id,
    trackingCode: row.tracking_code,
    applicantKind: row.applicant_kind as ApplicationItem['applicantKind'],
    applicantName: row.applicant_name,
    description: maskPersonalNumbers(row.description),
    state,
    submittedAt: row.submitted_at.toISOString(),
    receivedOn: row.received_on,
    dueOn: row.due_on,
    clock,
    workingDaysLeft,
  };
}

const feeOf = (fee: ApplicationFacts['fee']) =>
  fee ? { method: fee.method as FeeMethod, quantity: fee.quantity, amountYuan: fee.amount_yuan, explanation: fee.explanation } : null;

const replyOf = (reply: ApplicationFacts['reply']) =>
  reply
    ? {
        replyType: reply.reply_type as NonNullable<ApplicationDetail['reply']>['replyType'],
        number: reply.number,
        repliedOn: reply.replied_on,
        content: reply.content,
        publicLocation: reply.public_location,
        otherAgency: reply.other_agency,
        withheldReason: reply.withheld_reason,
      }
    : null;

export function presentDetail(c: Clocked, row: ApplicationRow, facts: ApplicationFacts): ApplicationDetail {
  const state = row.state as ApplicationState;
  return {
    ...presentItem(c, row),
    channel: row.channel,
    idType: row.id_type,
    idNumber: row.id_number === null ? null : maskIdCard(row.id_number),
    organizationKind: row.organization_kind as ApplicationDetail['organizationKind'],
    creditCode: row.credit_code,
    legalRepresentative: row.legal_representative,
    contactPerson: row.contact_person,
    phone: maskPhone(row.phone),
    email: row.email,
    address: row.address === null ? null : maskPersonalNumbers(row.address),
    postalCode: row.postal_code,
    purpose: row.purpose === null ? null : maskPersonalNumbers(row.purpose),
    format: row.format as ApplicationDetail['format'],
    delivery: row.delivery as ApplicationDetail['delivery'],
    replyDeadline: currentReplyDeadline(c, row, facts),
    correctionDeadline: state === 'reviewing' && row.received_on ? correctionNoticeDeadline(c.calendar, row.received_on) : null,
    events: facts.events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      action: e.action,
      actorName: e.actor_name,
      note: e.note === null ? null : maskPersonalNumbers(e.note),
      internal: e.internal,
    })),
    correction: facts.correction
      ? {
          issuedOn: facts.correction.issued_on,
          requested: facts.correction.requested,
          respondBy: facts.correction.respond_by,
          receivedOn: facts.correction.received_on,
          receivedNote: facts.correction.received_note,
        }
      : null,
    consultations: facts.consultations.map((p) => ({
      id: p.id,
      kind: p.kind as 'third_party' | 'co_agency',
      party: p.party,
      startedOn: p.started_on,
      endedOn: p.ended_on,
      outcome: p.outcome,
    })),
    extension: facts.extension
      ? {
          days: facts.extension.days,
          reason: facts.extension.reason,
          approver: facts.extension.approver,
          approvedOn: facts.extension.approved_on,
          notice: facts.extension.notice,
          notifiedOn: facts.extension.notified_on,
        }
      : null,
    reply: facts.reply
      ? {
          ...replyOf(facts.reply)!,
          withheldGround: facts.reply.withheld_ground as NonNullable<ApplicationDetail['reply']>['withheldGround'],
        }
      : null,
    fee: facts.fee ? { ...feeOf(facts.fee)!, priorPieces: facts.fee.prior_pieces, noticedOn: facts.fee.noticed_on } : null,
    actions: actionsIn(state),
  };
}

/** The applicant's page: the public steps, the deadline and the answer; nothing internal. */
export async function presentPublicStatus(
  d: Clocked & { applications: ApplicationsRepository },
  row: ApplicationRow,
): Promise<PublicApplicationStatus> {
  const facts = await factsOf(d.applications, row.id);
  const deadline = currentReplyDeadline(d, row, facts);
  return {
    trackingCode: row.tracking_code,
    applicantName: row.applicant_name,
    description: row.description,
    submittedAt: row.submitted_at.toISOString(),
    receivedOn: row.received_on,
    state: row.state as ApplicationState,
    dueOn: deadline?.dueOn ?? null,
    deadlineExplanation: deadline?.explanation ?? null,
    steps: facts.events.filter((e) => !e.internal).map((e) => ({ at: e.at.toISOString(), action: e.action, note: e.note })),
    correction: facts.correction
      ? { requested: facts.correction.requested, respondBy: facts.correction.respond_by, receivedOn: facts.correction.received_on }
      : null,
    extension: facts.extension ? { days: facts.extension.days, notice: facts.extension.notice } : null,
    reply: replyOf(facts.reply),
    fee: feeOf(facts.fee),
  };
}
