import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { CaseFormField, DB } from '../../platform/db/schema.js';
import { BATCH_ROWS, openIdSequence, syncSequences, type IdSequence, type PgType } from '../../platform/db/bulk-insert.js';
import { localDateOf, type SlaUnit, type WorkingCalendar } from '../../platform/calendar/working-calendar.js';
import { COUNTY_GEOJSON_FILE, countyCenter, isInsideCounty } from '../../platform/geo/county-boundary.js';
import { SATISFACTION_ZH } from '../../../common/labels-zh.js';
import type { CaseAction, CaseSource, CaseStatus } from '../../../common/enums.js';
import { checkAttributes } from '../../../common/case-form.js';
import { clocksAfter, clocksAtReport, leaderInCharge, loadCalendar, MAX_REOPENS, routeCase, type Route } from '../cases/index.js';
import { PhoneIssuer } from './identifiers.js';
import { personName } from './names.js';
import { STREETS } from './place-names.js';
import { apportion, createRandom, deriveSeed, WeightedTable, type Random } from './random.js';

/**
 * Demo casework for a generated county: cases reported over the last `days` days, each walked
 * through the real loop (上报 → 受理 → 立案 → 派遣 → 签收 → 处置 → 核查 → 结案 → 评价) as far as it
 * would have got by `now`. Clocks come from case-clocks.ts on the county's WorkingCalendar, handling
 * units from the real routing, 督办 notices from the sweep's own rules, so a generated case is
 * indistinguishable from one the API made. The same seed, size and `now` give the same rows.
 */
export interface GenerateCasesOptions {
  cases: number;
  seed: number;
  /** Cases are reported over this many days up to `now` (today included). */
  days?: number;
  now?: Date;
  /** CASE_ESCALATE_HOURS: how long a 督办单 waits before it goes to the leader. */
  escalateHours?: number;
  onProgress?: (message: string) => void;
}

export interface CasesSummary { cases: number; open: number; overdue: number; events: number; supervisions: number; demoResidentCases: number; elapsedMs: number }

type Source = Extract<CaseSource, 'resident' | 'grid_patrol' | 'hotline' | 'open311'>;
const MINUTE = 60_000, HOUR = 3_600_000, DAY = 86_400_000;

// What a county's 数字城管 desk sees most: 市容环境 and 公共设施, then parking, property and disputes.
const LEAF_WEIGHTS: Record<string, number> = {
  garbage: 9, clutter: 8, street_vending: 5, illegal_ads: 4, greenery: 3,
  streetlight: 8, manhole: 3, road_damage: 6, water_supply: 4, gas: 1, heating: 3,
  security_risk: 1.5, fire_passage: 3, ebike_charging: 4, neighbour_dispute: 4, family_dispute: 1.5, wage_dispute: 2,
  property_repair: 5, property_complaint: 3, construction_noise: 2, social_noise: 3.5, parking_blocking: 5,
  abandoned_vehicle: 2.5, air_pollution: 2, water_pollution: 1, food_safety_issue: 1.5, other_issue: 2,
};
// Grid workers find what is visible from the street; callers to 12345 bring disputes, noise and pollution.
const SOURCE_LEAN: Record<Source, Record<string, number>> = {
  resident: { property_service: 1.6, city_appearance: 0.9 },
  grid_patrol: { city_appearance: 1.6, fire_safety: 1.8, illegal_parking: 1.5, abandoned_vehicles: 2, disputes: 0.5, property_service: 0.3, noise: 0.4, food_safety: 0.5 },
  hotline: { disputes: 1.8, noise: 1.6, environment: 1.6, food_safety: 1.8, public_facilities: 1.2, city_appearance: 0.6 },
  open311: {},
};
const DAY_SOURCES = new WeightedTable<Source>([['resident', 36], ['grid_patrol', 34], ['hotline', 26], ['open311', 4]]);
const NIGHT_SOURCES = new WeightedTable<Source>([['resident', 58], ['hotline', 40], ['open311', 2]]);
// Reports per hour of the day (local): morning and afternoon peaks, a quiet night.
const HOURS = new WeightedTable<number>([0.3, 0.15, 0.1, 0.1, 0.15, 0.3, 0.8, 1.8, 3.2, 4, 4, 3.4, 2.2, 2.4, 3.4, 3.6, 3.4, 2.8, 2, 2, 1.8, 1.4, 0.8, 0.5].map((w, h) => [h, w] as const));
const SATISFACTION = new WeightedTable<keyof typeof SATISFACTION_ZH>([['satisfied', 80], ['basically_satisfied', 14], ['dissatisfied', 6]]);
// Open311 clients and the 12345 order number format are invented for the demo.
const OPEN311_CLIENTS = ['泉城办APP', '爱山东APP'];

