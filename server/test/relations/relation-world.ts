import type { Kysely } from 'kysely';
import { CASE_STATUSES, type CaseStatus, type Role } from '../../../common/enums.js';
import type { DB } from '../../platform/db/schema.js';
import { buildTestApp, loginAs } from '../app.js';
import {
  buildCasePhoto,
  buildHouse,
  buildResident,
  buildUser,
  categoryByCode,
  makeIdCard,
  regionByName,
  seedCasework,
} from '../factories.js';
import { upsertRegion } from '../../domains/regions/regions.seed.js';

/**
 * Two communities in two towns, each with every kind of user and with generated cases in every
 * state, dispatched to every kind of target, for the relation walk (case-relations.int.test.ts).
 * Every case carries markers the walk looks for in responses: a line for the public, one for
 * staff and an internal note, each with a full mobile number or ID number in it.
 */
export const USER_KEYS = [
  'county_admin',
  'leader',
  'town_staff',
  'community_staff',
  'grid_worker',
  'grid_worker_2',
  'dept_handler',
  'property_staff',
  'resident',
  'resident_2',
] as const;
export type UserKey = (typeof USER_KEYS)[number];

const ROLE_OF: Record<UserKey, Role> = {
  county_admin: 'county_admin',
  leader: 'leader',
  town_staff: 'town_staff',
  community_staff: 'community_staff',
  grid_worker: 'grid_worker',
  grid_worker_2: 'grid_worker',
  dept_handler: 'dept_handler',
  property_staff: 'property_staff',
  resident: 'resident',
  resident_2: 'resident',
};
export const roleOf = (key: UserKey) => ROLE_OF[key];

/**
 * Where a case has been sent: nowhere yet, the world's department, the grid it lies in, its
 * community, or its community after a 转办 away from the department that signed it first.
 */
export const TARGETS = ['none', 'unit', 'grid', 'community', 'transferred'] as const;
export type Target = (typeof TARGETS)[number];
const BEFORE_DISPATCH: CaseStatus[] = ['reported', 'accepted', 'rejected', 'registered'];

export interface WalkCase {
  id: number;
  world: 0 | 1;
  status: CaseStatus;
  target: Target;
  /** A 12345 order: a caller, no filing user. */
  hotline: boolean;
  pending: boolean;
  /** Users with a case source of their own that is not the filing one (joined, merged). */
  followers: Set<string>;
  markers: { publicNote: string; staffNote: string; internalNote: string; description: string };
  photos: { publicLine: number; internalLine: number };
}

export interface WalkUser {
  key: UserKey;
  world: 0 | 1;
  role: Role;
  id: number;
  username: string;
  cookie: string;
  phone: string | null;
}

const TOWNS = [
  ['榆山街道', '锦源社区'],
  ['锦水街道', '玫瑰苑社区'],
] as const;
const UNITS = ['县城市管理局', '县水务局'] as const;

/** A mobile number per case and line kind, so a leak names its source. */
const phoneFor = (caseIndex: number, kind: number) => `13${7 + kind}${String(caseIndex).padStart(8, '0')}`;

