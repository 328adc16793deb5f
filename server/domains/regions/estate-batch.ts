import type { BatchOutcome } from '../../../common/contracts/exchange.js';
import { emptyOutcome, rejectRow as reject, storeKeyed } from '../../platform/import-batch.js';
import type { EstateBatchRepository, NamedEstate } from './estate-batch.repository.js';
import type { PlaceIndex } from './house-batch.js';

/** A 小区 as a row of the estates sheet describes it, checked (server/domains/exchange/estate-rows.ts). */
export interface ImportedEstate {
  row: number;
  town: string;
  community: string;
  name: string;
  address: string;
  builtYear: number | null;
  /** A property company's full name, as registered. */
  propertyCompany: string | null;
  /** GCJ-02, both or neither. */
  lon: number | null;
  lat: number | null;
}

/** Where an estate is named: '镇街|社区村|小区'. */
export const estateKey = (e: { town: string; community: string; name: string }) => `${e.town}|${e.community}|${e.name}`;
const keyOf = (e: NamedEstate) => estateKey({ town: e.town_name, community: e.community_name, name: e.name });

/** The estates of the scope with these names, by '镇街|社区村|小区' (a vehicles import finds where cars park by it). */
export async function estatesByKey(estates: EstateBatchRepository, names: string[]) {
  return new Map((await estates.named([...new Set(names)])).map((e) => [keyOf(e), e]));
}

export interface EstateBatchDeps {
  estates: EstateBatchRepository;
  /** Property companies by full name (the orgs domain's). */
  companies: Map<string, number>;
}

/**
 * Stores one batch of checked estate rows, keyed by community and name (unique there,
 * migrations/0002), in communities of the scope: new ones inserted, changed ones updated,
 * identical ones left alone, so a re-import changes nothing. The name itself never changes here.
 */
export async function storeEstateBatch(deps: EstateBatchDeps, places: PlaceIndex, rows: ImportedEstate[]): Promise<BatchOutcome> {
  const out = emptyOutcome();
  if (rows.length === 0) return out;
  const existing = await estatesByKey(
    deps.estates,
    rows.map((r) => r.name),
  );
  for (const row of rows) {
    const community = places.communities.get(`${row.town}|${row.community}`);
    if (!community) {
      out.errors.push(reject(row, '社区村', 'COMMUNITY_NOT_FOUND', `“${row.town}${row.community}”不存在或不在您的管辖范围内`));
      continue;
    }
    const companyId = row.propertyCompany ? deps.companies.get(row.propertyCompany) : null;
    if (companyId === undefined) {
      out.errors.push(reject(row, '物业公司', 'PROPERTY_COMPANY_NOT_FOUND', `物业公司“${row.propertyCompany}”未登记，请填写已登记的全称`));
      continue;
    }
    const values = { address: row.address, built_year: row.builtYear, property_company_id: companyId, lon: row.lon, lat: row.lat };
    await storeKeyed(out, existing.get(estateKey(row)), values, {
      insert: () => deps.estates.insert({ ...values, community_id: community.id, region_path: community.path, name: row.name }),
      update: (id) => deps.estates.update(id, values),
    });
  }
  return out;
}