const SAY: Record<string, string[]> = {
  garbage: ['垃圾桶满了两天没人清运，气味很大', '路边垃圾堆放没人收，招苍蝇', '垃圾站周边污水横流，清运不及时'],
  clutter: ['楼道里堆满杂物，影响通行', '路边堆放建筑垃圾好几天了', '绿化带里有人堆放废旧家具'],
  street_vending: ['早市摊贩占道经营，车辆过不去', '流动摊点占用人行道，晚上很乱', '学校门口有摊贩占道'],
  illegal_ads: ['墙上贴满小广告', '电线杆上乱贴办证广告', '单元门口被喷涂小广告'],
  greenery: ['绿化带树木被砍伐', '草坪被车辆碾压损坏', '大风刮断树枝压在路边'],
  streetlight: ['路灯不亮，晚上出行很黑', '一排路灯白天一直亮着', '路灯灯罩掉落，存在隐患'],
  manhole: ['井盖缺失，路人容易掉下去', '井盖破损下沉，车辆经过咣咣响', '雨水井盖松动'],
  road_damage: ['路面有大坑，电动车容易摔倒', '人行道地砖松动破损', '路面塌陷，已放了警示物'],
  water_supply: ['路边水管漏水，水流到路面', '小区突然停水，没有通知', '自来水发黄'],
  gas: ['楼道里闻到燃气味', '燃气管道锈蚀严重'],
  heating: ['暖气不热，室温只有十三四度', '供暖管道漏水', '整栋楼暖气都不热'],
  security_risk: ['小区门禁坏了，陌生人随意进出', '夜间有可疑人员在车棚附近徘徊', '电动车接连被盗'],
  fire_passage: ['消防通道被私家车占用', '消防通道堆放杂物', '楼道消防栓被杂物挡住'],
  ebike_charging: ['有人从楼上飞线给电动车充电', '电动车停在楼道里充电', '单元门口私拉电线充电'],
  neighbour_dispute: ['楼上漏水到楼下，协商不成', '邻居占用公共楼道，多次沟通无果', '因宅基地界线与邻居发生纠纷'],
  family_dispute: ['子女不履行赡养义务', '家庭矛盾，请社区协调'],
  wage_dispute: ['工地拖欠工资三个月', '饭店辞职后不给结清工资', '装修公司拖欠工人工资'],
  property_repair: ['电梯经常故障停运', '楼道灯坏了很久没修', '单元门禁坏了', '楼顶漏雨'],
  property_complaint: ['物业保洁不到位，楼道很脏', '物业乱收停车费', '物业对报修不理不睬'],
  construction_noise: ['工地夜间施工，噪音很大', '凌晨还在打桩'],
  social_noise: ['广场舞音响声音太大', '商铺门口大喇叭循环播放', '楼上装修周末一早就开始'],
  parking_blocking: ['车辆乱停堵住小区出口', '路口违停影响通行', '大货车长期停在路边'],
  abandoned_vehicle: ['一辆轿车长期停放落满灰尘', '无牌面包车停了半年没人动', '车辆轮胎瘪了，车身锈蚀'],
  air_pollution: ['有人焚烧垃圾，烟很大', '饭店油烟直排，呛得开不了窗', '工厂夜间排放异味'],
  water_pollution: ['河道里有污水排入，发黑发臭', '有人往沟渠倾倒废水'],
  food_safety_issue: ['饭店后厨卫生差', '超市售卖过期食品'],
  other_issue: ['建议增设公交站台', '小区周边缺少健身器材', '希望增加便民停车位'],
};
const RESULTS: Record<string, string[]> = {
  city_appearance: ['已安排人员清理完毕，现场恢复整洁', '已清运并加密巡查频次', '已劝离并对当事人进行教育'],
  public_facilities: ['已派维修人员修复', '已更换损坏部件，恢复正常', '已设置警示并完成修复'],
  public_security: ['已加强巡逻防控，并告知报事人', '派出所已出警处置'],
  fire_safety: ['已清理通道并张贴告知书', '已现场劝导并拆除私拉电线'],
  disputes: ['经社区调解，双方达成一致', '已组织双方协商，签订调解协议', '已引导当事人通过法律途径解决'],
  property_service: ['已督促物业公司维修完毕', '已约谈物业公司并限期整改'],
  noise: ['已现场劝导，噪音已停止', '已责令施工单位停止夜间施工'],
  illegal_parking: ['已联系车主挪车', '已张贴违停告知单并拖移'],
  abandoned_vehicles: ['已联系车主自行处置', '已按程序公告后拖移至停车场'],
  environment: ['已现场查处，责令停止排放', '已采样检测并督促整改'],
  food_safety: ['已对经营者立案调查并责令整改'],
  other: ['已转相关部门研究办理，并答复报事人'],
};
const REJECTIONS = ['经核实不属于受理范围，已告知向相关单位反映', '诉求不明确，联系报事人未果', '与已受理事件重复'];
const EXTENSIONS = ['需协调产权单位，申请延期', '维修材料需采购，申请延期', '涉及多个部门，需联合处置'];
const SUSPENSIONS = ['涉及历史遗留问题，待专项整治统一处理', '需等待法院判决结果'];
const VERIFY_FAILS = ['现场核查问题仍然存在', '处置不彻底，需继续处理'];
const DISSATISFIED = ['处理不彻底，问题又出现了', '处理太慢了'];
// supervision.ts STEP_ZH: the step names its 督办单 quote.
const STEP_ZH: Record<string, string> = { accept: '受理', dispatch: '派遣', sign: '签收', handle: '处置', verify: '核查', close: '结案' };

type Column = PgType | 'jsonb' | 'float8';
const CASE_COLUMNS: Record<string, Column> = {
  id: 'bigint', number: 'text', category_id: 'bigint', status: 'text', source: 'text', title: 'text', description: 'text',
  attributes: 'jsonb', is_public: 'boolean', urgent: 'boolean', lon: 'float8', lat: 'float8', address: 'text', house_id: 'bigint',
  region_id: 'bigint', region_path: 'text', handler_unit_id: 'bigint', handler_region_id: 'bigint', first_unit_id: 'bigint',
  reported_at: 'timestamptz', accepted_at: 'timestamptz', dispatched_at: 'timestamptz', signed_at: 'timestamptz',
  handled_at: 'timestamptz', verified_at: 'timestamptz', closed_at: 'timestamptz', evaluated_at: 'timestamptz',
  due_at: 'timestamptz', warn_at: 'timestamptz', step: 'text', step_due_at: 'timestamptz', next_deadline_at: 'timestamptz',
  paused_at: 'timestamptz', paused_status: 'text', pending_request: 'jsonb', result: 'text', satisfaction: 'text',
  reopen_count: 'int', supervision_level: 'int', escalate_at: 'timestamptz', last_event_at: 'timestamptz',
};
const SOURCE_COLUMNS: Record<string, Column> = {
  id: 'bigint', case_id: 'bigint', source: 'text', reference: 'text', reporter_name: 'text', reporter_phone: 'text',
  anonymous: 'boolean', description: 'text', reported_at: 'timestamptz',
};
const EVENT_COLUMNS: Record<string, Column> = {
  id: 'bigint', case_id: 'bigint', at: 'timestamptz', actor_name: 'text', actor_unit: 'text', action: 'text',
  from_status: 'text', to_status: 'text', note: 'text', audience: 'text', data: 'jsonb',
};
const SUPERVISION_COLUMNS: Record<string, Column> = {
  id: 'bigint', case_id: 'bigint', level: 'int', org_unit_id: 'bigint', region_id: 'bigint', leader_id: 'bigint',
  backup_leader_id: 'bigint', reason: 'text', issued_at: 'timestamptz', acknowledged_at: 'timestamptz',
};
type Row = Record<string, unknown>;

/**
 * The unnest insert of bulk-insert.ts (docs/decisions/006) with two more column types it lacks:
 * jsonb travels as text and is cast per row, float8 as itself.
 */
async function insertAll(db: Kysely<DB>, table: string, columns: Record<string, Column>, rows: readonly Row[]) {
  const entries = Object.entries(columns);
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    const params = entries.map(([name, type]) => sql`${batch.map((r) => r[name] ?? null)}::${sql.raw(type === 'jsonb' ? 'text' : type)}[]`);
    const select = entries.map(([, type], i) => sql.raw(type === 'jsonb' ? `c${i}::jsonb` : `c${i}`));
    await sql`insert into ${sql.table(table)} (${sql.join(entries.map(([name]) => sql.ref(name)))})
      select ${sql.join(select)} from unnest(${sql.join(params)}) as t(${sql.join(entries.map((_, i) => sql.raw(`c${i}`)))})`.execute(db);
  }
}

