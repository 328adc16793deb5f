import { HOUSE_USE_ZH, RENTAL_CHANNEL_ZH, RENTAL_MODE_ZH, codeOf } from '../../../common/labels-zh.js';
import type { ImportedHouse } from '../regions/index.js';
import type { HouseColumnKey, RawRow } from './sheet-columns.js';
import { RowProblems } from './row-errors.js';

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
    community = need('community', '社区村'),
    estate = need('estate', '小区');
  const building = need('building', '楼栋'),
    unit = need('unit', '单元'),
    room = need('room', '房号');

  const floor = Number(text('floor'));
  if (!Number.isInteger(floor) || floor < -5 || floor > 200) p.add('楼层', 'NUMBER', '楼层应为 -5 到 200 之间的整数');
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
    estate,
    building,
    unit,
    room,
    floor,
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
