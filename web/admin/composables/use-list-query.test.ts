import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, type Query } from '@lib/api';
import type { Page } from '@common/contracts/shared';
import { deferred, inRoute, settle } from './composable-harness';
import { useListQuery } from './use-list-query';

/**
 * A server-paged list whose filters, page and sort live in the URL: what it asks the server for,
 * how the URL follows the filter form, and which answer wins when several are in flight.
 */
interface Row {
  id: number;
}
let stops: (() => void)[] = [];
afterEach(() => {
  stops.forEach((stop) => stop());
  stops = [];
});

async function list(url: string, answer: (query: Query) => Promise<Page<Row>> = async () => ({ items: [{ id: 1 }], total: 41 })) {
  const asked: Query[] = [];
  const signals: AbortSignal[] = [];
  const mounted = await inRoute(url, () =>
    useListQuery<Row>({
      filterKeys: ['q', 'regionId'],
      load: (query, signal) => {
        asked.push(query);
        signals.push(signal);
        return answer(query);
      },
    }),
  );
  stops.push(mounted.stop);
  await settle();
  return { ...mounted, asked, signals, list: mounted.result };
}

describe('useListQuery', () => {
  it('loads the page the URL names, with its filters and sort', async () => {
    const { asked, list: l } = await list('/list?q=王&regionId=3&page=2&pageSize=50&sort=name&order=desc&other=x');
    expect(asked).toEqual([{ q: '王', regionId: '3', sort: 'name', order: 'desc', page: 2, pageSize: 50 }]);
    expect(l.filters).toEqual({ q: '王', regionId: '3' });
    expect(l.items.value).toEqual([{ id: 1 }]);
    expect(l.total.value).toBe(41);
    expect(l.loading.value).toBe(false);
    expect(l.appliedFilters.value).toEqual({ q: '王', regionId: '3', sort: 'name', order: 'desc' });
  });

  it('starts at page 1 of 20, sorted as the server likes, when the URL says nothing', async () => {
    const { asked, list: l } = await list('/list');
    expect(asked).toEqual([{ page: 1, pageSize: 20 }]);
    expect([l.page.value, l.pageSize.value, l.sort.value, l.order.value]).toEqual([1, 20, undefined, 'asc']);
  });

  it('applies the filter form to the URL from page 1, keeping sort and page size', async () => {
    const { router, asked, list: l } = await list('/list?q=王&page=3&pageSize=50&sort=age');
    l.filters.q = '李';
    l.filters.regionId = '7';
    l.search();
    await settle();
    expect(router.currentRoute.value.query).toEqual({ q: '李', regionId: '7', sort: 'age', order: 'asc', pageSize: '50' });
    expect(asked.at(-1)).toEqual({ q: '李', regionId: '7', sort: 'age', order: 'asc', page: 1, pageSize: 50 });
  });

  it('pages, resizes and sorts through the URL, leaving defaults out of it', async () => {
    const { router, list: l } = await list('/list?q=王');
    l.setPage(4);
    await settle();
    expect(router.currentRoute.value.query).toEqual({ q: '王', page: '4' });
    l.setPageSize(100);
    await settle();
    expect(router.currentRoute.value.query).toEqual({ q: '王', pageSize: '100' });
    l.setSort('name', 'desc');
    await settle();
    expect(router.currentRoute.value.query).toEqual({ q: '王', pageSize: '100', sort: 'name', order: 'desc' });
    l.setPage(1);
    await settle();
    expect(router.currentRoute.value.query).toEqual({ q: '王', pageSize: '100', sort: 'name', order: 'desc' });
  });

  it('clears the filters on reset but keeps the sort', async () => {
    const { router, list: l } = await list('/list?q=王&regionId=3&sort=name&page=2');
    l.reset();
    await settle();
    expect(l.filters).toEqual({ q: '', regionId: '' });
    expect(router.currentRoute.value.query).toEqual({ sort: 'name', order: 'asc' });
  });

  it('loads again when the same search is made twice', async () => {
    const { asked, list: l } = await list('/list?q=王');
    l.search();
    await settle();
    expect(asked).toHaveLength(2);
    expect(asked[1]).toEqual(asked[0]);
  });

  it('keeps the newest answer when an older one arrives late, and aborts the older request', async () => {
    const answers = [deferred<Page<Row>>(), deferred<Page<Row>>()];
    let n = 0;
    const { signals, list: l } = await list('/list?q=a', () => answers[n++].promise);
    l.filters.q = 'b';
    l.search();
    await settle();
    expect(signals[0].aborted).toBe(true);
    answers[1].resolve({ items: [{ id: 2 }], total: 1 });
    await settle();
    answers[0].resolve({ items: [{ id: 1 }], total: 1 });
    await settle();
    expect(l.items.value).toEqual([{ id: 2 }]);
    expect(l.loading.value).toBe(false);
  });

  it("shows the server's message and an empty list when a load fails", async () => {
    const { list: l } = await list('/list', async () => {
      throw new ApiError(400, 'INVALID', '查询条件不正确');
    });
    expect(l.error.value).toBe('查询条件不正确');
    expect([l.items.value, l.total.value, l.loading.value]).toEqual([[], 0, false]);
  });

  it("stops following the URL once the list's page is left", async () => {
    const { router, asked } = await list('/list?q=王');
    await router.push('/detail/5?q=李');
    await settle();
    expect(asked).toHaveLength(1);
  });

  it('refreshes the same page in the background for live events: no loading veil, and a failure keeps the rows', async () => {
    let answer = deferred<Page<Row>>();
    let calls = 0;
    const { asked, list: l } = await list('/list?q=王&page=2', () =>
      ++calls === 1 ? Promise.resolve({ items: [{ id: 1 }], total: 41 }) : answer.promise,
    );
    const refreshed = l.refresh();
    expect(l.loading.value).toBe(false);
    answer.resolve({ items: [{ id: 2 }], total: 42 });
    await refreshed;
    expect(asked.at(-1)).toEqual({ q: '王', page: 2, pageSize: 20 });
    expect([l.items.value, l.total.value, l.loading.value]).toEqual([[{ id: 2 }], 42, false]);
    answer = deferred<Page<Row>>();
    const failed = l.refresh();
    answer.reject(new ApiError(503, 'DOWN', '服务器暂时无法处理请求'));
    await failed;
    expect([l.items.value, l.error.value]).toEqual([[{ id: 2 }], null]);
  });
});
