import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { CaseFormField, DB } from '../platform/db/schema.js';
import { openIdSequence, syncSequences, type IdSequence } from '../platform/db/bulk-insert.js';
import { localDateOf, type SlaUnit } from '../platform/calendar/working-calendar.js';
import { COUNTY_GEOJSON_FILE, countyCenter, isInsideCounty } from '../platform/geo/county-boundary.js';
import type { CaseSource, CaseStatus } from '../../common/enums.js';
import { checkAttributes } from '../../common/case-form.js';
import { isOpenStatus, leaderInCharge, loadCalendar, routeCase, type Leader, type Route } from '../domains/cases/index.js';
import { seedDemoCampaign } from './av-campaign.js';
import { locationInWords, type NamedPoint } from '../domains/regions/index.js';
import { pointNear } from './positions.js';
import { caseSeedRepository, type DayRows } from './cases.repository.js';
import { CaseWalker } from './case-walker.js';
import { linkDemoResident } from './demo-resident.js';
import { PhoneIssuer } from './identifiers.js';
import { personName } from './names.js';
import { STREETS } from './place-names.js';
import { apportion, createRandom, deriveSeed, WeightedTable, type Random } from './random.js';
import { WriteQueue } from './write-queue.js';

/**
 * Demo casework for a generated county: cases reported over the last `days` days, each walked
 * through the real loop (上报 → 受理 → 立案 → 派遣 → 签收 → 处置 → 核查 → 结案 → 评价) as far as it
 * would have got by `now` by the engine's own step definitions (case-walker.ts), on the county's
 * WorkingCalendar, with handling units from the real routing and 督办 from the sweep's own
 * decisions, so a generated case is indistinguishable from one the API made (docs/decisions/014).
 * The same seed, size and `now` give the same rows.
 */
export interface GenerateCasesOptions {
  cases: number;
  seed: number;
  /** Cases are reported over this many days up to `now` (today included). */
  days?: number;
  now?: Date;
  /** CASE_ESCALATE_HOURS: how long a 督办单 waits before it goes to the leader. */
  escalateHours?: number;
  /** CASE_QUESTIONNAIRE_DAYS: the 回访 after closing, for the demo resident's cases. */
  questionnaireDays?: number;
  onProgress?: (message: string) => void;
}

export interface CasesSummary {
  cases: number;
  open: number;
  overdue: number;
  events: number;
  supervisions: number;
  demoResidentCases: number;
  elapsedMs: number;
}

type Source = Extract<CaseSource, 'resident' | 'grid_patrol' | 'hotline' | 'open311'>;
const HOUR = 3_600_000,
  DAY = 86_400_000;

// What a county's 数字城管 desk sees most: 市容环境 and 公共设施, then parking, property and disputes.
const LEAF_WEIGHTS: Record<string, number> = {
  garbage: 9,
  clutter: 8,
  street_vending: 5,
  illegal_ads: 4,
  greenery: 3,
  streetlight: 8,
  manhole: 3,
  road_damage: 6,
  water_supply: 4,
  gas: 1,
  heating: 3,
  security_risk: 1.5,
  fire_passage: 3,
  ebike_charging: 4,
  neighbour_dispute: 4,
  family_dispute: 1.5,
  wage_dispute: 2,
  property_repair: 5,
  property_complaint: 3,
  construction_noise: 2,
  social_noise: 3.5,
  parking_blocking: 5,
  abandoned_vehicle: 2.5,
  air_pollution: 2,
  water_pollution: 1,
  food_safety_issue: 1.5,
  other_issue: 2,
};
// Grid workers find what is visible from the street; callers to 12345 bring disputes, noise and pollution.
const SOURCE_LEAN: Record<Source, Record<string, number>> = {
  resident: { property_service: 1.6, city_appearance: 0.9 },
  grid_patrol: {
    city_appearance: 1.6,
    fire_safety: 1.8,
    illegal_parking: 1.5,
    abandoned_vehicles: 2,
    disputes: 0.5,
    property_service: 0.3,
    noise: 0.4,
    food_safety: 0.5,
  },
  hotline: { disputes: 1.8, noise: 1.6, environment: 1.6, food_safety: 1.8, public_facilities: 1.2, city_appearance: 0.6 },
  open311: {},
};
const DAY_SOURCES = new WeightedTable<Source>([
  ['resident', 36],
  ['grid_patrol', 34],
  ['hotline', 26],
  ['open311', 4],
]);
const NIGHT_SOURCES = new WeightedTable<Source>([
  ['resident', 58],
  ['hotline', 40],
  ['open311', 2],
]);
// Reports per hour of the day (local): morning and afternoon peaks, a quiet night.
const HOURS = new WeightedTable<number>(
  [0.3, 0.15, 0.1, 0.1, 0.15, 0.3, 0.8, 1.8, 3.2, 4, 4, 3.4, 2.2, 2.4, 3.4, 3.6, 3.4, 2.8, 2, 2, 1.8, 1.4, 0.8, 0.5].map(
    (w, h) => [h, w] as const,
  ),
);
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
export interface Category {
  id: number;
  code: string;
  name: string;
  parentCode: string;
  is_public: boolean;
  form: CaseFormField[];
  sla_amount: number;
  sla_unit: SlaUnit;
  sign_limit_hours: number;
  ruleKeys: string[];
  regionalRules: boolean;
}
export interface Place {
  id: number;
  name: string;
  path: string;
  level: 'grid' | 'community';
  people: number;
  communityId: number;
  communityName: string;
  village: boolean;
  townId: number;
  townName: string;
  seat: boolean;
  worker: string | null;
}

