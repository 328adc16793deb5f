import type { AuditEntry, AuditQuery } from '../../../common/contracts/audit.js';
import type { Page } from '../../../common/contracts/shared.js';
import { auditActionLabel, auditSentence } from '../../../common/audit-words.js';
import { offsetOf } from '../../platform/paging.js';
import { OFFICE_ENTITIES, type AuditLine, type AuditReadRepository, type OfficeEntity } from './audit.repository.js';

/** The start of a Beijing-time day as an instant: the log's days are the county's, not UTC's. */
const beijingMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);
const DAY_MS = 86_400_000;

/** 审计日志: the lines of the whole log, newest first, filtered, each in words. */
export async function listAuditLog(log: AuditReadRepository, query: AuditQuery): Promise<Page<AuditEntry>> {
  const filter = {
    action: query.action || undefined,
    user: query.user || undefined,
    record: query.record || undefined,
    since: query.from ? beijingMidnight(query.from) : undefined,
    before: query.to ? new Date(beijingMidnight(query.to).getTime() + DAY_MS) : undefined,
  };
  const { rows, total } = await log.list(filter, { offset: offsetOf(query), limit: query.pageSize });
  const names = await namesFor(log, rows);
  return { items: rows.map((line) => presentAuditLine(line, names)), total };
}

/** What a line is about, by entity: how to find its id and what to call it when it is gone. */
const SUBJECTS = {
  resident: { standIn: '居民' },
  user: { standIn: '账号' },
  vehicle: { standIn: '车辆' },
  open311_client: { standIn: 'Open311 应用' },
  document: { standIn: '文件' },
  proposal: { standIn: '提案' },
  disclosure_application: { standIn: '公开申请' },
  disclosure_decision: { standIn: '决策事项' },
  task_list: { standIn: '任务清单' },
  task: { standIn: '任务' },
  gazette_issue: { standIn: '公报' },
} as const;

type Names = Awaited<ReturnType<typeof namesFor>>;

/** The names behind one page's ids, in one query per kind of record. */
async function namesFor(log: AuditReadRepository, rows: AuditLine[]) {
  const idsOf = (entity: string) =>
    [...new Set(rows.filter((r) => r.entity === entity).map((r) => Number(r.entity_id)))].filter(Number.isSafeInteger);
  const caseIds = [...new Set(rows.map((r) => caseIdOf(r)).filter((id): id is number => id !== null))];
  const actorIds = rows.map((r) => r.user_id).filter((id): id is number => id !== null);
  const officeIds = Object.fromEntries(OFFICE_ENTITIES.map((entity) => [entity, idsOf(entity)])) as Record<OfficeEntity, number[]>;
  const [accounts, residents, vehicles, clients, cases, office] = await Promise.all([
    log.accounts([...new Set([...actorIds, ...idsOf('user')])]),
    log.residents(idsOf('resident')),
    log.vehicles(idsOf('vehicle')),
    log.open311Clients(idsOf('open311_client')),
    log.caseNumbers(caseIds),
    log.officeRecords(officeIds),
  ]);
  return {
    accounts: new Map(accounts.map((a) => [a.id, a.display_name || a.username])),
    residents: new Map(residents.map((r) => [r.id, { name: r.name, address: r.standard_address }])),
    vehicles: new Map(vehicles.map((v) => [v.id, v.plate])),
    clients: new Map(clients.map((c) => [c.id, c.name])),
    cases: new Map(cases.map((c) => [c.id, c.number])),
    office: new Map(office.map((r) => [`${r.entity}:${r.id}`, r.name])),
  };
}

const caseIdOf = (line: AuditLine): number | null => {
  const id = (line.detail as Record<string, unknown>)?.caseId;
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : null;
};

function subjectOf(line: AuditLine, names: Names): { subject: string | null; address: string | null } {
  const id = Number(line.entity_id);
  const known = (name: string | undefined) => ({ subject: name ?? null, address: null });
  switch (line.entity) {
    case 'resident': {
      const resident = names.residents.get(id);
      return { subject: resident?.name ?? null, address: resident?.address ?? null };
    }
    case 'user':
      return known(names.accounts.get(id));
    case 'vehicle':
      return known(names.vehicles.get(id));
    case 'open311_client':
      return known(names.clients.get(id));
    default: {
      const office = names.office.get(`${line.entity}:${id}`);
      if (office) return known(office);
      const caseId = caseIdOf(line);
      return known(caseId === null ? undefined : `事件 ${names.cases.get(caseId) ?? `#${caseId}`} `);
    }
  }
}

function presentAuditLine(line: AuditLine, names: Names): AuditEntry {
  const detail = (line.detail ?? {}) as Record<string, unknown>;
  const { subject, address } = subjectOf(line, names);
  // A record that is gone (or outside the viewer's region) is still named by its kind and id.
  const stand =
    line.entity && line.entity in SUBJECTS && line.entity_id !== null
      ? `${SUBJECTS[line.entity as keyof typeof SUBJECTS].standIn} #${line.entity_id}`
      : '';
  const actorName = line.user_id !== null ? (names.accounts.get(line.user_id) ?? line.username) : line.username;
  return {
    id: line.id,
    at: line.at.toISOString(),
    username: line.username,
    actorName,
    action: line.action,
    actionLabel: auditActionLabel(line.action),
    sentence: auditSentence(actorName, line.action, { subject: subject ?? stand, detail }),
    entity: line.entity,
    entityId: line.entity_id,
    subject,
    address,
    detail,
    ip: line.ip,
  };
}
