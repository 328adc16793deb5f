import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../../platform/clock.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import { campaignBody, type Campaign, type CampaignInput } from '../../../common/contracts/abandoned-vehicles.js';
import type { CampaignsRepository, CampaignWithPhases } from './abandoned-vehicles.repository.js';
import { presentCampaign } from './abandoned-vehicles.presenter.js';
import { phaseProblem } from './phases.js';

/**
 * The campaign is data: 平政办字〔2023〕7号 comes from data/cases/campaigns.json, the next one
 * through the API. Its phase on a day is computed from the phase dates, never stored.
 */
export const CAMPAIGN_FILE = fileURLToPath(new URL('../../../data/cases/campaigns.json', import.meta.url));

/** Inserts the file's campaigns that are not in the database yet; never overwrites an edited one. */
export async function seedCampaigns(campaigns: CampaignsRepository, file = CAMPAIGN_FILE) {
  const entries = (JSON.parse(readFileSync(file, 'utf8')) as { campaigns: unknown[] }).campaigns;
  for (const raw of entries) {
    const input = campaignBody.parse(raw);
    const problem = phaseProblem(input.phases);
    if (problem) throw new Error(`${file}: ${input.code}: ${problem}`);
    if (await campaigns.byCode(input.code)) continue;
    await campaigns.insert(input, true);
  }
}

export interface CampaignDeps {
  campaigns: CampaignsRepository;
  clock: Clock;
}

const todayOf = (deps: CampaignDeps) => localDateOf(deps.clock.now());

/** Every campaign, each with the phase it is in today. */
export async function listCampaigns(deps: CampaignDeps): Promise<Campaign[]> {
  const today = todayOf(deps);
  return (await deps.campaigns.list()).map((c) => presentCampaign(c, today));
}

/** The campaign today belongs to (campaignFor). */
export async function currentCampaign(deps: CampaignDeps): Promise<Campaign> {
  const today = todayOf(deps);
  const c = await campaignFor(deps.campaigns, today);
  if (!c) throw notFound('专项治理方案');
  return presentCampaign(c, today);
}

export async function createCampaign(deps: CampaignDeps, input: CampaignInput): Promise<Campaign> {
  checkPhases(input);
  if (await deps.campaigns.byCode(input.code)) throw conflict('CAMPAIGN_EXISTS', `方案代码“${input.code}”已存在`);
  const id = await deps.campaigns.insert(input, false);
  // Another request created the same code between the check and the insert.
  if (id === null) throw conflict('CAMPAIGN_EXISTS', `方案代码“${input.code}”已存在`);
  return presentCampaign((await deps.campaigns.byId(id))!, todayOf(deps));
}

export async function changeCampaign(deps: CampaignDeps, id: number, input: CampaignInput): Promise<Campaign> {
  checkPhases(input);
  if (!(await deps.campaigns.byId(id))) throw notFound('专项治理方案');
  const other = await deps.campaigns.byCode(input.code);
  if (other && other.id !== id) throw conflict('CAMPAIGN_EXISTS', `方案代码“${input.code}”已存在`);
  await deps.campaigns.update(id, input);
  return presentCampaign((await deps.campaigns.byId(id))!, todayOf(deps));
}

function checkPhases(input: CampaignInput) {
  const problem = phaseProblem(input.phases);
  if (problem) throw invalid('PHASES_INVALID', problem);
  if (input.phases[0].startsOn < input.issuedOn) throw invalid('PHASES_INVALID', '第一个阶段不能早于方案印发日期');
}

/**
 * The campaign a day belongs to: the one running then, else the latest that began before it,
 * else the first to come.
 */
export async function campaignFor(campaigns: CampaignsRepository, day: string): Promise<CampaignWithPhases | null> {
  const all = await campaigns.list();
  const started = all.filter((c) => c.startsOn !== null && c.startsOn <= day);
  const running = started.find((c) => c.endsOn !== null && day <= c.endsOn);
  return running ?? started.sort((a, b) => b.startsOn!.localeCompare(a.startsOn!))[0] ?? all[0] ?? null;
}
