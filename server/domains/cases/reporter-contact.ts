import type { ReporterContacts, RevealReporterInput } from '../../../common/contracts/cases.js';
import type { CaseSource } from '../../../common/enums.js';
import type { RevealedNumber } from '../../../common/contracts/reveal.js';
import { maskName, maskPhone } from '../../../common/mask.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { AuditEntry } from '../../platform/audit.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { readableCase } from './access.js';
import type { CasesRepository } from './cases.repository.js';
import type { CaseAccess, CaseRelation } from './policy.js';
import type { ReporterContactRepository, ReporterSourceRow } from './reporter-contact.repository.js';

/**
 * Calling the reporter back (回访, docs/decisions/019). The desk holding a case and the unit or
 * grid handling it may ring a reporter to ask, arrange or explain; everyone else who reads the
 * case (leaders, supervisors, a first unit after a transfer) sees the number masked. A viewer
 * whose role sees numbers in full gets them with the contacts; one who sees them masked reveals
 * one number at a time with a reason, counted and written to the audit log with the read.
 */
const CALLS_BACK: readonly CaseRelation[] = ['dispatcher', 'handling_unit', 'handling_grid'];
const callsBack = (access: CaseAccess) => CALLS_BACK.some((r) => access.relations.has(r));

export interface ReporterContactDeps {
  cases: CasesRepository;
  contacts: ReporterContactRepository;
  /** Phones of residents by id (the people domain's register). */
  residentPhones(ids: number[]): Promise<Map<number, string | null>>;
  countReveal(): Promise<void>;
  audit(viewer: Viewer, entry: AuditEntry): Promise<void>;
  transaction<T>(work: (deps: ReporterContactDeps) => Promise<T>): Promise<T>;
}

/** The number to call for a source: given with the report, else the reporting account's own on the register. */
async function phonesOf(deps: ReporterContactDeps, rows: ReporterSourceRow[]): Promise<Map<number, string | null>> {
  const residentIds = rows.filter((r) => !r.reporter_phone && r.resident_id !== null).map((r) => r.resident_id!);
  const registered = await deps.residentPhones(residentIds);
  return new Map(rows.map((r) => [r.id, r.reporter_phone ?? (r.resident_id === null ? null : (registered.get(r.resident_id) ?? null))]));
}

/** The staff view of a case or 404 (a reporter's own view has no one else to call). */
async function staffCase(deps: ReporterContactDeps, viewer: Viewer, caseId: number) {
  const { c, access } = await readableCase(deps.cases, viewer, await deps.cases.byId(caseId));
  if (access.view !== 'staff') throw notFound('事件');
  return { c, access };
}

export async function reporterContacts(deps: ReporterContactDeps, viewer: Viewer, caseId: number): Promise<ReporterContacts> {
  const { access } = await staffCase(deps, viewer, caseId);
  const rows = await deps.contacts.sourcesOf(caseId);
  const phones = await phonesOf(deps, rows);
  const full = access.personalData === 'full';
  const mayCall = callsBack(access);
  return {
    callsBack: mayCall,
    items: rows.map((r) => {
      // An anonymous reporter asked not to be known: no name and no number, for anyone.
      const phone = r.anonymous ? null : (phones.get(r.id) ?? null);
      return {
        sourceId: r.id,
        source: r.source as CaseSource,
        reportedAt: r.reported_at.toISOString(),
        anonymous: r.anonymous,
        name: r.anonymous ? '匿名' : r.reporter_name === null ? null : full ? r.reporter_name : maskName(r.reporter_name),
        phone: phone === null ? null : full ? phone : maskPhone(phone),
        phoneFull: phone !== null && full,
        revealable: phone !== null && !full && mayCall,
      };
    }),
  };
}

/** 查看完整号码 of one reporter: for those who call back, with a reason, audited in the same transaction as the read. */
export async function revealReporterPhone(
  deps: ReporterContactDeps,
  viewer: Viewer,
  caseId: number,
  input: RevealReporterInput,
): Promise<RevealedNumber> {
  const { access } = await staffCase(deps, viewer, caseId);
  if (!callsBack(access)) throw new AppError(403, 'NOT_HANDLING_CASE', '只有受理或承办该事件的人员可以查看报告人的完整号码');
  await deps.countReveal();
  return deps.transaction(async (tx) => {
    const row = (await tx.contacts.sourcesOf(caseId)).find((r) => r.id === input.sourceId);
    if (!row) throw notFound('报告人');
    if (row.anonymous) throw conflict('REPORTER_ANONYMOUS', '报告人选择了匿名上报，不能查看其号码');
    const phone = (await phonesOf(tx, [row])).get(row.id);
    if (!phone) throw conflict('NUMBER_NOT_RECORDED', '报告人未留联系电话');
    await tx.audit(viewer, {
      action: 'reveal_reporter_phone',
      entity: 'case',
      entityId: caseId,
      detail: { sourceId: row.id, reason: input.reason },
    });
    return { value: phone };
  });
}
