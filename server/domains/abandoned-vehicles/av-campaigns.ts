import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { REPO_ROOT } from '../../cli/paths.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { campaignBody, type CampaignInput } from './abandoned-vehicles.schema.js';
import { campaignByCode, campaignById, insertCampaign, listCampaigns, updateCampaign, type CampaignWithPhases } from './abandoned-vehicles.repository.js';

/**
 * The campaign is data: 平政办字〔2023〕7号 comes from data/cases/campaigns.json, the next one
 * through the API. Its phase on a day is computed from the phase dates, never stored.
 */
export const CAMPAIGN_FILE = `${REPO_ROOT}/data/cases/campaigns.json`;

export type PhaseState = { kind: 'before' } | { kind: 'in'; code: string; name: string } | { kind: 'after' };

interface PhaseDates { code: string; name: string; startsOn: string; endsOn: string }

/** Pure: where a day ('YYYY-MM-DD', local) falls among the phases (sorted by start). */
export function phaseOn(phases: readonly PhaseDates[], day: string): PhaseState {
  if (!phases.length || day < phases[0].startsOn) return { kind: 'before' };
  const hit = phases.find((p) => p.startsOn <= day && day <= p.endsOn);
  if (hit) return { kind: 'in', code: hit.code, name: hit.name };
  // A gap between two phases belongs to the phase before it: its work simply runs on.
  const before = [...phases].reverse().find((p) => p.endsOn < day);
  return before === phases[phases.length - 1] ? { kind: 'after' } : { kind: 'in', code: before!.code, name: before!.name };
}

/** Pure: phases must be in order, each within itself, none overlapping, codes unique. */
export function phaseProblem(phases: readonly PhaseDates[]): string | null {
  const codes = new Set<string>();
  for (const [i, p] of phases.entries()) {
    if (p.startsOn > p.endsOn) return `“${p.name}”的开始日期晚于结束日期`;
    if (codes.has(p.code)) return `阶段代码“${p.code}”重复`;
    codes.add(p.code);
    if (i > 0 && phases[i - 1].endsOn >= p.startsOn) return `“${p.name}”须在“${phases[i - 1].name}”结束之后开始`;
  }
  return null;
}

/** Pure: the month a report covers by default: the one before the day's month (报上月情况). */
export function previousMonth(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Pure: the day the month's report is due: the report day of the following month (每月8日前). */
export function reportDueOn(month: string, reportDay: number): string {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return `${next}-${String(reportDay).padStart(2, '0')}`;
}

/** Inserts the file's campaigns that are not in the database yet; never overwrites an edited one. */
export async function seedCampaigns(db: Kysely<DB>, file = CAMPAIGN_FILE) {
  const { campaigns } = JSON.parse(readFileSync(file, 'utf8')) as { campaigns: unknown[] };
  for (const raw of campaigns) {
    const input = campaignBody.parse(raw);
    const problem = phaseProblem(input.phases);
    if (problem) throw new Error(`${file}: ${input.code}: ${problem}`);
    if (await campaignByCode(db, input.code)) continue;
    await insertCampaign(db, input, true);
  }
}

export async function createCampaign(db: Kysely<DB>, input: CampaignInput) {
  checkPhases(input);
  if (await campaignByCode(db, input.code)) throw conflict('CAMPAIGN_EXISTS', `方案代码“${input.code}”已存在`);
  const id = await insertCampaign(db, input, false);
  // Another request created the same code between the check and the insert.
  if (id === null) throw conflict('CAMPAIGN_EXISTS', `方案代码“${input.code}”已存在`);
  return id;
}

export async function changeCampaign(db: Kysely<DB>, id: number, input: CampaignInput) {
  checkPhases(input);
  if (!(await campaignById(db, id))) throw notFound('专项治理方案');
  const other = await campaignByCode(db, input.code);
  if (other && other.id !== id) throw conflict('CAMPAIGN_EXISTS', `方案代码“${input.code}”已存在`);
  await updateCampaign(db, id, input);
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
export async function campaignFor(db: Kysely<DB>, day: string): Promise<CampaignWithPhases | null> {
  const all = await listCampaigns(db);
  const started = all.filter((c) => c.startsOn !== null && c.startsOn <= day);
  const running = started.find((c) => c.endsOn !== null && day <= c.endsOn);
  return running ?? started.sort((a, b) => b.startsOn!.localeCompare(a.startsOn!))[0] ?? all[0] ?? null;
}