interface Category {
  id: number; code: string; name: string; parentCode: string; is_public: boolean; form: CaseFormField[];
  sla_amount: number; sla_unit: SlaUnit; sign_limit_hours: number; ruleKeys: string[]; regionalRules: boolean;
}
interface Place {
  id: number; name: string; path: string; level: 'grid' | 'community'; people: number; communityId: number; communityName: string;
  village: boolean; townId: number; townName: string; seat: boolean; worker: string | null;
}

/** What every case draws on, loaded once. */
async function loadWorld(db: Kysely<DB>, seed: number) {
  const all = await db.selectFrom('case_categories').select(['id', 'code', 'name', 'parent_id', 'is_public', 'form', 'sla_amount', 'sla_unit', 'sign_limit_hours', 'active']).execute();
  const rules = await db.selectFrom('case_routing_rules').select(['category_id', 'attribute_key', 'region_id']).execute();
  const parentOf = new Map(all.map((c) => [c.id, c.parent_id]));
  const chain = (id: number) => { const ids = []; for (let c: number | null = id; c !== null && ids.length < 10; c = parentOf.get(c) ?? null) ids.push(c); return ids; };
  const leaves: Category[] = all.filter((c) => c.active && !all.some((k) => k.parent_id === c.id && k.active)).map((c) => {
    const ids = chain(c.id), mine = rules.filter((r) => ids.includes(r.category_id));
    return {
      id: c.id, code: c.code, name: c.name, parentCode: all.find((p) => p.id === ids[ids.length - 1])!.code, is_public: c.is_public, form: c.form,
      sla_amount: c.sla_amount, sla_unit: c.sla_unit as SlaUnit, sign_limit_hours: c.sign_limit_hours,
      ruleKeys: [...new Set(mine.flatMap((r) => (r.attribute_key ? [r.attribute_key] : [])))], regionalRules: mine.some((r) => r.region_id !== null),
    };
  });
  if (leaves.length === 0) throw new Error('no case categories: load the catalogue (syncCaseCatalogue) first');

  // Grids weighted by the people living in them; a county without generated people gets its communities.
  const { rows: grids } = await sql<{ id: number; name: string; path: string; community_id: number; community_name: string; kind: string; town_id: number; town_name: string; people: number; worker: string | null }>`
    select g.id, g.name, g.path, c.id as community_id, c.name as community_name, c.kind, t.id as town_id, t.name as town_name,
      coalesce(p.n, 0)::int as people, w.name as worker
    from regions g join regions c on c.id = g.parent_id join regions t on t.id = c.parent_id
    left join (select grid_id, count(*) as n from residents where moved_out_on is null group by grid_id) p on p.grid_id = g.id
    left join lateral (select name from grid_workers where grid_id = g.id order by employment = 'full_time' desc, id limit 1) w on true
    where g.level = 'grid' order by g.id`.execute(db);
  let places: Place[] = grids.map((g) => ({
    id: g.id, name: g.name, path: g.path, level: 'grid', people: Math.max(1, g.people), communityId: g.community_id, communityName: g.community_name,
    village: g.kind === '村', townId: g.town_id, townName: g.town_name, seat: SEAT_TOWNS.includes(g.town_name), worker: g.worker,
  }));
  if (places.length === 0) {
    const { rows } = await sql<{ id: number; name: string; path: string; kind: string; town_id: number; town_name: string }>`
      select c.id, c.name, c.path, c.kind, t.id as town_id, t.name as town_name from regions c join regions t on t.id = c.parent_id
      where c.level = 'community' order by c.id`.execute(db);
    places = rows.map((c) => ({
      id: c.id, name: c.name, path: c.path, level: 'community', people: 1, communityId: c.id, communityName: c.name,
      village: c.kind === '村', townId: c.town_id, townName: c.town_name, seat: SEAT_TOWNS.includes(c.town_name), worker: null,
    }));
  }
  if (places.length === 0) throw new Error('no communities: seed the region data file first');
  const estates = new Map<number, string[]>();
  for (const e of await db.selectFrom('estates').select(['community_id', 'name']).orderBy('id').execute()) {
    estates.set(e.community_id, [...(estates.get(e.community_id) ?? []), e.name]);
  }
  const { rows: houseRows } = await sql<{ id: number; grid_id: number; standard_address: string }>`
    select id, grid_id, standard_address from (select id, grid_id, standard_address, row_number() over (partition by grid_id order by id) as n
      from houses where grid_id is not null) h where n <= 24 order by id`.execute(db);
  const houses = new Map<number, { id: number; address: string }[]>();
  for (const h of houseRows) houses.set(h.grid_id, [...(houses.get(h.grid_id) ?? []), { id: h.id, address: h.standard_address }]);
  const county = await db.selectFrom('regions').select(['id', 'name']).where('level', '=', 'county').orderBy('id').executeTakeFirstOrThrow();
  // Desk staff and unit handlers: a few stable invented names per desk and unit.
  const staff = new Map<string, string[]>();
  const names = (label: string | number, n: number) => {
    let list = staff.get(`${label}`);
    if (!list) {
      const r = createRandom(deriveSeed(seed, 'case-staff', label));
      list = Array.from({ length: n }, () => personName(r, r.chance(0.5) ? 'male' : 'female', r.int(1968, 1998)));
      staff.set(`${label}`, list);
    }
    return list;
  };
  const tables = new Map<string, WeightedTable<Category>>();
  return { leaves, places, placeTable: new WeightedTable(places.map((p) => [p, p.people] as const)), estates, houses, county, names, tables };
}

// 榆山街道 and 锦水街道 are the county seat; their cases cluster around the outline's centre.
const SEAT_TOWNS = ['榆山街道', '锦水街道'];

