import { describe, expect, it } from 'vitest';
import type { TimelineRepository } from './case-timeline.repository.js';
import { notifyReporters, notifyUsers, recordCaseEvent } from './case-timeline.js';
import type { CasesRepository } from './cases.repository.js';

/** The one writer of lines and the one writer of messages, with a fake timeline that records what it is given. */
function fakeTimeline() {
  const events: unknown[] = [];
  const touched: number[] = [];
  const messages: { user_id: number; title: string; body: string; audience?: string }[] = [];
  const timeline = {
    insertEvent: async (row: unknown) => { events.push(row); return events.length; },
    touchCase: async (id: number) => { touched.push(id); },
    insertNotifications: async (rows: typeof messages) => { messages.push(...rows); },
  } as unknown as TimelineRepository;
  return { timeline, events, touched, messages };
}
const at = new Date('2026-12-02T02:00:00Z');

describe('the timeline', () => {
  it('writes a line with its audience and marks the case\'s last activity, unless the step moves the case itself', async () => {
    const f = fakeTimeline();
    const line = { caseId: 5, at, actor: { userId: 1, name: '张三', unit: '锦源社区' }, action: 'comment', fromStatus: 'accepted', toStatus: 'accepted', note: '已电话联系', audience: 'internal' as const };
    expect(await recordCaseEvent(f.timeline, line)).toBe(1);
    await recordCaseEvent(f.timeline, line, { touchCase: false });
    expect(f.events[0]).toMatchObject({ case_id: 5, actor_unit: '锦源社区', audience: 'internal', data: '{}' });
    expect(f.touched).toEqual([5]);
  });
});

describe('notifications', () => {
  it('mask numbers typed into a public message, never into a staff one, and reach each recipient once', async () => {
    const f = fakeTimeline();
    const text = '请致电13912345678，身份证370124199001011234';
    await notifyUsers(f.timeline, [3, 3, 4], { kind: 'case_update', caseId: 5, title: text, body: text, audience: 'public', at });
    await notifyUsers(f.timeline, [7], { kind: 'case_dispatched', caseId: 5, title: text, body: text, audience: 'internal', at });
    expect(f.messages.map((m) => m.user_id)).toEqual([3, 4, 7]);
    expect(f.messages[0].body).not.toContain('13912345678');
    expect(f.messages[0].body).not.toContain('370124199001011234');
    expect(f.messages[2].body).toBe(text);
  });

  it('tell every reporter and co-reporter but the one who acted', async () => {
    const f = fakeTimeline();
    const cases = { reporterIds: async () => [3, 4, 9] } as unknown as CasesRepository;
    await notifyReporters({ cases, timeline: f.timeline }, 5, 9, '事件PY1已受理', '', at);
    expect(f.messages.map((m) => [m.user_id, m.audience])).toEqual([[3, 'public'], [4, 'public']]);
  });
});
