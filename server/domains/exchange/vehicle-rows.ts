import { VEHICLE_TYPE_ZH, codeOf } from '../../../common/labels-zh.js';
import { parseIdCard } from '../../../common/id-card.js';
import { plate as plateRule } from '../../../common/contracts/vehicles.js';
import type { ImportedVehicle } from '../vehicles/index.js';
import type { RawRow, VehicleColumnKey } from './sheet-columns.js';
import { RowProblems } from './row-errors.js';

/** Checks one row of the vehicles sheet, field by field, and says every problem it finds (the rules of 登记车辆, common/contracts/vehicles.ts). */
export function parseVehicleRow(row: number, raw: RawRow<VehicleColumnKey>) {
  const p = new RowProblems(row);
  const text = (k: VehicleColumnKey) => raw[k]?.trim() ?? '';
  const optional = (k: VehicleColumnKey, label: string, max: number) => {
    const v = text(k);
    if (v.length > max) p.add(label, 'TOO_LONG', `${label}过长（最多${max}字）`);
    return v || null;
  };

  const plate = plateRule.safeParse(text('plate'));
  if (!text('plate')) p.add('号牌', 'REQUIRED', '号牌不能为空');
  else if (!plate.success) p.add('号牌', 'PLATE_INVALID', plate.error.issues[0].message);

  const vehicleType = codeOf(VEHICLE_TYPE_ZH, text('vehicleType'));
  if (!vehicleType) p.add('车辆类型', 'ENUM', `车辆类型应为 ${Object.values(VEHICLE_TYPE_ZH).join('、')} 之一`);

  const brand = optional('brand', '品牌', 30);
  const color = optional('color', '颜色', 10);
  const parkingSpace = optional('parkingSpace', '车位', 30);

  let ownerIdCard: string | null = null;
  if (text('ownerIdCard')) {
    const id = parseIdCard(text('ownerIdCard'));
    if (id.ok) ownerIdCard = id.idCard;
    else p.add('车主身份证号', id.code, id.message);
  }

  const place = { town: text('town'), community: text('community'), name: text('estate') };
  const placeGiven = Object.values(place).some(Boolean);
  if (placeGiven && !Object.values(place).every(Boolean)) p.add('小区', 'ESTATE_INCOMPLETE', '停放小区须同时填写镇街、社区村和小区');
  if (!placeGiven && !text('ownerIdCard')) p.add('小区', 'PLACE_REQUIRED', '停放小区和车主身份证号至少填写一项（决定车辆所属区域）');

  if (p.any || !plate.success) return { ok: false as const, errors: p.list };
  const value: ImportedVehicle = {
    row,
    plate: plate.data,
    vehicleType: vehicleType!,
    brand,
    color,
    ownerIdCard,
    estate: placeGiven ? place : null,
    parkingSpace,
  };
  return { ok: true as const, value };
}