/** Points inside the county outline. Demo points are invented: no community has coordinates. */
class Points {
  private readonly bbox: [number, number, number, number];
  private readonly center = countyCenter();
  constructor() {
    const geo = JSON.parse(readFileSync(COUNTY_GEOJSON_FILE, 'utf8'));
    const points = (geo.features[0].geometry.coordinates as unknown[]).flat(3) as unknown as number[];
    const lons = points.filter((_, i) => i % 2 === 0), lats = points.filter((_, i) => i % 2 === 1);
    this.bbox = [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
  }
  pick(r: Random, seat: boolean): [number, number] {
    for (;;) {
      const [lon, lat] = seat
        ? [r.around(this.center[0], 0.018, this.center[0] - 0.05, this.center[0] + 0.05), r.around(this.center[1], 0.015, this.center[1] - 0.04, this.center[1] + 0.04)]
        : [r.float(this.bbox[0], this.bbox[2]), r.float(this.bbox[1], this.bbox[3])];
      if (isInsideCounty(lon, lat)) return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
    }
  }
}

export async function generateCases(db: Kysely<DB>, options: GenerateCasesOptions): Promise<CasesSummary> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  if (!Number.isInteger(options.cases) || options.cases < 0) throw new Error('cases must be a non-negative integer');
  const now = options.now ?? new Date();
  const days = options.days ?? 120;
  const world = await loadWorld(db, options.seed);
  const calendar = await loadCalendar(db);
  const ids = {
    cases: await openIdSequence(db, 'cases'), sources: await openIdSequence(db, 'case_sources'),
    events: await openIdSequence(db, 'case_events'), supervisions: await openIdSequence(db, 'case_supervisions'),
  };
  const sequences: IdSequence[] = Object.values(ids);
  // Numbers as reportCase makes them (PY + local date + case_number_seq), reserved in one block so
  // that they rise with the report time; the sequence is moved past the block before any is used.
  let seq = 0;
  if (options.cases > 0) {
    const { rows: [reserved] } = await sql<{ base: string }>`
      select setval('case_number_seq', coalesce(pg_sequence_last_value('case_number_seq'), 0) + ${options.cases}) - ${options.cases} as base`.execute(db);
    seq = Number(reserved.base);
  }

  const routes = new Map<string, Route>();
  const leaders = new Map<number, Awaited<ReturnType<typeof leaderInCharge>>>();
  const sim = new CaseWalker(calendar, now, options.escalateHours ?? 7, world);
  const points = new Points();
  const phones = new PhoneIssuer();
  const summary: CasesSummary = { cases: 0, open: 0, overdue: 0, events: 0, supervisions: 0, demoResidentCases: 0, elapsedMs: 0 };

  const today = Math.floor((now.getTime() + 8 * HOUR) / DAY); // local day number
  const elapsedToday = (now.getTime() + 8 * HOUR) % DAY;
  const hourShare = (ms: number) => { let w = 0; for (let h = 0; h < 24; h++) w += hourWeight(h) * Math.max(0, Math.min(1, ms / HOUR - h)); return w / totalHourWeight; };
  const weights = Array.from({ length: days }, (_, i) => {
    const day = today - days + 1 + i, weekday = (((day + 4) % 7) + 7) % 7;
    // Weekends are quieter; use grows a little over the period as more residents find the H5.
    return (weekday === 0 || weekday === 6 ? 0.7 : 1) * (1 + (0.2 * i) / days) * (i === days - 1 ? hourShare(elapsedToday) : 1);
  });
  const perDay = apportion(options.cases, weights);

  const writing = new Set<Promise<void>>();
  let failure: unknown;
  let reportedPct = 0;
  for (let i = 0; i < days; i++) {
    if (perDay[i] === 0) continue;
    const day = today - days + 1 + i;
    const r = createRandom(deriveSeed(options.seed, 'cases', days - 1 - i));
    // The day's report times first, in order, so numbers and ids rise with time as in life.
    const times: number[] = [];
    while (times.length < perDay[i]) {
      const t = (day * DAY - 8 * HOUR) + HOURS.pick(r) * HOUR + r.int(0, HOUR - 1000);
      if (t < now.getTime()) times.push(t);
    }
    times.sort((a, b) => a - b);
    const out: DayRows = { cases: [], sources: [], events: [], supervisions: [] };
    for (const t of times) {
      const at = new Date(t);
      const hour = new Date(t + 8 * HOUR).getUTCHours();
      const source = (hour >= 8 && hour < 18 ? DAY_SOURCES : NIGHT_SOURCES).pick(r);
      const heating = isHeatingSeason(at);
      const category = categoryTable(world, source, heating).pick(r);
      const draft = draftCase(r, world, points, phones, category, source, at);
      const routeKey = `${category.id}|${category.regionalRules ? draft.place.id : ''}|${category.ruleKeys.map((k) => String(draft.attributes[k] ?? '')).join('|')}`;
      let route = routes.get(routeKey);
      if (!route) {
        route = await routeCase(db, { categoryId: category.id, regionId: draft.regionId, regionPath: draft.regionPath, attributes: draft.attributes });
        routes.set(routeKey, route);
      }
      const unitId = route.target.kind === 'unit' ? route.target.orgUnitId : null;
      if (unitId !== null && !leaders.has(unitId)) leaders.set(unitId, await leaderInCharge(db, unitId));
      const number = `PY${localDateOf(at).replaceAll('-', '')}${String(++seq).padStart(6, '0')}`;
      sim.walk(r, { ...draft, id: ids.cases.next(), number, category, route, leader: unitId ? leaders.get(unitId) ?? null : null }, ids, out);
    }
    if (writing.size >= 2) await Promise.race(writing);
    if (failure) break;
    const write: Promise<void> = writeDay(db, out).then(() => syncSequences(db, sequences)).then(() => {
      summary.cases += out.cases.length;
      summary.open += out.cases.filter((c) => OPEN.has(c.status as CaseStatus)).length;
      summary.overdue += out.cases.filter((c) => OPEN.has(c.status as CaseStatus) && !c.paused_at && c.next_deadline_at && (c.next_deadline_at as string) <= now.toISOString()).length;
      summary.events += out.events.length;
      summary.supervisions += out.supervisions.length;
      const pct = Math.floor((summary.cases / options.cases) * 10) * 10;
      if (pct > reportedPct) { reportedPct = pct; progress(`生成事件 ${summary.cases}/${options.cases}`); }
    }).catch((error: unknown) => { failure ??= error; }).finally(() => writing.delete(write));
    writing.add(write);
  }
  await Promise.all(writing);
  if (failure) throw failure;
  await syncSequences(db, sequences);
  // PGlite has no autovacuum: fresh statistics and visibility maps for the queue and count plans.
  for (const table of ['cases', 'case_sources', 'case_events', 'case_supervisions']) await sql`vacuum analyze ${sql.table(table)}`.execute(db);
  summary.demoResidentCases = await linkDemoResident(db, now);
  summary.elapsedMs = Math.round(performance.now() - started);
  progress(`完成：${summary.cases} 件事件（在办 ${summary.open}，超时 ${summary.overdue}），用时 ${(summary.elapsedMs / 1000).toFixed(1)} 秒`);
  return summary;
}

