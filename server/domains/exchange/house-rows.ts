import { HOUSE_USE_ZH, RENTAL_CHANNEL_ZH, RENTAL_MODE_ZH, codeOf } from '../../../common/labels-zh.js';
import type { ImportedHouse } from '../regions/index.js';
import type { HouseColumnKey, RawRow } from './sheet-columns.js';
import { RowProblems } from './row-errors.js';
import { pointOfRow } from './point-cells.js';

const ESTATE_CELLS = ['estate', 'building', 'unit', 'room', 'floor'] as const;
const VILLAGE_CELLS = ['villageGroup', 'doorNumber', 'lon', 'lat'] as const;

/** Checks one row of the houses sheet, field by field, and says every problem it finds. */
export function parseHouseRow(row: number, raw: RawRow<HouseColumnKey>) {
  const p = new RowProblems(row);
  const text = (k: HouseColumnKey) => raw[k]?.trim() ?? '';
  const need = (k: HouseColumnKey, label: string) => {
    const v = text(k);
    if (!v) p.add(label, 'REQUIRED', `${label}不能为空`);
    else if (v.length > 40) p.add(label, 'TOO_LONG', `${label}过长`);
    return v;
  };
  const town = need('town', '镇街'),
    community = need('community', '社区村');
  const place = placeOfRow(p, text, need);
  const area = Number(text('area'));
  if (!text('area') || !Number.isFinite(area) || area <= 0 || area >= 10000)
    p.add('面积', 'NUMBER', '面积应为大于0、小于10000的数字（平方米）');

  const houseUse = codeOf(HOUSE_USE_ZH, text('houseUse'));
  if (!houseUse) p.add('用途', 'ENUM', '用途应为 自住、出租、空置 或 商用');

  let rentalMode = null,
    rentalChannel = null,
    monthlyRent = null,
    tenantCount = null;
  const rentalGiven = ['rentalMode', 'rentalChannel', 'monthlyRent', 'tenantCount'].some((k) => text(k as HouseColumnKey));
  if (houseUse === 'rented') {
    rentalMode = codeOf(RENTAL_MODE_ZH, text('rentalMode')) ?? null;
    if (!rentalMode) p.add('出租方式', 'ENUM', '出租房屋须填写出租方式：整租 或 合租');
    rentalChannel = codeOf(RENTAL_CHANNEL_ZH, text('rentalChannel')) ?? null;
    if (!rentalChannel) p.add('出租渠道', 'ENUM', '出租房屋须填写出租渠道：中介、房东直租、网络平台 或 单位');
    monthlyRent = Number(text('monthlyRent'));
    if (!text('monthlyRent') || !Number.isFinite(monthlyRent) || monthlyRent < 0 || monthlyRent > 1_000_000)
      p.add('月租金', 'NUMBER', '出租房屋须填写月租金（元，不小于0）');
    tenantCount = Number(text('tenantCount'));
    if (!text('tenantCount') || !Number.isInteger(tenantCount) || tenantCount < 0 || tenantCount > 100)
      p.add('租住人数', 'NUMBER', '出租房屋须填写租住人数（0–100 的整数）');
  } else if (houseUse && rentalGiven) {
    p.add('用途', 'RENTAL_FIELDS', '非出租房屋不应填写出租方式、渠道、租金或租住人数');
  }

  if (p.any) return { ok: false as const, errors: p.list };
  const value: ImportedHouse = {
    row,
    town,
    community,
    place: place!,
    area: Math.round(area * 100) / 100,
    houseUse: houseUse!,
    rentalMode,
    rentalChannel,
    monthlyRent,
    tenantCount,
    grid: text('grid') || null,
  };
  return { ok: true as const, value };
}

/**
 * Where a row's house is: an estate's (小区 楼栋 单元 房号 楼层) or a village house's (组 门牌号
 * 经度 纬度, docs/decisions/049). A row with cells of both, or of neither, is refused with why.
 */
function placeOfRow(p: RowProblems, text: (k: HouseColumnKey) => string, need: (k: HouseColumnKey, label: string) => string) {
  const estateGiven = ESTATE_CELLS.some((k) => text(k)),
    villageGiven = VILLAGE_CELLS.some((k) => text(k));
  if (estateGiven && villageGiven) {
    p.add('门牌号', 'HOUSE_SHAPE', '一行只能是小区房屋（小区、楼栋、单元、房号、楼层）或村组门牌房屋（组、门牌号、经纬度）之一');
    return null;
  }
  if (!estateGiven && !villageGiven) {
    p.add('门牌号', 'HOUSE_SHAPE', '请填写小区、楼栋、单元、房号和楼层（小区房屋），或门牌号和经纬度（村组门牌房屋）');
    return null;
  }
  if (villageGiven) {
    const doorNumber = need('doorNumber', '门牌号');
    if (doorNumber && !doorNumber.endsWith('号')) p.add('门牌号', 'DOOR_NUMBER', '门牌号应以“号”结尾，例如 15号');
    const villageGroup = text('villageGroup') || null;
    if (villageGroup && /\d$/.test(villageGroup)) p.add('组/自然村', 'VILLAGE_GROUP', '组名请写全，例如 3组 或 李家庄');
    const { lon, lat } = pointOfRow(p, text);
    if (lon === null && lat === null) p.add('经度', 'REQUIRED', '村组门牌房屋须填写经度和纬度');
    return { kind: 'village' as const, villageGroup, doorNumber, lon: lon!, lat: lat! };
  }
  const estate = need('estate', '小区'),
    building = need('building', '楼栋'),
    unit = need('unit', '单元'),
    room = need('room', '房号');
  const floor = Number(text('floor'));
  if (!Number.isInteger(floor) || floor < -5 || floor > 200) p.add('楼层', 'NUMBER', '楼层应为 -5 到 200 之间的整数');
  return { kind: 'estate' as const, estate, building, unit, room, floor };
}
