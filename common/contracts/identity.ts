import { z } from 'zod';
import { REGION_LEVELS, ROLES } from '../enums.js';
import { PERMISSIONS } from '../permissions.js';
import { NONCE_PATTERN } from '../proof-of-work.js';
import { STAFF_ROLES, USERNAME_PATTERN } from '../staff-accounts.js';
import { page, pagingQuery, timestamp } from './shared.js';

/**
 * The identity API's requests and responses, once: the server validates and serialises with
 * these (server/domains/identity/*.routes.ts), the OpenAPI document shows them, and the web
 * clients import their types. A response schema also strips any field a presenter did not mean
 * to send.
 */

const username = z.string().trim().min(1).max(64);

export const challengeSolution = z.object({
  token: z.string().min(1).max(1024),
  nonce: z.string().regex(NONCE_PATTERN),
});

export const loginBody = z.object({
  username,
  password: z.string().min(1).max(128),
  /** Needed after repeated failures: a solved /api/auth/login-challenge. */
  challenge: challengeSolution.optional(),
});

export const loginChallengeBody = z.object({ username });

export const loginChallenge = z.object({
  token: z.string(),
  /** Leading zero bits asked of SHA-256(token:nonce) (common/proof-of-work.ts). */
  difficulty: z.number().int(),
  expiresAt: timestamp,
});

/** details of AUTH_INVALID, LOGIN_THROTTLED and LOGIN_CHALLENGE_REQUIRED refusals. */
export interface LoginRefusalDetails {
  retryAfterSeconds: number;
  challengeRequired: boolean;
}

export const passwordChangeBody = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});

export const meResponse = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  region: z.object({ id: z.number(), code: z.string(), name: z.string(), level: z.enum(REGION_LEVELS) }),
  permissions: z.array(z.enum(PERMISSIONS)),
  /** Someone else knows this password (a demo account, a generated initial password). */
  mustChangePassword: z.boolean(),
  /** True in production mode: nothing but changing the password (or signing out) is allowed. */
  passwordChangeEnforced: z.boolean(),
});

export const loginResponse = z.object({ user: meResponse });

/** POST /api/auth/logout answers 204, with no body (and the session cookie cleared). */
export const logoutResponse = z.undefined().describe('已退出，无内容');

export const userListQuery = z.object({
  ...pagingQuery,
  q: z.string().trim().max(64).optional(),
  regionId: z.coerce.number().int().positive().optional(),
  /** Only accounts with sign-in failures or a password to change. */
  attention: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

export const userAccount = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  region: z.object({ id: z.number(), name: z.string() }),
  active: z.boolean(),
  /** Failed sign-ins still counted (from browsers not trusted for this account). */
  failures: z.number(),
  lastFailedAt: timestamp.nullable(),
  challengeRequired: z.boolean(),
  /** Seconds before the next try is looked at (0: now). */
  retryAfterSeconds: z.number(),
  mustChangePassword: z.boolean(),
  passwordChangedAt: timestamp.nullable(),
  /** A department handler's county department. */
  orgUnit: z.object({ id: z.number(), name: z.string() }).nullable(),
  /** Property staff's company. */
  propertyCompany: z.object({ id: z.number(), name: z.string() }).nullable(),
});

export const userList = page(userAccount);

// ── 账号管理: making and changing staff accounts (users.routes.ts, common/staff-accounts.ts) ──

const accountFields = {
  displayName: z.string().trim().min(1, '请填写姓名').max(40),
  role: z.enum(STAFF_ROLES),
  regionId: z.number().int().positive(),
  orgUnitId: z.number().int().positive().nullable().optional(),
  propertyCompanyId: z.number().int().positive().nullable().optional(),
};

export const createUserBody = z.object({
  username: z.string().trim().toLowerCase().regex(USERNAME_PATTERN, '用户名须为3–40位小写字母、数字或 . _ -'),
  ...accountFields,
});
export type CreateUserInput = z.infer<typeof createUserBody>;

export const updateUserBody = z
  .object({
    displayName: accountFields.displayName.optional(),
    role: accountFields.role.optional(),
    regionId: accountFields.regionId.optional(),
    orgUnitId: accountFields.orgUnitId,
    propertyCompanyId: accountFields.propertyCompanyId,
    /** false: 停用 — the account cannot sign in and its sessions end; true: 启用. */
    active: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: '没有要修改的内容' });
export type UpdateUserInput = z.infer<typeof updateUserBody>;

/** A new account or a reset password: the one-time password, shown once and never stored in clear. */
export const accountWithPassword = z.object({
  account: userAccount,
  /** Generated; must be changed at the first sign-in. */
  initialPassword: z.string(),
});
export type AccountWithPassword = z.infer<typeof accountWithPassword>;

export type LoginBody = z.infer<typeof loginBody>;
export type PasswordChangeBody = z.infer<typeof passwordChangeBody>;
export type Me = z.infer<typeof meResponse>;
export type LoginChallenge = z.infer<typeof loginChallenge>;
export type ChallengeSolution = z.infer<typeof challengeSolution>;
export type UserAccount = z.infer<typeof userAccount>;
export type UserListQuery = z.infer<typeof userListQuery>;
export type UserList = z.infer<typeof userList>;
