import { requires, typed, viewerOf, type App } from '../../platform/http.js';
import { idParams, pagingQuery } from '../../platform/paging.js';
import { userAccount, userList, userListQuery } from '../../../common/contracts/identity.js';
import { listAccounts, unlockAccount, type UsersContext } from './users.service.js';

/** 账号管理 for county administrators (users.manage): the list and the unlock. */
export async function usersRoutes(app: App) {
  const r = typed(app);
  // The app's clock (buildApp's `clock` option, kept on the casework context), so tests move it.
  const ctx = (): UsersContext => ({ db: app.db, clock: app.casework.clock });

  r.get('/api/users', {
    schema: {
      tags: ['identity'], summary: '账号列表（含登录失败情况）',
      querystring: userListQuery.extend(pagingQuery), response: { 200: userList },
    },
    preHandler: requires('users.manage'),
  }, async (request) => listAccounts(ctx(), viewerOf(request), request.query));

  r.post('/api/users/:id/unlock', {
    schema: { tags: ['identity'], summary: '解除登录限制（清除登录失败记录）', params: idParams, response: { 200: userAccount } },
    preHandler: requires('users.manage'),
  }, async (request) => unlockAccount(ctx(), viewerOf(request), request.params.id));
}
