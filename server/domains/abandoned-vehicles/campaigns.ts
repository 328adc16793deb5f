import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../../platform/clock.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import { campaignBody, type Campaign, type CampaignInput } from '../../../common/contracts/abandoned-vehicles.js';
import type { CampaignsRepository, CampaignWithPhases } from './abandoned-vehicles.repository.js';
import { presentCampaign } from './abandoned-vehicles.presenter.js';
import { phaseProblem } from './phases.js';
import { readCampaignPlan } from './plan.js';
import { readGazette } from '../gazette/index.js';

/**
 * The campaign is data: 平政办字〔2023〕7号 comes from data/cases/campaigns.json, the next one
 * through the API. Its phase on a day is computed from the phase dates, never stored.
 */
export const CAMPAIGN_FILE = fileURLToPath(new URL('../../../data/cases/campaigns.json', import.meta.url));
/** The county gazette the plans are read from (data/seed, as the orgs import reads it). */
export const GAZETTE_FILE = fileURLToPath(new URL('../../../data/seed/pingyin-2023-gazette.txt', import.meta.url));

/**
 * Inserts the file's campaigns that are not in the database yet; never overwrites an edited one.
 * Then every campaign whose document is in the gazette gets the plan read from it (plan.ts), on
 * every start, so a better reading reaches an installed county and a campaign the administrator
 * later files under the same plan carries its mechanism too. A plan that cannot be read in full
 * stops the start rather than show a mechanism with a member missing.
 */
export async function seedCampaigns(campaigns: CampaignsRepository, file = CAMPAIGN_FILE, gazetteFile = GAZETTE_FILE) {
  for (const input of fileCampaigns(file)) await ensureCampaign(campaigns, input);
  const { documents } = readGazette(readFileSync(gazetteFile, 'utf8'));
  for (const c of await campaigns.list()) {
    const doc = documents.find((d) => d.number.text === c.docNumber);
    if (!doc) continue;
    const { plan, unparsed } = readCampaignPlan(doc);
    if (unparsed.length > 0) throw new Error(`${gazetteFile}: ${c.docNumber} 中有无法识别的表述：${unparsed.join('；')}`);
    await campaigns.setPlan(c.id, plan);
  }
}

/** The campaigns of the file, each checked. */
export function fileCampaigns(file = CAMPAIGN_FILE): CampaignInput[] {
  const entries = (JSON.parse(readFileSync(file, 'utf8')) as { campaigns: unknown[] }).campaigns;
  return entries.map((raw) => {
    const input = campaignBody.parse(raw);
    const problem = phaseProblem(input.phases);
    if (problem) throw new Error(`${file}: ${input.code}: ${problem}`);
    return input;
  });
}

/** Inserts a campaign from data (the file, the demo county) unless its code is there already. */
export async function ensureCampaign(campaigns: CampaignsRepository, input: CampaignInput): Promise<void> {
  if (!(await campaigns.byCode(input.code))) await campaigns.insert(input, true);
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
 * The campaign a case reported on `day` belongs to: the one whose dates contain the day, or none.
 * A car found in 2026 is not a case of the 2023 campaign just because that was the last one.
 */
export async function campaignContaining(campaigns: CampaignsRepository, day: string): Promise<CampaignWithPhases | null> {
  return containing(await campaigns.list(), day) ?? null;
}

const containing = (all: CampaignWithPhases[], day: string) =>
  all.find((c) => c.startsOn !== null && c.endsOn !== null && c.startsOn <= day && day <= c.endsOn);

/**
 * The campaign a page shows on `day`: the one running then, else the latest that began before it
 * (its results stay worth reading), else the first to come.
 */
export async function campaignFor(campaigns: CampaignsRepository, day: string): Promise<CampaignWithPhases | null> {
  const all = await campaigns.list();
  const started = all.filter((c) => c.startsOn !== null && c.startsOn <= day);
  return containing(all, day) ?? started.sort((a, b) => b.startsOn!.localeCompare(a.startsOn!))[0] ?? all[0] ?? null;
}
