import { describe, expect, it } from 'vitest';
import { usePagedList } from './use-paged-list';

/** 我的上报 and 消息: pages appended in order, a failed page leaves what is shown. */
describe('usePagedList', () => {
  it('starts over on page 1, appends later pages, and keeps them when a page fails', async () => {
    const pages: Record<number, string[]> = { 1: ['a', 'b'], 2: ['c'] };
    let fail = false;
    const list = usePagedList(async (page) => {
      if (fail) throw new Error('offline');
      return { items: pages[page] ?? [], total: 3 };
    });
    expect(list.loading.value).toBe(true);

    await list.load(1);
    await list.load(2);
    expect(list.items.value).toEqual(['a', 'b', 'c']);
    expect([list.total.value, list.page.value, list.loading.value]).toEqual([3, 2, false]);

    fail = true;
    await list.load(3);
    expect(list.error.value).toBe('Error: offline');
    expect([list.items.value.length, list.page.value]).toEqual([3, 2]);

    fail = false;
    await list.load(1);
    expect([list.items.value, list.error.value]).toEqual([['a', 'b'], '']);
  });
});
