import { idParams } from '../../../common/contracts/shared.js';
import {
  accountWithPassword,
  createUserBody,
  updateUserBody,
  userAccount,
  userList,
  userListQuery,
} from '../../../common/contracts/identity.js';
import { guarded, listRoute, typed, viewerOf, type App } from '../../platform/http.js';
import { scopedDb, type ScopedDb } from '../../platform/db/scoped-db.js';
import { hashPassword } from '../../platform/auth/password.js';
import { writeAudit } from '../../platform/audit.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { orgUnitById, propertyCompanies } from '../orgs/index.js';
import type { IdentityDeps } from './identity.deps.js';
import { usersRepository } from './users.repository.js';
import { listAccounts, unlockAccount } from './users.service.js';
import { createAccount, resetPassword, updateAccount, type AccountDeps } from './accounts.service.js';

/**
 * 账号管理 for county administrators (users.manage), in the administrator's scope: the list and
 * the unlock, and making and changing staff accounts (accounts.service.ts).
 */
export async function usersRoutes(app: App, { deps }: { deps: IdentityDeps }) {
  const r = typed(app);
  const accountDeps = async (viewer: Viewer) => accountDepsOn(app, deps, await scopedDb(app.db, viewer));
  const tags = ['identity'];

  listRoute(
    app,
    '/api/users',
    'users.manage',
    { tags, summary: '账号列表（含登录失败情况）', querystring: userListQuery, response: userList },
    (scoped, query) => listAccounts({ ...deps, accounts: usersRepository(scoped) }, query),
  );

  r.post(
    '/api/users',
    guarded('users.manage', {
      tags,
      summary: '新建工作人员账号（生成一次性初始密码，首次登录须修改）',
      body: createUserBody,
      response: { 201: accountWithPassword },
    }),
    async (request, reply) => {
      const viewer = viewerOf(request);
      return reply.status(201).send(await createAccount(await accountDeps(viewer), viewer, request.body));
    },
  );

  r.patch(
    '/api/users/:id',
    guarded('users.manage', {
      tags,
      summary: '修改账号（姓名、角色、区域、部门或物业公司；停用、启用）',
      params: idParams,
      body: updateUserBody,
      response: { 200: userAccount },
    }),
    async (request) => {
      const viewer = viewerOf(request);
      return updateAccount(await accountDeps(viewer), viewer, request.params.id, request.body);
    },
  );

  r.post(
    '/api/users/:id/reset-password',
    guarded('users.manage', {
      tags,
      summary: '重置密码（生成一次性密码，结束该账号的全部登录，首次登录须修改）',
      params: idParams,
      response: { 200: accountWithPassword },
    }),
    async (request) => {
      const viewer = viewerOf(request);
      return resetPassword(await accountDeps(viewer), viewer, request.params.id);
    },
  );

  r.post(
    '/api/users/:id/unlock',
    guarded('users.manage', {
      tags,
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

function accountDepsOn(app: App, deps: IdentityDeps, scoped: ScopedDb): AccountDeps {
  return {
    accounts: usersRepository(scoped),
    orgUnit: (id) => orgUnitById(scoped.unscoped, id),
    propertyCompany: async (id) => (await propertyCompanies(scoped)).find((c) => c.id === id),
    hashPassword,
    audit: (viewer, entry) => writeAudit(scoped.unscoped, viewer, entry),
    clock: deps.clock,
    transaction: (work) => scoped.unscoped.transaction().execute((trx) => work(accountDepsOn(app, deps, scoped.on(trx)))),
  };
}
