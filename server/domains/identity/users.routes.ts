import { idParams } from '../../../common/contracts/shared.js';
import { userAccount, userList, userListQuery } from '../../../common/contracts/identity.js';
import { guarded, listRoute, typed, viewerOf, type App } from '../../platform/http.js';
import { scopedDb } from '../../platform/db/scoped-db.js';
import type { IdentityDeps } from './identity.deps.js';
import { usersRepository } from './users.repository.js';
import { listAccounts, unlockAccount } from './users.service.js';

/** 账号管理 for county administrators (users.manage): the list and the unlock, in the administrator's scope. */
export async function usersRoutes(app: App, { deps }: { deps: IdentityDeps }) {
  const r = typed(app);

  listRoute(
    app,
    '/api/users',
    'users.manage',
    { tags: ['identity'], summary: '账号列表（含登录失败情况）', querystring: userListQuery, response: userList },
    (scoped, query) => listAccounts({ ...deps, accounts: usersRepository(scoped) }, query),
  );

  r.post(
    '/api/users/:id/unlock',
    guarded('users.manage', {
      tags: ['identity'],
      summary: '解除登录限制（清除登录失败记录）',
      params: idParams,
      response: { 200: userAccount },
    }),
    async (request) => {
      const viewer = viewerOf(request);
      return unlockAccount({ ...deps, accounts: usersRepository(await scopedDb(app.db, viewer)) }, viewer, request.params.id);
    },
  );
}
