import { ref } from 'vue';
import { caseApi } from './case-api';

/**
 * How many messages are unread, for the badge on the home page and the tab bar. Asked on the
 * home page and the messages page, and after a message is read; a failed ask (no network)
 * keeps the last known figure.
 */
export const unreadCount = ref<number | null>(null);

export async function refreshUnread(): Promise<void> {
  try {
    unreadCount.value = (await caseApi.notifications(1, 1)).unread;
  } catch {
    /* offline or signed out: keep what we knew */
  }
}
