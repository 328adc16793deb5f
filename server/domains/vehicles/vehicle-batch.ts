import type { BatchOutcome } from '../../../common/contracts/exchange.js';
import { emptyOutcome, rejectRow as reject, storeKeyed } from '../../platform/import-batch.js';
import type { VEHICLE_TYPES } from '../../../common/enums.js';
import { estateKey } from '../regions/index.js';
import type { VehicleBatchRepository } from './vehicle-batch.repository.js';

/** A vehicle as a row of the vehicles sheet describes it, checked (server/domains/exchange/vehicle-rows.ts). */
export interface ImportedVehicle {
  row: number;
  plate: string;
  vehicleType: (typeof VEHICLE_TYPES)[number];
  brand: string | null;
  color: string | null;
  /** A resident of the scope, by ID number. */
  ownerIdCard: string | null;
  /** The estate it parks in, by town, community and name. */
  estate: { town: string; community: string; name: string } | null;
  parkingSpace: string | null;
}

/** Where a row's estate or owner is, as the regions and people domains find them in the scope. */
interface Place {
  id: number;
  region_path: string;
}

export interface VehicleBatchDeps {
  vehicles: VehicleBatchRepository;
  /** Estates of the scope with these names, by '镇街|社区村|小区' (regions' estateKey). */
  estates(names: string[]): Promise<Map<string, Place>>;
  /** Residents of the scope by ID number. */
  owners(idCards: string[]): Promise<Map<string, Place>>;
}

/**
 * Stores one batch of checked vehicle rows keyed by plate, as 车辆登记 does one car
 * (registration.ts): the car belongs to the region of the estate it parks in, else of its owner's
 * home, both in the scope; a plate registered in another region is refused, not moved. Identical
 * rows are left alone, so a re-import changes nothing. Runs inside the caller's transaction.
 */
export async function storeVehicleBatch(deps: VehicleBatchDeps, rows: ImportedVehicle[]): Promise<BatchOutcome> {
  const out = emptyOutcome();
  if (rows.length === 0) return out;
  const plates = rows.map((r) => r.plate);
  const existing = new Map((await deps.vehicles.inScope(plates)).map((v) => [v.plate, v]));
  const unknown = plates.filter((p) => !existing.has(p));
  const elsewhere = unknown.length ? await deps.vehicles.registered(unknown) : new Set<string>();
  const estates = await deps.estates(rows.flatMap((r) => (r.estate ? [r.estate.name] : [])));
  const owners = await deps.owners(rows.flatMap((r) => (r.ownerIdCard ? [r.ownerIdCard] : [])));

  for (const row of rows) {
    if (elsewhere.has(row.plate)) {
      out.errors.push(reject(row, '号牌', 'PLATE_ELSEWHERE', `号牌 ${row.plate} 已在其他区域登记，不能导入到本辖区`));
      continue;
    }
    const estate = row.estate ? estates.get(estateKey(row.estate)) : undefined;
    if (row.estate && !estate) {
      const where = `${row.estate.town}${row.estate.community}${row.estate.name}`;
      out.errors.push(reject(row, '小区', 'ESTATE_NOT_FOUND', `小区“${where}”不存在或不在您的管辖范围内`));
      continue;
    }
    const owner = row.ownerIdCard ? owners.get(row.ownerIdCard) : undefined;
    if (row.ownerIdCard && !owner) {
      out.errors.push(reject(row, '车主身份证号', 'OWNER_NOT_FOUND', '车主不是本辖区已登记的居民，请先登记居民或核对身份证号'));
      continue;
    }
    const values = {
      vehicle_type: row.vehicleType,
      brand: row.brand,
      color: row.color,
      owner_id: owner?.id ?? null,
      estate_id: estate?.id ?? null,
      parking_space: row.parkingSpace,
      region_path: (estate ?? owner)!.region_path,
    };
    await storeKeyed(out, existing.get(row.plate), values, {
      insert: () => deps.vehicles.insert({ ...values, plate: row.plate }),
      update: (id) => deps.vehicles.update(id, values),
    });
  }
  return out;
}
