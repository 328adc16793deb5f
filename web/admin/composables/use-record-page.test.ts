import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setTitleSuffix } from '@lib/title';
import { inRoute, settle } from './composable-harness';
import { useRecordPage } from './use-record-page';

/** A detail page's record: the route's :id, loaded again when it changes, and the page titled after it. */
const document = { title: '' };
beforeAll(() => {
  vi.stubGlobal('document', document);
  setTitleSuffix('智慧社区管理后台');
});
afterAll(() => vi.unstubAllGlobals());
let stop = () => {};
afterEach(() => stop());

describe('useRecordPage', () => {
  it("loads the record of the route's id, and titles the page after it", async () => {
    const asked: number[] = [];
    const page = await inRoute('/detail/7', () =>
      useRecordPage(
        async (id) => {
          asked.push(id);
          return { id, name: `居民${id}` };
        },
        (r) => `居民：${r.name}`,
      ),
    );
    stop = page.stop;
    await settle();
    expect(page.result.id.value).toBe(7);
    expect(page.result.data.value).toEqual({ id: 7, name: '居民7' });
    expect(page.result.title.value).toBe('居民：居民7');
    expect(document.title).toBe('居民：居民7 - 智慧社区管理后台');

    await page.router.push('/detail/8');
    await settle();
    expect(asked).toEqual([7, 8]);
    expect(document.title).toBe('居民：居民8 - 智慧社区管理后台');
  });
});
