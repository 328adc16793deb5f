import { describe, expect, it } from 'vitest';
import { awaitsWorker } from './grid-queue';

describe('awaitsWorker', () => {
  it('keeps what the grid signs for and handles, and every handled case to check', () => {
    expect(awaitsWorker({ status: 'dispatched', handler: '第一网格' }, '第一网格')).toBe(true);
    expect(awaitsWorker({ status: 'in_progress', handler: '第一网格' }, '第一网格')).toBe(true);
    expect(awaitsWorker({ status: 'handled', handler: '县水务局' }, '第一网格')).toBe(true);
  });

  it("leaves out a department's cases in the grid's area, which the worker cannot act on", () => {
    expect(awaitsWorker({ status: 'dispatched', handler: '县水务局' }, '第一网格')).toBe(false);
    expect(awaitsWorker({ status: 'in_progress', handler: '县城市管理局' }, '第一网格')).toBe(false);
    expect(awaitsWorker({ status: 'closed', handler: '第一网格' }, '第一网格')).toBe(false);
  });
});