/** What every case draws on, loaded once. */
async function loadWorld(db: Kysely<DB>, seed: number) {
  const repository = caseSeedRepository(db);
  const all = await repository.categories();
  const rules = await repository.routingRules();
  const parentOf = new Map(all.map((c) => [c.id, c.parent_id]));
  const chain = (id: number) => {
    const ids = [];
    for (let c: number | null = id; c !== null && ids.length < 10; c = parentOf.get(c) ?? null) ids.push(c);
    return ids;
  };
  const leaves: Category[] = all
    .filter((c) => c.active && !all.some((k) => k.parent_id === c.id && k.active))
    .map((c) => {
      const ids = chain(c.id),
        mine = rules.filter((r) => ids.includes(r.category_id));
      return {
        id: c.id,
        code: c.code,
        name: c.name,
        parentCode: all.find((p) => p.id === ids[ids.length - 1])!.code,
        is_public: c.is_public,
        form: c.form,
        sla_amount: c.sla_amount,
        sla_unit: c.sla_unit as SlaUnit,
        sign_limit_hours: c.sign_limit_hours,
        ruleKeys: [...new Set(mine.flatMap((r) => (r.attribute_key ? [r.attribute_key] : [])))],
        regionalRules: mine.some((r) => r.region_id !== null),
      };
    });
  if (leaves.length === 0) throw new Error('no case categories: load the catalogue (syncCaseCatalogue) first');

  // Grids weighted by the people living in them; a county without generated people gets its communities.
  let places: Place[] = (await repository.grids()).map((g) => ({
    id: g.id,
    name: g.name,
    path: g.path,
    level: 'grid',
    people: Math.max(1, g.people),
    communityId: g.community_id,
    communityName: g.community_name,
    village: g.kind === '村',
    townId: g.town_id,
    townName: g.town_name,
    seat: SEAT_TOWNS.includes(g.town_name),
    worker: g.worker,
  }));
  if (places.length === 0) {
    places = (await repository.communities()).map((c) => ({
      id: c.id,
      name: c.name,
      path: c.path,
      level: 'community',
      people: 1,
      communityId: c.id,
      communityName: c.name,
      village: c.kind === '村',
      townId: c.town_id,
      townName: c.town_name,
      seat: SEAT_TOWNS.includes(c.town_name),
      worker: null,
    }));
  }
  if (places.length === 0) throw new Error('no communities: seed the region data file first');
  const estates = new Map<number, string[]>();
  for (const e of await repository.estates()) estates.set(e.community_id, [...(estates.get(e.community_id) ?? []), e.name]);
  const houses = new Map<number, { id: number; address: string }[]>();
  for (const h of await repository.housesByGrid())
    houses.set(h.grid_id, [...(houses.get(h.grid_id) ?? []), { id: h.id, address: h.standard_address }]);
  // Cases happen among the buildings of their grid, and say so in words as reportCase does.
  const buildings = new Map<number, NamedPoint[]>();
  for (const b of await repository.buildingsByGrid())
    buildings.set(b.grid_id, [...(buildings.get(b.grid_id) ?? []), { name: b.name, lon: b.lon, lat: b.lat }]);
  const county = await repository.county();
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
  return {
    leaves,
    places,
    placeTable: new WeightedTable(places.map((p) => [p, p.people] as const)),
    estates,
    houses,
    buildings,
    county,
    names,
    tables,
  };
}