const hourWeight = (h: number) => [0.3, 0.15, 0.1, 0.1, 0.15, 0.3, 0.8, 1.8, 3.2, 4, 4, 3.4, 2.2, 2.4, 3.4, 3.6, 3.4, 2.8, 2, 2, 1.8, 1.4, 0.8, 0.5][h];
const totalHourWeight = Array.from({ length: 24 }, (_, h) => hourWeight(h)).reduce((a, b) => a + b, 0);
const OPEN = new Set<CaseStatus>(['reported', 'accepted', 'registered', 'dispatched', 'in_progress', 'handled', 'verified', 'suspended']);

// 供暖季 in Shandong's towns: 15 November to 15 March.
function isHeatingSeason(at: Date) {
  const md = localDateOf(at).slice(5);
  return md >= '11-15' || md <= '03-15';
}

function categoryTable({ leaves, tables }: { leaves: Category[]; tables: Map<string, WeightedTable<Category>> }, source: Source, heating: boolean) {
  const key = `${source}|${heating}`;
  let table = tables.get(key);
  if (!table) {
    table = new WeightedTable(leaves.map((c) => [c, (LEAF_WEIGHTS[c.code] ?? 1) * (SOURCE_LEAN[source][c.parentCode] ?? 1)
      * (c.code === 'heating' ? (heating ? 3 : 0.1) : 1)] as const));
    tables.set(key, table);
  }
  return table;
}

interface Draft {
  place: Place; regionId: number; regionPath: string; regionName: string; source: Source; reportedAt: Date;
  title: string; description: string; attributes: Record<string, unknown>; urgent: boolean;
  lon: number | null; lat: number | null; address: string | null; houseId: number | null;
  reporter: { name: string | null; phone: string | null; anonymous: boolean; reference: string | null; actor: string };
}

/** What the reporter sent, as reportCase would have stored it. */
function draftCase(r: Random, world: Awaited<ReturnType<typeof loadWorld>>, points: Points, phones: PhoneIssuer, category: Category, source: Source, at: Date): Draft {
  const place = world.placeTable.pick(r);
  // A hotline order often names only the community; the desk files it there.
  const community = source === 'hotline' && place.level === 'grid' && r.chance(0.15);
  const region = community ? { id: place.communityId, path: place.path.replace(/\d+\/$/, ''), name: place.communityName } : place;
  const withPoint = r.chance({ resident: 0.8, grid_patrol: 0.95, hotline: 0.3, open311: 1 }[source]);
  const [lon, lat] = withPoint ? points.pick(r, place.seat) : [null, null];
  const houses = world.houses.get(place.id);
  const atHome = !community && source === 'resident' && houses && ['property_service', 'fire_safety', 'disputes'].includes(category.parentCode) && r.chance(0.5);
  const house = atHome ? r.pick(houses) : null;
  let address: string | null = null;
  if (!house && (source !== 'resident' || r.chance(0.8))) {
    const estates = world.estates.get(place.communityId);
    address = place.village
      ? `${place.communityName}${r.pick(['村委会门口', '村东头', '村西头', '文化广场', '主街', '小学附近'])}`
      : estates && r.chance(0.6) ? `${r.pick(estates)}${r.pick(['东门', '西门', '南门', `${r.int(1, 18)}号楼附近`, '停车场'])}`
      : r.chance(0.5) ? `${r.pick(STREETS)}${r.int(1, 300)}号附近` : `${r.pick(STREETS)}与${r.pick(STREETS)}交叉口`;
  }
  const said = r.pick(SAY[category.code] ?? SAY.other_issue);
  const description = source === 'hotline' ? `来电人反映：${address ?? place.communityName}${said}，请尽快处理。`
    : source === 'grid_patrol' ? `巡查发现：${said}` : `${said}${r.pick(['', '，麻烦尽快处理', '，希望早点解决', '，已经好几天了'])}`;
  const anonymous = source !== 'grid_patrol' && r.chance(0.05);
  const caller = personName(r, r.chance(0.5) ? 'male' : 'female', r.int(1950, 2002));
  const reporter = source === 'grid_patrol'
    ? { name: place.worker ?? caller, phone: null, anonymous: false, reference: null, actor: place.worker ?? caller }
    : source === 'open311'
      ? { name: r.chance(0.5) ? caller : null, phone: null, anonymous, reference: randomHex(r, 16), actor: r.pick(OPEN311_CLIENTS) }
      : { name: caller, phone: phones.issue(r), anonymous, reference: source === 'hotline' ? `JN${localDateOf(at).replaceAll('-', '')}${String(r.int(0, 999999)).padStart(6, '0')}` : null, actor: anonymous ? '匿名' : caller };
  return {
    place, regionId: region.id, regionPath: region.path, regionName: region.name, source, reportedAt: at,
    title: `${category.name}${address ? `：${address}` : ''}`.slice(0, 60), description, attributes: attributesFor(r, category),
    urgent: r.chance(['gas', 'manhole', 'fire_passage'].includes(category.code) ? 0.3 : 0.02),
    lon, lat, address: house?.address ?? address, houseId: house?.id ?? null, reporter,
  };
}

const randomHex = (r: Random, n: number) => Array.from({ length: n }, () => '0123456789abcdef'[r.int(0, 15)]).join('');

/** The category's form filled in the way people fill it: required fields always, others often. */
function attributesFor(r: Random, category: Category): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of category.form) {
    if (!field.required && r.chance(0.4)) continue;
    const options = field.options?.map((o) => o.value) ?? [];
    if (field.type === 'select') out[field.key] = field.key === 'location_kind' ? r.pick(['road', 'road', 'public_area', 'public_area', 'parking', 'estate', 'estate', 'estate']) : r.pick(options);
    else if (field.type === 'multiselect') out[field.key] = [...new Set(Array.from({ length: r.int(1, 3) }, () => r.pick(options)))];
    else if (field.type === 'boolean') out[field.key] = r.chance(0.3);
    else if (field.type === 'number') out[field.key] = r.int(1, 20);
    else if (field.type === 'date') out[field.key] = '2026-01-01';
    else if (field.key === 'plate') out[field.key] = `鲁A${'ABCDEFGHJK'[r.int(0, 9)]}${r.int(10000, 99999)}`;
    else if (field.key === 'pole_no') out[field.key] = `LD-${String(r.int(1, 4000)).padStart(4, '0')}`;
    else if (field.key === 'brand') out[field.key] = r.pick(['大众', '别克', '五菱', '长安', '丰田', '奇瑞']);
    else if (field.required) out[field.key] = '见描述';
  }
  return checkAttributes(category.form, out);
}

interface DayRows { cases: Row[]; sources: Row[]; events: Row[]; supervisions: Row[] }

