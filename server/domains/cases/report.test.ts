import { describe, expect, it } from 'vitest';
import { fakeViewer, refusal } from '../../test/fakes.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { WorkingCalendar } from '../../platform/calendar/working-calendar.js';
import { invalid } from '../../platform/errors.js';
import type { Role } from '../../../common/enums.js';
import type { ReportCaseInput } from '../../../common/contracts/cases.js';
import type { ReportedCase } from './report.repository.js';
import { caseTypeRegistry, type CaseType } from './type-registry.js';
import { reportCase, type ReportDeps } from './report.js';

/** The report path with fake repositories: every check before anything is written, and what is written. */
const NOW = new Date('2026-12-02T02:00:00Z');
const streetlight = {
  id: 11,
  parent_id: 10,
  code: 'streetlight',
  name: '路灯损坏',
  case_type: 'general' as const,
  is_public: true,
  sla_amount: 3,
  sla_unit: 'working_days' as const,
  sign_limit_hours: 1,
  default_org_unit_id: null,
  keywords: [],
  sort: 0,
  active: true,
  form: [{ key: 'pole_no', label: '灯杆编号', type: 'text' as const, required: true }],
};
const parent = { ...streetlight, id: 10, parent_id: null, code: 'public_facilities', name: '公共设施', form: [] };
const vehicle = {
  ...streetlight,
  id: 12,
  code: 'abandoned_vehicle',
  name: '废弃汽车',
  case_type: 'abandoned_vehicle' as const,
  form: [{ key: 'plate', label: '号牌', type: 'text' as const }],
};

const viewer = (role: Role, extra: Partial<Viewer> = {}): Viewer => fakeViewer(role, { displayName: `${role}用户`, ...extra });
const input = (over: Partial<ReportCaseInput>): ReportCaseInput => ({
  categoryId: 11,
  description: '路灯不亮',
  attributes: { pole_no: 'A-12' },
  photoIds: [],
  anonymous: false,
  urgent: false,
  ...over,
});

function fakeDeps(types: CaseType[] = [], earlier?: { id: number; number: string; idempotency_fingerprint: string | null }) {
  const written: ReportedCase[] = [];
  const deps = {
    clock: { now: () => NOW },
    calendar: new WorkingCalendar(),
    settings: { duplicateMetres: 50, duplicateDays: 30 },
    caseTypes: caseTypeRegistry(types),
    catalogue: {
      activeCategories: async () => ({ byId: new Map([streetlight, parent, vehicle].map((c) => [c.id, c])), parents: new Set([10]) }),
    },
    report: {
      insertReported: async (r: ReportedCase) => {
        if (earlier) return null;
        written.push(r);
        return { id: 100, number: 'PY20261202000100', event_id: 1000, nearby: [] };
      },
      byIdempotencyKey: async () => earlier,
      regionById: async (id: number) =>
        (
          ({
            230: { id: 230, path: '/1/4/230/', level: 'community' as const },
            240: { id: 240, path: '/1/5/240/', level: 'community' as const },
          }) as Record<number, { id: number; path: string; level: 'community' }>
        )[id],
      houseById: async () => undefined,
      homeOf: async () => undefined,
      county: async () => ({ id: 1, path: '/1/' }),
    },
    photos: {},
    placeInWords: (p: { lon: number; lat: number }) => `锦源社区 · 锦源小区3号楼附近约20米（${p.lon},${p.lat}）`,
    transaction: async () => {
      throw new Error('no photos here, so no transaction');
    },
  };
  return { deps: deps as unknown as ReportDeps, written };
}

