import { describe, expect, it } from 'vitest';
import { withAlarm, withoutAlarm } from './critical-queue';

const a = (id: number, raisedAt: string) => ({ id, raisedAt });

describe('the critical alarms waiting', () => {
  it('keeps each alarm once, oldest first, and lets it go when acknowledged', () => {
    let queue = withAlarm([], a(2, '2026-12-05T09:00:02Z'));
    queue = withAlarm(queue, a(1, '2026-12-05T09:00:01Z'));
    queue = withAlarm(queue, { ...a(2, '2026-12-05T09:00:02Z') }); // announced again (a reset reload)
    expect(queue.map((x) => x.id)).toEqual([1, 2]);
    expect(withoutAlarm(queue, 1).map((x) => x.id)).toEqual([2]);
    expect(withoutAlarm(queue, 9)).toEqual(queue);
  });
});
