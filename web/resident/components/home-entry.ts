import type { RouteLocationRaw } from 'vue-router';

/** One of the home page's big entry tiles: an icon, a name, a line of what it is for, a count. */
export interface HomeEntry {
  to: RouteLocationRaw;
  icon: string;
  label: string;
  hint: string;
  /** A number worth attention (unread messages, cases waiting); hidden when 0 or unknown. */
  badge?: number | null;
  badgeLabel?: string;
  primary?: boolean;
}
