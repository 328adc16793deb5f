import type { RouteLocationRaw } from 'vue-router';
import { useRouter } from 'vue-router';
import { can } from '@lib/session';

/**
 * Where a link to another record goes (ui/OptionalLink.vue's `to`): that record's page when there
 * is one and the viewer may open it, by the permissions the router gives the page, else null
 * (the name shows as plain text).
 */
export function useRecordLink() {
  const router = useRouter();
  return (name: string, id: number | null | undefined): RouteLocationRaw | null => {
    if (!id) return null;
    const to = { name, params: { id } };
    return can(...(router.resolve(to).meta.permissions ?? [])) ? to : null;
  };
}
