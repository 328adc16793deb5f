/**
 * The critical alarms waiting for someone to acknowledge them, oldest first: what the popup
 * shows, one at a time, with how many more wait. Pure, so the rules are tested without a page:
 * an alarm is in it once however often it is announced, and it leaves only when acknowledged or
 * closed (anywhere: this tab's button, another operator's, the alarm centre).
 */
export interface Waiting {
  id: number;
  raisedAt: string;
}

export function withAlarm<T extends Waiting>(queue: readonly T[], alarm: T): T[] {
  const rest = queue.filter((a) => a.id !== alarm.id);
  return [...rest, alarm].sort((a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.id - b.id);
}

export const withoutAlarm = <T extends Waiting>(queue: readonly T[], id: number): T[] => queue.filter((a) => a.id !== id);
