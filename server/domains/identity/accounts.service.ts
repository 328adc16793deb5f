import type { AccountWithPassword, CreateUserInput, UpdateUserInput, UserAccount } from '../../../common/contracts/identity.js';
import { ROLE_REGION_LEVEL, roleNeeds, STAFF_ROLES, type StaffRole } from '../../../common/staff-accounts.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { AuditEntry } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { generateInitialPassword } from '../../platform/auth/initial-password.js';
import type { UsersRepository } from './users.repository.js';
import { presentAccount } from './users.presenter.js';
import { forgottenBefore } from './users.service.js';

/**
 * 账号管理's writes (docs/decisions/019): a county administrator makes staff accounts, changes
 * their role, region, unit or company, disables and enables them, and resets a password. A new
 * or reset password is generated, shown once in the answer, and must be changed at the next
 * sign-in, as the CLI's `civicgrid user create` does. Every change is audited in its transaction.
 */
export interface AccountDeps {
  /** The accounts and regions of the administrator's scope. */
  accounts: UsersRepository;
  orgUnit(id: number): Promise<{ id: number; name: string } | undefined>;
  propertyCompany(id: number): Promise<{ id: number; name: string } | undefined>;
  hashPassword(password: string): Promise<string>;
  audit(viewer: Viewer, entry: AuditEntry): Promise<unknown>;
  clock: Clock;
  transaction<T>(work: (deps: AccountDeps) => Promise<T>): Promise<T>;
}

interface AccountShape {
  role: string;
  regionId: number;
  orgUnitId: number | null;
  propertyCompanyId: number | null;
}

const LEVEL_ZH = { county: '县', town: '镇街', community: '社区', grid: '网格' } as const;

/** The account's region is in the administrator's scope and of the role's level; its unit or company exists. */
async function checkedShape(deps: AccountDeps, shape: AccountShape): Promise<AccountShape & { role: StaffRole }> {
  const role = STAFF_ROLES.find((r) => r === shape.role);
  // A resident's account belongs to their record in the people register, not to this form.
  if (!role) throw conflict('NOT_STAFF_ACCOUNT', '居民账号不能在账号管理中修改角色或区域');
  const region = await deps.accounts.region(shape.regionId);
  if (!region) throw new AppError(404, 'REGION_NOT_FOUND', '所选区域不存在或不在您的管辖范围内', { field: 'regionId' });
  const level = ROLE_REGION_LEVEL[role];
  if (region.level !== level)
    throw invalid('REGION_LEVEL_MISMATCH', `该角色的账号须属于${LEVEL_ZH[level]}一级的区域`, { field: 'regionId' });
  const needs = roleNeeds(role);
  if (needs === 'orgUnit' && !(shape.orgUnitId && (await deps.orgUnit(shape.orgUnitId))))
    throw invalid('ORG_UNIT_REQUIRED', '部门承办人须选择所属部门', { field: 'orgUnitId' });
  if (needs === 'propertyCompany' && !(shape.propertyCompanyId && (await deps.propertyCompany(shape.propertyCompanyId))))
    throw invalid('PROPERTY_COMPANY_REQUIRED', '物业人员须选择所属物业公司', { field: 'propertyCompanyId' });
  // A unit or company the role does not use is dropped, so it cannot widen what the account sees later.
  return {
    ...shape,
    role,
    orgUnitId: needs === 'orgUnit' ? shape.orgUnitId : null,
    propertyCompanyId: needs === 'propertyCompany' ? shape.propertyCompanyId : null,
  };
}

async function accountInScope(deps: AccountDeps, userId: number) {
  const row = await deps.accounts.byId({ failuresSince: forgottenBefore(deps.clock.now()) }, userId);
  if (!row) throw notFound('账号');
  return row;
}

const presented = async (deps: AccountDeps, userId: number): Promise<UserAccount> =>
  presentAccount(await accountInScope(deps, userId), deps.clock.now());

