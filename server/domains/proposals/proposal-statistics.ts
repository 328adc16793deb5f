import type { ProposalStatistics } from '../../../common/contracts/proposals.js';
import { replyDeadline } from '../../../common/proposal-deadlines.js';
import { sessionName } from '../../../common/proposal-sessions.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { AssignmentRow, ProposalsRepository } from './proposals.repository.js';
import { clockOf } from './proposals.presenter.js';
import { visibleToUnit } from './proposal-policy.js';
import { currentAssignments } from './proposal-states.js';

/**
 * 办理统计 over the proposals the viewer reads (a unit: its own), for a session or all:
 * reply rate = proposals whose every standing lead has replied / proposals assigned;
 * on-time rate = replies on or before their deadline / replies whose deadline is known (an
 * imported reply's assignment date is not in the gazette); satisfaction rate = 满意 and 基本满意
 * / feedback forms. A unit's figures count its own lead assignments.
 */
interface Tally {
  assigned: number;
  replied: number;
  timedReplies: number;
  onTime: number;
  feedback: number;
  satisfied: number;
}
const empty = (): Tally => ({ assigned: 0, replied: 0, timedReplies: 0, onTime: 0, feedback: 0, satisfied: 0 });
const rate = (n: number, d: number) => (d === 0 ? null : n / d);
const withRates = (t: Tally) => ({
  ...t,
  replyRate: rate(t.replied, t.assigned),
  onTimeRate: rate(t.onTime, t.timedReplies),
  satisfactionRate: rate(t.satisfied, t.feedback),
});

/** Replies and forms of the assignments into the tally. */
function countReplies(t: Tally, assignments: AssignmentRow[]) {
  for (const a of assignments) {
    if (a.reply_id === null) continue;
    const due = replyDeadline(clockOf(a));
    if (due) {
      t.timedReplies++;
      if (a.replied_on! <= due.due) t.onTime++;
    }
    if (a.satisfaction !== null) {
      t.feedback++;
      if (a.satisfaction !== 'unsatisfied') t.satisfied++;
    }
  }
}

export async function proposalStatistics(
  deps: { proposals: ProposalsRepository },
  viewer: Viewer,
  query: { sessionId?: number },
): Promise<ProposalStatistics> {
  const proposals = await deps.proposals.statisticsProposals({ sessionId: query.sessionId, visibleToUnit: visibleToUnit(viewer) });
  const all = await deps.proposals.assignmentsOf(proposals.map((p) => p.id));
  const ownUnit = visibleToUnit(viewer);
  const total = empty();
  const units = new Map<number, { unitName: string; t: Tally }>();
  const sessions = new Map<number, { sessionName: string; proposals: number; t: Tally }>();
  const categories = new Map<string | null, number>();

  for (const p of proposals) {
    categories.set(p.category, (categories.get(p.category) ?? 0) + 1);
    const session = sessions.get(p.session_id) ?? {
      sessionName: sessionName({ level: p.level, body: p.body, term: p.term, sessionNumber: p.session_number }),
      proposals: 0,
      t: empty(),
    };
    sessions.set(p.session_id, session);
    session.proposals++;
    const assignments = all.filter((a) => a.proposal_id === p.id);
    const leads = currentAssignments(assignments).filter((a) => a.role === 'lead');
    const replied = leads.length > 0 && leads.every((a) => a.status === 'replied');
    const lead = assignments.filter((a) => a.role === 'lead' && a.status !== 'returned');
    for (const t of [total, session.t]) {
      if (leads.length) t.assigned++;
      if (replied) t.replied++;
      countReplies(t, lead);
    }
    for (const a of leads) {
      // A unit reads only its own figures, not those of the other units of a 分办.
      if (ownUnit !== null && a.org_unit_id !== ownUnit) continue;
      const unit = units.get(a.org_unit_id) ?? { unitName: a.unit_name, t: empty() };
      units.set(a.org_unit_id, unit);
      unit.t.assigned++;
      if (a.status === 'replied') unit.t.replied++;
      countReplies(
        unit.t,
        lead.filter((l) => l.org_unit_id === a.org_unit_id),
      );
    }
  }
  return {
    total: { proposals: proposals.length, ...withRates(total) },
    byCategory: [...categories].map(([category, n]) => ({ category, proposals: n })).sort((a, b) => b.proposals - a.proposals),
    byUnit: [...units].map(([unitId, u]) => ({ unitId, unitName: u.unitName, ...withRates(u.t) })).sort((a, b) => b.assigned - a.assigned),
    bySession: [...sessions].map(([sessionId, s]) => ({
      sessionId,
      sessionName: s.sessionName,
      proposals: s.proposals,
      ...withRates(s.t),
    })),
  };
}
