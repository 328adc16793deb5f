import { describe, expect, it } from 'vitest';
import { fakeViewer, unheardTimeline } from '../../test/fakes.js';
import type { Insertable } from 'kysely';
import type { CaseSupervisionTable } from '../../platform/db/schema.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { WorkingCalendar } from '../../platform/calendar/working-calendar.js';
import type { Role } from '../../../common/enums.js';
import type { TimelineEntry } from './timeline.js';
import {
  acknowledgeNotice,
  escalationFor,
  listNotices,
  noticeFor,
  statisticsPeriod,
  superviseOverdue,
  type ClaimedCase,
  type SweepDeps,
} from './supervision.js';

/** 督办 with fake repositories: who a notice goes to, who an escalation reaches, what the sweep writes. */
const NOW = new Date('2026-12-02T02:00:00Z'); // Wednesday 10:00 in Beijing
const overdue = (over: Partial<ClaimedCase>): ClaimedCase => ({
  id: 1,
  status: 'in_progress',
  step: 'handle',
  handler_unit_id: 7,
  handler_region_id: null,
  region_id: 230,
  ...over,
});
const leader = { leaderId: 8, leaderName: '张伟', backupId: 7, backupName: '李培振' };

describe('the 督办单 of an overdue case', () => {
  it('goes to the handling unit for its own steps (sign, handle)', () => {
    expect(noticeFor(overdue({ step: 'handle' }))).toEqual({ reason: '处置已超时限，请立即办理并反馈', orgUnitId: 7, regionId: null });
    expect(noticeFor(overdue({ step: 'sign' }))).toMatchObject({ orgUnitId: 7, regionId: null });
  });

  it('goes to the grid the case was dispatched to when no unit handles it', () => {
    expect(noticeFor(overdue({ handler_unit_id: null, handler_region_id: 231 }))).toMatchObject({ orgUnitId: null, regionId: 231 });
  });

  it("goes to the desk of the case's region for the desk's steps, never to the unit that cannot act on them", () => {
    for (const step of ['accept', 'dispatch', 'verify', 'close']) {
      expect(noticeFor(overdue({ step })), step).toMatchObject({ orgUnitId: null, regionId: 230 });
    }
    expect(noticeFor(overdue({ step: 'accept' })).reason).toBe('受理已超时限，请立即办理并反馈');
  });
});

describe('an escalation', () => {
  it('names the leader in charge and the AB角 for a unit', () => {
    expect(escalationFor(overdue({}), leader)).toEqual({
      reason: '督办后仍未办结，报分管领导张伟（AB角：李培振）',
      orgUnitId: 7,
      townOfRegionId: null,
    });
  });

  it("goes to the town without a leader: the grid's town for a grid's step, the case's for the desk's", () => {
    expect(escalationFor(overdue({ handler_unit_id: null, handler_region_id: 231 }), null)).toEqual({
      reason: '督办后仍未办结，报属地镇街',
      orgUnitId: null,
      townOfRegionId: 231,
    });
    expect(escalationFor(overdue({ step: 'verify', handler_region_id: 231 }), null)).toMatchObject({ townOfRegionId: 230 });
  });
});

/** A sweep's dependencies, recording what it writes; the transaction is the same deps. */
function fakeSweep(claims: {
  overdue?: ClaimedCase[];
  escalations?: ClaimedCase[];
  questionnaires?: { caseId: number; userId: number; number: string }[];
}) {
  const notices: Insertable<CaseSupervisionTable>[] = [];
  const lines: Omit<TimelineEntry, 'actor'>[] = [];
  const messages: { user_id: number; title: string; audience: string }[] = [];
  const leaders: number[] = [];
  const deps = {
    clock: { now: () => NOW },
    calendar: new WorkingCalendar(),
    settings: { escalateHours: 8 },
    supervision: {
      claimOverdue: async () => claims.overdue ?? [],
      claimEscalations: async () => claims.escalations ?? [],
      claimDueQuestionnaires: async () => claims.questionnaires ?? [],
      townOf: async (regionId: number) => (regionId === 231 || regionId === 230 ? 4 : regionId),
      foldStatusCounts: async () => 0,
    },
    steps: {
      insertSupervision: async (row: Insertable<CaseSupervisionTable>) => {
        notices.push(row);
      },
    },
    catalogue: {
      leaderInCharge: async (unitId: number) => {
        leaders.push(unitId);
        return unitId === 7 ? leader : null;
      },
    },
    timeline: {
      ...unheardTimeline,
      insertEvent: async (row: { case_id: number; action: string; audience?: string; note?: string | null }) => {
        lines.push({ caseId: row.case_id, action: row.action, audience: row.audience as 'staff', note: row.note ?? null } as never);
        return lines.length;
      },
      touchCase: async () => {},
    },
    notify: async (userIds: number[], n: { title: string; audience: string }) => {
      messages.push(...userIds.map((user_id) => ({ user_id, title: n.title, audience: n.audience })));
    },
    transaction: async <T>(fn: (d: never) => Promise<T>) => fn(deps as never),
  };
  return { deps: deps as unknown as SweepDeps, notices, lines, messages, leaders };
}

