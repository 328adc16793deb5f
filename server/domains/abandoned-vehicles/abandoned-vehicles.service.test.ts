import { describe, expect, it } from 'vitest';
import { fakeViewer, refusal, unheardTimeline } from '../../test/fakes.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Role } from '../../../common/enums.js';
import type { CaseRow } from '../cases/index.js';
import { lookUpOwner, notifyOwner, type AvDeps } from './abandoned-vehicles.service.js';

/**
 * The 一车一档 steps with fakes for the case engine and the dossier: who may take a step, in
 * what state of the case, and what a step writes — the dossier here, the line through the engine.
 */
const NOW = new Date('2026-12-02T02:00:00Z');
const viewer = (role: Role, extra: Partial<Viewer> = {}): Viewer => fakeViewer(role, extra);
const car = (over: Partial<CaseRow> = {}) =>
  ({
    id: 1,
    number: 'PY1',
    status: 'accepted',
    open: true,
    case_type: 'abandoned_vehicle',
    region_path: '/1/4/230/',
    region_name: '锦源社区',
    pending_request: null,
    reopen_count: 0,
    handler_unit_id: null,
    handler_unit_name: null,
    handler_region_id: null,
    handler_region_name: null,
    handler_region_path: null,
    handler_region_level: null,
    first_unit_id: null,
    reporter_user_id: null,
    address: null,
    lat: null,
    lon: null,
    reported_at: new Date('2026-11-30T02:00:00Z'),
    attributes: { plate: '鲁A 12345', signs: ['dust'] },
    ...over,
  }) as CaseRow;

function fakes(c: CaseRow) {
  const lines: { action: string; audience?: string; note?: string | null }[] = [];
  const dossierWrites: Record<string, unknown>[] = [];
  const audits: string[] = [];
  let dossier: Record<string, unknown> | undefined;
  const dossiers = {
    byCase: async () => dossier,
    ensure: async (caseId: number) => {
      dossier ??= {
        case_id: caseId,
        campaign_id: null,
        owner_status: 'unchecked',
        owner_deadline: null,
        public_deadline: null,
        public_notice_at: null,
        disposal: null,
      };
    },
    update: async (_caseId: number, set: Record<string, unknown>) => {
      dossierWrites.push(set);
      Object.assign(dossier!, set);
    },
    objectionsOf: async () => [],
    vehicleByPlate: async (plate: string) => (plate === '鲁A12345' ? { id: 77, plate, owner_id: 501, brand: '捷达' } : undefined),
  };
  const campaigns = { list: async () => [], byId: async () => undefined };
  const tx = {
    db: 'trx',
    clock: { now: () => NOW },
    cases: { lock: async () => c, byId: async () => c, follows: async () => false },
    timeline: {
      ...unheardTimeline,
      insertEvent: async (row: (typeof lines)[number]) => {
        lines.push(row);
        return 1;
      },
      touchCase: async () => {},
    },
    audit: async (_v: Viewer, e: { action: string }) => {
      audits.push(e.action);
    },
  };
  const deps = {
    casework: { ...tx, transaction: async <T>(fn: (d: never) => Promise<T>) => fn(tx as never) },
    campaigns,
    dossiers,
    within: () => ({ campaigns, dossiers }),
    clock: { now: () => NOW },
    files: {},
  } as unknown as AvDeps;
  return { deps, lines, dossierWrites, audits };
}

describe('a dossier step', () => {
  it('车找人 finds the owner by the plate as typed, writes the dossier and an internal line, and audits the lookup and the read', async () => {
    const f = fakes(car());
    const d = await lookUpOwner(f.deps, viewer('community_staff'), 1);
    expect(f.dossierWrites[0]).toMatchObject({ owner_status: 'found', vehicle_id: 77, owner_id: 501, owner_checked_at: NOW });
    expect(f.lines).toEqual([
      expect.objectContaining({ action: 'av_owner_lookup', audience: 'internal', note: '按号牌鲁A12345查得车辆所有人' }),
    ]);
    // The community desk reads owners in full, so the dossier it gets back is a read of the owner too.
    expect(f.audits).toEqual(['av_owner_lookup', 'read_av_owner']);
    expect(d.owner).toMatchObject({ status: 'found', masked: false });
  });

  it('is refused to those who only read the case, and before the report is accepted, writing nothing', async () => {
    const watcher = fakes(car());
    expect(await refusal(lookUpOwner(watcher.deps, viewer('leader'), 1))).toEqual({ status: 403, code: 'FORBIDDEN' });
    const fresh = fakes(car({ status: 'reported' }));
    expect(await refusal(lookUpOwner(fresh.deps, viewer('community_staff'), 1))).toEqual({ status: 409, code: 'CASE_NOT_ACCEPTED' });
    for (const f of [watcher, fresh]) expect([f.lines, f.dossierWrites]).toEqual([[], []]);
  });

  it("keeps the plan's order: the owner is told only once found, with a deadline after today", async () => {
    const f = fakes(car());
    expect(await refusal(notifyOwner(f.deps, viewer('community_staff'), 1, { method: 'phone', deadline: '2026-12-20' }))).toEqual({
      status: 409,
      code: 'OWNER_UNKNOWN',
    });
    await lookUpOwner(f.deps, viewer('community_staff'), 1);
    expect(await refusal(notifyOwner(f.deps, viewer('community_staff'), 1, { method: 'phone', deadline: '2026-12-02' }))).toEqual({
      status: 409,
      code: 'DEADLINE_INVALID',
    });
    await notifyOwner(f.deps, viewer('community_staff'), 1, { method: 'phone', deadline: '2026-12-20' });
    expect(f.lines.map((l) => l.action)).toEqual(['av_owner_lookup', 'av_notice']);
  });
});
