import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Role } from '../../../common/enums.js';
import { hashPassword } from '../../platform/auth/password.js';
import { identityRepository } from './identity.repository.js';
import { demoAccountsRepository } from './demo-accounts.repository.js';

/**
 * The demo accounts a fresh demo county gets, one or more per role, in two communities and
 * two streets so that region scope can be seen at work. Production mode creates none.
 */
interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  region: { name: string; level: 'county' | 'town' | 'community' } | { gridOf: string };
  orgUnit?: string;
  propertyOfCommunity?: string;
  residentOfCommunity?: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'county.admin', displayName: '县级管理员', role: 'county_admin', region: { name: '平阴县', level: 'county' } },
  { username: 'county.leader', displayName: '县领导（大屏）', role: 'leader', region: { name: '平阴县', level: 'county' } },
  { username: 'yushan.staff', displayName: '榆山街道工作人员', role: 'town_staff', region: { name: '榆山街道', level: 'town' } },
  { username: 'jinshui.staff', displayName: '锦水街道工作人员', role: 'town_staff', region: { name: '锦水街道', level: 'town' } },
  { username: 'jinyuan.staff', displayName: '锦源社区工作人员', role: 'community_staff', region: { name: '锦源社区', level: 'community' } },
  { username: 'jindong.staff', displayName: '锦东社区工作人员', role: 'community_staff', region: { name: '锦东社区', level: 'community' } },
  { username: 'jinyuan.grid', displayName: '锦源社区网格员', role: 'grid_worker', region: { gridOf: '锦源社区' } },
  { username: 'jindong.grid', displayName: '锦东社区网格员', role: 'grid_worker', region: { gridOf: '锦东社区' } },
  {
    username: 'chengguan.handler',
    displayName: '县城市管理局承办人',
    role: 'dept_handler',
    region: { name: '平阴县', level: 'county' },
    orgUnit: '县城市管理局',
  },
  {
    username: 'jinyuan.property',
    displayName: '锦源社区物业',
    role: 'property_staff',
    region: { name: '锦源社区', level: 'community' },
    propertyOfCommunity: '锦源社区',
  },
  {
    username: 'resident.demo',
    displayName: '锦源社区居民',
    role: 'resident',
    region: { name: '锦源社区', level: 'community' },
    residentOfCommunity: '锦源社区',
  },
];

export async function createDemoAccounts(db: Kysely<DB>, password: string) {
  const seed = demoAccountsRepository(db);
  const identity = identityRepository(db);
  const passwordHash = await hashPassword(password);
  const created: { username: string; role: Role; region: string }[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const region =
      'gridOf' in account.region
        ? await seed.firstGridOf(account.region.gridOf)
        : await seed.region(account.region.name, account.region.level);
    if (!region) throw new Error(`演示账号 ${account.username} 的区域不存在`);
    const orgUnit = account.orgUnit ? await seed.unitNamed(account.orgUnit) : undefined;
    const company = account.propertyOfCommunity ? await seed.firstPropertyCompanyIn(region.path) : undefined;
    const resident = account.residentOfCommunity ? await seed.firstHouseholderIn(region.path) : undefined;
    // A grid worker's account belongs to one of the grid's 网格员 records.
    const worker = account.role === 'grid_worker' ? await seed.firstWorkerOfGrid(region.id) : undefined;
    const user = await identity.upsertUser({
      username: account.username,
      password_hash: passwordHash,
      display_name: resident?.name ?? worker?.name ?? account.displayName,
      role: account.role,
      region_id: region.id,
      org_unit_id: orgUnit?.id ?? null,
      property_company_id: company?.property_company_id ?? null,
      resident_id: resident?.id ?? null,
      // Everyone can read the demo password in the banner: production mode makes it be changed.
      must_change_password: true,
    });
    if (worker) await seed.linkWorker(worker.id, user.id);
    created.push({ username: account.username, role: account.role, region: region.name });
  }
  return created;
}