export async function buildRelationWorld() {
  const t = await buildTestApp();
  const db = t.db;
  await seedCasework(db);
  const category = await categoryByCode(db, 'clutter'); // public, no form: anyone may say "我也遇到了"
  const users: WalkUser[] = [];
  const worlds = [];
  for (const index of [0, 1] as const) {
    const [townName, communityName] = TOWNS[index];
    const house = await buildHouse(db, communityName, { estate: `关系测试小区${index}` });
    const community = await regionByName(db, communityName);
    const g2 = await upsertRegion(db, community.id, community.path, {
      code: `LREL${index}2`,
      name: `关系第二网格${index}`,
      level: 'grid',
      kind: '网格',
      sort: 9,
    });
    const unit = await db.selectFrom('org_units').select('id').where('name', '=', UNITS[index]).executeTakeFirstOrThrow();
    const company = await db
      .insertInto('property_companies')
      .values({ name: `关系测试物业${index}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('estates').set({ property_company_id: company.id }).where('id', '=', house.estateId).execute();
    const county = await regionByName(db, '平阴县');
    const town = await regionByName(db, townName);
    const regionOf: Record<UserKey, number> = {
      county_admin: county.id,
      leader: county.id,
      dept_handler: county.id,
      town_staff: town.id,
      community_staff: community.id,
      grid_worker: house.grid_id!,
      grid_worker_2: g2.id,
      property_staff: community.id,
      resident: community.id,
      resident_2: community.id,
    };
    for (const key of USER_KEYS) {
      const phone = key.startsWith('resident') ? `1580000${index}${key === 'resident' ? '001' : '002'}` : null;
      const resident = phone ? await buildResident(db, house, { name: `关系${key}${index}`, phone }) : null;
      const username = await buildUser(db, ROLE_OF[key], regionOf[key], {
        username: `rel.${key}.${index}`,
        residentId: resident?.id,
        propertyCompanyId: key === 'property_staff' ? company.id : undefined,
      });
      const row = await db
        .updateTable('users')
        .set({ org_unit_id: key === 'dept_handler' ? unit.id : null, display_name: `关系${key}${index}` })
        .where('username', '=', username)
        .returning('id')
        .executeTakeFirstOrThrow();
      users.push({ key, world: index, role: ROLE_OF[key], id: row.id, username, cookie: (await loginAs(t.app, username)).cookie, phone });
    }
    worlds.push({ index, house, community, town, g2, unitId: unit.id });
  }
  const userOf = (key: UserKey, world: number) => users.find((u) => u.key === key && u.world === world)!;

  const cases: WalkCase[] = [];
  let n = 0;
  for (const w of worlds) {
    const filer = userOf('resident', w.index);
    const kinds: { status: CaseStatus; target: Target; hotline: boolean; pending: boolean }[] = [];
    for (const status of CASE_STATUSES) {
      for (const target of BEFORE_DISPATCH.includes(status) ? ['none' as const] : TARGETS.filter((x) => x !== 'none')) {
        kinds.push({ status, target, hotline: false, pending: false });
      }
    }
    kinds.push({ status: 'dispatched', target: 'unit', hotline: true, pending: false });
    kinds.push({ status: 'in_progress', target: 'grid', hotline: false, pending: true });
    for (const k of kinds) {
      const i = ++n;
      // A resident writes their own number; a 12345 caller's is typed in by the clerk.
      const ownPhone = k.hotline ? phoneFor(i, 0) : filer.phone!;
      const markers = {
        description: `居民描述DESC#${i}：联系电话${ownPhone}`,
        publicNote: `公开进展PUBLIC#${i}：已联系${phoneFor(i, 1)}`,
        staffNote: `工作人员备注STAFF#${i}：身份证${makeIdCard('19700101')}`,
        internalNote: `内部备注INTERNAL#${i}：${phoneFor(i, 2)}`,
      };
      const id = await insertCase(db, {
        ...k,
        index: i,
        world: w,
        category: category.id,
        filer: k.hotline ? null : filer.id,
        markers,
        callerPhone: ownPhone,
      });
      const photos = await insertLines(t, db, id, k.status, markers);
      cases.push({ id, world: w.index, ...k, followers: new Set(), markers, photos });
    }
  }
  return { t, db, users, worlds, cases, userOf, categoryId: category.id };
}

export type RelationWorld = Awaited<ReturnType<typeof buildRelationWorld>>;

interface NewCase {
  status: CaseStatus;
  target: Target;
  hotline: boolean;
  pending: boolean;
  index: number;
  category: number;
  filer: number | null;
  world: { house: { id: number; grid_id: number | null; region_path: string }; community: { id: number }; unitId: number; index: number };
  markers: WalkCase['markers'];
  callerPhone: string;
}

