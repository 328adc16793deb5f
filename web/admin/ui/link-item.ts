import type { RouteLocationRaw } from 'vue-router';

/** One name of a LinkList: a link where `to` is given. */
export interface LinkItem {
  key: string | number;
  label: string;
  to?: RouteLocationRaw | null;
}
