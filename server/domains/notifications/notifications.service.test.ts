import { describe, expect, it } from 'vitest';
import { fakeViewer } from '../../test/fakes.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Role } from '../../../common/enums.js';
import { manualClock } from '../../platform/clock.js';
import type { NotificationsRepository } from './notifications.repository.js';
import { inbox, markRead, sendNotice } from './notifications.service.js';

/** The one writer of messages and the inbox, with a fake repository (docs/decisions/009: audiences, masking). */
const at = new Date('2026-12-02T02:00:00Z');
const viewer = (role: Role): Viewer => fakeViewer(role, { userId: 42 });
const staff = (v: Viewer) => v.role !== 'resident' && v.role !== 'property_staff';

describe('sending', () => {
  it('masks numbers typed into a public message, never into a staff one, and reaches each recipient once', async () => {
    const messages: { user_id: number; title: string; body: string; audience?: string }[] = [];
    const repo = {
      insert: async (rows: typeof messages) => {
        messages.push(...rows);
      },
    };
    const text = '请致电13912345678，身份证370124199001011234';
    await sendNotice(repo, [3, 3, 4], { kind: 'case_update', caseId: 5, title: text, body: text, audience: 'public', at });
    await sendNotice(repo, [7], { kind: 'case_dispatched', caseId: 5, title: text, body: text, audience: 'internal', at });
    expect(messages.map((m) => [m.user_id, m.audience])).toEqual([
      [3, 'public'],
      [4, 'public'],
      [7, 'internal'],
    ]);
    for (const m of messages.slice(0, 2)) {
      expect(m.title + m.body).not.toContain('13912345678');
      expect(m.title + m.body).not.toContain('370124199001011234');
    }
    expect(messages[2].body).toBe(text);
  });
});

describe('the inbox', () => {
  const row = {
    id: 9,
    user_id: 42,
    kind: 'case_update',
    case_id: 5,
    title: '事件PY1已受理',
    body: '',
    audience: 'public' as const,
    created_at: at,
    read_at: null,
  };

  it('reads only public messages for whoever is not staff, all of their own for staff, newest first with the unread count', async () => {
    const asked: unknown[] = [];
    const notifications = {
      inbox: async (...args: unknown[]) => {
        asked.push(args);
        return { rows: [row], total: 1, unread: 1 };
      },
    } as unknown as NotificationsRepository;
    const page = await inbox({ notifications, readsStaffMessages: staff }, viewer('resident'), { page: 2, pageSize: 10 });
    await inbox({ notifications, readsStaffMessages: staff }, viewer('community_staff'), { page: 1, pageSize: 20 });
    expect(asked).toEqual([
      [42, true, { offset: 10, limit: 10 }],
      [42, false, { offset: 0, limit: 20 }],
    ]);
    expect(page).toEqual({
      total: 1,
      unread: 1,
      items: [
        {
          id: 9,
          kind: 'case_update',
          caseId: 5,
          title: '事件PY1已受理',
          body: '',
          audience: 'public',
          createdAt: at.toISOString(),
          read: false,
        },
      ],
    });
  });

  it("marks a message read only in its recipient's own inbox; anyone else's is 404", async () => {
    const marked: unknown[] = [];
    const notifications = {
      markRead: async (userId: number, id: number, when: Date) => {
        marked.push([userId, id, when.toISOString()]);
        return id === 9;
      },
    } as unknown as NotificationsRepository;
    const clock = manualClock('2026-12-02T10:00:00+08:00');
    await markRead({ notifications, clock }, viewer('resident'), 9);
    await expect(markRead({ notifications, clock }, viewer('resident'), 10)).rejects.toMatchObject({ status: 404 });
    expect(marked).toEqual([
      [42, 9, '2026-12-02T02:00:00.000Z'],
      [42, 10, '2026-12-02T02:00:00.000Z'],
    ]);
  });
});
