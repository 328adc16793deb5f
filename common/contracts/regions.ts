import { z } from 'zod';
import { EMPLOYMENTS, HOUSE_USES, REGION_LEVELS, RENTAL_CHANNELS, RENTAL_MODES, type RegionLevel } from '../enums.js';
import { page, pagingQuery } from './shared.js';
import { residentItem } from './people.js';

/**
 * The regions API (server/domains/regions): the region tree (县→镇街→社区村→网格) with each
 * region's figures, and the places in it — estates (小区), their buildings (楼栋) and units
 * (单元), houses, and grids (网格) with their workers (网格员).
 */

/** Narrows a list to a region inside the viewer's own (404 outside it). */
const regionId = z.coerce.number().int().positive().optional();

// ── the region tree ────────────────────────────────────────────────────────

export interface RegionNode {
  id: number;
  code: string;
  /** A code the county gave (L…) where the statistics bureau has none yet. */
  codeIsLocal: boolean;
  name: string;
  level: RegionLevel;
  kind: string;
  smartTier: string | null;
  smartTargetTier: string | null;
  children: RegionNode[];
}

const regionFields = {
  id: z.number().int(),
  code: z.string(),
  codeIsLocal: z.boolean(),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  kind: z.string(),
  smartTier: z.string().nullable(),
  smartTargetTier: z.string().nullable(),
};
const withChildren = <C extends z.ZodType>(child: C) => z.object({ ...regionFields, children: z.array(child) });

/**
 * A region and its subtree. The tree is at most four levels deep (REGION_LEVELS: county, town,
 * community, grid), so the schema is written out to that depth: a recursive one would need a
 * named component in the OpenAPI document.
 */
export const regionNode: z.ZodType<RegionNode> = withChildren(withChildren(withChildren(withChildren(z.never()))));

/** A region's figures: people and households living there, houses, vehicles, grids and their workers. */
export const regionStats = z.object({
  residents: z.number().int(),
  /** 60岁以上 on today's date in Pingyin. */
  over60: z.number().int(),
  households: z.number().int(),
  houses: z.number().int(),
  rentedHouses: z.number().int(),
  vehicles: z.number().int(),
  grids: z.number().int(),
  gridWorkers: z.number().int(),
});
export type RegionStats = z.infer<typeof regionStats>;

export const regionDetail = z.object({
  id: z.number().int(),
  code: z.string(),
  codeIsLocal: z.boolean(),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  kind: z.string(),
  parentId: z.number().int().nullable(),
  /** From the county down to the parent, whether or not the viewer's scope reaches them. */
  ancestors: z.array(z.object({ id: z.number().int(), name: z.string() })),
  /** 智慧社区 pilot facts. */
  smartTier: z.string().nullable(),
  smartTargetTier: z.string().nullable(),
  smartPilotYear: z.number().int().nullable(),
  smartSource: z.string().nullable(),
  /** What the source leaves open about the tier, quoted (平政办字〔2023〕9号: which community 争创成长型). */
  smartNote: z.string().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  stats: regionStats,
});
export type RegionDetail = z.infer<typeof regionDetail>;

// ── houses ─────────────────────────────────────────────────────────────────

/** What a house list is filtered by; its Excel export takes the same filters. */
export const houseFilters = z.object({
  /** Any part of the 标准地址 (standard address). */
  q: z.string().trim().max(100).optional(),
  regionId,
  houseUse: z.enum(HOUSE_USES).optional(),
  estateId: z.coerce.number().int().positive().optional(),
  gridId: z.coerce.number().int().positive().optional(),
});
export type HouseFilters = z.infer<typeof houseFilters>;

