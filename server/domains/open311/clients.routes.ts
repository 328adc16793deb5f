import { guarded, typed, viewerOf, type App } from '../../platform/http.js';
import { idParams } from '../../platform/paging.js';
import { writeAudit } from '../../platform/audit.js';
import { newOpen311Client, newOpen311ClientBody, open311ClientList, revokedOpen311Client } from '../../../common/contracts/open311.js';
import { createOpen311Client, listOpen311Clients, presentClient, revokeOpen311Client } from './clients.js';

/**
 * The Open311 client applications, managed by the county administrator while the server runs
 * (the CLI does the same with the server stopped): list, register one (its api_key is shown
 * once, only its hash is kept), revoke one. Every change is in the audit log.
 */
export async function open311ClientsRoutes(app: App) {
  const r = typed(app);
  const tags = ['open311'];

  r.get(
    '/api/open311-clients',
    guarded('cases.configure', { tags, summary: 'Open311 客户端应用（不含密钥）', response: { 200: open311ClientList } }),
    async () => ({ items: (await listOpen311Clients(app.db)).map(presentClient) }),
  );

  r.post(
    '/api/open311-clients',
    guarded('cases.configure', {
      tags,
      summary: '登记 Open311 客户端应用；api_key 仅在此次返回',
      body: newOpen311ClientBody,
      response: { 201: newOpen311Client },
    }),
    async (request, reply) => {
      const created = await createOpen311Client(app.db, request.body.name);
      await writeAudit(app.db, viewerOf(request), {
        action: 'open311_client_created',
        entity: 'open311_client',
        entityId: created.id,
        detail: { name: created.name },
      });
      return reply.status(201).send(created);
    },
  );

  r.delete(
    '/api/open311-clients/:id',
    guarded('cases.configure', {
      tags,
      summary: '停用 Open311 客户端应用（其 api_key 随即失效）',
      params: idParams,
      response: { 200: revokedOpen311Client },
    }),
    async (request) => {
      const result = await revokeOpen311Client(app.db, { id: request.params.id });
      await writeAudit(app.db, viewerOf(request), {
        action: 'open311_client_revoked',
        entity: 'open311_client',
        entityId: request.params.id,
        detail: { alreadyRevoked: result.alreadyRevoked },
      });
      return { client: presentClient(result.client), alreadyRevoked: result.alreadyRevoked };
    },
  );
}