async function insertCase(db: Kysely<DB>, c: NewCase) {
  const now = Date.now();
  const dispatched = c.target !== 'none';
  const handlerUnit = c.target === 'unit' ? c.world.unitId : null;
  const handlerRegion =
    c.target === 'grid' ? c.world.house.grid_id : c.target === 'community' || c.target === 'transferred' ? c.world.community.id : null;
  const at = (status: CaseStatus, ...reached: CaseStatus[]) => (reached.includes(status) ? new Date(now - 3600_000) : null);
  const s = c.status;
  const row = await db
    .insertInto('cases')
    .values({
      number: `PYREL${String(c.index).padStart(6, '0')}`,
      category_id: c.category,
      status: s,
      source: c.hotline ? 'hotline' : 'resident',
      title: `乱堆乱放：${c.markers.description.slice(0, 20)}`,
      description: c.markers.description,
      is_public: true,
      lon: 116.4551 + c.index * 0.0001,
      lat: 36.2869,
      address: `关系测试小区3号楼2单元1502室 王建国家`,
      region_id: c.world.house.grid_id!,
      region_path: c.world.house.region_path,
      reporter_user_id: c.filer,
      handler_unit_id: handlerUnit,
      handler_region_id: handlerRegion,
      first_unit_id: c.target === 'transferred' ? c.world.unitId : c.target === 'unit' && s !== 'dispatched' ? handlerUnit : null,
      accepted_at: at(
        s,
        'accepted',
        'registered',
        'dispatched',
        'in_progress',
        'handled',
        'verified',
        'closed',
        'evaluated',
        'suspended',
        'merged',
      ),
      dispatched_at: dispatched ? new Date(now - 3600_000) : null,
      signed_at: at(s, 'in_progress', 'handled', 'verified', 'closed', 'evaluated', 'suspended'),
      handled_at: at(s, 'handled', 'verified', 'closed', 'evaluated'),
      verified_at: at(s, 'verified', 'closed', 'evaluated'),
      closed_at: at(s, 'closed', 'evaluated'),
      evaluated_at: at(s, 'evaluated'),
      paused_at: s === 'suspended' ? new Date(now - 1800_000) : null,
      paused_status: s === 'suspended' ? 'in_progress' : null,
      pending_request: c.pending
        ? JSON.stringify({
            kind: 'extension',
            days: 3,
            reason: '材料待补',
            byUserId: null,
            byName: '承办人',
            at: new Date(now).toISOString(),
          })
        : null,
      due_at: new Date(now + 5 * 86_400_000),
      next_deadline_at: new Date(now + 86_400_000),
      step: 'handle',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('case_sources')
    .values({
      case_id: row.id,
      source: c.hotline ? 'hotline' : 'resident',
      reference: c.hotline ? `12345-REL-${c.index}` : null,
      reporter_user_id: c.filer,
      reporter_name: c.hotline ? '赵来电' : '关系resident',
      reporter_phone: c.callerPhone,
      description: c.markers.description,
    })
    .execute();
  return row.id;
}

/** The report, a public step, a staff step and an internal note, with a photo on the public and the internal line. */
async function insertLines(
  t: Awaited<ReturnType<typeof buildTestApp>>,
  db: Kysely<DB>,
  caseId: number,
  status: CaseStatus,
  m: WalkCase['markers'],
) {
  const line = (action: string, note: string, audience: 'public' | 'staff' | 'internal') =>
    db
      .insertInto('case_events')
      .values({
        case_id: caseId,
        actor_name: '关系测试',
        actor_unit: audience === 'public' && action === 'report' ? null : '测试单位',
        action,
        from_status: status,
        to_status: status,
        note,
        audience,
        data: '{}',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  await line('report', m.description, 'public');
  const pub = await line('accept', m.publicNote, 'public');
  await line('supervise', m.staffNote, 'staff');
  const internal = await line('comment', m.internalNote, 'internal');
  const photo = async (eventId: number, tag: string) => {
    const bytes = Buffer.from(`relation photo ${caseId} ${tag}`);
    t.app.casework.files.save('case-photos', bytes, '.jpeg'); // the original keeps its own kind
    return buildCasePhoto(t.app, db, bytes, { case_id: caseId, event_id: eventId });
  };
  return { publicLine: await photo(pub.id, 'public'), internalLine: await photo(internal.id, 'internal') };
}

/** A copy of a case (row, sources), to try a step on without changing the original. */
export async function cloneCase(db: Kysely<DB>, id: number, serial: number) {
  const c = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const { id: _id, open: _open, number: _number, idempotency_key: _key, ...rest } = c;
  const copy = await db
    .insertInto('cases')
    .values({
      ...rest,
      number: `PYCLN${String(serial).padStart(7, '0')}`,
      attributes: JSON.stringify(c.attributes),
      pending_request: c.pending_request === null ? null : JSON.stringify(c.pending_request),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sources = await db.selectFrom('case_sources').selectAll().where('case_id', '=', id).execute();
  for (const { id: _s, case_id: _c, ...s } of sources)
    await db
      .insertInto('case_sources')
      .values({ ...s, case_id: copy.id })
      .execute();
  return copy.id;
}