async function writeDay(db: Kysely<DB>, rows: DayRows) {
  await db.transaction().execute(async (trx) => {
    await insertAll(trx, 'cases', CASE_COLUMNS, rows.cases);
    await insertAll(trx, 'case_sources', SOURCE_COLUMNS, rows.sources);
    await insertAll(trx, 'case_events', EVENT_COLUMNS, rows.events);
    await insertAll(trx, 'case_supervisions', SUPERVISION_COLUMNS, rows.supervisions);
  });
}

interface WalkCase extends Draft {
  id: number; number: string; category: Category; route: Route;
  leader: Awaited<ReturnType<typeof leaderInCharge>>;
}

/** The row as actOnCase keeps it: status, clocks, timestamps, handler. */
interface State {
  status: CaseStatus; step: string; due_at: Date | null; warn_at: Date | null; step_due_at: Date | null; next_deadline_at: Date | null;
  paused_at: Date | null; paused_status: string | null; pending_request: string | null; supervision_level: number; escalate_at: Date | null;
  accepted_at: Date | null; dispatched_at: Date | null; signed_at: Date | null; handled_at: Date | null; verified_at: Date | null;
  closed_at: Date | null; evaluated_at: Date | null; handler_unit_id: number | null; handler_region_id: number | null;
  first_unit_id: number | null; result: string | null; satisfaction: string | null; reopen_count: number; last_event_at: Date;
}

/**
 * Walks one case through the loop, step by step, until the next step would fall after `now`.
 * Each step's delay is drawn in working minutes, mostly inside the step's limit and sometimes
 * past it; a few cases stall for good. Between steps the supervision sweep is replayed: a
 * 督办单 a minute after a deadline passes, escalation to the leader when it is still overdue.
 */
class CaseWalker {
  constructor(private readonly calendar: WorkingCalendar, private readonly now: Date, private readonly escalateHours: number,
    private readonly world: Awaited<ReturnType<typeof loadWorld>>) {}

