import { ref } from 'vue';

/** Said on the page when a page's code could not be loaded (most likely: no network). */
export const navigationProblem = ref('');
