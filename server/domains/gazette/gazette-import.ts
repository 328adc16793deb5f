import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { writeAudit, type AuditActor } from '../../platform/audit.js';
import type { GazetteDocument, GazetteImportReport } from '../../../common/contracts/gazette.js';
import { importGazetteDocuments } from '../documents/index.js';
import { importDivisionOfLabour } from '../orgs/index.js';
import { importGazetteProposals } from '../proposals/index.js';
import { importGazetteTasks } from '../tasks/index.js';
import { readGazette } from './read-gazette.js';

/**
 * Imports a gazette: reads it (read-gazette.ts), then, in one transaction, hands each part to the
 * domain that owns it — the 分工 notices to orgs (first: the task tables name their units), every
 * document to the library (whose ids the others keep), the task tables and plans to tasks, the
 * replies to proposals — and writes one audit line. What a
 * domain could not read joins the reader's warnings. A part that refuses
 * (a 分工 sentence it cannot read) rolls the whole import back: nothing is half-imported.
 * Returns the report the CLI prints and the admin's upload page shows.
 */
export async function importGazette(
  db: Kysely<DB>,
  text: string,
  options: { source: string; actor: AuditActor },
): Promise<GazetteImportReport> {
  const reading = readGazette(text);
  const warnings = [...reading.warnings];
  const imported = await db.transaction().execute(async (trx) => {
    const orgs = await importDivisionOfLabour(trx, reading.documents);
    const library = await importGazetteDocuments(trx, reading.documents, { source: options.source });
    const documentIds = library.ids;
    const tasks = await importGazetteTasks(trx, reading.documents, documentIds);
    if (tasks.unresolvedUnits.length > 0) {
      warnings.push({
        line: null,
        document: null,
        field: 'tasks',
        message: `任务表中这些责任单位没有对应的单位，已按原文保存，请在督查督办中核对：${tasks.unresolvedUnits.join('、')}`,
      });
    }
    const proposals = await importGazetteProposals(trx, reading.documents, documentIds);
    warnings.push(...proposals.warnings);
    const counts = {
      documentsCreated: library.created,
      documentsUpdated: library.updated,
      orgUnits: orgs.units,
      leaders: orgs.leaders,
      leaderDuties: orgs.duties,
      taskLists: tasks.lists,
      tasks: tasks.tasks,
      proposals: proposals.proposals,
      proposalReplies: proposals.replies,
    };
    await writeAudit(trx, options.actor, {
      action: 'import_gazette',
      entity: 'gazette',
      detail: { source: options.source, documents: reading.documents.length, warnings: warnings.length },
    });
    return counts;
  });
  return {
    documents: reading.documents.map(reportDocument),
    warnings,
    furnitureLines: reading.furnitureLines,
    imported,
  };
}

function reportDocument(doc: GazetteDocument): GazetteImportReport['documents'][number] {
  return {
    number: doc.number.text,
    organCode: doc.number.organCode,
    year: doc.number.year,
    serial: doc.number.serial,
    organ: doc.organ,
    title: doc.title,
    dateWritten: doc.dateWritten,
    disclosure: doc.disclosure,
    addressees: doc.addressees,
    copyTo: doc.copyTo,
    attachments: doc.attachments.length,
    tasks: doc.tasks.map(({ seq, category, task, requirement, leadUnit, coUnits, deadline, deadlineText, targets }) => ({
      seq,
      category,
      task,
      requirement,
      leadUnit,
      coUnits,
      deadline,
      deadlineText,
      targets,
    })),
    phases: doc.phases.map(({ seq, name, start, end }) => ({ seq, name, start, end })),
  };
}
