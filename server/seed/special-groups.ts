import { REFERENCE_DAY, ageOnReference, dayBetween, dayOf, isoDate } from './calendar.js';
import type { IdSequence } from '../platform/db/bulk-insert.js';
import { supervisorWords } from '../domains/people/index.js';
import { WeightedTable, type Random } from './random.js';
import type { ResidentRow, SpecialGroupRow } from './rows.js';

/**
 * 特殊人群: about 3 in 1 000 residents, each supervised by their grid's full-time worker. The
 * records are restricted; the generator only makes sure there are some to restrict.
 */
const ADULT = new WeightedTable<string>([
  ['community_correction', 20],
  ['released_prisoner', 25],
  ['drug_user', 10],
  ['severe_mental_disorder', 35],
  ['other', 5],
]);
const YOUNG = new WeightedTable<string>([
  ['key_youth', 70],
  ['severe_mental_disorder', 15],
  ['community_correction', 15],
]);
const NOTES: Record<string, string> = {
  community_correction: '社区矫正期内，每月报到',
  released_prisoner: '刑满释放，安置帮教期内',
  drug_user: '社区康复，定期检测',
  severe_mental_disorder: '在册管理，监护人落实，定期随访',
  key_youth: '闲散青少年，结对帮扶',
  other: '重点关注',
};
const RATE = 0.0037; // of residents aged 14–70, which is ~80% of everyone

export function specialGroupRecords(
  random: Random,
  residents: readonly ResidentRow[],
  supervisorOf: (gridId: number) => string,
  ids: IdSequence,
): SpecialGroupRow[] {
  const records: SpecialGroupRow[] = [];
  for (const resident of residents) {
    const birthDay = dayOf(resident.birth_date);
    const age = ageOnReference(birthDay);
    if (age < 14 || age > 70 || !random.chance(RATE)) continue;
    const category = (age <= 25 ? YOUNG : ADULT).pick(random);
    const earliest = Math.max(birthDay + 14 * 365, REFERENCE_DAY - 8 * 365);
    records.push({
      id: ids.next(),
      resident_id: resident.id,
      category,
      since_on: isoDate(dayBetween(random, earliest, REFERENCE_DAY - 30)),
      supervisor: supervisorWords(supervisorOf(resident.grid_id!)),
      note: NOTES[category],
    });
  }
  return records;
}
