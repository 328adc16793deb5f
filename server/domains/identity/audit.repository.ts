import { sql } from 'kysely';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { containing, startingWith } from '../../platform/db/text-search.js';
import { pageOf } from '../../platform/paging.js';

/** Which lines of the audit log to read; moments are instants (the service turns days into them). */
export interface AuditFilter {
  action?: string;
  /** The start of a username, or part of an account's name. */
  user?: string;
  /** A record id, or part of a resident's name or address, a plate, an account's name. */
  record?: string;
  since?: Date;
  before?: Date;
}

/**
 * The audit log as 审计日志 reads it, and the names of what its lines are about. The log itself
 * has no region: audit.read (county administrators) reads it whole, hence `unscoped`. The
 * records it names are read through the viewer's scope like any other read.
 */
export function auditReadRepository(scoped: ScopedDb) {
  const log = scoped.unscoped;
  return {
    /** A page of lines, newest first. */
    list: (f: AuditFilter, page: { offset: number; limit: number }) => {
      let base = log.selectFrom('audit_log');
      if (f.action) base = base.where('audit_log.action', '=', f.action);
      if (f.since) base = base.where('audit_log.at', '>=', f.since);
      if (f.before) base = base.where('audit_log.at', '<', f.before);
      const user = f.user;
      if (user) {
        base = base.where((eb) =>
          eb.or([
            eb('audit_log.username', 'ilike', startingWith(user)),
            eb('audit_log.user_id', 'in', eb.selectFrom('users').select('users.id').where('users.display_name', 'like', containing(user))),
          ]),
        );
      }
      const record = f.record;
      if (record) {
        const residents = scoped
          .selectFrom('residents')
          .leftJoin('houses', 'houses.id', 'residents.house_id')
          .where((eb) =>
            eb.or([eb('residents.name', 'like', containing(record)), eb('houses.standard_address', 'like', containing(record))]),
          )
          .select((eb) => eb.cast<string>('residents.id', 'text').as('id'));
        const vehicles = scoped
          .selectFrom('vehicles')
          .where('vehicles.plate', 'ilike', containing(record))
          .select((eb) => eb.cast<string>('vehicles.id', 'text').as('id'));
        const users = log
          .selectFrom('users')
          .where((eb) => eb.or([eb('users.username', 'ilike', containing(record)), eb('users.display_name', 'like', containing(record))]))
          .select((eb) => eb.cast<string>('users.id', 'text').as('id'));
        base = base.where((eb) =>
          eb.or([
            eb('audit_log.entity_id', '=', record),
            eb.and([eb('audit_log.entity', '=', 'resident'), eb('audit_log.entity_id', 'in', residents)]),
            eb.and([eb('audit_log.entity', '=', 'vehicle'), eb('audit_log.entity_id', 'in', vehicles)]),
            eb.and([eb('audit_log.entity', '=', 'user'), eb('audit_log.entity_id', 'in', users)]),
          ]),
        );
      }
      return pageOf(base.selectAll('audit_log').orderBy('audit_log.id', 'desc').offset(page.offset).limit(page.limit), base);
    },

    /** Account names by id: the actors of a page and the accounts it is about. */
    accounts: (ids: number[]) =>
      ifAny(ids, () =>
        log.selectFrom('users').select(['users.id', 'users.username', 'users.display_name']).where('users.id', 'in', ids).execute(),
      ),

    /** Residents the viewer may see, by id, with the address of their house. */
    residents: (ids: number[]) =>
      ifAny(ids, () =>
        scoped
          .selectFrom('residents')
          .leftJoin('houses', 'houses.id', 'residents.house_id')
          .select(['residents.id', 'residents.name', 'houses.standard_address'])
          .where('residents.id', 'in', ids)
          .execute(),
      ),

    vehicles: (ids: number[]) =>
      ifAny(ids, () => scoped.selectFrom('vehicles').select(['vehicles.id', 'vehicles.plate']).where('vehicles.id', 'in', ids).execute()),

    open311Clients: (ids: number[]) =>
      ifAny(ids, () =>
        log
          .selectFrom('open311_clients')
          .select(['open311_clients.id', 'open311_clients.name'])
          .where('open311_clients.id', 'in', ids)
          .execute(),
      ),

    /**
     * The county office's records by kind and id, each by the name the office gives it: a
     * document by its number, a proposal by its number, an application by its tracking code, a
     * decision, a task list or a task by its title, a gazette issue by its year and number.
     */
    officeRecords: async (ids: OfficeRecordIds): Promise<{ entity: OfficeEntity; id: number; name: string }[]> => {
      const named = (entity: OfficeEntity) => (rows: { id: number; name: string }[]) => rows.map((r) => ({ entity, ...r }));
      const parts = await Promise.all([
        ifAny(ids.document, () =>
          log.selectFrom('documents').select(['id', 'number as name']).where('id', 'in', ids.document).execute(),
        ).then(named('document')),
        ifAny(ids.proposal, () =>
          log
            .selectFrom('proposals')
            .select(['id', sql<string>`'第' || number || '号提案'`.as('name')])
            .where('id', 'in', ids.proposal)
            .execute(),
        ).then(named('proposal')),
        ifAny(ids.disclosure_application, () =>
          log
            .selectFrom('disclosure_applications')
            .select(['id', 'tracking_code as name'])
            .where('id', 'in', ids.disclosure_application)
            .execute(),
        ).then(named('disclosure_application')),
        ifAny(ids.disclosure_decision, () =>
          log
            .selectFrom('disclosure_decisions')
            .select(['id', sql<string>`'《' || title || '》'`.as('name')])
            .where('id', 'in', ids.disclosure_decision)
            .execute(),
        ).then(named('disclosure_decision')),
        ifAny(ids.task_list, () =>
          log.selectFrom('task_lists').select(['id', 'title as name']).where('id', 'in', ids.task_list).execute(),
        ).then(named('task_list')),
        ifAny(ids.task, () => log.selectFrom('tasks').select(['id', 'task as name']).where('id', 'in', ids.task).execute()).then(
          named('task'),
        ),
        ifAny(ids.gazette_issue, () =>
          log
            .selectFrom('gazette_issues')
            .select(['id', sql<string>`year || '年第' || issue_number || '期公报'`.as('name')])
            .where('id', 'in', ids.gazette_issue)
            .execute(),
        ).then(named('gazette_issue')),
      ]);
      return parts.flat();
    },

    /** Case numbers by case id (a photo's or an abandoned vehicle's line names its case). */
    caseNumbers: (ids: number[]) =>
      ifAny(ids, () => log.selectFrom('cases').select(['cases.id', 'cases.number']).where('cases.id', 'in', ids).execute()),
  };
}

/** The county office's kinds of record an audit line may be about (docs/decisions/042–046). */
export const OFFICE_ENTITIES = [
  'document',
  'proposal',
  'disclosure_application',
  'disclosure_decision',
  'task_list',
  'task',
  'gazette_issue',
] as const;
export type OfficeEntity = (typeof OFFICE_ENTITIES)[number];
export type OfficeRecordIds = Record<OfficeEntity, number[]>;

/** A page without lines of a kind asks nothing about that kind. */
function ifAny<T>(ids: number[], read: () => Promise<T[]>): Promise<T[]> {
  return ids.length === 0 ? Promise.resolve([]) : read();
}

export type AuditReadRepository = ReturnType<typeof auditReadRepository>;
export type AuditLine = Awaited<ReturnType<AuditReadRepository['list']>>['rows'][number];
