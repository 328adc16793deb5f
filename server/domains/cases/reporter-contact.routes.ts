import { idParams } from '../../../common/contracts/shared.js';
import { reporterContacts as reporterContactsSchema, revealReporterBody } from '../../../common/contracts/cases.js';
import { revealedNumber } from '../../../common/contracts/reveal.js';
import { requiresAny, typed, viewerOf, type App } from '../../platform/http.js';
import { scopedDb, type ScopedDb } from '../../platform/db/scoped-db.js';
import { rateLimits } from '../../platform/rate-limit.js';
import { countReveal } from '../../platform/reveal-limit.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { residentPhones } from '../people/index.js';
import { caseDeps, type CaseDeps } from './context.js';
import { reporterContactRepository } from './reporter-contact.repository.js';
import { reporterContacts, revealReporterPhone, type ReporterContactDeps } from './reporter-contact.js';

const tags = ['cases'];

/** 回访报告人: the contacts of a case's reporters, and the audited reveal of one phone. */
export async function reporterContactRoutes(app: App) {
  const r = typed(app);
  const deps = async (viewer: Viewer) => contactDeps(app, viewer, await scopedDb(app.db, viewer));
  const staff = requiresAny('cases.read', 'cases.handle');

  r.get(
    '/api/cases/:id/reporter-contacts',
    {
      schema: { tags, summary: '报告人联系方式（号码按角色脱敏）', params: idParams, response: { 200: reporterContactsSchema } },
      preHandler: staff,
    },
    async (request) => {
      const viewer = viewerOf(request);
      return reporterContacts(await deps(viewer), viewer, request.params.id);
    },
  );

  r.post(
    '/api/cases/:id/reporter-contacts/reveal',
    {
      schema: {
        tags,
        summary: '查看报告人完整号码（受理、承办人员；须填写原因，记入审计日志，限频）',
        params: idParams,
        body: revealReporterBody,
        response: { 200: revealedNumber },
      },
      preHandler: staff,
    },
    async (request) => {
      const viewer = viewerOf(request);
      return revealReporterPhone(await deps(viewer), viewer, request.params.id, request.body);
    },
  );
}

function contactDeps(app: App, viewer: Viewer, scoped: ScopedDb, cases: CaseDeps = caseDeps(app.casework, scoped)): ReporterContactDeps {
  return {
    cases: cases.cases,
    contacts: reporterContactRepository(scoped.unscoped),
    residentPhones: (ids) => residentPhones(scoped, ids),
    countReveal: () => countReveal(rateLimits(scoped.unscoped), viewer, cases.clock.now()),
    audit: cases.audit,
    transaction: (work) => scoped.unscoped.transaction().execute((trx) => work(contactDeps(app, viewer, scoped.on(trx)))),
  };
}