export async function createAccount(deps: AccountDeps, viewer: Viewer, input: CreateUserInput): Promise<AccountWithPassword> {
  const initialPassword = generateInitialPassword();
  const passwordHash = await deps.hashPassword(initialPassword);
  const userId = await deps.transaction(async (tx) => {
    const shape = await checkedShape(tx, {
      role: input.role,
      regionId: input.regionId,
      orgUnitId: input.orgUnitId ?? null,
      propertyCompanyId: input.propertyCompanyId ?? null,
    });
    if (await tx.accounts.usernameTaken(input.username)) throw conflict('USERNAME_TAKEN', '该用户名已被使用', { field: 'username' });
    const id = await tx.accounts.insert({
      username: input.username,
      password_hash: passwordHash,
      display_name: input.displayName,
      role: shape.role,
      region_id: shape.regionId,
      org_unit_id: shape.orgUnitId,
      property_company_id: shape.propertyCompanyId,
      must_change_password: true,
    });
    await tx.audit(viewer, { action: 'user_created', entity: 'user', entityId: id, detail: { username: input.username, ...shape } });
    return id;
  });
  return { account: await presented(deps, userId), initialPassword };
}

export async function updateAccount(deps: AccountDeps, viewer: Viewer, userId: number, input: UpdateUserInput): Promise<UserAccount> {
  await deps.transaction(async (tx) => {
    const current = await accountInScope(tx, userId);
    // An administrator cannot take their own access away: another administrator has to.
    if (userId === viewer.userId && (input.active === false || (input.role && input.role !== current.role)))
      throw conflict('OWN_ACCOUNT', '不能停用自己的账号或修改自己的角色');
    const changesShape = input.role !== undefined || input.regionId !== undefined || 'orgUnitId' in input || 'propertyCompanyId' in input;
    const shape = changesShape
      ? await checkedShape(tx, {
          role: input.role ?? current.role,
          regionId: input.regionId ?? current.region_id,
          orgUnitId: input.orgUnitId === undefined ? current.org_unit_id : input.orgUnitId,
          propertyCompanyId: input.propertyCompanyId === undefined ? current.property_company_id : input.propertyCompanyId,
        })
      : undefined;
    await tx.accounts.update(userId, {
      ...(input.displayName !== undefined && { display_name: input.displayName }),
      ...(input.active !== undefined && { active: input.active }),
      ...(shape && {
        role: shape.role,
        region_id: shape.regionId,
        org_unit_id: shape.orgUnitId,
        property_company_id: shape.propertyCompanyId,
      }),
    });
    // A disabled account, or one whose access changed, signs in again to get its new scope.
    const endedSessions = input.active === false || shape ? await tx.accounts.endSessions(userId) : 0;
    await tx.audit(viewer, {
      action: input.active === false ? 'user_disabled' : input.active === true ? 'user_enabled' : 'user_updated',
      entity: 'user',
      entityId: userId,
      detail: { username: current.username, fields: Object.keys(input), ...(shape ?? {}), endedSessions },
    });
  });
  return presented(deps, userId);
}

/** 重置密码: a new one-time password; the old one and every session end, and it must be changed at sign-in. */
export async function resetPassword(deps: AccountDeps, viewer: Viewer, userId: number): Promise<AccountWithPassword> {
  const initialPassword = generateInitialPassword();
  const passwordHash = await deps.hashPassword(initialPassword);
  await deps.transaction(async (tx) => {
    const current = await accountInScope(tx, userId);
    if (userId === viewer.userId) throw conflict('OWN_ACCOUNT', '请在“修改密码”中修改自己的密码');
    await tx.accounts.update(userId, { password_hash: passwordHash, must_change_password: true, password_changed_at: null });
    const endedSessions = await tx.accounts.endSessions(userId);
    await tx.audit(viewer, {
      action: 'user_password_reset',
      entity: 'user',
      entityId: userId,
      detail: { username: current.username, endedSessions },
    });
  });
  return { account: await presented(deps, userId), initialPassword };
}
