import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Role } from '../../../common/enums.js';
import { hashPassword } from '../../platform/auth/password.js';
import { upsertUser } from './identity.repository.js';

/**
 * The demo accounts a fresh demo county gets, one or more per role, in two communities and
 * two streets so that region scope can be seen at work. Production mode creates none.
 */
interface DemoAccount {
  username: string; displayName: string; role: Role;
  region: { name: string; level: 'county' | 'town' | 'community' } | { gridOf: string };
  orgUnit?: string; propertyOfCommunity?: string; residentOfCommunity?: string;
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
  { username: 'chengguan.handler', displayName: '县城市管理局承办人', role: 'dept_handler', region: { name: '平阴县', level: 'county' }, orgUnit: '县城市管理局' },
  { username: 'jinyuan.property', displayName: '锦源社区物业', role: 'property_staff', region: { name: '锦源社区', level: 'community' }, propertyOfCommunity: '锦源社区' },
  { username: 'resident.demo', displayName: '锦源社区居民', role: 'resident', region: { name: '锦源社区', level: 'community' }, residentOfCommunity: '锦源社区' },
];

export async function createDemoAccounts(db: Kysely<DB>, password: string) {
  const passwordHash = await hashPassword(password);
  const created: { username: string; role: Role; region: string }[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const region = 'gridOf' in account.region
      ? await firstGridOf(db, account.region.gridOf)
      : await db.selectFrom('regions').select(['id', 'name', 'path']).where('name', '=', account.region.name).where('level', '=', account.region.level).executeTakeFirst();
    if (!region) throw new Error(`演示账号 ${account.username} 的区域不存在`);
    const orgUnit = account.orgUnit
      ? await db.selectFrom('org_units').select('id').where('name', '=', account.orgUnit).executeTakeFirst()
      : undefined;
    const company = account.propertyOfCommunity
      ? await db.selectFrom('estates').select('property_company_id').where('region_path', 'like', `${region.path}%`)
        .where('property_company_id', 'is not', null).orderBy('id').executeTakeFirst()
      : undefined;
    const resident = account.residentOfCommunity
      ? await db.selectFrom('residents').select(['id', 'name']).where('region_path', 'like', `${region.path}%`)
        .where('relation', '=', 'self').where('moved_out_on', 'is', null).orderBy('id').executeTakeFirst()
      : undefined;
    // A grid worker's account belongs to one of the grid's 网格员 records.
    const worker = account.role === 'grid_worker'
      ? await db.selectFrom('grid_workers').select(['id', 'name']).where('grid_id', '=', region.id).orderBy('id').executeTakeFirst()
      : undefined;
    const user = await upsertUser(db, {
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
    if (worker) await db.updateTable('grid_workers').set({ user_id: user.id }).where('id', '=', worker.id).execute();
    created.push({ username: account.username, role: account.role, region: region.name });
  }
  return created;
}

function firstGridOf(db: Kysely<DB>, communityName: string) {
  return db.selectFrom('regions as grid')
    .innerJoin('regions as community', 'community.id', 'grid.parent_id')
    .select(['grid.id', 'grid.name', 'grid.path'])
    .where('community.name', '=', communityName).where('grid.level', '=', 'grid')
    .orderBy('grid.id').executeTakeFirst();
}
