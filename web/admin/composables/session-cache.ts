import { shallowRef, type ShallowRef } from 'vue';

/**
 * Reference data fetched once per session and shared by every picker (the region tree, the case
 * categories). `load()` starts the request unless one is under way and answers it; a failed one is
 * forgotten, so the next call asks again. `use()` starts it quietly and gives the shared ref, empty
 * until the data is there: pickers stay empty on a failure, and pages show their own errors.
 */
export function sessionCache<T>(fetch: () => Promise<T>): { load: () => Promise<T>; use: () => ShallowRef<T | null> } {
  const value = shallowRef<T | null>(null);
  let pending: Promise<T> | null = null;

  function load(): Promise<T> {
    if (!pending) {
      pending = fetch().then((data) => (value.value = data));
      pending.catch(() => {
        pending = null;
      });
    }
    return pending;
  }

  function use() {
    load().catch(() => {});
    return value;
  }

  return { load, use };
}
