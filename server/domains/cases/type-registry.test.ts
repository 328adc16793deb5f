import { describe, expect, it } from 'vitest';
import { fakeViewer, unheardTimeline } from '../../test/fakes.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Role } from '../../../common/enums.js';
import { caseTypeRegistry, checkTypeForm } from './type-registry.js';
import { routeFor } from './routing.js';
import { readCaseOfType, takeCaseTypeStep } from './type-steps.js';
import type { CaseRow } from './cases.repository.js';

/** The hook a case type plugs into (docs/decisions/013), with fakes for the engine's repositories. */
describe('the case type registry', () => {
  it("refuses a code registered twice and the engine's own loop", () => {
    expect(() => caseTypeRegistry([{ code: 'iot_alarm' }, { code: 'iot_alarm' }])).toThrow(/iot_alarm/);
    expect(() => caseTypeRegistry([{ code: 'general' }])).toThrow(/general/);
  });

  it("applies a type's form rules to its own cases only", () => {
    const types = caseTypeRegistry([{ code: 'iot_alarm', checkForm: (a) => ({ ...a, checked: true }) }]);
    expect(checkTypeForm(types, 'iot_alarm', { level: 2 })).toEqual({ level: 2, checked: true });
    expect(checkTypeForm(types, 'general', { level: 2 })).toEqual({ level: 2 });
  });

  it("routes a type's case by its own routing first, and by the rules when it has none or declines", async () => {
    const keeper = { target: { kind: 'unit' as const, orgUnitId: 31, name: '物业服务中心' }, reason: '设备维护单位' };
    const types = caseTypeRegistry([{ code: 'iot_alarm', route: async (c) => (c.attributes.device ? keeper : null) }]);
    const byRules = { kind: 'unit' as const, orgUnitId: 5, name: '县城市管理局' };
    const catalogue = {
      categoryById: async (id: number) => ({ id, parent_id: null, name: '设备告警', default_org_unit_id: 5 }),
      rulesFor: async () => [],
      unitById: async (id: number) => ({ id, name: byRules.name }),
    };
    const facts = { categoryId: 1, regionId: 230, regionPath: '/1/4/230/' };
    const deps = { catalogue, caseTypes: types } as unknown as Parameters<typeof routeFor>[0];
    expect(await routeFor(deps, { ...facts, caseType: 'iot_alarm', attributes: { device: 'S-1' } })).toBe(keeper);
    expect((await routeFor(deps, { ...facts, caseType: 'iot_alarm', attributes: {} })).target).toEqual(byRules);
    expect((await routeFor(deps, { ...facts, caseType: 'general', attributes: { device: 'S-1' } })).target).toEqual(byRules);
  });
});

const viewer = (role: Role, extra: Partial<Viewer> = {}): Viewer => fakeViewer(role, { displayName: '锦源受理员', ...extra });
const aCase = (over: Partial<CaseRow>) =>
  ({
    id: 1,
    number: 'PY1',
    status: 'accepted',
    case_type: 'abandoned_vehicle',
    region_path: '/1/4/230/',
    pending_request: null,
    reopen_count: 0,
    handler_unit_id: null,
    handler_unit_name: null,
    first_unit_id: null,
    handler_region_id: null,
    handler_region_path: null,
    handler_region_level: null,
    reporter_user_id: null,
    ...over,
  }) as CaseRow;

/** The engine as a case type meets it: a case store that records locks, and a timeline that records lines. */
function fakeEngine(c: CaseRow) {
  const locked: number[] = [];
  const lines: { case_id: number; action: string; audience?: string; actor_unit?: string | null }[] = [];
  const tx = {
    db: "the step's transaction",
    clock: { now: () => new Date('2026-12-02T02:00:00Z') },
    cases: {
      lock: async (id: number) => {
        locked.push(id);
        return id === c.id ? c : undefined;
      },
      byId: async (id: number) => (id === c.id ? c : undefined),
      follows: async () => false,
    },
    timeline: {
      ...unheardTimeline,
      insertEvent: async (row: (typeof lines)[number]) => {
        lines.push(row);
        return lines.length;
      },
      touchCase: async () => {},
    },
    audit: async () => {},
  };
  const engine = { ...tx, transaction: async <T>(fn: (d: never) => Promise<T>) => fn(tx as never) };
  return { engine: engine as never, locked, lines };
}

describe("a case type's step, hosted by the engine", () => {
  it("locks the case, gives the type the step's transaction, and writes the type's line as the actor's unit", async () => {
    const f = fakeEngine(aCase({}));
    let given: unknown;
    await takeCaseTypeStep(f.engine, viewer('community_staff'), 1, 'abandoned_vehicle', '档案', async (step) => {
      given = step.db;
      expect(step.access.relations.has('dispatcher')).toBe(true);
      return { action: 'av_notice', note: '电话告知', audience: 'internal' };
    });
    expect(f.locked).toEqual([1]);
    expect(given).toBe("the step's transaction");
    expect(f.lines).toEqual([
      expect.objectContaining({
        case_id: 1,
        action: 'av_notice',
        audience: 'internal',
        actor_unit: '锦源社区',
        from_status: 'accepted',
        to_status: 'accepted',
      }),
    ]);
  });

  it('writes no line when the type refuses the step, and finds no case of another type or out of sight', async () => {
    const f = fakeEngine(aCase({}));
    await expect(
      takeCaseTypeStep(f.engine, viewer('community_staff'), 1, 'abandoned_vehicle', '档案', async () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await expect(
      takeCaseTypeStep(f.engine, viewer('community_staff'), 1, 'iot_alarm', '告警', async () => ({
        action: 'x',
        note: '',
        audience: 'staff',
      })),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      readCaseOfType(f.engine, viewer('community_staff', { regionPath: '/1/5/', regionId: 5 }), 1, 'abandoned_vehicle', '档案'),
    ).rejects.toMatchObject({ status: 404 });
    expect(f.lines).toEqual([]);
  });
});
