import { computed, reactive, ref, shallowRef, watch } from 'vue';
import { isNavigationFailure, NavigationFailureType, useRoute, useRouter, type LocationQuery } from 'vue-router';
import { ApiError, type Query } from '@lib/api';
import type { Page } from '@common/contracts/shared';

type Order = 'asc' | 'desc';

interface Options<T> {
  /** Query-string keys that are filters (q, regionId, tag…). */
  filterKeys: readonly string[];
  load: (query: Query, signal: AbortSignal) => Promise<Page<T>>;
  defaultPageSize?: number;
}

function first(value: LocationQuery[string]): string {
  const v = Array.isArray(value) ? value[0] : value;
  return v ?? '';
}

/**
 * A server-paged list whose filters, page and sort live in the URL, so a list can be
 * bookmarked, shared, and left and come back to with the back button.
 */
export function useListQuery<T>(options: Options<T>) {
  const route = useRoute();
  const router = useRouter();
  const routeName = route.name;
  const defaultPageSize = options.defaultPageSize ?? 20;

  /** What the filter form shows; applied to the URL by search(). */
  const filters = reactive<Record<string, string>>(Object.fromEntries(options.filterKeys.map((k) => [k, ''])));
  const items = shallowRef<T[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const error = ref<string | null>(null);

  const page = computed(() => Math.max(1, Number(first(route.query.page)) || 1));
  const pageSize = computed(() => Number(first(route.query.pageSize)) || defaultPageSize);
  const sort = computed(() => first(route.query.sort) || undefined);
  const order = computed<Order>(() => (first(route.query.order) === 'desc' ? 'desc' : 'asc'));

  /** The applied filters and sort, without paging: what an export should use. */
  const appliedFilters = computed<Query>(() => {
    const query: Query = {};
    for (const key of options.filterKeys) {
      const value = first(route.query[key]);
      if (value) query[key] = value;
    }
    if (sort.value) {
      query.sort = sort.value;
      query.order = order.value;
    }
    return query;
  });

  let controller: AbortController | null = null;

  /** `quiet`: a refresh in the background (live events): no loading veil, and a failure keeps the rows shown. */
  async function fetchPage(quiet = false) {
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    if (!quiet) {
      loading.value = true;
      error.value = null;
    }
    try {
      const result = await options.load({ ...appliedFilters.value, page: page.value, pageSize: pageSize.value }, signal);
      if (signal.aborted) return;
      items.value = result.items;
      total.value = result.total;
    } catch (err) {
      if (signal.aborted || (err as Error).name === 'AbortError' || quiet) return;
      items.value = [];
      total.value = 0;
      error.value = err instanceof ApiError ? err.message : String(err);
    } finally {
      if (!signal.aborted) loading.value = false;
    }
  }

  watch(
    () => route.query,
    () => {
      if (route.name !== routeName) return;
      for (const key of options.filterKeys) filters[key] = first(route.query[key]);
      void fetchPage();
    },
    { immediate: true },
  );

  function navigate(query: Record<string, string | number | undefined>) {
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') clean[k] = String(v);
    router.push({ name: routeName ?? undefined, params: route.params, query: clean }).then((failure) => {
      // Searching again with the same filters still means "refresh".
      if (isNavigationFailure(failure, NavigationFailureType.duplicated)) void fetchPage();
    });
  }

  function current(): Record<string, string | number | undefined> {
    return {
      ...Object.fromEntries(options.filterKeys.map((k) => [k, first(route.query[k])])),
      sort: sort.value,
      order: sort.value ? order.value : undefined,
      pageSize: pageSize.value === defaultPageSize ? undefined : pageSize.value,
    };
  }

  return {
    filters,
    items,
    total,
    loading,
    error,
    page,
    pageSize,
    sort,
    order,
    appliedFilters,
    /** Apply the filter form, back to page 1. */
    search() {
      navigate({ ...current(), ...filters, page: undefined });
    },
    reset() {
      for (const key of options.filterKeys) filters[key] = '';
      navigate({ sort: sort.value, order: sort.value ? order.value : undefined });
    },
    setPage(p: number) {
      navigate({ ...current(), page: p > 1 ? p : undefined });
    },
    setPageSize(size: number) {
      navigate({ ...current(), pageSize: size === defaultPageSize ? undefined : size, page: undefined });
    },
    setSort(key: string, direction: Order) {
      navigate({ ...current(), sort: key, order: direction, page: undefined });
    },
    reload: () => fetchPage(),
    /** The same page again, its rows changed in place: for what live events say has changed. */
    refresh: () => fetchPage(true),
  };
}
