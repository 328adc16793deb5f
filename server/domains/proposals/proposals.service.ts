import type { Page } from '../../../common/contracts/shared.js';
import type { ProposalDetail, ProposalItem, ProposalQuery, ProposalSession } from '../../../common/contracts/proposals.js';
import type { AuditEntry } from '../../platform/audit.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { notFound } from '../../platform/errors.js';
import { offsetOf } from '../../platform/paging.js';
import type { AssignmentRow, ProposalRow, ProposalsRepository } from './proposals.repository.js';
import { presentDetail, presentProposal, presentSession } from './proposals.presenter.js';
import { actionsFor, visibleToUnit, type PolicyContext } from './proposal-policy.js';
import { currentAssignments } from './proposal-states.js';

/** What the proposal services need: the repository, the county's units, the audit log, a transaction, today. */
export interface ProposalsDeps {
  proposals: ProposalsRepository;
  /** A county unit by id (the orgs domain's), or undefined. */
  unit(id: number): Promise<{ id: number; name: string } | undefined>;
  /** The library's id of a reply's document by its number (the documents domain's), or null. */
  documentId(number: string): Promise<number | null>;
  audit(entry: AuditEntry): Promise<unknown>;
  /** Runs the work in one transaction, with deps on it. */
  transaction<T>(work: (deps: ProposalsDeps) => Promise<T>): Promise<T>;
  /** Now, by the app's clock, and the county's calendar day now (YYYY-MM-DD). */
  now(): Date;
  today(): string;
}

export async function listSessions(deps: Pick<ProposalsDeps, 'proposals'>): Promise<{ items: ProposalSession[] }> {
  return { items: (await deps.proposals.sessions()).map(presentSession) };
}

/** Proposers and assignments of the rows, grouped by proposal. */
async function partsOf(deps: Pick<ProposalsDeps, 'proposals'>, ids: number[]) {
  const [proposers, assignments] = await Promise.all([deps.proposals.proposersOf(ids), deps.proposals.assignmentsOf(ids)]);
  return {
    proposers: (id: number) => proposers.filter((p) => p.proposal_id === id).map((p) => p.name),
    assignments: (id: number) => assignments.filter((a) => a.proposal_id === id),
  };
}

export async function listProposals(
  deps: Pick<ProposalsDeps, 'proposals'>,
  viewer: Viewer,
  query: ProposalQuery,
): Promise<Page<ProposalItem>> {
  const { rows, total } = await deps.proposals.list(
    {
      number: query.number || undefined,
      sessionId: query.sessionId,
      state: query.state,
      unitId: query.unitId,
      q: query.q || undefined,
      visibleToUnit: visibleToUnit(viewer),
    },
    { offset: offsetOf(query), limit: query.pageSize },
  );
  const parts = await partsOf(
    deps,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => presentProposal(r, parts.proposers(r.id), parts.assignments(r.id))), total };
}

/** A proposal the viewer may read, with what the policy needs to judge an action on it. */
export async function loadProposal(deps: Pick<ProposalsDeps, 'proposals' | 'today'>, viewer: Viewer, id: number) {
  const proposal = await deps.proposals.byId(id, visibleToUnit(viewer));
  if (!proposal) throw notFound('提案');
  const [parts, evaluations] = await Promise.all([partsOf(deps, [id]), deps.proposals.evaluationsOf(id)]);
  const assignments = parts.assignments(id);
  const current = currentAssignments(assignments);
  const policy: PolicyContext = {
    viewer,
    state: proposal.state,
    current,
    evaluatedUnits: evaluations.map((e) => e.org_unit_id),
    today: deps.today(),
  };
  return { proposal, proposers: parts.proposers(id), assignments, current, evaluations, policy };
}

export async function proposalDetail(
  deps: Pick<ProposalsDeps, 'proposals' | 'today'>,
  viewer: Viewer,
  id: number,
): Promise<ProposalDetail> {
  const p = await loadProposal(deps, viewer, id);
  return presentDetail(p.proposal, p.proposers, p.assignments, p.evaluations, actionsFor(p.policy), viewer);
}

export type LoadedProposal = Awaited<ReturnType<typeof loadProposal>>;
export type { AssignmentRow, ProposalRow };
