import type { EstateRow, HouseRow } from './places.repository.js';

export function presentHouse(h: HouseRow) {
  return {
    id: h.id,
    address: h.standard_address,
    estateId: h.estate_id,
    estateName: h.estate_name,
    buildingName: h.building_name,
    unitName: h.unit_name,
    room: h.room,
    floor: h.floor,
    area: Number(h.area),
    houseUse: h.house_use,
    rentalMode: h.rental_mode,
    rentalChannel: h.rental_channel,
    monthlyRent: h.monthly_rent === null ? null : Number(h.monthly_rent),
    tenantCount: h.tenant_count,
    residentCount: Number(h.resident_count ?? 0),
    communityId: h.community_id,
    communityName: h.community_name,
    gridId: h.grid_id,
    gridName: h.grid_name,
  };
}

export function presentEstate(e: EstateRow) {
  return {
    id: e.id,
    name: e.name,
    address: e.address,
    builtYear: e.built_year,
    communityName: e.community_name,
    propertyCompany: e.company_id ? { id: e.company_id, name: e.company_name! } : null,
    buildingCount: Number(e.building_count ?? 0),
    houseCount: Number(e.house_count ?? 0),
  };
}

export function presentWorker(w: { id: number; name: string; phone: string; employment: string }) {
  return { id: w.id, name: w.name, phone: w.phone, employment: w.employment };
}
