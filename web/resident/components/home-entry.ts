import type { RouteLocationRaw } from 'vue-router';

/** One of the home page's big entry tiles: an icon, a name, a line of what it is for, a count. */
export interface HomeEntry {
  to: RouteLocationRaw;
  /** A Vant icon's name (https://vant-ui.github.io/vant/#/zh-CN/icon): edit, orders-o, chat-o … */
  icon: string;
  label: string;
  hint: string;
  /** A number worth attention (unread messages, cases waiting); hidden when 0 or unknown. */
  badge?: number | null;
  badgeLabel?: string;
  primary?: boolean;
}

/** The tiles every H5 user has after their own: 消息 (with the unread count) and 身边的事. */
export function everyonesEntries(t: (key: string) => string, unread: number | null): HomeEntry[] {
  return [
    {
      to: { name: 'notifications' },
      icon: 'chat-o',
      label: t('h5cases.home.messages'),
      hint: t('h5cases.home.messagesHint'),
      badge: unread,
    },
    { to: { name: 'public-map' }, icon: 'location-o', label: t('h5cases.home.publicMap'), hint: t('h5cases.home.publicMapHint') },
  ];
}