  walk(r: Random, c: WalkCase, ids: { sources: IdSequence; events: IdSequence; supervisions: IdSequence }, out: DayRows) {
    const cal = this.calendar, now = this.now.getTime();
    const s: State = {
      status: 'reported', ...clocksAtReport(cal, c.reportedAt), paused_status: null, pending_request: null,
      accepted_at: null, dispatched_at: null, signed_at: null, handled_at: null, verified_at: null, closed_at: null, evaluated_at: null,
      handler_unit_id: null, handler_region_id: null, first_unit_id: null, result: null, satisfaction: null, reopen_count: 0, last_event_at: c.reportedAt,
    } as State;
    const place = c.place;
    const desk = c.source === 'hotline' || c.source === 'open311' ? this.world.county.name : place.communityName;
    const deskPeople = this.world.names(c.source === 'hotline' || c.source === 'open311' ? 'county' : place.communityId, 2);
    const target = c.route.target;
    const targetName = target.kind === 'unit' ? target.name : c.regionName;
    const handlerUnit = target.kind === 'unit' ? target.name : c.regionName;
    const handlerPeople = target.kind === 'unit' ? this.world.names(`unit-${target.orgUnitId}`, 3) : [place.worker ?? r.pick(deskPeople)];
    const verifier = place.worker ?? r.pick(deskPeople);
    const event = (at: Date, actor: string, unit: string | null, action: string, from: string | null, to: string | null, note: string | null, isPublic: boolean, data: Row = {}) =>
      out.events.push({ id: ids.events.next(), case_id: c.id, at: at.toISOString(), actor_name: actor, actor_unit: unit, action, from_status: from, to_status: to, note, audience: isPublic ? 'public' : 'staff', data: JSON.stringify(data) });

    const sweep = (until: number) => {
      if (!OPEN.has(s.status) || s.paused_at || !s.next_deadline_at) return;
      if (s.supervision_level === 0) {
        // The first sweep after the deadline, or after the step that started already late.
        const issued = Math.max(s.next_deadline_at.getTime(), s.last_event_at.getTime()) + MINUTE;
        if (issued >= until) return;
        const at = new Date(issued);
        s.supervision_level = 1;
        s.escalate_at = cal.addWorkingHours(at, this.escalateHours);
        const reason = `${STEP_ZH[s.step] ?? '办理'}已超时限，请立即办理并反馈`;
        const ack = issued + r.int(10, 600) * MINUTE;
        out.supervisions.push({ id: ids.supervisions.next(), case_id: c.id, level: 1, org_unit_id: s.handler_unit_id, region_id: s.handler_unit_id ? null : (s.handler_region_id ?? c.regionId),
          reason, issued_at: at.toISOString(), acknowledged_at: ack < Math.min(until, now) && r.chance(0.8) ? new Date(ack).toISOString() : null });
        event(at, '系统', '督办', 'supervise', s.status, s.status, reason, false);
      }
      if (s.supervision_level === 1 && s.escalate_at && s.escalate_at.getTime() + MINUTE < until) {
        const at = new Date(s.escalate_at.getTime() + MINUTE);
        const leader = s.handler_unit_id ? c.leader : null;
        const reason = leader ? `督办后仍未办结，报分管领导${leader.leaderName}${leader.backupName ? `（AB角：${leader.backupName}）` : ''}` : '督办后仍未办结，报属地镇街';
        s.supervision_level = 2;
        s.escalate_at = null;
        out.supervisions.push({ id: ids.supervisions.next(), case_id: c.id, level: 2, org_unit_id: s.handler_unit_id, region_id: s.handler_unit_id ? null : place.townId,
          leader_id: leader?.leaderId ?? null, backup_leader_id: leader?.backupId ?? null, reason, issued_at: at.toISOString(), acknowledged_at: null });
        event(at, '系统', '督办', 'escalate', s.status, s.status, reason, false, { leader });
      }
    };
    /** One action, as actOnCase applies it; false when it would happen after now. */
    const act = (at: Date | null, action: CaseAction, to: CaseStatus, who: [string, string | null], set: Partial<State>, note: string | null, isPublic: boolean,
      data: Row = {}, opts: Parameters<typeof clocksAfter>[5] = {}, eventAction: string = action) => {
      if (at === null || at.getTime() > now) { sweep(now); return false; }
      sweep(at.getTime());
      const clocks = clocksAfter(cal, s, c.category, action, at, opts);
      const from = s.status;
      Object.assign(s, set, clocks ?? {}, { status: to, last_event_at: at });
      event(at, who[0], who[1], eventAction, from, to, note, isPublic, data);
      return true;
    };
    const work = (from: Date, minutes: number) => cal.addWorkingMinutes(from, Math.max(0, minutes));
    const late = (p: number) => r.chance(p);
    const deskActor = (): [string, string] => [r.pick(deskPeople), desk];
    const handler = (): [string, string] => [r.pick(handlerPeople), handlerUnit];

    event(c.reportedAt, c.reporter.actor, null, 'report', null, 'reported', c.description, true, { source: c.source, ...(c.source === 'hotline' ? { hotlineOrderNo: c.reporter.reference } : {}) });
    out.sources.push({ id: ids.sources.next(), case_id: c.id, source: c.source, reference: c.reporter.reference, reporter_name: c.reporter.name,
      reporter_phone: c.reporter.phone, anonymous: c.reporter.anonymous, description: c.description, reported_at: c.reportedAt.toISOString() });
    const finish = () => { out.cases.push(caseRow(c, s)); };

    // 受理 within two working hours, mostly; a few reports lie unread.
    const tAccept = r.chance(0.002) ? null : work(c.reportedAt, late(0.03) ? r.int(125, 900) : r.int(3, 110));
    if (tAccept && r.chance(0.025)) {
      act(tAccept, 'reject', 'rejected', deskActor(), {}, r.pick(REJECTIONS), true);
      return finish();
    }
    if (!act(tAccept, 'accept', 'accepted', deskActor(), { accepted_at: tAccept }, null, true)) return finish();
    const tRegister = work(tAccept!, r.int(1, 20));
    if (!act(tRegister, 'register', 'registered', deskActor(), {}, null, true)) return finish();
    const tDispatch = work(tRegister, late(0.03) ? r.int(125, 900) : r.int(2, 100));
    const dispatchData = { target: target.kind === 'unit' ? target : { kind: 'grid', regionId: c.regionId, name: c.regionName }, rule: c.route.reason, override: false };
    if (!act(tDispatch, 'dispatch', 'dispatched', deskActor(), {
      handler_unit_id: target.kind === 'unit' ? target.orgUnitId : null, handler_region_id: target.kind === 'grid' ? c.regionId : null, dispatched_at: tDispatch, signed_at: null,
    }, `派遣至${targetName}`, true, { ...dispatchData, suggested: dispatchData.target })) return finish();

    const stalls = r.chance(0.012); // 疑难: the unit never gets it done
    for (;;) {
      const signLimit = c.category.sign_limit_hours * 60;
      const tSign = r.chance(0.003) ? null : work(s.dispatched_at!, late(0.04) ? r.int(signLimit + 5, signLimit * 8) : r.int(2, Math.max(3, signLimit - 5)));
      if (!act(tSign, 'sign', 'in_progress', handler(), { signed_at: tSign, first_unit_id: s.first_unit_id ?? s.handler_unit_id }, null, true)) return finish();
      let last = tSign!;
      if (r.chance(0.03)) {
        const days = r.int(3, 10), reason = r.pick(EXTENSIONS), [byName] = handler();
        const tAsk = work(last, r.int(30, 600));
        const request = { kind: 'extension', days, reason, byUserId: null, byName, at: tAsk.toISOString() };
        if (!act(tAsk, 'request_extension', 'in_progress', [byName, handlerUnit], { pending_request: JSON.stringify(request) }, reason, false, { days })) return finish();
        const tApprove = work(tAsk, r.int(20, 400));
        if (!act(tApprove, 'approve_request', 'in_progress', deskActor(), { pending_request: null }, `同意延期 ${days} 个工作日：${reason}`, true, { request }, { extensionDays: days })) return finish();
        last = tApprove;
      }
      if (r.chance(0.01)) {
        const reason = r.pick(SUSPENSIONS), [byName] = handler();
        const tAsk = work(last, r.int(60, 1200));
        const request = { kind: 'suspension', reason, byUserId: null, byName, at: tAsk.toISOString() };
        if (!act(tAsk, 'request_suspension', 'in_progress', [byName, handlerUnit], { pending_request: JSON.stringify(request) }, reason, false)) return finish();
        const tApprove = work(tAsk, r.int(20, 400));
        if (!act(tApprove, 'approve_request', 'suspended', deskActor(), { pending_request: null, paused_status: 'in_progress' }, `同意挂账：${reason}`, true, { request }, { suspension: true })) return finish();
        const tResume = r.chance(0.5) ? work(tApprove, r.int(5, 30) * 420) : null;
        if (!act(tResume, 'resume', 'in_progress', deskActor(), { paused_status: null }, null, true)) return finish();
        last = tResume!;
      }
      // 处置: a share of the unit's working time from dispatch, sometimes past the promise.
      const allowed = cal.workingMinutesBetween(s.dispatched_at!, s.next_deadline_at ?? s.dispatched_at!);
      let tHandle = stalls ? null : work(s.dispatched_at!, allowed * (late(0.06) ? r.float(1.02, 3) : r.around(0.5, 0.35, 0.05, 0.97)));
      if (tHandle && tHandle < last) tHandle = work(last, r.int(10, 120));
      const result = r.pick(RESULTS[c.category.parentCode] ?? RESULTS.other);
      if (!act(tHandle, 'handle', 'handled', handler(), { result, handled_at: tHandle }, result, true)) return finish();
      const tVerify = work(tHandle!, late(0.03) ? r.int(430, 1500) : r.int(20, 360));
      if (r.chance(0.03)) {
        if (!act(tVerify, 'verify_fail', 'in_progress', [verifier, c.place.name], { handled_at: null }, r.pick(VERIFY_FAILS), true)) return finish();
        const again = work(tVerify, r.int(60, 1200));
        if (!act(again, 'handle', 'handled', handler(), { result, handled_at: again }, result, true)) return finish();
        const tRecheck = work(again, r.int(20, 360));
        if (!act(tRecheck, 'verify', 'verified', [verifier, c.place.name], { verified_at: tRecheck }, '复核通过', true)) return finish();
      } else if (!act(tVerify, 'verify', 'verified', [verifier, c.place.name], { verified_at: tVerify }, r.pick(['现场核查，已处置到位', '已核实', null]), true)) return finish();
      const tClose = work(s.verified_at!, late(0.02) ? r.int(430, 1500) : r.int(10, 300));
      if (!act(tClose, 'close', 'closed', deskActor(), { closed_at: tClose }, null, true)) return finish();
      // Residents rate in the H5, callers when 12345 calls back; patrols and applications do not.
      const rates = c.source === 'resident' ? 0.65 : c.source === 'hotline' ? 0.85 : 0;
      if (!r.chance(rates)) return finish();
      const tRate = new Date(tClose.getTime() + r.int(30, 4 * 24 * 60) * MINUTE);
      const satisfaction = SATISFACTION.pick(r);
      const comment = satisfaction === 'dissatisfied' ? r.pick(DISSATISFIED) : null;
      const reopened = satisfaction === 'dissatisfied' && s.reopen_count < MAX_REOPENS;
      const note = [SATISFACTION_ZH[satisfaction], comment].filter(Boolean).join('：');
      const set: Partial<State> = reopened
        ? { satisfaction, evaluated_at: tRate, reopen_count: s.reopen_count + 1, handled_at: null, verified_at: null, closed_at: null, signed_at: null, dispatched_at: tRate }
        : { satisfaction, evaluated_at: tRate };
      if (!act(tRate, 'evaluate', reopened ? 'dispatched' : 'evaluated', [c.reporter.actor, null], set, note, true, { satisfaction, reopened }, { reopened }, reopened ? 'reopen' : 'evaluate')) return finish();
      if (!reopened) return finish();
    }
  }
}