describe('reporting a case', () => {
  it('refuses before writing: an unknown or a parent category, a form the category refuses, a point outside the county', async () => {
    const f = fakeDeps();
    const resident = { kind: 'viewer' as const, viewer: viewer('resident') };
    expect(await refusal(reportCase(f.deps, resident, input({ categoryId: 99 })))).toEqual({ status: 400, code: 'UNKNOWN_CATEGORY' });
    expect(await refusal(reportCase(f.deps, resident, input({ categoryId: 10 })))).toEqual({ status: 400, code: 'UNKNOWN_CATEGORY' });
    expect(await refusal(reportCase(f.deps, resident, input({ attributes: {} })))).toEqual({ status: 400, code: 'FIELD_REQUIRED' });
    expect(await refusal(reportCase(f.deps, resident, input({ lat: 0, lon: 0 })))).toEqual({ status: 400, code: 'OUTSIDE_COUNTY' });
    expect(f.written).toEqual([]);
  });

  it('lets staff file only inside their region (404 outside, as if it did not exist); residents name any region', async () => {
    const f = fakeDeps();
    expect(await refusal(reportCase(f.deps, { kind: 'viewer', viewer: viewer('community_staff') }, input({ regionId: 240 })))).toEqual({
      status: 404,
      code: 'NOT_FOUND',
    });
    await reportCase(f.deps, { kind: 'viewer', viewer: viewer('resident') }, input({ regionId: 240 }));
    expect(f.written[0].case).toMatchObject({ region_id: 240, region_path: '/1/5/240/', source: 'resident', reporter_user_id: 9 });
  });

  it('stores where a point is in words, and none for a case without a point', async () => {
    const f = fakeDeps();
    const resident = { kind: 'viewer' as const, viewer: viewer('resident') };
    await reportCase(f.deps, resident, input({ regionId: 230, lon: 116.4551, lat: 36.2869 }));
    await reportCase(f.deps, resident, input({ regionId: 230 }));
    expect(f.written.map((w) => w.case.location_text)).toEqual(['锦源社区 · 锦源小区3号楼附近约20米（116.4551,36.2869）', null]);
  });

  it('makes the caller of a 12345 order its reporter, not the clerk who typed it in', async () => {
    const f = fakeDeps();
    await reportCase(
      f.deps,
      { kind: 'viewer', viewer: viewer('community_staff') },
      input({ hotlineOrderNo: 'RX-2026-1', reporterName: '赵丽华', reporterPhone: '13912345678' }),
    );
    const r = f.written[0];
    expect(r.case).toMatchObject({ source: 'hotline', reporter_user_id: null, step: 'accept' });
    expect(r.source).toMatchObject({ reference: 'RX-2026-1', reporter_name: '赵丽华', reporter_phone: '13912345678' });
    expect(r.event).toMatchObject({
      actor_user_id: 9,
      actor_name: '赵丽华',
      data: { source: 'hotline', hotlineOrderNo: 'RX-2026-1', enteredBy: 'community_staff用户' },
    });
  });

  it("runs the case type's own form rules after the category form's", async () => {
    const plates: CaseType = {
      code: 'abandoned_vehicle',
      checkForm: (a) => {
        if (typeof a.plate === 'string' && a.plate.length < 4) throw invalid('PLATE_INVALID', '号牌不完整');
        return { ...a, plate: typeof a.plate === 'string' ? a.plate.toUpperCase() : a.plate };
      },
    };
    const f = fakeDeps([plates]);
    const grid = { kind: 'viewer' as const, viewer: viewer('grid_worker') };
    expect(await refusal(reportCase(f.deps, grid, input({ categoryId: 12, attributes: { plate: '鲁A' } })))).toEqual({
      status: 400,
      code: 'PLATE_INVALID',
    });
    await reportCase(f.deps, grid, input({ categoryId: 12, attributes: { plate: ' 鲁a12345 ' } }));
    expect(f.written[0].case.attributes).toEqual({ plate: '鲁A12345' });
    // Another type's rules never touch a general case.
    await reportCase(f.deps, grid, input({}));
    expect(f.written[1].case.attributes).toEqual({ pole_no: 'A-12' });
  });

  it('answers a retry with the case the first try made, and refuses the key for a different report', async () => {
    const same = fakeDeps([], { id: 100, number: 'PY20261202000100', idempotency_fingerprint: null });
    const resident = { kind: 'viewer' as const, viewer: viewer('resident') };
    expect(await reportCase(same.deps, resident, input({}), 'key-123456')).toEqual({
      caseId: 100,
      number: 'PY20261202000100',
      replayed: true,
      duplicates: [],
    });
    const other = fakeDeps([], { id: 100, number: 'PY20261202000100', idempotency_fingerprint: 'a different body' });
    expect(await refusal(reportCase(other.deps, resident, input({}), 'key-123456'))).toEqual({ status: 422, code: 'IDEMPOTENCY_MISMATCH' });
  });
});
