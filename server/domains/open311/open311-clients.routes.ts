import { z } from 'zod';
import { requires, typed, viewerOf, type App } from '../../platform/http.js';
import { idParams } from '../../platform/paging.js';
import { writeAudit } from '../../platform/audit.js';
import { createOpen311Client, listOpen311Clients, revokeOpen311Client } from './open311-clients.js';

/**
 * The Open311 client applications, managed by the county administrator while the server runs
 * (the CLI does the same with the server stopped): list, register one (its api_key is shown
 * once, only its hash is kept), revoke one. Every change is in the audit log.
 */
export async function open311ClientsRoutes(app: App) {
  const r = typed(app);
  const tags = ['open311'];

  r.get('/api/open311-clients', {
    schema: { tags, summary: 'Open311 客户端应用（不含密钥）' },
    preHandler: requires('cases.configure'),
  }, async () => ({ items: await listOpen311Clients(app.db) }));

  r.post('/api/open311-clients', {
    schema: { tags, summary: '登记 Open311 客户端应用；api_key 仅在此次返回', body: z.object({ name: z.string().trim().min(1).max(60) }) },
    preHandler: requires('cases.configure'),
  }, async (request, reply) => {
    const created = await createOpen311Client(app.db, request.body.name);
    await writeAudit(app.db, viewerOf(request), { action: 'open311_client_created', entity: 'open311_client', entityId: created.id, detail: { name: created.name } });
    return reply.status(201).send(created);
  });

  r.delete('/api/open311-clients/:id', {
    schema: { tags, summary: '停用 Open311 客户端应用（其 api_key 随即失效）', params: idParams },
    preHandler: requires('cases.configure'),
  }, async (request) => {
    const result = await revokeOpen311Client(app.db, { id: request.params.id });
    await writeAudit(app.db, viewerOf(request), { action: 'open311_client_revoked', entity: 'open311_client', entityId: request.params.id, detail: { alreadyRevoked: result.alreadyRevoked } });
    return result;
  });
}
