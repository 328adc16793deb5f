import type { Kysely } from 'kysely';
import type { GazetteDocument, GazetteWarning } from '../../../common/contracts/gazette.js';
import type { DB } from '../../platform/db/schema.js';
import { writeAudit } from '../../platform/audit.js';
import { invalid } from '../../platform/errors.js';
import { orgUnitNamed } from '../orgs/index.js';
import { proposalsRepository } from './proposals.repository.js';
import { currentAssignments, stateOf } from './proposal-states.js';
import { readCause, repliesIn } from './reply-document.js';

export interface ProposalsImport {
  sessions: number;
  proposals: number;
  replies: number;
  /** Replies whose 案由 or unit could not be read: a person looks at them (the import report lists them). */
  warnings: GazetteWarning[];
}

/**
 * The proposals a gazette's replies answer (decision 045), in the importer's transaction: each
 * reply names its session and number in its title, its proposers as addressees (委员：…, one
 * document sent to several proposers is one proposal with several), its unit in its 落款 and its
 * day in its 成文日期. The gazette says nothing of the assignment's day, so the imported
 * assignment has none and its deadlines are unknown. Importing again updates what it wrote and
 * keeps what people added since (feedback forms, evaluations, later rounds).
 */
export async function importGazetteProposals(
  trx: Kysely<DB>,
  documents: GazetteDocument[],
  documentIds: Map<string, number>,
): Promise<ProposalsImport> {
  const repo = proposalsRepository(trx);
  const sessions = new Set<number>();
  const result: ProposalsImport = { sessions: 0, proposals: 0, replies: 0, warnings: [] };
  const warn = (document: GazetteDocument, field: string, message: string) =>
    result.warnings.push({ line: document.startLine, document: document.number.text, field, message });

  for (const { document, reading } of repliesIn(documents)) {
    const cause = readCause(document.paragraphs);
    if (!cause) {
      warn(document, '案由', '答复正文中未读出提案案由（您提出的关于《…》的提案收悉），该件提案未导入');
      continue;
    }
    if (document.addresseeRole === null || document.addressees.length === 0) warn(document, '提案者', '答复未列出委员，提案者为空');
    // One proposal cannot have the same proposer twice (proposal_proposers is unique by name):
    // a name printed twice is a misprint a person must correct, and the whole gazette waits.
    const twice = document.addressees.find((name, i) => document.addressees.indexOf(name) !== i);
    if (twice) {
      throw invalid(
        'GAZETTE_PROPOSER_TWICE',
        `${document.number.text}（第 ${document.startLine} 行）的委员名单中“${twice}”出现两次，请核对公报后重新导入`,
        { document: document.number.text, line: document.startLine, name: twice },
      );
    }
    const session = await repo.upsertSession({
      level: reading.session.level,
      body: reading.session.body,
      term: reading.session.term,
      session_number: reading.session.sessionNumber,
    });
    sessions.add(session.id);
    const existing = await repo.byNumber(session.id, reading.number);
    const proposalId =
      existing?.id ??
      (await repo.insert({ session_id: session.id, kind: reading.kind, number: reading.number, title: cause, state: 'to_assign' }));
    if (existing) await repo.update(proposalId, { title: cause });
    // The reply answers every proposer it is sent to.
    if (document.addressees.length) await repo.setProposers(proposalId, document.addressees);
    result.proposals++;

    const signedBy = document.signature ?? document.organ;
    const unit = signedBy ? await orgUnitNamed(trx, signedBy) : undefined;
    if (!unit) {
      warn(document, '承办单位', `落款「${signedBy ?? '（无）'}」不是已登记的单位，答复未导入`);
      continue;
    }
    if (!document.dateWritten) {
      warn(document, '答复日期', '答复没有成文日期，答复未导入');
      continue;
    }
    const reply = {
      replied_on: document.dateWritten,
      document_number: document.number.text,
      document_id: documentIds.get(document.number.text) ?? null,
      content: document.paragraphs.join('\n'),
    };
    const assignments = await repo.assignmentsOf([proposalId]);
    const first = assignments.find((a) => a.org_unit_id === unit.id && a.role === 'lead' && a.round === 1 && a.status !== 'returned');
    if (first?.reply_id) await repo.updateReply(first.reply_id, reply);
    else {
      const assignmentId =
        first?.id ??
        (await repo.insertAssignments([{ proposal_id: proposalId, round: 1, org_unit_id: unit.id, role: 'lead', status: 'replied' }]))[0]
          .id;
      await repo.insertReply({ assignment_id: assignmentId, ...reply });
      await repo.updateAssignment(assignmentId, { status: 'replied' });
      if (!existing?.id) await repo.update(proposalId, { mode: 'single', reviewed_at: new Date() });
    }
    result.replies++;
    await repo.update(proposalId, { state: stateOf(currentAssignments(await repo.assignmentsOf([proposalId]))) });
    await writeAudit(trx, null, {
      action: 'proposal_imported',
      entity: 'proposal',
      entityId: proposalId,
      detail: { number: reading.number, replyDocument: document.number.text },
    });
  }
  result.sessions = sessions.size;
  return result;
}
