import type { ProposalDetail, ProposalItem, ProposalSession, ProposalAction } from '../../../common/contracts/proposals.js';
import { maskPhone } from '../../../common/mask.js';
import {
  opinionDeadline,
  replyDeadline,
  returnDeadline,
  latestReplyDay,
  type AssignmentClock,
} from '../../../common/proposal-deadlines.js';
import { sessionName } from '../../../common/proposal-sessions.js';
import type { EvaluationCriterion } from '../../../common/proposal-forms.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { AssignmentRow, EvaluationRow, ProposalRow, SessionRow } from './proposals.repository.js';
import { currentAssignments } from './proposal-states.js';

const nameOf = (r: { level: string; body: 'cppcc' | 'npc'; term: number; session_number: number }) =>
  sessionName({ level: r.level, body: r.body, term: r.term, sessionNumber: r.session_number });

export function presentSession(s: SessionRow): ProposalSession {
  return {
    id: s.id,
    body: s.body,
    level: s.level,
    term: s.term,
    sessionNumber: s.session_number,
    name: nameOf(s),
    opensOn: s.opens_on,
    closesOn: s.closes_on,
    proposals: Number(s.proposals ?? 0),
  };
}

/** An assignment's clock, as common/proposal-deadlines.ts counts it. */
export const clockOf = (a: AssignmentRow): AssignmentClock => ({
  assignedOn: a.assigned_on,
  rehandling: a.rehandles !== null,
  extendedUntil: a.extended_until,
  extensionReason: a.extension_reason,
});

/** Work phones of the reply's contact and the proposer's phone: in full only for roles that see personal data. */
const phone = (value: string | null, viewer: Viewer) =>
  value === null ? null : viewer.permissions.has('personal_data.full') ? value : maskPhone(value);

export function presentProposal(p: ProposalRow, proposers: string[], assignments: AssignmentRow[]): ProposalItem {
  const current = currentAssignments(assignments.map((a) => ({ ...a, satisfaction: a.satisfaction })));
  const replied = assignments.filter((a) => a.reply_id !== null);
  const open = current
    .filter((a) => a.role === 'lead' && a.status === 'handling')
    .map((a) => replyDeadline(clockOf(a)))
    .filter((d) => d !== null)
    .sort((x, y) => x.due.localeCompare(y.due));
  return {
    id: p.id,
    sessionId: p.session_id,
    sessionName: nameOf(p),
    kind: p.kind,
    number: p.number,
    title: p.title,
    category: p.category,
    state: p.state,
    mode: p.mode,
    proposers,
    units: current.map((a) => ({ unitId: a.org_unit_id, unitName: a.unit_name, role: a.role, status: a.status })),
    replyDocumentNumber: replied.at(-1)?.document_number ?? null,
    replyDeadline: open[0] ?? null,
  };
}

export function presentDetail(
  p: ProposalRow,
  proposers: string[],
  assignments: AssignmentRow[],
  evaluations: EvaluationRow[],
  actions: ProposalAction[],
  viewer: Viewer,
): ProposalDetail {
  return {
    ...presentProposal(p, proposers, assignments),
    content: p.content,
    reviewReason: p.review_reason,
    reviewedAt: p.reviewed_at?.toISOString() ?? null,
    assignments: assignments.map((a) => {
      const clock = clockOf(a);
      const due = replyDeadline(clock);
      const opinionDue = a.role === 'co' ? opinionDeadline(clock) : null;
      return {
        id: a.id,
        round: a.round,
        unitId: a.org_unit_id,
        unitName: a.unit_name,
        role: a.role,
        status: a.status,
        assignedOn: a.assigned_on,
        returnedOn: a.returned_on,
        returnReason: a.return_reason,
        opinion: a.opinion,
        opinionOn: a.opinion_on,
        opinionOnTime: opinionDue && a.opinion_on ? a.opinion_on <= opinionDue.due : null,
        returnDeadline: returnDeadline(clock),
        opinionDeadline: opinionDue,
        replyDeadline: a.role === 'lead' ? due : null,
        latestReplyDay: a.role === 'lead' && a.assigned_on ? latestReplyDay(a.assigned_on) : null,
        reply:
          a.reply_id === null
            ? null
            : {
                id: a.reply_id,
                repliedOn: a.replied_on!,
                documentNumber: a.document_number!,
                documentId: a.document_id,
                content: a.reply_content!,
                contactName: a.contact_name,
                contactPhone: phone(a.contact_phone, viewer),
                onTime: due ? a.replied_on! <= due.due : null,
                feedback:
                  a.satisfaction === null
                    ? null
                    : {
                        consultation: a.consultation!,
                        pertinence: a.pertinence!,
                        satisfaction: a.satisfaction,
                        adoption: a.adoption!,
                        signer: a.signer!,
                        signerPhone: phone(a.signer_phone, viewer),
                        recordedAt: a.recorded_at!.toISOString(),
                      },
              },
      };
    }),
    evaluations: evaluations.map((e) => ({
      unitId: e.org_unit_id,
      unitName: e.unit_name,
      scores: e.scores as Record<EvaluationCriterion, number>,
      total: e.total,
      recommended: e.recommended,
      suggestions: e.suggestions,
      evaluatedAt: e.evaluated_at.toISOString(),
    })),
    actions,
  };
}
