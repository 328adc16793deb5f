import { ref, shallowRef } from 'vue';
import { useTask } from '@lib/use-task';

/**
 * A list read a page at a time and shown as one growing list (我的上报, 消息): `load(1)` starts it
 * again, `load(page + 1)` appends the next page. While a page loads `loading` is true; a failure's
 * message is in `error` and the pages already shown stay.
 */
export function usePagedList<T>(fetchPage: (page: number) => Promise<{ items: T[]; total: number }>) {
  const { busy: loading, error, run } = useTask({ busy: true });
  const items = shallowRef<T[]>([]);
  const total = ref(0);
  const page = ref(1);

  async function load(next = 1) {
    const result = await run(() => fetchPage(next));
    if (!result) return;
    items.value = next === 1 ? result.items : [...items.value, ...result.items];
    total.value = result.total;
    page.value = next;
  }

  return { items, total, page, loading, error, load };
}