export const houseQuery = houseFilters.extend({
  ...pagingQuery,
  sort: z.enum(['address', 'area', 'id']).default('address'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type HouseQuery = z.infer<typeof houseQuery>;

/**
 * Where a house is: in a unit of an estate's building (小区楼栋), or a village house (村组门牌,
 * migration 0036) known by its 组 and door number, standing at its own point.
 */
export const HOUSE_KINDS = ['estate', 'village'] as const;
export type HouseKind = (typeof HOUSE_KINDS)[number];

export const houseItem = z.object({
  id: z.number().int(),
  /** 标准地址: province to room, or to the village house's door number. */
  address: z.string(),
  kind: z.enum(HOUSE_KINDS),
  /** An estate's house: its estate, building, unit, room and floor (null for a village house). */
  estateId: z.number().int().nullable(),
  estateName: z.string().nullable(),
  buildingName: z.string().nullable(),
  unitName: z.string().nullable(),
  room: z.string().nullable(),
  floor: z.number().int().nullable(),
  /** A village house: its 组 or 自然村 (when the village numbers by them), its 门牌号 and its GCJ-02 point. */
  villageGroup: z.string().nullable(),
  doorNumber: z.string().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  /** Square metres. */
  area: z.number(),
  houseUse: z.enum(HOUSE_USES),
  rentalMode: z.enum(RENTAL_MODES).nullable(),
  rentalChannel: z.enum(RENTAL_CHANNELS).nullable(),
  /** Yuan a month. */
  monthlyRent: z.number().nullable(),
  tenantCount: z.number().int().nullable(),
  /** People living there now (moved-out people not counted). */
  residentCount: z.number().int(),
  communityId: z.number().int(),
  communityName: z.string(),
  gridId: z.number().int().nullable(),
  gridName: z.string().nullable(),
});
export type HouseItem = z.infer<typeof houseItem>;
export const housePage = page(houseItem);

export const houseDetail = houseItem.extend({
  households: z.array(z.object({ id: z.number().int(), householdNo: z.string(), householderName: z.string().nullable() })),
  /** Who lives there, for roles that read residents (empty for the others). */
  residents: z.array(residentItem),
});
export type HouseDetail = z.infer<typeof houseDetail>;

// ── estates ────────────────────────────────────────────────────────────────

export const estateQuery = z.object({ ...pagingQuery, q: z.string().trim().max(50).optional(), regionId });
export type EstateQuery = z.infer<typeof estateQuery>;

export const estateItem = z.object({
  id: z.number().int(),
  name: z.string(),
  address: z.string(),
  builtYear: z.number().int().nullable(),
  communityId: z.number().int(),
  communityName: z.string(),
  propertyCompany: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  buildingCount: z.number().int(),
  houseCount: z.number().int(),
});
export type EstateItem = z.infer<typeof estateItem>;
export const estatePage = page(estateItem);

export const estateDetail = estateItem.extend({
  buildings: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      floors: z.number().int(),
      gridId: z.number().int().nullable(),
      gridName: z.string().nullable(),
      /** GCJ-02, where the building has been placed. */
      lon: z.number().nullable(),
      lat: z.number().nullable(),
      units: z.array(z.object({ id: z.number().int(), name: z.string(), houseCount: z.number().int() })),
    }),
  ),
});
export type EstateDetail = z.infer<typeof estateDetail>;

// ── grids ──────────────────────────────────────────────────────────────────

export const gridQuery = z.object({ ...pagingQuery, regionId });
export type GridQuery = z.infer<typeof gridQuery>;

/**
 * 网格员: a grid worker, full- or part-time, with the phone residents call — masked here, whole
 * only through its audited reveal when `phoneRevealable` (docs/decisions/047).
 */
export const gridWorker = z.object({
  id: z.number().int(),
  name: z.string(),
  phone: z.string(),
  phoneRevealable: z.boolean(),
  employment: z.enum(EMPLOYMENTS),
  /** The 网格员 account the worker signs in with (GET …/worker-accounts names it). */
  userId: z.number().int().nullable(),
});
export type GridWorker = z.infer<typeof gridWorker>;

export const gridItem = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  communityName: z.string(),
  houseCount: z.number().int(),
  residentCount: z.number().int(),
  workers: z.array(gridWorker),
});
export type GridItem = z.infer<typeof gridItem>;
export const gridPage = page(gridItem);

/** A grid with the first 50 of its houses by address. */
export const gridDetail = gridItem.extend({ houses: housePage });
export type GridDetail = z.infer<typeof gridDetail>;

// ── editing places (regions/place-edits.*, docs/decisions/019) ─────────────

/** A point in GCJ-02 (the coordinates Chinese maps use): both or neither, inside China's box. */
export const CHINA_BOX = { lon: [73, 136], lat: [3, 54] } as const;
const lon = z.number().min(CHINA_BOX.lon[0]).max(CHINA_BOX.lon[1]);
const lat = z.number().min(CHINA_BOX.lat[0]).max(CHINA_BOX.lat[1]);
/** The point's fields of a form (estates, buildings, devices) and the check that gives both or neither. */
export const point = { lon: lon.nullable().optional(), lat: lat.nullable().optional() };
export const bothOrNeither = (b: { lon?: number | null; lat?: number | null }) => (b.lon == null) === (b.lat == null);
export const POINT_MESSAGE = { message: '经度和纬度须同时填写', path: ['lat'] };

