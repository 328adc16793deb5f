import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import type { CampaignInput } from '../../common/contracts/abandoned-vehicles.js';
import { campaignsRepository, ensureCampaign, fileCampaigns } from '../domains/abandoned-vehicles/index.js';

/** The plan the routine campaign carries on: the 2023 campaign's document, from data/cases/campaigns.json. */
const PLAN = '平政办字〔2023〕7号';

/**
 * The demo county's current campaign. The generator files abandoned-vehicle cases over the last
 * few months, and a case belongs to the campaign whose dates contain it: without a campaign of
 * those months the campaign page of a demo opened today would show 2023 and none of its cases.
 *
 * It is the routine enforcement the plan asks for once the 2023 special action is over
 * (平政办字〔2023〕7号 二（三） 建立废弃汽车长效治理机制), so it is filed under that plan, runs in one
 * phase (the plan sets no phases for it), and starts on the first of the month the generated
 * cases start in and ends with that year's 31 December or the current year's, whichever is later.
 */
export function demoCampaign(now: Date, days: number): CampaignInput {
  const local = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const first = local(new Date(now.getTime() - days * 86_400_000));
  const startsOn = `${first.slice(0, 7)}-01`;
  const endsOn = `${local(now).slice(0, 4)}-12-31`;
  const special = fileCampaigns().find((c) => c.docNumber === PLAN);
  if (!special) throw new Error(`data/cases/campaigns.json has no campaign of ${PLAN}`);
  return {
    code: `pingyin-routine-${startsOn.slice(0, 7)}`,
    name: `平阴县废弃汽车常态化治理（${endsOn.slice(0, 4)}年）`,
    docNumber: PLAN,
    issuedOn: startsOn,
    // Who issues it, and the sentence every 限期清理通知书 quotes, as the plan's campaign has them.
    issuingUnit: special.issuingUnit,
    legalBasis: special.legalBasis,
    reportDay: special.reportDay,
    phases: [{ code: 'routine', name: '常态化执法监管', startsOn, endsOn }],
  };
}

export async function seedDemoCampaign(db: Kysely<DB>, now: Date, days: number): Promise<void> {
  await ensureCampaign(campaignsRepository(db), demoCampaign(now, days));
}
