import { computed } from 'vue';
import { useRoute } from 'vue-router';
import { usePageTitle } from '@lib/title';
import { useResource } from './use-resource';

/**
 * A detail page's record: the :id of the route, loaded again when it changes, and the page
 * title once it is there (also given as `title`, for the page's h1: ui/RecordPage.vue).
 */
export function useRecordPage<T>(load: (id: number) => Promise<T>, titleOf: (record: T) => string) {
  const route = useRoute();
  const id = computed(() => Number(route.params.id));
  const resource = useResource(() => id.value, load);
  const title = computed(() => (resource.data.value ? titleOf(resource.data.value) : undefined));
  usePageTitle(() => title.value);
  return { ...resource, id, title };
}
