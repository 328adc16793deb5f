/**
 * The disclosure domain's public face (docs/decisions/011, 046): 依申请公开 — the public form and
 * status page, and the office's handling of applications — and 重大决策预公开. Everything else in this folder is the
 * domain's own.
 */
export { disclosureRoutes, type DisclosureRoutesOptions } from './disclosure.routes.js';
export { decisionsRoutes } from './decisions.routes.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { decisionsRepository } from './decisions.repository.js';

/** A major decision's title, or undefined: task supervision names the decision a list was spawned from. */
export const decisionTitle = async (db: Kysely<DB>, id: number) => (await decisionsRepository(db).byId(id))?.title;
