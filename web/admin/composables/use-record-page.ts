import { computed } from 'vue';
import { useRoute } from 'vue-router';
import { usePageTitle } from '@lib/title';
import { useResource } from './use-resource';

/**
 * A detail page's record: the :id of the route, loaded again when it changes, and the page
 * title once it is there.
 */
export function useRecordPage<T>(load: (id: number) => Promise<T>, title: (record: T) => string) {
  const route = useRoute();
  const id = computed(() => Number(route.params.id));
  const resource = useResource(() => id.value, load);
  usePageTitle(() => resource.data.value && title(resource.data.value));
  return { ...resource, id };
}
