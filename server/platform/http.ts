import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import type { Kysely } from 'kysely';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { DB } from './db/schema.js';
import type { Config } from './config.js';
import type { Viewer } from './auth/viewer.js';
import type { Permission } from './auth/permissions.js';
import { forbidden, unauthenticated } from './errors.js';
import { scopedDb, type ScopedDb } from './db/scoped-db.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<DB>;
    dbKind: 'pglite' | 'postgres';
    config: Config;
  }
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}

export type App = FastifyInstance;
export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

/** The signed-in viewer, or a 401. */
export function viewerOf(request: FastifyRequest): Viewer {
  if (!request.viewer) throw unauthenticated();
  return request.viewer;
}

/** preHandler: the route needs a signed-in viewer holding the permission. */
export function requires(permission: Permission) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const viewer = viewerOf(request);
    if (!viewer.permissions.has(permission)) throw forbidden();
  };
}

/**
 * The options of a route that needs one permission: its schema (the contract it validates with and
 * answers through) and the permission check, the pair nearly every route registers.
 */
export function guarded<S extends FastifySchema>(permission: Permission, schema: S) {
  return { schema, preHandler: requires(permission) };
}

/**
 * A GET list route needing one permission: validated by its query contract, answered through its
 * page contract, and listed by `list` over the viewer's scope narrowed to the query's region (404
 * outside it).
 */
export function listRoute<Q extends z.ZodType<{ regionId?: number }>, R extends z.ZodType>(
  app: App,
  url: string,
  permission: Permission,
  schema: { tags: string[]; summary: string; querystring: Q; response: R },
  // Typed by the page contract, so a presenter that drifts from it fails the type check.
  list: (scoped: ScopedDb, query: z.infer<Q>, viewer: Viewer) => Promise<z.input<R>>,
) {
  // Fastify cannot resolve the reply type of a generic contract, so the route sees a plain schema;
  // `list` is held to the contract by its own signature above.
  const response: z.ZodType = schema.response;
  typed(app).get(url, guarded(permission, { ...schema, response: { 200: response } }), async (request) => {
    const viewer = viewerOf(request);
    const query = request.query as z.infer<Q>;
    return list(await scopedDb(app.db, viewer, query.regionId), query, viewer);
  });
}

/** preHandler: the route needs a signed-in viewer holding at least one of the permissions. */
export function requiresAny(...permissions: Permission[]) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const viewer = viewerOf(request);
    if (!permissions.some((p) => viewer.permissions.has(p))) throw forbidden();
  };
}

export const SESSION_COOKIE = 'cg_session';

/** Content-Disposition of a download named in Chinese (RFC 5987), as the browsers save it. */
export const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
