import { ApiError } from '@lib/api';

/**
 * The few small lists the report form needs (categories, communities, one's own house), kept
 * from the last time they loaded, so a 网格员 who opens the form where there is no signal can
 * still fill it in and queue it. Only used when the network is unreachable; any answer from
 * the server (an error included) wins over the copy.
 */
const PREFIX = 'civicgrid.h5.cache.';

export async function withOfflineCopy<T>(key: string, load: () => Promise<T>): Promise<{ value: T; fromCopy: boolean }> {
  try {
    const value = await load();
    try {
      localStorage.setItem(PREFIX + key, JSON.stringify(value));
    } catch {
      /* storage full or private mode: no copy this time */
    }
    return { value, fromCopy: false };
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 0)) throw error;
    const copy = readCopy<T>(key);
    if (copy === null) throw error;
    return { value: copy, fromCopy: true };
  }
}

function readCopy<T>(key: string): T | null {
  try {
    const text = localStorage.getItem(PREFIX + key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}
