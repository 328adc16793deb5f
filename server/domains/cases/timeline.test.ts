import { describe, expect, it } from 'vitest';
import type { CaseListeners, TimelineRepository } from './timeline.repository.js';
import type { EventDraft } from '../../platform/events/publish.js';
import { notifyReporters, recordCaseEvent } from './timeline.js';
import type { CasesRepository } from './cases.repository.js';

/** The one writer of lines, with a fake timeline that records what it is given. */
function fakeTimeline() {
  const events: unknown[] = [];
  const touched: number[] = [];
  const announced: EventDraft[] = [];
  const listeners: CaseListeners = { regionPath: '/1/4/230/', status: 'accepted', handlerIds: [], reporterIds: [3] };
  const timeline = {
    listenersOf: async () => listeners,
    announce: async (draft: EventDraft) => {
      announced.push(draft);
    },
    insertEvent: async (row: unknown) => {
      events.push(row);
      return events.length;
    },
    touchCase: async (id: number) => {
      touched.push(id);
    },
  } as unknown as TimelineRepository;
  return { timeline, events, touched, announced };
}
const at = new Date('2026-12-02T02:00:00Z');

describe('the timeline', () => {
  it("writes a line with its audience and marks the case's last activity, unless the step moves the case itself", async () => {
    const f = fakeTimeline();
    const line = {
      caseId: 5,
      at,
      actor: { userId: 1, name: '张三', unit: '锦源社区' },
      action: 'comment',
      fromStatus: 'accepted',
      toStatus: 'accepted',
      note: '已电话联系',
      audience: 'internal' as const,
    };
    expect(await recordCaseEvent(f.timeline, line)).toBe(1);
    await recordCaseEvent(f.timeline, line, { touchCase: false });
    expect(f.events[0]).toMatchObject({ case_id: 5, actor_unit: '锦源社区', audience: 'internal', data: '{}' });
    expect(f.touched).toEqual([5]);
    // Each line is announced once, with the id it was written under.
    expect(f.announced.map((e) => e.data)).toEqual([
      { caseId: 5, lineId: 1, action: 'comment', status: 'accepted' },
      { caseId: 5, lineId: 2, action: 'comment', status: 'accepted' },
    ]);
  });
});

describe('news for the reporters', () => {
  it('is a public message to every reporter and co-reporter but the one who acted (the notifications domain masks it)', async () => {
    const sent: { userIds: readonly number[]; audience: string; kind: string }[] = [];
    const cases = { reporterIds: async () => [3, 4, 9] } as unknown as CasesRepository;
    const notify = async (userIds: readonly number[], n: { audience: string; kind: string }) => {
      sent.push({ userIds, audience: n.audience, kind: n.kind });
    };
    await notifyReporters({ cases, notify }, 5, 9, '事件PY1已受理', '', at);
    expect(sent).toEqual([{ userIds: [3, 4], audience: 'public', kind: 'case_update' }]);
  });
});