function caseRow(c: WalkCase, s: State): Row {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: c.id, number: c.number, category_id: c.category.id, status: s.status, source: c.source, title: c.title, description: c.description,
    attributes: JSON.stringify(c.attributes), is_public: c.category.is_public, urgent: c.urgent, lon: c.lon, lat: c.lat, address: c.address,
    house_id: c.houseId, region_id: c.regionId, region_path: c.regionPath, handler_unit_id: s.handler_unit_id, handler_region_id: s.handler_region_id,
    first_unit_id: s.first_unit_id, reported_at: c.reportedAt.toISOString(), accepted_at: iso(s.accepted_at), dispatched_at: iso(s.dispatched_at),
    signed_at: iso(s.signed_at), handled_at: iso(s.handled_at), verified_at: iso(s.verified_at), closed_at: iso(s.closed_at),
    evaluated_at: iso(s.evaluated_at), due_at: iso(s.due_at), warn_at: iso(s.warn_at), step: s.step, step_due_at: iso(s.step_due_at),
    next_deadline_at: iso(s.next_deadline_at), paused_at: iso(s.paused_at), paused_status: s.paused_status, pending_request: s.pending_request,
    result: s.result, satisfaction: s.satisfaction, reopen_count: s.reopen_count, supervision_level: s.supervision_level,
    escalate_at: iso(s.escalate_at), last_event_at: s.last_event_at.toISOString(),
  };
}

// What the reporters' inbox says after each public step (case-actions.ts `tell`).
const TELLS: Record<string, (data: Row) => string> = {
  accept: () => '已受理', reject: () => '不予受理', dispatch: (d) => `已派遣至${(d.target as { name: string }).name}`, sign: () => '已签收',
  approve_request: (d) => ((d.request as { kind: string; days?: number }).kind === 'suspension' ? '已挂账' : `办理期限延长${(d.request as { days: number }).days}个工作日`),
  resume: () => '恢复办理', handle: () => '处置完成', verify: () => '已核查', verify_fail: () => '核查未通过，退回处置', close: () => '已结案，请您评价',
};

/**
 * Gives the demo resident (resident.demo) a handful of resident reports in different states, so
 * the H5 "我的事件" and the inbox show something: the case, its first source and its report and
 * rating lines become theirs, with the notices and the questionnaire they would have received.
 * Returns how many cases were linked; none when the account does not exist (yet).
 */
export async function linkDemoResident(db: Kysely<DB>, now: Date, questionnaireDays = 3): Promise<number> {
  const user = await db.selectFrom('users').leftJoin('residents', 'residents.id', 'users.resident_id')
    .select(['users.id', 'users.display_name', 'residents.phone', 'residents.region_path']).where('users.username', '=', 'resident.demo').executeTakeFirst();
  if (!user) return 0;
  const home = (user.region_path ?? '').replace(/\d+\/$/, ''); // the community of the home grid
  const linked: { id: number; number: string }[] = [];
  for (const statuses of [['reported', 'accepted', 'registered'], ['dispatched', 'in_progress'], ['handled', 'verified'], ['closed'], ['evaluated'], ['evaluated']]) {
    const pick = await db.selectFrom('cases').select(['id', 'number'])
      .where('source', '=', 'resident').where('status', 'in', statuses).where('reporter_user_id', 'is', null)
      .where('id', 'not in', [0, ...linked.map((c) => c.id)])
      .orderBy(sql`region_path like ${`${home}%`}`, 'desc').orderBy('reported_at', 'desc').limit(1).executeTakeFirst();
    if (pick) linked.push(pick);
  }
  if (!linked.length) return 0;
  const caseIds = linked.map((c) => c.id);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('cases').set({ reporter_user_id: user.id }).where('id', 'in', caseIds).execute();
    await trx.updateTable('case_sources').set({ reporter_user_id: user.id, reporter_name: user.display_name, reporter_phone: user.phone, anonymous: false })
      .where('case_id', 'in', caseIds).execute();
    await trx.updateTable('case_events').set({ actor_user_id: user.id, actor_name: user.display_name })
      .where('case_id', 'in', caseIds).where('action', 'in', ['report', 'evaluate', 'reopen']).execute();
    const events = await trx.selectFrom('case_events').innerJoin('cases', 'cases.id', 'case_events.case_id')
      .select(['case_events.case_id', 'case_events.at', 'case_events.action', 'case_events.note', 'case_events.data', 'cases.number'])
      .where('case_events.case_id', 'in', caseIds).where('case_events.audience', '=', 'public').orderBy('case_events.id').execute();
    const notices = events.filter((e) => TELLS[e.action]).map((e) => ({
      user_id: user.id, kind: 'case_update', case_id: e.case_id, title: `事件${e.number}${TELLS[e.action](e.data)}`, body: e.note ?? '', created_at: e.at,
      read_at: e.at.getTime() < now.getTime() - 2 * DAY ? e.at : null,
    }));
    if (notices.length) await trx.insertInto('notifications').values(notices).execute();
    // scheduleQuestionnaires at 结案, and the sweep's delivery once due.
    const closed = await trx.selectFrom('cases').select(['id', 'number', 'closed_at']).where('id', 'in', caseIds).where('closed_at', 'is not', null).execute();
    for (const c of closed) {
      const sendAt = new Date(c.closed_at!.getTime() + questionnaireDays * DAY);
      const sent = sendAt <= now;
      await trx.insertInto('case_questionnaires').values({ case_id: c.id, user_id: user.id, send_at: sendAt, sent_at: sent ? sendAt : null }).execute();
      if (sent) {
        await trx.insertInto('notifications').values({ user_id: user.id, kind: 'questionnaire', case_id: c.id, created_at: sendAt,
          title: `回访：事件${c.number}的问题真的解决了吗？`, body: '请告诉我们问题是否已经解决，您的回答会用于考评承办单位。' }).execute();
      }
    }
  });
  return linked.length;
}
