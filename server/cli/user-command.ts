import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../../common/enums.js';
import { USERNAME_PATTERN } from '../../common/staff-accounts.js';
import type { Config } from '../platform/config.js';
import { hashPassword } from '../platform/auth/password.js';
import { passwordProblem } from '../platform/auth/password-policy.js';
import { generateInitialPassword } from '../platform/auth/initial-password.js';
import { createAccount, identityRepository } from '../domains/identity/index.js';
import { openConfiguredDatabase } from './command-database.js';

/** `civicgrid user create`: how a production install gets its first administrator. */
export async function userCommand(config: Config, args: string[]) {
  const [sub, ...rest] = args;
  if (sub !== 'create') throw new Error('用法: civicgrid user create --username U --role R --region-code C [--name 姓名] [--password P]');
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      'region-code': { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
    },
  });
  if (!values.username || !USERNAME_PATTERN.test(values.username)) throw new Error('--username 须为 3–40 位小写字母、数字或 . _ -');
  if (!ROLES.includes(values.role as Role)) throw new Error(`--role 须为 ${ROLES.join(' | ')}`);
  const generated = !values.password;
  const password = values.password ?? generateInitialPassword();
  const problem = passwordProblem(password);
  if (problem) throw new Error(problem);
  const database = await openConfiguredDatabase(config, { name: 'user create' });
  try {
    const { regionName } = await createAccount(identityRepository(database.db), {
      username: values.username,
      password_hash: await hashPassword(password),
      display_name: values.name ?? values.username,
      role: values.role!,
      regionCode: values['region-code'] ?? '',
      must_change_password: generated,
    });
    console.log(`已创建账号 ${values.username}（${values.role}，${regionName}）${generated ? `，初始密码：${password}` : ''}`);
  } finally {
    await database.close();
  }
}
