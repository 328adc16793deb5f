import { ref, shallowRef, watch, type Ref } from 'vue';
import { ApiError } from '@lib/api';

/** Loads one thing (a detail page's record) again whenever its key changes. */
export function useResource<T, K>(key: () => K, load: (key: K) => Promise<T>) {
  const data = shallowRef<T | null>(null) as Ref<T | null>;
  const loading = ref(true);
  const error = ref<string | null>(null);
  // 404: the record does not exist for this viewer (or is outside their region); retrying won't help.
  const notFound = ref(false);
  let generation = 0;

  async function reload() {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    notFound.value = false;
    try {
      const value = await load(key());
      if (mine === generation) data.value = value;
    } catch (err) {
      if (mine === generation) {
        error.value = err instanceof ApiError ? err.message : String(err);
        notFound.value = err instanceof ApiError && err.status === 404;
      }
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  watch(key, reload, { immediate: true });
  return { data, loading, error, notFound, reload };
}