// 榆山街道 and 锦水街道 are the county seat; their cases cluster around the outline's centre.
const SEAT_TOWNS = ['榆山街道', '锦水街道'];

/** Points inside the county outline, for a county whose buildings have no positions (no generated places). */
class Points {
  private readonly bbox: [number, number, number, number];
  private readonly center = countyCenter();
  constructor() {
    const geo = JSON.parse(readFileSync(COUNTY_GEOJSON_FILE, 'utf8'));
    const points = (geo.features[0].geometry.coordinates as unknown[]).flat(3) as unknown as number[];
    const lons = points.filter((_, i) => i % 2 === 0),
      lats = points.filter((_, i) => i % 2 === 1);
    this.bbox = [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
  }
  pick(r: Random, seat: boolean): [number, number] {
    for (;;) {
      const [lon, lat] = seat
        ? [
            r.around(this.center[0], 0.018, this.center[0] - 0.05, this.center[0] + 0.05),
            r.around(this.center[1], 0.015, this.center[1] - 0.04, this.center[1] + 0.04),
          ]
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
  const repository = caseSeedRepository(db);
  // The campaign its abandoned-vehicle cases belong to (av-campaign.ts).
  await seedDemoCampaign(db, now, days);
  const world = await loadWorld(db, options.seed);
  // The calendar the engine works on, the administrators' days included.
  const calendar = await loadCalendar(db);
  const ids = {
    cases: await openIdSequence(db, 'cases'),
    sources: await openIdSequence(db, 'case_sources'),
    events: await openIdSequence(db, 'case_events'),
    supervisions: await openIdSequence(db, 'case_supervisions'),
  };
  const sequences: IdSequence[] = Object.values(ids);
  // Numbers as reportCase makes them (PY + local date + case_number_seq), reserved in one block so
  // that they rise with the report time.
  let seq = options.cases > 0 ? await repository.reserveCaseNumbers(options.cases) : 0;

  const routes = new Map<string, Route>();
  const leaders = new Map<number, Leader | null>();
  const sim = new CaseWalker(calendar, now, options.escalateHours ?? 7, world);
  const points = new Points();
  const phones = new PhoneIssuer();
  const summary: CasesSummary = { cases: 0, open: 0, overdue: 0, events: 0, supervisions: 0, demoResidentCases: 0, elapsedMs: 0 };

  const today = Math.floor((now.getTime() + 8 * HOUR) / DAY); // local day number
  const elapsedToday = (now.getTime() + 8 * HOUR) % DAY;
  const hourShare = (ms: number) => {
    let w = 0;
    for (let h = 0; h < 24; h++) w += hourWeight(h) * Math.max(0, Math.min(1, ms / HOUR - h));
    return w / totalHourWeight;
  };
  const weights = Array.from({ length: days }, (_, i) => {
    const day = today - days + 1 + i,
      weekday = (((day + 4) % 7) + 7) % 7;
    // Weekends are quieter; use grows a little over the period as more residents find the H5.
    return (weekday === 0 || weekday === 6 ? 0.7 : 1) * (1 + (0.2 * i) / days) * (i === days - 1 ? hourShare(elapsedToday) : 1);
  });
  const perDay = apportion(options.cases, weights);

  const writes = new WriteQueue(2);
  let reportedPct = 0;
  for (let i = 0; i < days; i++) {
    if (perDay[i] === 0) continue;
    const day = today - days + 1 + i;
    const r = createRandom(deriveSeed(options.seed, 'cases', days - 1 - i));
    // The day's report times first, in order, so numbers and ids rise with time as in life.
    const times: number[] = [];
    while (times.length < perDay[i]) {
      const t = day * DAY - 8 * HOUR + HOURS.pick(r) * HOUR + r.int(0, HOUR - 1000);
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
      let cached = routes.get(routeKey);
      if (!cached) {
        cached = await routeCase(db, {
          categoryId: category.id,
          regionId: draft.regionId,
          regionPath: draft.regionPath,
          attributes: draft.attributes,
        });
        routes.set(routeKey, cached);
      }
      // A route to the grid is to the case's own grid (or community), which the cache key leaves out.
      const route: Route =
        cached.target.kind === 'grid' ? { ...cached, target: { kind: 'grid', regionId: draft.regionId, name: draft.regionName } } : cached;
      const unitId = route.target.kind === 'unit' ? route.target.orgUnitId : null;
      if (unitId !== null && !leaders.has(unitId)) leaders.set(unitId, await leaderInCharge(db, unitId));
      const number = `PY${localDateOf(at).replaceAll('-', '')}${String(++seq).padStart(6, '0')}`;
      sim.walk(
        r,
        { ...draft, id: ids.cases.next(), number, category, route, leader: unitId ? (leaders.get(unitId) ?? null) : null },
        ids,
        out,
      );
    }
    if (!(await writes.ready())) break;
    writes.add(
      repository
        .insertDay(out)
        .then(() => syncSequences(db, sequences))
        .then(() => {
          summary.cases += out.cases.length;
          summary.open += out.cases.filter((c) => isOpenStatus(c.status as CaseStatus)).length;
          summary.overdue += out.cases.filter(
            (c) =>
              isOpenStatus(c.status as CaseStatus) &&
              !c.paused_at &&
              c.next_deadline_at &&
              (c.next_deadline_at as string) <= now.toISOString(),
          ).length;
          summary.events += out.events.length;
          summary.supervisions += out.supervisions.length;
          const pct = Math.floor((summary.cases / options.cases) * 10) * 10;
          if (pct > reportedPct) {
            reportedPct = pct;
            progress(`生成事件 ${summary.cases}/${options.cases}`);
          }
        }),
    );
  }
  await writes.finish();
  await syncSequences(db, sequences);
  await repository.vacuumAnalyze();
  summary.demoResidentCases = await linkDemoResident(db, now, options.questionnaireDays);
  summary.elapsedMs = Math.round(performance.now() - started);
  progress(
    `完成：${summary.cases} 件事件（在办 ${summary.open}，超时 ${summary.overdue}），用时 ${(summary.elapsedMs / 1000).toFixed(1)} 秒`,
  );
  return summary;
}

const hourWeight = (h: number) =>
  [0.3, 0.15, 0.1, 0.1, 0.15, 0.3, 0.8, 1.8, 3.2, 4, 4, 3.4, 2.2, 2.4, 3.4, 3.6, 3.4, 2.8, 2, 2, 1.8, 1.4, 0.8, 0.5][h];
const totalHourWeight = Array.from({ length: 24 }, (_, h) => hourWeight(h)).reduce((a, b) => a + b, 0);

// 供暖季 in Shandong's towns: 15 November to 15 March.
function isHeatingSeason(at: Date) {
  const md = localDateOf(at).slice(5);
  return md >= '11-15' || md <= '03-15';
}

function categoryTable(
  { leaves, tables }: { leaves: Category[]; tables: Map<string, WeightedTable<Category>> },
  source: Source,
  heating: boolean,
) {
  const key = `${source}|${heating}`;
  let table = tables.get(key);
  if (!table) {
    table = new WeightedTable(
      leaves.map(
        (c) =>
          [
            c,
            (LEAF_WEIGHTS[c.code] ?? 1) * (SOURCE_LEAN[source][c.parentCode] ?? 1) * (c.code === 'heating' ? (heating ? 3 : 0.1) : 1),
          ] as const,
      ),
    );
    tables.set(key, table);
  }
  return table;
}

export interface Draft {
  place: Place;
  regionId: number;
  regionPath: string;
  regionName: string;
  source: Source;
  reportedAt: Date;
  title: string;
  description: string;
  attributes: Record<string, unknown>;
  urgent: boolean;
  lon: number | null;
  lat: number | null;
  address: string | null;
  locationText: string | null;
  houseId: number | null;
  reporter: { name: string | null; phone: string | null; anonymous: boolean; reference: string | null; actor: string };
}

/** What the reporter sent, as reportCase would have stored it. */
function draftCase(
  r: Random,
  world: Awaited<ReturnType<typeof loadWorld>>,
  points: Points,
  phones: PhoneIssuer,
  category: Category,
  source: Source,
  at: Date,
): Draft {
  const place = world.placeTable.pick(r);
  // A hotline order often names only the community; the desk files it there.
  const community = source === 'hotline' && place.level === 'grid' && r.chance(0.15);
  const region = community ? { id: place.communityId, path: place.path.replace(/\d+\/$/, ''), name: place.communityName } : place;
  const withPoint = r.chance({ resident: 0.8, grid_patrol: 0.95, hotline: 0.3, open311: 1 }[source]);
  const buildings = world.buildings.get(place.id) ?? [];
  const [lon, lat] = withPoint ? (buildings.length ? nearBuilding(r, r.pick(buildings)) : points.pick(r, place.seat)) : [null, null];
  const houses = world.houses.get(place.id);
  const atHome =
    !community &&
    source === 'resident' &&
    houses &&
    ['property_service', 'fire_safety', 'disputes'].includes(category.parentCode) &&
    r.chance(0.5);
  const house = atHome ? r.pick(houses) : null;
  let address: string | null = null;
  if (!house && (source !== 'resident' || r.chance(0.8))) {
    const estates = world.estates.get(place.communityId);
    address = place.village
      ? `${place.communityName}${r.pick(['村委会门口', '村东头', '村西头', '文化广场', '主街', '小学附近'])}`
      : estates && r.chance(0.6)
        ? `${r.pick(estates)}${r.pick(['东门', '西门', '南门', `${r.int(1, 18)}号楼附近`, '停车场'])}`
        : r.chance(0.5)
          ? `${r.pick(STREETS)}${r.int(1, 300)}号附近`
          : `${r.pick(STREETS)}与${r.pick(STREETS)}交叉口`;
  }
  const said = r.pick(SAY[category.code] ?? SAY.other_issue);
  const description =
    source === 'hotline'
      ? `来电人反映：${address ?? place.communityName}${said}，请尽快处理。`
      : source === 'grid_patrol'
        ? `巡查发现：${said}`
        : `${said}${r.pick(['', '，麻烦尽快处理', '，希望早点解决', '，已经好几天了'])}`;
  const anonymous = source !== 'grid_patrol' && r.chance(0.05);
  const caller = personName(r, r.chance(0.5) ? 'male' : 'female', r.int(1950, 2002));
  const reporter =
    source === 'grid_patrol'
      ? { name: place.worker ?? caller, phone: null, anonymous: false, reference: null, actor: place.worker ?? caller }
      : source === 'open311'
        ? { name: r.chance(0.5) ? caller : null, phone: null, anonymous, reference: randomHex(r, 16), actor: r.pick(OPEN311_CLIENTS) }
        : {
            name: caller,
            phone: phones.issue(r),
            anonymous,
            reference: source === 'hotline' ? `JN${localDateOf(at).replaceAll('-', '')}${String(r.int(0, 999999)).padStart(6, '0')}` : null,
            actor: anonymous ? '匿名' : caller,
          };
  return {
    place,
    regionId: region.id,
    regionPath: region.path,
    regionName: region.name,
    source,
    reportedAt: at,
    title: `${category.name}${address ? `：${address}` : ''}`.slice(0, 60),
    description,
    attributes: attributesFor(r, category),
    urgent: r.chance(['gas', 'manhole', 'fire_passage'].includes(category.code) ? 0.3 : 0.02),
    lon,
    lat,
    address: house?.address ?? address,
    locationText: !house && lon !== null && lat !== null ? locationInWords({ lon, lat }, place.communityName, buildings, []) : null,
    houseId: house?.id ?? null,
    reporter,
  };
}

/** Within 120 m of a building and inside the county (reportCase refuses a point outside it). */
function nearBuilding(r: Random, b: NamedPoint): [number, number] {
  const p = pointNear(r, [b.lon, b.lat], 120, null);
  return isInsideCounty(p[0], p[1]) ? p : [b.lon, b.lat];
}

const randomHex = (r: Random, n: number) => Array.from({ length: n }, () => '0123456789abcdef'[r.int(0, 15)]).join('');

/** The category's form filled in the way people fill it: required fields always, others often. */
function attributesFor(r: Random, category: Category): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of category.form) {
    if (!field.required && r.chance(0.4)) continue;
    const options = field.options?.map((o) => o.value) ?? [];
    if (field.type === 'select')
      out[field.key] =
        field.key === 'location_kind'
          ? r.pick(['road', 'road', 'public_area', 'public_area', 'parking', 'estate', 'estate', 'estate'])
          : r.pick(options);
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
