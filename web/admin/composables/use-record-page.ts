import { computed } from 'vue';
import { useRoute } from 'vue-router';
import { api } from '@lib/api';
import { usePageTitle } from '@lib/title';
import { useResource } from './use-resource';

/**
 * A detail page's record: the :id of the route, loaded again when it changes, and the page
 * title once it is there (also given as `title`, for the page's h1: ui/RecordPage.vue).
 * `load` is a loader, or the API collection the record is read from (`'/grids'` reads `/grids/7`).
 */
export function useRecordPage<T>(load: string | ((id: number) => Promise<T>), titleOf: (record: T) => string) {
  const route = useRoute();
  const id = computed(() => Number(route.params.id));
  const resource = useResource(() => id.value, typeof load === 'string' ? (id: number) => api.get<T>(`${load}/${id}`) : load);
  const title = computed(() => (resource.data.value ? titleOf(resource.data.value) : undefined));
  usePageTitle(() => title.value);
  return { ...resource, id, title };
}