const estateFields = {
  name: z.string().trim().min(1, '请填写小区名称').max(50),
  address: z.string().trim().min(1, '请填写小区地址').max(200),
  builtYear: z.number().int().min(1900).max(2100).nullable().optional(),
  propertyCompanyId: z.number().int().positive().nullable().optional(),
  ...point,
};
export const createEstateBody = z
  .object({ communityId: z.number().int().positive(), ...estateFields })
  .refine(bothOrNeither, POINT_MESSAGE);
export type CreateEstateInput = z.infer<typeof createEstateBody>;
export const updateEstateBody = z
  .object({
    name: estateFields.name.optional(),
    address: estateFields.address.optional(),
    builtYear: estateFields.builtYear,
    propertyCompanyId: estateFields.propertyCompanyId,
    ...point,
  })
  .refine((b) => Object.keys(b).length > 0, { message: '没有要修改的内容' })
  .refine((b) => !('lon' in b || 'lat' in b) || bothOrNeither(b), POINT_MESSAGE);
export type UpdateEstateInput = z.infer<typeof updateEstateBody>;

/** What an estate's edit form starts from (the detail shows names; the form needs ids and the point). */
export const estateForm = z.object({
  id: z.number().int(),
  communityId: z.number().int(),
  name: z.string(),
  address: z.string(),
  builtYear: z.number().int().nullable(),
  propertyCompanyId: z.number().int().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
});
export type EstateForm = z.infer<typeof estateForm>;

/** 楼栋: a building of an estate with its units, named 1单元…N单元, and its point (GCJ-02) when known. */
const buildingFields = {
  name: z.string().trim().min(1, '请填写楼栋名称').max(20),
  floors: z.number().int().min(1).max(200),
  units: z.number().int().min(1).max(20),
  gridId: z.number().int().positive().nullable().optional(),
};
export const createBuildingBody = z.object({ ...buildingFields, ...point }).refine(bothOrNeither, POINT_MESSAGE);
export type CreateBuildingInput = z.infer<typeof createBuildingBody>;
/** The name stays: it is part of every 标准地址 of the building's houses. */
export const updateBuildingBody = z
  .object({
    floors: buildingFields.floors.optional(),
    gridId: buildingFields.gridId,
    ...point,
  })
  .refine((b) => Object.keys(b).length > 0, { message: '没有要修改的内容' })
  .refine((b) => !('lon' in b || 'lat' in b) || bothOrNeither(b), POINT_MESSAGE);
export type UpdateBuildingInput = z.infer<typeof updateBuildingBody>;
export const buildingIdParams = z.object({ id: z.coerce.number().int().positive(), buildingId: z.coerce.number().int().positive() });

// ── editing houses and grids (regions/house-edits.*, grid-edits.*, docs/decisions/022) ──

/**
 * A house as its form gives it. Rented, it says how (整租/合租), through whom, for how much and to
 * how many people, as the county's house sheet does (exchange/house-rows.ts); not rented, the
 * rental facts are dropped. Its place makes its 标准地址: an estate's house its unit and room, a
 * village house its village, 组 and 门牌号 (docs/decisions/049).
 */
const houseFields = {
  area: z.number().gt(0, '面积应大于0').lt(10000, '面积应小于10000平方米'),
  houseUse: z.enum(HOUSE_USES),
  rentalMode: z.enum(RENTAL_MODES).nullable().optional(),
  rentalChannel: z.enum(RENTAL_CHANNELS).nullable().optional(),
  monthlyRent: z.number().min(0).max(1_000_000).nullable().optional(),
  tenantCount: z.number().int().min(0).max(100).nullable().optional(),
  /** The grid of the house's community it lies in; for an estate's house the building's when not given. */
  gridId: z.number().int().positive().nullable().optional(),
};
/** An estate's house: its room and floor in its unit. */
const estatePlace = {
  room: z.string().trim().min(1, '请填写房号').max(20).nullable().optional(),
  floor: z.number().int().min(-5, '楼层应为 -5 到 200 之间的整数').max(200, '楼层应为 -5 到 200 之间的整数').nullable().optional(),
};
/**
 * A village house: 组 or 自然村 written in full (3组, 李家庄) so that the address reads 小河村3组15号,
 * never 小河村315号; the door number ends in 号; its point is required, as it has no building's.
 */
