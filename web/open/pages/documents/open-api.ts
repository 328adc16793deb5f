import { ref, watch, type WatchSource } from 'vue';
import { api, errorMessage } from '@lib/api';
import type { OpenDocumentFacets } from '@common/contracts/documents';
import { chineseDate } from '@common/dates';

/**
 * A public page's data: loaded, and loaded again when its source changes (a route's id or
 * query), with the state the page shows while it waits or when it failed.
 */
export function useOpenData<T>(source: WatchSource, load: () => Promise<T>) {
  const data = ref<T | null>(null);
  const error = ref<string | null>(null);
  const notFound = ref(false);
  const loading = ref(false);
  let current = 0;
  const run = async () => {
    const mine = ++current;
    loading.value = true;
    error.value = null;
    notFound.value = false;
    try {
      const value = await load();
      if (mine === current) data.value = value;
    } catch (e) {
      if (mine !== current) return;
      data.value = null;
      notFound.value = (e as { status?: number }).status === 404;
      error.value = errorMessage(e);
    } finally {
      if (mine === current) loading.value = false;
    }
  };
  watch(source, run, { immediate: true });
  return { data, error, notFound, loading, reload: run };
}

export const openGet = <T>(path: string, query?: Record<string, string | number | undefined>) => api.get<T>(`/open${path}`, query);

export const loadFacets = () => openGet<OpenDocumentFacets>('/documents/facets');

/** A document's date as the document prints it (2023年7月28日), or — when it has none. */
export const dateZh = (day: string | null) => (day ? chineseDate(day) : '—');