describe('one round of the sweep', () => {
  it('writes a 督办单 and a staff line for each case it claimed, and counts them', async () => {
    const f = fakeSweep({ overdue: [overdue({ id: 1 }), overdue({ id: 2, step: 'accept' })] });
    expect(await superviseOverdue(f.deps)).toEqual({ noticed: 2, escalated: 0, asked: 0, folded: 0 });
    expect(f.notices).toEqual([
      expect.objectContaining({ case_id: 1, level: 1, org_unit_id: 7, region_id: null, issued_at: NOW }),
      expect.objectContaining({ case_id: 2, level: 1, org_unit_id: null, region_id: 230 }),
    ]);
    expect(f.lines.map((l) => [l.caseId, l.action, l.audience])).toEqual([
      [1, 'supervise', 'staff'],
      [2, 'supervise', 'staff'],
    ]);
  });

  it('escalates to the leader of the unit, and asks for a leader only where a unit owes the step', async () => {
    const f = fakeSweep({ escalations: [overdue({ id: 3 }), overdue({ id: 4, step: 'close' })] });
    expect((await superviseOverdue(f.deps)).escalated).toBe(2);
    expect(f.leaders).toEqual([7]);
    expect(f.notices).toEqual([
      expect.objectContaining({ case_id: 3, level: 2, org_unit_id: 7, region_id: null, leader_id: 8, backup_leader_id: 7 }),
      expect.objectContaining({ case_id: 4, level: 2, org_unit_id: null, region_id: 4, leader_id: null }),
    ]);
    expect(f.lines.map((l) => l.action)).toEqual(['escalate', 'escalate']);
  });

  it("puts a due 回访 in the reporter's inbox as a public message", async () => {
    const f = fakeSweep({ questionnaires: [{ caseId: 5, userId: 42, number: 'PY20261201000005' }] });
    expect((await superviseOverdue(f.deps)).asked).toBe(1);
    expect(f.messages).toEqual([{ user_id: 42, title: '回访：事件PY20261201000005的问题真的解决了吗？', audience: 'public' }]);
  });
});

const viewer = (role: Role, extra: Partial<Viewer> = {}): Viewer => fakeViewer(role, extra);

describe('the notices', () => {
  const row = {
    id: 1,
    case_id: 2,
    number: 'PY1',
    title: '路灯不亮 13912345678',
    status: 'dispatched',
    level: 1 as const,
    reason: '处置已超时限',
    issued_at: NOW,
    issued_by: null,
    acknowledged_at: null,
    unit: '县城市管理局',
    leader: null,
    backup_leader: null,
  };

  it("a department handler lists its unit's, anyone else the scope's; titles masked for masked roles", async () => {
    const asked: unknown[] = [];
    const supervision = {
      notices: async (f: unknown, page: unknown) => {
        asked.push({ f, page });
        return { rows: [row], total: 1 };
      },
    };
    const page = await listNotices({ supervision } as never, viewer('dept_handler', { orgUnitId: 7 }), {
      page: 2,
      pageSize: 10,
      open: 'true',
    });
    await listNotices({ supervision } as never, viewer('community_staff'), { page: 1, pageSize: 20 });
    expect(asked).toEqual([
      { f: { unitId: 7, openOnly: true }, page: { offset: 10, limit: 10 } },
      { f: { unitId: undefined, openOnly: false }, page: { offset: 0, limit: 20 } },
    ]);
    expect(page.items[0]).toMatchObject({
      caseId: 2,
      title: '路灯不亮 139****5678',
      issuedAt: NOW.toISOString(),
      bySystem: true,
      acknowledgedAt: null,
    });
  });

  it('is signed only by whom it is addressed to; for anyone else it does not exist', async () => {
    const signed: number[] = [];
    const deps = (notice: object | undefined) =>
      ({
        clock: { now: () => NOW },
        supervision: {
          noticeById: async () => notice,
          acknowledge: async (id: number) => {
            signed.push(id);
          },
        },
      }) as never;
    await acknowledgeNotice(
      deps({ org_unit_id: 7, region_id: null, path: null, level: null }),
      viewer('dept_handler', { orgUnitId: 7 }),
      1,
    );
    await expect(
      acknowledgeNotice(deps({ org_unit_id: 7, region_id: null, path: null, level: null }), viewer('dept_handler', { orgUnitId: 8 }), 2),
    ).rejects.toMatchObject({ status: 404 });
    await expect(acknowledgeNotice(deps(undefined), viewer('community_staff'), 3)).rejects.toMatchObject({ status: 404 });
    expect(signed).toEqual([1]);
  });
});

describe('the statistics period', () => {
  it('is days in Beijing time, by default the last 30 days, and refuses an empty one', () => {
    expect(statisticsPeriod({ from: '2026-11-01', to: '2026-12-01' }, NOW)).toEqual({
      from: new Date('2026-10-31T16:00:00Z'),
      to: new Date('2026-11-30T16:00:00Z'),
    });
    expect(statisticsPeriod({}, NOW)).toEqual({ from: new Date(NOW.getTime() - 30 * 86_400_000), to: NOW });
    expect(() => statisticsPeriod({ from: '2026-12-01', to: '2026-12-01' }, NOW)).toThrow(expect.objectContaining({ code: 'PERIOD' }));
  });
});