const villagePlace = {
  villageGroup: z
    .string()
    .trim()
    .max(20)
    .regex(/^$|\D$/, '组名请写全，例如 3组 或 李家庄')
    .nullable()
    .optional(),
  doorNumber: z.string().trim().min(1, '请填写门牌号').max(20).regex(/号$/, '门牌号应以“号”结尾，例如 15号').nullable().optional(),
  ...point,
};
type HouseFields = { houseUse: string; rentalMode?: unknown; rentalChannel?: unknown; monthlyRent?: unknown; tenantCount?: unknown };
const rentalGiven = (h: HouseFields) =>
  h.houseUse !== 'rented' || [h.rentalMode, h.rentalChannel, h.monthlyRent, h.tenantCount].every((v) => v != null);
const RENTAL_MESSAGE = { message: '出租房屋须填写出租方式、出租渠道、月租金和租住人数', path: ['rentalMode'] };

type PlaceFields = {
  room?: string | null;
  floor?: number | null;
  villageGroup?: string | null;
  doorNumber?: string | null;
  lon?: number | null;
  lat?: number | null;
};
/**
 * The fields of the other shape are refused, not dropped: a form that sends both is mistaken
 * about the house. Empty (null) they may come, as an edit form sends the whole form back.
 */
export function houseShapeIssues(kind: HouseKind, h: PlaceFields): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (kind === 'estate') {
    if (h.room == null) issues.push({ path: 'room', message: '请填写房号' });
    if (h.floor == null) issues.push({ path: 'floor', message: '请填写楼层' });
    if (h.doorNumber != null || h.villageGroup || h.lon != null || h.lat != null)
      issues.push({ path: 'doorNumber', message: '小区楼栋的房屋不填写组、门牌号和位置' });
  } else {
    if (h.doorNumber == null) issues.push({ path: 'doorNumber', message: '请填写门牌号' });
    if (h.lon == null || h.lat == null) issues.push({ path: 'lon', message: '请在地图上点选房屋位置，或填写经纬度' });
    if (h.room != null || h.floor != null) issues.push({ path: 'room', message: '村组门牌的房屋不填写房号和楼层' });
  }
  return issues;
}

/** A new house: in a unit (unitId, room, floor), or a village house of a community (communityId, 组, 门牌号, point). */
export const createHouseBody = z
  .object({
    unitId: z.number().int().positive().optional(),
    communityId: z.number().int().positive().optional(),
    ...estatePlace,
    ...villagePlace,
    ...houseFields,
  })
  .superRefine((b, ctx) => {
    const kind = b.unitId !== undefined ? 'estate' : 'village';
    if ((b.unitId === undefined) === (b.communityId === undefined))
      return void ctx.addIssue({ code: 'custom', path: ['unitId'], message: '请选择小区楼栋单元，或选择村（社区）并填写门牌号' });
    for (const issue of houseShapeIssues(kind, b)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  })
  .refine(rentalGiven, RENTAL_MESSAGE);
export type CreateHouseInput = z.infer<typeof createHouseBody>;
/**
 * The whole form again (but the unit or village: a house does not move to another building or
 * village). Which shape's fields it must carry is the house's, checked by the service.
 */
export const updateHouseBody = z.object({ ...estatePlace, ...villagePlace, ...houseFields }).refine(rentalGiven, RENTAL_MESSAGE);
export type UpdateHouseInput = z.infer<typeof updateHouseBody>;

/** What a house's edit form starts from: the house's own facts, and the building and unit it is in. */
export const houseForm = houseItem
  .pick({
    id: true,
    address: true,
    kind: true,
    communityId: true,
    estateId: true,
    room: true,
    floor: true,
    villageGroup: true,
    doorNumber: true,
    lon: true,
    lat: true,
    area: true,
    houseUse: true,
    rentalMode: true,
    rentalChannel: true,
    monthlyRent: true,
    tenantCount: true,
    gridId: true,
  })
  .extend({ buildingId: z.number().int().nullable(), unitId: z.number().int().nullable() });
export type HouseForm = z.infer<typeof houseForm>;

/** A grid's own name (第三网格): its full name puts its community's before it (common/grid-names.ts). */
const gridName = z.string().trim().min(1, '请填写网格名称').max(20).regex(/网格$/, '网格名称应以“网格”结尾，例如 第三网格');
export const createGridBody = z.object({ communityId: z.number().int().positive(), name: gridName });
export type CreateGridInput = z.infer<typeof createGridBody>;
export const updateGridBody = z.object({ name: gridName });
export type UpdateGridInput = z.infer<typeof updateGridBody>;

export const gridForm = z.object({
  id: z.number().int(),
  code: z.string(),
  communityId: z.number().int(),
  communityName: z.string(),
  /** The grid's own part (第三网格). */
  name: z.string(),
  /** 锦源社区第三网格. */
  fullName: z.string(),
});
export type GridForm = z.infer<typeof gridForm>;
