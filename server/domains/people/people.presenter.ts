import { ageOn } from '../../../common/id-card.js';
import { maskIdCard, maskPhone } from '../../../common/mask.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { ResidentRow } from './people.repository.js';

/**
 * The one place a resident leaves the server. ID numbers and phones are masked unless the
 * viewer's role needs them in full ('personal_data.full') or the resident is the viewer.
 */
export function presentResident(row: ResidentRow, viewer: Viewer, today = new Date()) {
  const full = viewer.permissions.has('personal_data.full') || viewer.residentId === row.id;
  const age = ageOn(row.birth_date, today);
  return {
    id: row.id,
    name: row.name,
    gender: row.gender,
    birthDate: row.birth_date,
    age,
    idCard: full ? row.id_card : maskIdCard(row.id_card),
    phone: row.phone === null ? null : full ? row.phone : maskPhone(row.phone),
    populationType: row.population_type,
    relation: row.relation,
    tags: age >= 60 ? [...row.tags, 'over_60'] : row.tags,
    communityId: row.community_id,
    communityName: row.community_name,
    gridId: row.grid_id,
    gridName: row.grid_name,
    houseId: row.house_id,
    address: row.address,
    movedOut: row.moved_out_on !== null,
  };
}

export function presentResidentDetail(row: ResidentRow, viewer: Viewer) {
  return {
    ...presentResident(row, viewer),
    ethnicity: row.ethnicity,
    employer: row.employer,
    movedInOn: row.moved_in_on,
    movedOutOn: row.moved_out_on,
  };
}
