import { ref } from 'vue';
import { api, ApiError, request } from './api';
import type { ChallengeSolution, Me } from '@common/contracts/identity';

/**
 * Who is signed in, shared by a client's router guard, layout and pages. The cookie is
 * httpOnly, so the only way to know is to ask /api/auth/me.
 */
export const me = ref<Me | null>(null);
let loaded: Promise<Me | null> | null = null;

export function loadMe(force = false): Promise<Me | null> {
  if (!loaded || force) {
    loaded = fetchMe();
    // A failed look-up (network, 5xx) must not stick: the next navigation asks again.
    loaded.catch(() => {
      loaded = null;
    });
  }
  return loaded;
}

async function fetchMe(): Promise<Me | null> {
  try {
    me.value = await request<Me>('GET', '/auth/me', { redirectOn401: false });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) me.value = null;
    else throw err;
  }
  return me.value;
}

/** One sign-in request; web/lib/sign-in.ts adds the waits and challenges around it. */
export async function login(username: string, password: string, challenge?: ChallengeSolution): Promise<Me> {
  const { user } = await api.post<{ user: Me }>('/auth/login', { username, password, challenge }, { redirectOn401: false });
  me.value = user;
  loaded = Promise.resolve(user);
  return user;
}

export async function logout(): Promise<void> {
  try {
    await api.post<void>('/auth/logout', undefined, { redirectOn401: false });
  } finally {
    forget();
  }
}

/** Drops what the client knows about the session (after logout or a 401). */
export function forget(): void {
  me.value = null;
  loaded = Promise.resolve(null);
}

/** True when the user holds at least one of the permissions (or when none are required). */
export function can(...permissions: string[]): boolean {
  if (permissions.length === 0) return true;
  const held: readonly string[] = me.value?.permissions ?? [];
  return permissions.some((p) => held.includes(p));
}
